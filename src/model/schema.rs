//! The annotation schema: entity types with their colours and shortcut keys.

use serde::{Deserialize, Serialize};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// One entity type, such as `PER`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityType {
    /// Short name stored on each mention (`PER`, `ORG`, …). Unique in a schema.
    pub name: String,
    /// Human description shown in menus ("Person").
    #[serde(default)]
    pub description: String,
    /// Highlight colour.
    pub color: Rgb,
    /// Shortcut key, `'1'`–`'9'`, if any. Unique in a schema.
    #[serde(default)]
    pub key: Option<char>,
}

/// One position on the stance scale, such as `oppose`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Polarity {
    /// Name stored on each stance (`support`, `oppose`, …). Unique in a schema.
    pub name: String,
    /// Human description.
    #[serde(default)]
    pub description: String,
    /// Colour of evidence underlines and overview cells.
    pub color: Rgb,
    /// Key in the stance form, `'1'`–`'9'`, if any. Unique among polarities.
    #[serde(default)]
    pub key: Option<char>,
}

/// The project's schema.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Schema {
    /// Entity types in display order.
    pub entity_types: Vec<EntityType>,
    /// The stance scale in display order (absent in older files: the default scale).
    #[serde(default = "default_polarities")]
    pub polarities: Vec<Polarity>,
    /// Words ending in a period after which a sentence does not end before
    /// a capitalised word, besides the built-in ones (version 7), for
    /// token exports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<String>,
    /// Relation types in display order (version 8; absent in older files:
    /// the default set).
    #[serde(default = "super::relation::default_relation_types")]
    pub relation_types: Vec<super::relation::RelationType>,
    /// Reporting words and phrases ("said", "according to") for suggesting
    /// a quotation's cue (version 8; absent in older files: the default list).
    #[serde(default = "default_cues")]
    pub cues: Vec<String>,
    /// The document codebook: variables coded once per document (version 9).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<super::codebook::Variable>,
}

/// The reporting words a schema starts with.
#[must_use]
pub fn default_cues() -> Vec<String> {
    super::attribution::DEFAULT_CUES
        .iter()
        .map(|c| (*c).to_owned())
        .collect()
}

/// The default stance scale: support, oppose, neutral, unclear on keys 1–4.
#[must_use]
pub fn default_polarities() -> Vec<Polarity> {
    let p = |name: &str, description: &str, color: Rgb, key: char| Polarity {
        name: name.to_owned(),
        description: description.to_owned(),
        color,
        key: Some(key),
    };
    vec![
        p(
            "support",
            "Supports, agrees with, defends",
            Rgb(0, 158, 115),
            '1',
        ),
        p(
            "oppose",
            "Opposes, rejects, criticises",
            Rgb(213, 94, 0),
            '2',
        ),
        p("neutral", "Takes no side", Rgb(153, 153, 153), '3'),
        p("unclear", "Cannot tell", Rgb(0, 114, 178), '4'),
    ]
}

/// The per-document table's fixed columns, before the codebook's.
pub const DOCUMENT_COLUMNS: [&str; 6] = ["path", "title", "outlet", "date", "status", "annotator"];

impl Schema {
    /// The type named `name`, if the schema has it.
    #[must_use]
    pub fn entity_type(&self, name: &str) -> Option<&EntityType> {
        self.entity_types.iter().find(|t| t.name == name)
    }

    /// The type whose shortcut is `key`.
    #[must_use]
    pub fn type_for_key(&self, key: char) -> Option<&EntityType> {
        self.entity_types.iter().find(|t| t.key == Some(key))
    }

    /// Position of the type named `name`.
    #[must_use]
    pub fn position(&self, name: &str) -> Option<usize> {
        self.entity_types.iter().position(|t| t.name == name)
    }

    /// The polarity named `name`.
    #[must_use]
    pub fn polarity(&self, name: &str) -> Option<&Polarity> {
        self.polarities.iter().find(|p| p.name == name)
    }

    /// The polarity whose form key is `key`.
    #[must_use]
    pub fn polarity_for_key(&self, key: char) -> Option<&Polarity> {
        self.polarities.iter().find(|p| p.key == Some(key))
    }

    /// Colour of a polarity; grey for one the schema does not have.
    #[must_use]
    pub fn polarity_color(&self, name: &str) -> Rgb {
        self.polarity(name).map_or(Rgb(150, 150, 150), |p| p.color)
    }

    /// The relation type named `name`.
    #[must_use]
    pub fn relation_type(&self, name: &str) -> Option<&super::relation::RelationType> {
        self.relation_types.iter().find(|t| t.name == name)
    }

    /// The relation type whose key is `key`.
    #[must_use]
    pub fn relation_type_for_key(&self, key: char) -> Option<&super::relation::RelationType> {
        self.relation_types.iter().find(|t| t.key == Some(key))
    }

    /// Colour for a type name; grey for a name the schema does not have.
    #[must_use]
    pub fn color_of(&self, name: &str) -> Rgb {
        self.entity_type(name)
            .map_or(Rgb(150, 150, 150), |t| t.color)
    }

