//! Applying the edits that settle merge conflicts and team differences
//! (replacing a mention or the schema whole, recording or dropping a
//! conflict) and codebook values. Each returns its exact inverse.

use crate::model::project::Project;

use super::apply::doc_mut;
use super::{Edit, EditRejected};

/// Applies `ReplaceMention`, `InsertConflict` or `RemoveConflict`; any
/// other edit is refused.
pub(super) fn apply_conflict_edit(project: &mut Project, edit: Edit) -> Result<Edit, EditRejected> {
    match edit {
        Edit::ReplaceMention { doc, mention } => {
            if mention.span.is_empty() {
                return Err(EditRejected::EmptySpan);
            }
            if project.schema.entity_type(&mention.label).is_none() {
                return Err(EditRejected::NoSuchType(mention.label));
            }
            if let Some(e) = mention.entity
                && !project.entities.contains_key(&e)
            {
                return Err(EditRejected::NoSuchEntity(e));
            }
            let entry = doc_mut(project, &doc)?;
            let Some(at) = entry.mentions.iter().position(|m| m.id == mention.id) else {
                return Err(EditRejected::NoSuchMention {
                    doc,
                    id: mention.id,
                });
            };
            let old = entry.mentions.remove(at);
            entry.insert_sorted(mention);
            Ok(Edit::ReplaceMention { doc, mention: old })
        }
        Edit::SetCode {
            doc,
            variable,
            value,
        } => {
            let Some(v) = project.schema.variables.iter().find(|v| v.name == variable) else {
                return Err(EditRejected::InvalidSchema(format!(
                    "the codebook has no variable {variable:?}"
                )));
            };
            if let Some(why) = value.as_ref().and_then(|c| v.refuses(c)) {
                return Err(EditRejected::InvalidSchema(why));
            }
            let entry = doc_mut(project, &doc)?;
            let old = match value {
                Some(c) => entry.codes.insert(variable.clone(), c),
                None => entry.codes.remove(&variable),
            };
            Ok(Edit::SetCode {
                doc,
                variable,
                value: old,
            })
        }
        Edit::ReplaceSchema { schema } => {
            let missing = schema_gaps(project, &schema);
            if !missing.is_empty() {
                return Err(EditRejected::InvalidSchema(format!(
                    "the new schema lacks what annotations use: {}",
                    missing.join(", ")
                )));
            }
            let old = std::mem::replace(&mut project.schema, *schema);
            Ok(Edit::ReplaceSchema {
                schema: Box::new(old),
            })
        }
        Edit::InsertConflict { index, conflict } => {
            let index = index.min(project.conflicts.len());
            project.conflicts.insert(index, *conflict);
            Ok(Edit::RemoveConflict { index })
        }
        Edit::RemoveConflict { index } => {
            if index >= project.conflicts.len() {
                return Err(EditRejected::NoSuchConflict(index));
            }
            let conflict = Box::new(project.conflicts.remove(index));
            Ok(Edit::InsertConflict { index, conflict })
        }
        other => Err(EditRejected::InvalidStance(format!(
            "not a conflict edit: {other:?}"
        ))),
    }
}

/// What `project`'s annotations use that `schema` lacks: entity types,
/// polarities and relation types, each once.
#[must_use]
pub fn schema_gaps(project: &Project, schema: &crate::model::Schema) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    for e in project.entities.values() {
        if schema.entity_type(&e.label).is_none() {
            out.insert(format!("entity type {}", e.label));
        }
    }
    for d in project.documents.values() {
        for m in &d.mentions {
            if schema.entity_type(&m.label).is_none() {
                out.insert(format!("entity type {}", m.label));
            }
        }
        for s in &d.stances {
            if schema.polarity(&s.polarity).is_none() {
                out.insert(format!("polarity {}", s.polarity));
            }
        }
        for r in &d.relations {
            if schema.relation_type(&r.label).is_none() {
                out.insert(format!("relation type {}", r.label));
            }
        }
        for (name, code) in &d.codes {
            match schema.variables.iter().find(|v| &v.name == name) {
                None => {
                    out.insert(format!("codebook variable {name}"));
                }
                Some(v) if v.refuses(code).is_some() => {
                    out.insert(format!("a value of codebook variable {name}"));
                }
                Some(_) => {}
            }
        }
    }
    out.into_iter().collect()
}
