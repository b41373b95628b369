//! The document codebook: variables coded once per article (main frame,
//! tone on a scale, genre, actors present, number of sources, a short
//! text), each with a kind, an optional condition on another variable, and
//! whether it is required; and the values a document was coded with.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// A number in a code or a bound, compared and hashed by its bits (never
/// NaN: values are checked when set).
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Num(pub f64);

impl PartialEq for Num {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}
impl Eq for Num {}
impl std::hash::Hash for Num {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}
impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Num {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// One value of a choice: its name and the digit that picks it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Choice {
    /// The value as coded and exported (`security`).
    pub name: String,
    /// What the coder sees, if other than the name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// What kind of value a variable takes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VariableKind {
    /// One of the values (nominal).
    Single(Vec<Choice>),
    /// Any of the values (a set).
    Multiple(Vec<Choice>),
    /// A point of an ordered scale, 1 to the number of labelled points.
    Scale(Vec<String>),
    /// A number, with optional bounds.
    Number {
        /// Smallest allowed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<Num>,
        /// Largest allowed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<Num>,
    },
    /// A short free text.
    Text,
}

/// Shown only when another variable has a given value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Condition {
    /// The other variable.
    pub variable: String,
    /// The value it must have (a choice's name, one of a multiple choice's,
    /// a scale point's number, a number, or a text).
    pub value: String,
}

/// A codebook variable.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Variable {
    /// Name (also the export column).
    pub name: String,
    /// The codebook's text for it, shown as a tooltip.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Its kind.
    pub kind: VariableKind,
    /// When it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    /// Must be coded before a document is done.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// A value a document was coded with.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Code {
    /// A single choice's value name.
    Choice(String),
    /// A multiple choice's value names.
    Choices(BTreeSet<String>),
    /// A scale point, 1-based.
    Scale(u32),
    /// A number.
    Number(Num),
    /// A text.
    Text(String),
}

/// The longest text a text variable keeps.
pub const MAX_TEXT: usize = 2_000;

impl Code {
    /// The value as a condition compares it, and as exported.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Self::Choice(c) | Self::Text(c) => c.clone(),
            Self::Choices(set) => set.iter().cloned().collect::<Vec<_>>().join(";"),
            Self::Scale(p) => p.to_string(),
            Self::Number(n) => n.0.to_string(),
        }
    }

    /// True when the value says `value` (a set when it holds it).
    #[must_use]
    pub fn says(&self, value: &str) -> bool {
        match self {
            Self::Choices(set) => set.contains(value),
            Self::Number(n) => value.parse::<f64>().is_ok_and(|v| v == n.0),
            other => other.display() == value,
        }
    }
}

impl Variable {
    /// Why `code` does not fit this variable, if it does not.
    #[must_use]
    pub fn refuses(&self, code: &Code) -> Option<String> {
        let names = |v: &[Choice]| v.iter().map(|c| c.name.clone()).collect::<BTreeSet<_>>();
        match (&self.kind, code) {
            (VariableKind::Single(values), Code::Choice(c)) => (!names(values).contains(c))
                .then(|| format!("{:?} is not a value of {}", c, self.name)),
            (VariableKind::Multiple(values), Code::Choices(set)) => {
                let known = names(values);
                set.iter()
                    .find(|c| !known.contains(*c))
                    .map(|c| format!("{:?} is not a value of {}", c, self.name))
            }
            (VariableKind::Scale(points), Code::Scale(p)) => (*p == 0
                || usize::try_from(*p).map_or(true, |p| p > points.len()))
            .then(|| format!("{} has points 1 to {}, not {p}", self.name, points.len())),
            (VariableKind::Number { min, max }, Code::Number(n)) => {
                if !n.0.is_finite() {
                    Some(format!("{} takes a finite number", self.name))
                } else if min.is_some_and(|m| n.0 < m.0) || max.is_some_and(|m| n.0 > m.0) {
                    Some(format!(
                        "{} is outside {}'s bounds ({} to {})",
                        n.0,
                        self.name,
                        min.map_or("any".to_owned(), |m| m.0.to_string()),
                        max.map_or("any".to_owned(), |m| m.0.to_string())
                    ))
                } else {
                    None
                }
            }
            (VariableKind::Text, Code::Text(t)) => (t.chars().count() > MAX_TEXT)
                .then(|| format!("{}'s text is longer than {MAX_TEXT} characters", self.name)),
            _ => Some(format!("that is not the kind of value {} takes", self.name)),
        }
    }

    /// The choices, for single and multiple choice.
    #[must_use]
    pub fn choices(&self) -> &[Choice] {
        match &self.kind {
            VariableKind::Single(v) | VariableKind::Multiple(v) => v,
            _ => &[],
        }
    }
}