    /// Problems that make the schema unusable: empty or duplicate names and
    /// duplicate keys. Empty when the schema is fine.
    #[must_use]
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, t) in self.entity_types.iter().enumerate() {
            if t.name.trim().is_empty() {
                out.push(format!("entity type #{} has an empty name", i + 1));
            }
            if t.name.chars().any(char::is_whitespace) {
                out.push(format!("entity type name {:?} contains whitespace", t.name));
            }
            if self.entity_types[..i].iter().any(|o| o.name == t.name) {
                out.push(format!("entity type {:?} is defined twice", t.name));
            }
            if let Some(k) = t.key {
                if !('1'..='9').contains(&k) {
                    out.push(format!(
                        "entity type {:?} has key {k:?}; keys are 1-9",
                        t.name
                    ));
                }
                if self.entity_types[..i].iter().any(|o| o.key == Some(k)) {
                    out.push(format!("key {k} is given to two entity types"));
                }
            }
        }
        for (i, p) in self.polarities.iter().enumerate() {
            if p.name.trim().is_empty() || p.name.chars().any(char::is_whitespace) {
                out.push(format!("polarity #{} needs a name without spaces", i + 1));
            }
            if self.polarities[..i].iter().any(|o| o.name == p.name) {
                out.push(format!("polarity {:?} is defined twice", p.name));
            }
            if let Some(k) = p.key {
                if !('1'..='9').contains(&k) {
                    out.push(format!("polarity {:?} has key {k:?}; keys are 1-9", p.name));
                }
                if self.polarities[..i].iter().any(|o| o.key == Some(k)) {
                    out.push(format!("key {k} is given to two polarities"));
                }
            }
        }
        for (i, r) in self.relation_types.iter().enumerate() {
            if r.name.trim().is_empty() || r.name.chars().any(char::is_whitespace) {
                out.push(format!(
                    "relation type #{} needs a name without spaces",
                    i + 1
                ));
            }
            if self.relation_types[..i].iter().any(|o| o.name == r.name) {
                out.push(format!("relation type {:?} is defined twice", r.name));
            }
            if let Some(k) = r.key {
                if !('1'..='9').contains(&k) {
                    out.push(format!(
                        "relation type {:?} has key {k:?}; keys are 1-9",
                        r.name
                    ));
                }
                if self.relation_types[..i].iter().any(|o| o.key == Some(k)) {
                    out.push(format!("key {k} is given to two relation types"));
                }
            }
        }
        self.codebook_problems(&mut out);
        out
    }

    /// The columns of the per-document table (`documents-csv`): path,
    /// title, outlet, date, status and annotator; one per codebook variable
    /// (a multiple choice one per value, `VARIABLE__VALUE`); the mentions
    /// per entity type (`mentions_TYPE`) and the stances per polarity
    /// (`stances_POLARITY`).
    #[must_use]
    pub fn document_columns(&self) -> Vec<String> {
        let mut h: Vec<String> = DOCUMENT_COLUMNS.iter().map(|s| (*s).to_owned()).collect();
        for v in &self.variables {
            match &v.kind {
                super::codebook::VariableKind::Multiple(values) => {
                    h.extend(values.iter().map(|c| format!("{}__{}", v.name, c.name)));
                }
                _ => h.push(v.name.clone()),
            }
        }
        h.extend(
            self.entity_types
                .iter()
                .map(|t| format!("mentions_{}", t.name)),
        );
        h.extend(
            self.polarities
                .iter()
                .map(|p| format!("stances_{}", p.name)),
        );
        h
    }

    /// Problems of the codebook: names empty or given twice, number bounds
    /// that are not numbers or are reversed, and names that would give the
    /// per-document table two columns of one name.
    fn codebook_problems(&self, out: &mut Vec<String>) {
        use super::codebook::VariableKind;
        for (i, v) in self.variables.iter().enumerate() {
            if v.name.trim().is_empty() {
                out.push(format!("codebook variable #{} has an empty name", i + 1));
            }
            if self.variables[..i].iter().any(|o| o.name == v.name) {
                out.push(format!("codebook variable {:?} is defined twice", v.name));
            }
            if let VariableKind::Number { min, max } = &v.kind {
                for (which, bound) in [("lowest", min), ("highest", max)] {
                    if let Some(b) = bound
                        && !b.0.is_finite()
                    {
                        out.push(format!(
                            "codebook variable {:?}: its {which} value {} is not a number",
                            v.name, b.0
                        ));
                    }
                }
                if let (Some(lo), Some(hi)) = (min, max)
                    && lo.0 > hi.0
                {
                    out.push(format!(
                        "codebook variable {:?}: its lowest value {} is above its highest {}",
                        v.name, lo.0, hi.0
                    ));
                }
            }
        }
        // The other columns, then each variable's, which must meet none of
        // them nor another variable's (a variable defined twice is said above).
        let mut seen: std::collections::HashSet<String> = DOCUMENT_COLUMNS
            .iter()
            .map(|c| (*c).to_owned())
            .chain(
                self.entity_types
                    .iter()
                    .map(|t| format!("mentions_{}", t.name)),
            )
            .chain(
                self.polarities
                    .iter()
                    .map(|p| format!("stances_{}", p.name)),
            )
            .collect();
        let mut names = std::collections::HashSet::new();
        let variable_columns = self
            .variables
            .iter()
            .filter(|v| names.insert(v.name.as_str()))
            .flat_map(|v| match &v.kind {
                VariableKind::Multiple(values) => values
                    .iter()
                    .map(|c| format!("{}__{}", v.name, c.name))
                    .collect::<Vec<_>>(),
                _ => vec![v.name.clone()],
            });
        for c in variable_columns {
            if !seen.insert(c.clone()) {
                out.push(format!(
                    "the per-document table would have two columns named {c:?} (a codebook variable's name meets another column: {}, VARIABLE__VALUE, mentions_TYPE, stances_POLARITY); rename the variable",
                    DOCUMENT_COLUMNS.join(", ")
                ));
            }
        }
    }

    /// The schema the project starts with when no other is given: PER, ORG,
    /// GPE, LOC, EVENT and MISC on keys 1–6, in the Okabe–Ito palette, which
    /// stays distinguishable with the common colour-vision deficiencies.
    /// `assets/default-schema.ron` holds the same schema (a test checks it).
    #[must_use]
    pub fn builtin() -> Self {
        let t = |name: &str, description: &str, color: Rgb, key: char| EntityType {
            name: name.to_owned(),
            description: description.to_owned(),
            color,
            key: Some(key),
        };
        Self {
            entity_types: vec![
                t("PER", "Person", Rgb(230, 159, 0), '1'),
                t("ORG", "Organisation", Rgb(86, 180, 233), '2'),
                t("GPE", "Geo-political entity", Rgb(0, 158, 115), '3'),
                t("LOC", "Location", Rgb(240, 228, 66), '4'),
                t("EVENT", "Event", Rgb(204, 121, 167), '5'),
                t("MISC", "Miscellaneous", Rgb(213, 94, 0), '6'),
            ],
            polarities: default_polarities(),
            abbreviations: Vec::new(),
            relation_types: super::relation::default_relation_types(),
            cues: default_cues(),
            variables: Vec::new(),
        }
    }
}

