//! Relations between two mentions of one document ("Lavrov" `member_of`
//! "the Russian government"), typed by the schema's relation types.

use serde::{Deserialize, Serialize};

use super::annotation::{MentionId, Provenance};
use super::schema::Rgb;

/// Identifier of a relation, unique within its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RelationId(pub u64);

impl std::fmt::Display for RelationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "r{}", self.0)
    }
}

/// A typed link from one mention (the source) to another (the target) in
/// the same document. For a symmetric type the order means nothing.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Relation {
    /// Identifier, unique within the document.
    pub id: RelationId,
    /// Relation type name from the schema.
    pub label: String,
    /// The source mention.
    pub source: MentionId,
    /// The target mention.
    pub target: MentionId,
    /// Free-text note.
    pub note: String,
    /// For gold relations: which annotators had it and who adjudicated.
    pub provenance: Option<Provenance>,
}

impl Relation {
    /// A relation without note or provenance.
    #[must_use]
    pub fn new(
        id: RelationId,
        label: impl Into<String>,
        source: MentionId,
        target: MentionId,
    ) -> Self {
        Self {
            id,
            label: label.into(),
            source,
            target,
            note: String::new(),
            provenance: None,
        }
    }

    /// True when the relation starts or ends at `mention`.
    #[must_use]
    pub fn uses(&self, mention: MentionId) -> bool {
        self.source == mention || self.target == mention
    }
}

/// One relation type, such as `member_of`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RelationType {
    /// Name stored on each relation. Unique among relation types.
    pub name: String,
    /// Human description.
    #[serde(default)]
    pub description: String,
    /// Colour of its arcs.
    pub color: Rgb,
    /// Key that picks it while relating, `'1'`–`'9'`, if any.
    #[serde(default)]
    pub key: Option<char>,
    /// Symmetric (`meets`): source and target may be swapped.
    #[serde(default)]
    pub symmetric: bool,
    /// Entity types a source may have; empty: any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Entity types a target may have; empty: any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// The names of its two arguments as another tool wrote them (brat's
    /// `source:T1 target:T2`), so they go back out as they came; absent:
    /// `Arg1` and `Arg2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<(String, String)>,
}

impl RelationType {
    /// A directed type that any two mentions may have.
    #[must_use]
    pub fn new(name: impl Into<String>, color: Rgb) -> Self {
        Self {
            name: name.into(),
            description: String::new(),
            color,
            key: None,
            symmetric: false,
            sources: Vec::new(),
            targets: Vec::new(),
            roles: None,
        }
    }

    /// The names of its source and target arguments in brat: its recorded
    /// roles, else `Arg1` and `Arg2`.
    #[must_use]
    pub fn role_names(&self) -> (&str, &str) {
        self.roles
            .as_ref()
            .map_or(("Arg1", "Arg2"), |(a, b)| (a.as_str(), b.as_str()))
    }

    /// Why a mention of type `source` may not relate to one of type
    /// `target` by this type; `None` when it may. A symmetric type also
    /// accepts the two the other way round.
    #[must_use]
    pub fn refuses(&self, source: &str, target: &str) -> Option<String> {
        let fits = |s: &str, t: &str| {
            (self.sources.is_empty() || self.sources.iter().any(|x| x == s))
                && (self.targets.is_empty() || self.targets.iter().any(|x| x == t))
        };
        if fits(source, target) || (self.symmetric && fits(target, source)) {
            return None;
        }
        let list = |l: &[String]| {
            if l.is_empty() {
                "any type".to_owned()
            } else {
                l.join(" or ")
            }
        };
        Some(format!(
            "{} relates {} to {}, not {source} to {target}",
            self.name,
            list(&self.sources),
            list(&self.targets)
        ))
    }
}

/// The relation types a project starts with, for news: `member_of`,
/// `located_in`, `meets` (symmetric) and `accuses`, on keys 1–4.
#[must_use]
pub fn default_relation_types() -> Vec<RelationType> {
    let names = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let t = |name: &str, description: &str, color: Rgb, key: char| RelationType {
        description: description.to_owned(),
        key: Some(key),
        ..RelationType::new(name, color)
    };
    vec![
        RelationType {
            sources: names(&["PER", "ORG"]),
            targets: names(&["ORG", "GPE"]),
            ..t(
                "member_of",
                "Belongs to, works for, represents",
                Rgb(0, 114, 178),
                '1',
            )
        },
        RelationType {
            targets: names(&["GPE", "LOC"]),
            ..t("located_in", "Is or happens in", Rgb(0, 158, 115), '2')
        },
        RelationType {
            symmetric: true,
            sources: names(&["PER", "ORG", "GPE"]),
            targets: names(&["PER", "ORG", "GPE"]),
            ..t("meets", "Meets, talks with", Rgb(230, 159, 0), '3')
        },
        RelationType {
            sources: names(&["PER", "ORG", "GPE"]),
            ..t("accuses", "Accuses, blames", Rgb(213, 94, 0), '4')
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_constraints_hold_both_ways_only_when_symmetric() {
        let types = default_relation_types();
        let member = &types[0];
        assert_eq!(member.refuses("PER", "ORG"), None);
        assert!(
            member
                .refuses("ORG", "PER")
                .is_some_and(|why| why.contains("PER or ORG to ORG or GPE"))
        );
        let meets = &types[2];
        assert_eq!(meets.refuses("PER", "GPE"), None);
        assert_eq!(meets.refuses("GPE", "PER"), None);
        assert!(meets.refuses("PER", "LOC").is_some());
        assert_eq!(types[3].refuses("PER", "EVENT"), None);
    }
}