/// True when `variable` applies to a document coded `codes`: it has no
/// condition, or the variable it depends on (itself applying) says the
/// value. A chain of conditions is followed at most as deep as there are
/// variables, so a cycle hides its variables instead of looping.
#[must_use]
pub fn applies(
    variables: &[Variable],
    codes: &BTreeMap<String, Code>,
    variable: &Variable,
) -> bool {
    let mut current = variable;
    for _ in 0..=variables.len() {
        let Some(c) = &current.condition else {
            return true;
        };
        if !codes
            .get(&c.variable)
            .is_some_and(|code| code.says(&c.value))
        {
            return false;
        }
        match variables.iter().find(|v| v.name == c.variable) {
            Some(next) => current = next,
            None => return false,
        }
    }
    false
}

/// The required variables that apply to a document and are not coded.
#[must_use]
pub fn missing_required<'a>(
    variables: &'a [Variable],
    codes: &BTreeMap<String, Code>,
) -> Vec<&'a str> {
    variables
        .iter()
        .filter(|v| v.required && !codes.contains_key(&v.name) && applies(variables, codes, v))
        .map(|v| v.name.as_str())
        .collect()
}

/// The small codebook the sample corpus ships with.
#[must_use]
pub fn example_codebook() -> Vec<Variable> {
    let choices = |names: &[&str]| -> Vec<Choice> {
        names
            .iter()
            .map(|n| Choice {
                name: (*n).to_owned(),
                label: String::new(),
            })
            .collect()
    };
    vec![
        Variable {
            name: "frame".into(),
            description: "The article's main frame: what the spill is mostly about.".into(),
            kind: VariableKind::Single(choices(&[
                "economic",
                "environmental",
                "legal",
                "political",
            ])),
            condition: None,
            required: false,
        },
        Variable {
            name: "genre".into(),
            description: "News report, opinion piece or interview.".into(),
            kind: VariableKind::Single(choices(&["news", "opinion", "interview"])),
            condition: None,
            required: false,
        },
        Variable {
            name: "norvik_present".into(),
            description: "Does Norvik Chemicals appear in the article?".into(),
            kind: VariableKind::Single(choices(&["yes", "no"])),
            condition: None,
            required: false,
        },
        Variable {
            name: "tone_norvik".into(),
            description: "Overall tone toward Norvik Chemicals.".into(),
            kind: VariableKind::Scale(
                [
                    "very negative",
                    "negative",
                    "neutral",
                    "positive",
                    "very positive",
                ]
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            ),
            condition: Some(Condition {
                variable: "norvik_present".into(),
                value: "yes".into(),
            }),
            required: false,
        },
        Variable {
            name: "actors".into(),
            description: "Which actors are present (any number).".into(),
            kind: VariableKind::Multiple(choices(&[
                "company",
                "government",
                "scientists",
                "residents",
                "activists",
            ])),
            condition: None,
            required: false,
        },
        Variable {
            name: "sources".into(),
            description: "Number of sources quoted.".into(),
            kind: VariableKind::Number {
                min: Some(Num(0.0)),
                max: Some(Num(50.0)),
            },
            condition: None,
            required: false,
        },
        Variable {
            name: "summary".into(),
            description: "One sentence: what the article says happened.".into(),
            kind: VariableKind::Text,
            condition: None,
            required: false,
        },
    ]
}

/// A cross-tabulation: rows (outlets, or another variable's values), the
/// variable's values as columns, and how many documents have each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CrossTab {
    /// Row names, in order.
    pub rows: Vec<String>,
    /// Column names (the variable's values), in the codebook's order.
    pub columns: Vec<String>,
    /// `counts[row][column]`.
    pub counts: Vec<Vec<usize>>,
    /// Documents coded for the variable in each row (a multiple choice
    /// counts a document once per chosen value, but once here).
    pub documents: Vec<usize>,
}