impl Default for Schema {
    fn default() -> Self {
        Self::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_schema_is_valid_and_keyed() {
        let schema = Schema::builtin();
        assert!(schema.problems().is_empty());
        assert_eq!(
            schema.type_for_key('1').map(|t| t.name.as_str()),
            Some("PER")
        );
        assert_eq!(schema.type_for_key('9'), None);
    }

    #[test]
    fn problems_are_found() {
        let mut schema = Schema::builtin();
        schema.entity_types[1].name = "PER".into();
        schema.entity_types[2].key = Some('1');
        schema.entity_types[3].name = "TWO WORDS".into();
        let problems = schema.problems();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}

#[cfg(test)]
mod codebook_tests {
    use super::*;
    use crate::model::codebook::{Choice, Num, Variable, VariableKind};

    fn var(name: &str, kind: VariableKind) -> Variable {
        Variable {
            name: name.into(),
            description: String::new(),
            kind,
            condition: None,
            required: false,
        }
    }

    fn choices(names: &[&str]) -> Vec<Choice> {
        names
            .iter()
            .map(|n| Choice {
                name: (*n).into(),
                label: String::new(),
            })
            .collect()
    }

    #[test]
    fn codebooks_that_break_the_table_or_their_bounds_are_refused() {
        let number = |min: f64, max: f64| VariableKind::Number {
            min: Some(Num(min)),
            max: Some(Num(max)),
        };
        for (variables, problem) in [
            (
                vec![var("path", VariableKind::Text)],
                "two columns named \"path\"",
            ),
            (
                vec![
                    var("a", VariableKind::Multiple(choices(&["b"]))),
                    var("a__b", VariableKind::Text),
                ],
                "two columns named \"a__b\"",
            ),
            (
                vec![var("mentions_PER", VariableKind::Text)],
                "\"mentions_PER\"",
            ),
            (
                vec![var("n", VariableKind::Text), var("n", VariableKind::Text)],
                "codebook variable \"n\" is defined twice",
            ),
            (vec![var("n", number(f64::NAN, 1.0))], "is not a number"),
            (
                vec![var("n", number(5.0, 1.0))],
                "lowest value 5 is above its highest 1",
            ),
            (vec![var(" ", VariableKind::Text)], "has an empty name"),
        ] {
            let mut schema = Schema::builtin();
            schema.variables = variables;
            let problems = schema.problems();
            assert!(
                problems.iter().any(|p| p.contains(problem)),
                "{problem}: {problems:?}"
            );
            assert_eq!(problems.len(), 1, "{problems:?}");
        }
        let mut fine = Schema::builtin();
        fine.variables = vec![
            var(
                "frame",
                VariableKind::Multiple(choices(&["legal", "economic"])),
            ),
            var("sources", number(0.0, 50.0)),
        ];
        assert!(fine.problems().is_empty());
    }
}
