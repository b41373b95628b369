//! Entity operations built from the basic edits, so each is one undo step
//! with an exact inverse: new entity from a mention, merge, split, delete.

use super::annotation::{Entity, EntityId, MentionId};
use super::edit::Edit;
use super::project::Project;
use super::stance::{Claim, ClaimId, Holder, Target};

/// Creates an entity named after the mention's text (with its type) and links
/// the mention to it. Returns the new id and the edit.
#[must_use]
pub fn new_entity_from_mention(
    project: &Project,
    doc: &str,
    mention: MentionId,
) -> Option<(EntityId, Edit)> {
    let m = project.documents.get(doc)?.mention(mention)?;
    let id = project.next_entity_id();
    let name = m
        .quote
        .exact
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let edit = Edit::Batch(vec![
        Edit::AddEntity {
            entity: Entity::new(id, name, m.label.clone()),
        },
        Edit::LinkMention {
            doc: doc.to_owned(),
            id: mention,
            entity: Some(id),
        },
    ]);
    Some((id, edit))
}

/// Moves every mention of `absorbed` to `kept`, adds the absorbed entity's
/// names to the kept one's aliases (and its knowledge-base id if the kept one
/// has none), then removes `absorbed`.
#[must_use]
pub fn merge_entities(project: &Project, kept: EntityId, absorbed: EntityId) -> Option<Edit> {
    if kept == absorbed {
        return None;
    }
    let keep = project.entities.get(&kept)?;
    let gone = project.entities.get(&absorbed)?;
    let mut edits: Vec<Edit> = project
        .mentions_of(absorbed)
        .into_iter()
        .map(|(doc, m)| Edit::LinkMention {
            doc: doc.to_owned(),
            id: m.id,
            entity: Some(kept),
        })
        .collect();
    let mut merged = keep.clone();
    for name in gone.names() {
        if !merged.names().contains(&name) {
            merged.aliases.push(name.to_owned());
        }
    }
    if merged.kb_id.is_none() {
        merged.kb_id.clone_from(&gone.kb_id);
    }
    if !gone.note.is_empty() && !merged.note.contains(&gone.note) {
        merged.note = [merged.note.as_str(), gone.note.as_str()]
            .iter()
            .filter(|n| !n.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
    }
    edits.push(Edit::UpdateEntity { entity: merged });
    // Stances held by or aimed at the absorbed entity now refer to the kept one.
    for (doc, stance) in project.stances_about_entity(absorbed) {
        let mut moved = stance.clone();
        if moved.holder == Holder::Entity(absorbed) {
            moved.holder = Holder::Entity(kept);
        }
        if moved.target == Target::Entity(absorbed) {
            moved.target = Target::Entity(kept);
        }
        edits.push(Edit::UpdateStance {
            doc: doc.to_owned(),
            stance: moved,
        });
    }
    edits.push(Edit::RemoveEntity { id: absorbed });
    Some(Edit::Batch(edits))
}

/// Moves the given mentions of `from` to a new entity called `name` (same
/// type). Returns the new id and the edit.
#[must_use]
pub fn split_entity(
    project: &Project,
    from: EntityId,
    mentions: &[(String, MentionId)],
    name: &str,
) -> Option<(EntityId, Edit)> {
    let source = project.entities.get(&from)?;
    let id = project.next_entity_id();
    let mut edits = vec![Edit::AddEntity {
        entity: Entity::new(id, name.trim(), source.label.clone()),
    }];
    for (doc, mention) in mentions {
        let m = project.documents.get(doc)?.mention(*mention)?;
        if m.entity != Some(from) {
            return None;
        }
        edits.push(Edit::LinkMention {
            doc: doc.clone(),
            id: *mention,
            entity: Some(id),
        });
    }
    Some((id, Edit::Batch(edits)))
}

/// Moves every stance on claim `absorbed` to claim `kept` and removes
/// `absorbed` (its text is added to the kept claim's note).
#[must_use]
pub fn merge_claims(project: &Project, kept: ClaimId, absorbed: ClaimId) -> Option<Edit> {
    if kept == absorbed {
        return None;
    }
    let keep = project.claims.get(&kept)?;
    let gone = project.claims.get(&absorbed)?;
    let mut edits: Vec<Edit> = project
        .stances_on_claim(absorbed)
        .into_iter()
        .map(|(doc, s)| {
            let mut moved = s.clone();
            moved.target = Target::Claim(kept);
            Edit::UpdateStance {
                doc: doc.to_owned(),
                stance: moved,
            }
        })
        .collect();
    let mut merged: Claim = keep.clone();
    let line = format!("Merged: “{}”", gone.text);
    merged.note = [merged.note.as_str(), line.as_str()]
        .iter()
        .filter(|n| !n.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    edits.push(Edit::UpdateClaim { claim: merged });
    edits.push(Edit::RemoveClaim { id: absorbed });
    Some(Edit::Batch(edits))
}

/// Unlinks every mention of `entity` (the mentions stay) and removes it.
/// Refused (by the edit) while stances still refer to it.
#[must_use]
pub fn delete_entity(project: &Project, entity: EntityId) -> Option<Edit> {
    project.entities.get(&entity)?;
    let mut edits: Vec<Edit> = project
        .mentions_of(entity)
        .into_iter()
        .map(|(doc, m)| Edit::LinkMention {
            doc: doc.to_owned(),
            id: m.id,
            entity: None,
        })
        .collect();
    edits.push(Edit::RemoveEntity { id: entity });
    Some(Edit::Batch(edits))
}
