//! Applying the edits that settle merge conflicts: replacing a mention
//! whole, and recording or dropping a conflict. Each returns its exact
//! inverse.

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
