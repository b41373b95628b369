//! Edits to the schema's relation types, as the schema window makes them:
//! add, change (a new name renames every relation of the type, in one undo
//! step) and remove (refused while relations use the type).

use super::edit::Edit;
use super::project::Project;
use super::relation::RelationType;

/// The edit that adds `new` after the existing relation types.
#[must_use]
pub fn add_relation_type(project: &Project, new: RelationType) -> Edit {
    let mut types = project.schema.relation_types.clone();
    types.push(new);
    Edit::SetRelationTypes { types }
}

/// The edit that removes relation type `name` (applying it is refused while
/// relations use it).
#[must_use]
pub fn remove_relation_type(project: &Project, name: &str) -> Edit {
    let mut types = project.schema.relation_types.clone();
    types.retain(|t| t.name != name);
    Edit::SetRelationTypes { types }
}

/// The edit that replaces relation type `name` by `new`. With a new name,
/// every relation of the type takes it: the new type joins the schema, the
/// relations move to it, and the old type leaves, as one batch.
#[must_use]
pub fn update_relation_type(project: &Project, name: &str, new: RelationType) -> Edit {
    let replaced = |with_old: bool| {
        let mut types = Vec::new();
        for t in &project.schema.relation_types {
            if t.name == name {
                types.push(new.clone());
                if with_old {
                    // Its key goes to the new one already.
                    types.push(RelationType {
                        key: None,
                        ..t.clone()
                    });
                }
            } else {
                types.push(t.clone());
            }
        }
        types
    };
    if new.name == name {
        return Edit::SetRelationTypes {
            types: replaced(false),
        };
    }
    let mut edits = vec![Edit::SetRelationTypes {
        types: replaced(true),
    }];
    for (path, entry) in &project.documents {
        for r in entry.relations.iter().filter(|r| r.label == name) {
            let mut relation = r.clone();
            relation.label.clone_from(&new.name);
            edits.push(Edit::UpdateRelation {
                doc: path.clone(),
                relation,
            });
        }
    }
    edits.push(Edit::SetRelationTypes {
        types: replaced(false),
    });
    Edit::Batch(edits)
}