/// The values of `v` as the columns of a cross-tabulation.
#[must_use]
pub fn value_names(v: &Variable) -> Vec<String> {
    match &v.kind {
        VariableKind::Single(values) | VariableKind::Multiple(values) => {
            values.iter().map(|c| c.name.clone()).collect()
        }
        VariableKind::Scale(points) => (1..=points.len()).map(|p| p.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// Cross-tabulates `variable` over `documents` (each with its row name and
/// its codes), rows in order of first appearance sorted by name.
#[must_use]
pub fn cross_tab<'a>(
    variable: &Variable,
    documents: impl IntoIterator<Item = (String, &'a BTreeMap<String, Code>)>,
) -> CrossTab {
    let columns = value_names(variable);
    let mut rows: BTreeMap<String, (Vec<usize>, usize)> = BTreeMap::new();
    for (row, codes) in documents {
        let Some(code) = codes.get(&variable.name) else {
            continue;
        };
        let (counts, docs) = rows
            .entry(row)
            .or_insert_with(|| (vec![0; columns.len()], 0));
        *docs += 1;
        for (i, c) in columns.iter().enumerate() {
            if code.says(c) {
                counts[i] += 1;
            }
        }
    }
    let mut out = CrossTab {
        columns,
        ..CrossTab::default()
    };
    for (name, (counts, docs)) in rows {
        out.rows.push(name);
        out.counts.push(counts);
        out.documents.push(docs);
    }
    out
}

/// A variable as the schema window edits it: every field as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VariableDraft {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// `single`, `multiple`, `scale`, `number` or `text`.
    pub kind: String,
    /// Choices or scale points separated by commas; a number's bounds as
    /// `MIN..MAX` (either may be empty).
    pub values: String,
    /// `VARIABLE=VALUE`, or empty.
    pub condition: String,
    /// Required.
    pub required: bool,
}

impl VariableDraft {
    /// The draft of `v`.
    #[must_use]
    pub fn of(v: &Variable) -> Self {
        let list = |c: &[Choice]| {
            c.iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (kind, values) = match &v.kind {
            VariableKind::Single(c) => ("single", list(c)),
            VariableKind::Multiple(c) => ("multiple", list(c)),
            VariableKind::Scale(p) => ("scale", p.join(", ")),
            VariableKind::Number { min, max } => (
                "number",
                format!(
                    "{}..{}",
                    min.map(|m| m.0.to_string()).unwrap_or_default(),
                    max.map(|m| m.0.to_string()).unwrap_or_default()
                ),
            ),
            VariableKind::Text => ("text", String::new()),
        };
        Self {
            name: v.name.clone(),
            description: v.description.clone(),
            kind: kind.to_owned(),
            values,
            condition: v
                .condition
                .as_ref()
                .map(|c| format!("{}={}", c.variable, c.value))
                .unwrap_or_default(),
            required: v.required,
        }
    }

    /// The variable this draft describes.
    ///
    /// # Errors
    /// What is wrong, for the user: no name, an unknown kind, no values
    /// for a choice or a scale, a bound that is not a number, a condition
    /// without `=`.
    pub fn variable(&self) -> Result<Variable, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("a variable needs a name".to_owned());
        }
        if name.contains(',') || name.contains('"') {
            return Err(format!("{name:?}: a name has no commas or quotes"));
        }
        let items: Vec<String> = self
            .values
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let unique = items.iter().collect::<BTreeSet<_>>().len() == items.len();
        let choices = || -> Result<Vec<Choice>, String> {
            if items.is_empty() {
                return Err(format!("{name}: list its values, separated by commas"));
            }
            if !unique {
                return Err(format!("{name}: a value is listed twice"));
            }
            Ok(items
                .iter()
                .map(|n| Choice {
                    name: n.clone(),
                    label: String::new(),
                })
                .collect())
        };
        let bound = |text: &str| -> Result<Option<Num>, String> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            text.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(|n| Some(Num(n)))
                .ok_or_else(|| format!("{name}: {text:?} is not a number"))
        };
        let kind = match self.kind.trim() {
            "single" => VariableKind::Single(choices()?),
            "multiple" => VariableKind::Multiple(choices()?),
            "scale" => {
                if items.len() < 2 {
                    return Err(format!(
                        "{name}: a scale needs at least two labelled points"
                    ));
                }
                VariableKind::Scale(items.clone())
            }
            "number" => {
                let (min, max) = self
                    .values
                    .split_once("..")
                    .unwrap_or((self.values.as_str(), ""));
                let (min, max) = (bound(min)?, bound(max)?);
                if let (Some(a), Some(b)) = (min, max)
                    && a.0 > b.0
                {
                    return Err(format!("{name}: the smallest value is above the largest"));
                }
                VariableKind::Number { min, max }
            }
            "text" => VariableKind::Text,
            other => {
                return Err(format!(
                    "{name}: kind {other:?} is not single, multiple, scale, number or text"
                ));
            }
        };
        let condition = match self.condition.trim() {
            "" => None,
            c => {
                let (variable, value) = c
                    .split_once('=')
                    .ok_or_else(|| format!("{name}: a condition reads VARIABLE=VALUE"))?;
                Some(Condition {
                    variable: variable.trim().to_owned(),
                    value: value.trim().to_owned(),
                })
            }
        };
        Ok(Variable {
            name: name.to_owned(),
            description: self.description.trim().to_owned(),
            kind,
            condition,
            required: self.required,
        })
    }
}
