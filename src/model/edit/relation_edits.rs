//! Applying the relation edits: each checks that the relation fits its
//! document's mentions and the schema, and returns its exact inverse.

use crate::model::project::{DocAnnotations, Project};
use crate::model::relation::Relation;

use super::apply::doc_mut;
use super::{Edit, EditRejected};

/// Applies a relation edit (`AddRelation`, `RemoveRelation`,
/// `UpdateRelation`, `SetRelationTypes`); any other edit is refused.
pub(super) fn apply_relation_edit(project: &mut Project, edit: Edit) -> Result<Edit, EditRejected> {
    match edit {
        Edit::AddRelation { doc, relation } => {
            check(project, &doc, &relation)?;
            let entry = doc_mut(project, &doc)?;
            if entry.relation(relation.id).is_some() {
                return Err(EditRejected::DuplicateRelation {
                    doc,
                    id: relation.id,
                });
            }
            let id = relation.id;
            entry.insert_relation(relation);
            Ok(Edit::RemoveRelation { doc, id })
        }
        Edit::RemoveRelation { doc, id } => {
            let entry = doc_mut(project, &doc)?;
            let Some(at) = entry.relations.iter().position(|r| r.id == id) else {
                return Err(EditRejected::NoSuchRelation { doc, id });
            };
            let relation = entry.relations.remove(at);
            Ok(Edit::AddRelation { doc, relation })
        }
        Edit::UpdateRelation { doc, relation } => {
            check(project, &doc, &relation)?;
            let entry = doc_mut(project, &doc)?;
            let Some(old) = entry.relations.iter_mut().find(|r| r.id == relation.id) else {
                return Err(EditRejected::NoSuchRelation {
                    doc,
                    id: relation.id,
                });
            };
            let old = std::mem::replace(old, relation);
            Ok(Edit::UpdateRelation { doc, relation: old })
        }
        Edit::SetRelationTypes { types } => {
            let mut schema = project.schema.clone();
            let old = std::mem::replace(&mut schema.relation_types, types);
            if let Some(problem) = schema.problems().into_iter().next() {
                return Err(EditRejected::InvalidSchema(problem));
            }
            for r in old
                .iter()
                .filter(|r| schema.relation_type(&r.name).is_none())
            {
                let count = project.relation_use_count(&r.name);
                if count > 0 {
                    return Err(EditRejected::InvalidSchema(format!(
                        "{count} relation(s) are of type {:?}; delete or change them first",
                        r.name
                    )));
                }
            }
            project.schema = schema;
            Ok(Edit::SetRelationTypes { types: old })
        }
        other => Err(EditRejected::InvalidRelation(format!(
            "not a relation edit: {other:?}"
        ))),
    }
}

/// Why `relation` cannot stand in document `doc`: a missing mention, a
/// mention related to itself, a type the schema lacks or one that does
/// not relate these mentions' types.
fn check(project: &Project, doc: &str, relation: &Relation) -> Result<(), EditRejected> {
    let entry: &DocAnnotations = project
        .documents
        .get(doc)
        .ok_or_else(|| EditRejected::NoSuchDocument(doc.to_owned()))?;
    let mention = |id| {
        entry
            .mention(id)
            .ok_or_else(|| EditRejected::NoSuchMention {
                doc: doc.to_owned(),
                id,
            })
    };
    let (source, target) = (mention(relation.source)?, mention(relation.target)?);
    if source.id == target.id {
        return Err(EditRejected::InvalidRelation(
            "a mention cannot be related to itself".to_owned(),
        ));
    }
    let Some(kind) = project.schema.relation_type(&relation.label) else {
        return Err(EditRejected::InvalidRelation(format!(
            "the schema has no relation type {:?}",
            relation.label
        )));
    };
    match kind.refuses(&source.label, &target.label) {
        Some(why) => Err(EditRejected::InvalidRelation(why)),
        None => Ok(()),
    }
}
