//! Fields of a JSON record that an import does not take: counted per file
//! and reported once each, so nothing in a file is dropped without a word.

use std::collections::BTreeMap;

use serde_json::Value;

/// Unknown fields met in one file: name → (records, first place).
#[derive(Default)]
pub(super) struct UnknownFields {
    seen: BTreeMap<String, (usize, String)>,
}

impl UnknownFields {
    /// Counts the fields of object `v` (at `origin`) not in `known`, named
    /// with `prefix` (e.g. `span.`). Null and empty values carry nothing
    /// and are not counted.
    pub fn check(&mut self, origin: &str, v: &Value, known: &[&str], prefix: &str) {
        let Some(object) = v.as_object() else { return };
        for (key, value) in object {
            let empty = match value {
                Value::Null => true,
                Value::Array(a) => a.is_empty(),
                Value::Object(o) => o.is_empty(),
                Value::String(s) => s.is_empty(),
                _ => false,
            };
            if empty || known.contains(&key.as_str()) {
                continue;
            }
            let entry = self
                .seen
                .entry(format!("{prefix}{key}"))
                .or_insert_with(|| (0, origin.to_owned()));
            entry.0 += 1;
        }
    }

    /// One problem line per unknown field.
    pub fn report(self, problems: &mut Vec<String>) {
        for (field, (n, first)) in self.seen {
            problems.push(format!(
                "{first}: field {field:?} (in {n} record(s), this one first) is not imported: Stancemark has no place for it"
            ));
        }
    }
}
