//! Applying an edit to a project, returning its inverse; the checks that
//! keep a project valid.

use std::sync::Arc;

use crate::model::annotation::{Entity, Mention, MentionId, is_valid_qid};
use crate::model::project::{DocAnnotations, Project};
use crate::model::schema::Schema;
use crate::model::stance::{Claim, Holder, Level, Stance, Target};

use super::{Edit, EditRejected};

/// Applies `edit` to `project` and returns the edit that undoes it.
///
/// ```
/// use stancemark::model::{CharSpan, Document, Edit, Mention, MentionId, Project, Schema, apply};
/// let doc = Document::new("a.txt", "Mayor Hélène Duarte spoke.", "UTF-8");
/// let mut project = Project::new("ana", Schema::builtin());
/// project.attach(std::slice::from_ref(&doc));
/// let before = project.clone();
/// let mention = Mention::new(&doc, MentionId(1), CharSpan::new(6, 19), "PER");
/// assert_eq!(mention.quote.exact, "Hélène Duarte");
/// let undo = apply(&mut project, Edit::AddMention { doc: "a.txt".into(), mention }).expect("applies");
/// apply(&mut project, undo).expect("the inverse applies");
/// assert_eq!(project, before);
/// ```
///
/// # Errors
/// When the edit does not fit the project; the project is then unchanged.
pub fn apply(project: &mut Project, edit: Edit) -> Result<Edit, EditRejected> {
    match edit {
        Edit::AddMention { doc, mention } => {
            if mention.span.is_empty() {
                return Err(EditRejected::EmptySpan);
            }
            if project.schema.entity_type(&mention.label).is_none() {
                return Err(EditRejected::NoSuchType(mention.label));
            }
            let entry = doc_mut(project, &doc)?;
            if entry.mention(mention.id).is_some() {
                return Err(EditRejected::DuplicateMention {
                    doc,
                    id: mention.id,
                });
            }
            let id = mention.id;
            entry.insert_sorted(mention);
            Ok(Edit::RemoveMention { doc, id })
        }
        Edit::RemoveMention { doc, id } => {
            let entry = doc_mut(project, &doc)?;
            let count = entry.relations_of(id).count();
            if count > 0 {
                return Err(EditRejected::MentionInRelations { doc, id, count });
            }
            let count = entry.quotations.iter().filter(|q| q.uses(id)).count();
            if count > 0 {
                return Err(EditRejected::MentionQuoted { doc, id, count });
            }
            let Some(at) = entry.mentions.iter().position(|m| m.id == id) else {
                return Err(EditRejected::NoSuchMention { doc, id });
            };
            let mention = entry.mentions.remove(at);
            Ok(Edit::AddMention { doc, mention })
        }
        Edit::RelabelMention { doc, id, label } => {
            if project.schema.entity_type(&label).is_none() {
                return Err(EditRejected::NoSuchType(label));
            }
            let entry = doc_mut(project, &doc)?;
            let Some(at) = entry.mentions.iter().position(|m| m.id == id) else {
                return Err(EditRejected::NoSuchMention { doc, id });
            };
            let mut mention = entry.mentions.remove(at);
            let old = std::mem::replace(&mut mention.label, label);
            entry.insert_sorted(mention);
            Ok(Edit::RelabelMention {
                doc,
                id,
                label: old,
            })
        }
        Edit::ResizeMention {
            doc,
            id,
            span,
            quote,
        } => {
            if span.is_empty() {
                return Err(EditRejected::EmptySpan);
            }
            let entry = doc_mut(project, &doc)?;
            let Some(at) = entry.mentions.iter().position(|m| m.id == id) else {
                return Err(EditRejected::NoSuchMention { doc, id });
            };
            let mut mention = entry.mentions.remove(at);
            let old_span = std::mem::replace(&mut mention.span, span);
            let old_quote = std::mem::replace(&mut mention.quote, quote);
            entry.insert_sorted(mention);
            Ok(Edit::ResizeMention {
                doc,
                id,
                span: old_span,
                quote: old_quote,
            })
        }
        Edit::SetTokenLines { doc, on } => {
            let old = std::mem::replace(&mut doc_mut(project, &doc)?.token_lines, on);
            Ok(Edit::SetTokenLines { doc, on: old })
        }
        Edit::SetStatus { doc, status } => {
            let old = std::mem::replace(&mut doc_mut(project, &doc)?.status, status);
            Ok(Edit::SetStatus { doc, status: old })
        }
        Edit::RemoveOrphan { doc, index } => {
            let entry = doc_mut(project, &doc)?;
            if index >= entry.orphans.len() {
                return Err(EditRejected::NoSuchOrphan { doc, index });
            }
            let orphan = entry.orphans.remove(index);
            Ok(Edit::InsertOrphan { doc, index, orphan })
        }
        Edit::InsertOrphan { doc, index, orphan } => {
            let entry = doc_mut(project, &doc)?;
            let index = index.min(entry.orphans.len());
            entry.orphans.insert(index, orphan);
            Ok(Edit::RemoveOrphan { doc, index })
        }
        Edit::SetMentionNote { doc, id, note } => {
            let entry = doc_mut(project, &doc)?;
            let Some(mention) = entry.mentions.iter_mut().find(|m| m.id == id) else {
                return Err(EditRejected::NoSuchMention { doc, id });
            };
            let old = std::mem::replace(&mut mention.note, note);
            Ok(Edit::SetMentionNote { doc, id, note: old })
        }
        Edit::AddProposals { doc, proposals } => {
            let entry = doc_mut(project, &doc)?;
            for p in &proposals {
                if p.span.is_empty() {
                    return Err(EditRejected::EmptySpan);
                }
            }
            // Appended, then sorted once: linear-logarithmic however many
            // a model adds (equal proposals are identical, so their order
            // among themselves does not matter).
            entry.proposals.extend(proposals.iter().cloned());
            entry.proposals.sort();
            Ok(Edit::RemoveProposals { doc, proposals })
        }
        Edit::RemoveProposals { doc, proposals } => {
            let entry = doc_mut(project, &doc)?;
            // Both lists sorted, walked side by side: each proposal to remove
            // takes one equal proposal out.
            let mut gone: Vec<&crate::model::Proposal> = proposals.iter().collect();
            gone.sort();
            let mut left = Vec::with_capacity(entry.proposals.len().saturating_sub(gone.len()));
            let mut next = gone.iter().peekable();
            for p in &entry.proposals {
                if next.peek().is_some_and(|g| **g == p) {
                    next.next();
                } else {
                    left.push(p.clone());
                }
            }
            if let Some(p) = next.next() {
                return Err(EditRejected::InvalidRejection(format!(
                    "{doc:?} has no proposal {} at {}",
                    p.label, p.span
                )));
            }
            entry.proposals = left;
            Ok(Edit::AddProposals { doc, proposals })
        }
        Edit::AddLexicon { entries } => {
            if let Some(e) = entries.iter().find(|e| e.surface.trim().is_empty()) {
                return Err(EditRejected::InvalidRejection(format!(
                    "a lexicon name cannot be empty ({} {:?})",
                    e.label, e.surface
                )));
            }
            let count = entries.len();
            project.lexicon.extend(entries);
            Ok(Edit::RemoveLexicon { count })
        }
        Edit::RemoveLexicon { count } => {
            let Some(at) = project.lexicon.len().checked_sub(count) else {
                return Err(EditRejected::InvalidRejection(format!(
                    "the lexicon has fewer than {count} names"
                )));
            };
            let entries = project.lexicon.split_off(at);
            Ok(Edit::AddLexicon { entries })
        }
        Edit::CountSuggestions {
            accepted,
            rejected,
            hand_made,
            recalled,
        } => {
            let t = &mut project.suggestion_tally;
            let add = |n: u64, d: i64| {
                n.checked_add_signed(d).ok_or_else(|| {
                    EditRejected::InvalidRejection(format!(
                        "the suggestion tally cannot go below zero ({n} {d:+})"
                    ))
                })
            };
            let next = crate::model::SuggestionTally {
                accepted: add(t.accepted, accepted)?,
                rejected: add(t.rejected, rejected)?,
                hand_made: add(t.hand_made, hand_made)?,
                recalled: add(t.recalled, recalled)?,
            };
            *t = next;
            Ok(Edit::CountSuggestions {
                accepted: -accepted,
                rejected: -rejected,
                hand_made: -hand_made,
                recalled: -recalled,
            })
        }
        Edit::RejectSuggestion { doc, rejection } => {
            let entry = doc_mut(project, &doc)?;
            match entry.rejections.binary_search(&rejection) {
                Ok(_) => Err(EditRejected::InvalidRejection(format!(
                    "{:?} at {} is rejected already",
                    rejection.text, rejection.span
                ))),
                Err(at) => {
                    entry.rejections.insert(at, rejection.clone());
                    Ok(Edit::UnrejectSuggestion { doc, rejection })
                }
            }
        }
        Edit::UnrejectSuggestion { doc, rejection } => {
            let entry = doc_mut(project, &doc)?;
            match entry.rejections.binary_search(&rejection) {
                Ok(at) => {
                    entry.rejections.remove(at);
                    Ok(Edit::RejectSuggestion { doc, rejection })
                }
                Err(_) => Err(EditRejected::InvalidRejection(format!(
                    "{:?} at {} is not rejected",
                    rejection.text, rejection.span
                ))),
            }
        }
        Edit::SetDocumentNote { doc, note } => {
            let old = std::mem::replace(&mut doc_mut(project, &doc)?.note, note);
            Ok(Edit::SetDocumentNote { doc, note: old })
        }
        Edit::SetOutlet { doc, outlet } => {
            let old = std::mem::replace(&mut doc_mut(project, &doc)?.outlet, outlet);
            Ok(Edit::SetOutlet { doc, outlet: old })
        }
        Edit::InsertEntityType { index, entity_type } => {
            let mut schema = project.schema.clone();
            let index = index.min(schema.entity_types.len());
            let name = entity_type.name.clone();
            schema.entity_types.insert(index, entity_type);
            check_schema(&schema)?;
            if project.label_use_count(&name) > 0 {
                return Err(EditRejected::InvalidSchema(format!(
                    "mentions already carry the label {name:?}"
                )));
            }
            project.schema = schema;
            Ok(Edit::RemoveEntityType { name })
        }
        Edit::RemoveEntityType { name } => {
            let index = project
                .schema
                .position(&name)
                .ok_or_else(|| EditRejected::NoSuchType(name.clone()))?;
            let count = project.label_use_count(&name);
            if count > 0 {
                return Err(EditRejected::TypeInUse { name, count });
            }
            let entity_type = project.schema.entity_types.remove(index);
            Ok(Edit::InsertEntityType { index, entity_type })
        }
        Edit::UpdateEntityType { name, entity_type } => {
            let index = project
                .schema
                .position(&name)
                .ok_or_else(|| EditRejected::NoSuchType(name.clone()))?;
            let renamed = entity_type.name != name;
            if renamed && project.label_use_count(&entity_type.name) > 0 {
                return Err(EditRejected::InvalidSchema(format!(
                    "mentions already carry the label {:?}",
                    entity_type.name
                )));
            }
            let mut schema = project.schema.clone();
            let new_name = entity_type.name.clone();
            let old = std::mem::replace(&mut schema.entity_types[index], entity_type);
            check_schema(&schema)?;
            project.schema = schema;
            if renamed {
                relabel_all(project, &name, &new_name);
            }
            Ok(Edit::UpdateEntityType {
                name: new_name,
                entity_type: old,
            })
        }
        Edit::AddEntity { entity } => {
            check_entity(project, &entity)?;
            if project.entities.contains_key(&entity.id) {
                return Err(EditRejected::DuplicateEntity(entity.id));
            }
            let id = entity.id;
            project.entities.insert(id, entity);
            Ok(Edit::RemoveEntity { id })
        }
        Edit::RemoveEntity { id } => {
            let count = project.mentions_of(id).len();
            let entity = project
                .entities
                .get(&id)
                .ok_or(EditRejected::NoSuchEntity(id))?;
            let stances = project.stances_about_entity(id).len();
            if stances > 0 {
                return Err(EditRejected::ReferencedByStances {
                    what: format!("entity {:?}", entity.name),
                    count: stances,
                });
            }
            if count > 0 {
                return Err(EditRejected::EntityInUse {
                    name: entity.name.clone(),
                    count,
                });
            }
            let entity = project
                .entities
                .remove(&id)
                .ok_or(EditRejected::NoSuchEntity(id))?;
            Ok(Edit::AddEntity { entity })
        }
        Edit::UpdateEntity { entity } => {
            check_entity(project, &entity)?;
            let slot = project
                .entities
                .get_mut(&entity.id)
                .ok_or(EditRejected::NoSuchEntity(entity.id))?;
            let old = std::mem::replace(slot, entity);
            Ok(Edit::UpdateEntity { entity: old })
        }
        Edit::LinkMention { doc, id, entity } => {
            if let Some(e) = entity
                && !project.entities.contains_key(&e)
            {
                return Err(EditRejected::NoSuchEntity(e));
            }
            let mention = mention_mut(project, &doc, id)?;
            let old = std::mem::replace(&mut mention.entity, entity);
            Ok(Edit::LinkMention {
                doc,
                id,
                entity: old,
            })
        }
        Edit::SetSuggested { doc, id, suggested } => {
            let mention = mention_mut(project, &doc, id)?;
            let old = std::mem::replace(&mut mention.suggested, suggested);
            Ok(Edit::SetSuggested {
                doc,
                id,
                suggested: old,
            })
        }
        Edit::AddStance { doc, stance } => {
            check_stance(project, &stance)?;
            let entry = doc_mut(project, &doc)?;
            if entry.stance(stance.id).is_some() {
                return Err(EditRejected::DuplicateStance { doc, id: stance.id });
            }
            let id = stance.id;
            entry.insert_stance(stance);
            Ok(Edit::RemoveStance { doc, id })
        }
        Edit::RemoveStance { doc, id } => {
            let entry = doc_mut(project, &doc)?;
            let Some(at) = entry.stances.iter().position(|s| s.id == id) else {
                return Err(EditRejected::NoSuchStance { doc, id });
            };
            let stance = entry.stances.remove(at);
            Ok(Edit::AddStance { doc, stance })
        }
        Edit::UpdateStance { doc, stance } => {
            check_stance(project, &stance)?;
            let entry = doc_mut(project, &doc)?;
            let Some(slot) = entry.stances.iter_mut().find(|s| s.id == stance.id) else {
                return Err(EditRejected::NoSuchStance { doc, id: stance.id });
            };
            let old = std::mem::replace(slot, stance);
            Ok(Edit::UpdateStance { doc, stance: old })
        }
        Edit::AddClaim { claim } => {
            check_claim(&claim)?;
            if project.claims.contains_key(&claim.id) {
                return Err(EditRejected::InvalidStance(format!(
                    "claim {} already exists",
                    claim.id.0
                )));
            }
            let id = claim.id;
            project.claims.insert(id, claim);
            Ok(Edit::RemoveClaim { id })
        }
        Edit::RemoveClaim { id } => {
            let claim = project
                .claims
                .get(&id)
                .ok_or(EditRejected::NoSuchClaim(id))?;
            let count = project.stances_on_claim(id).len();
            if count > 0 {
                return Err(EditRejected::ReferencedByStances {
                    what: format!("the claim “{}”", claim.text),
                    count,
                });
            }
            let claim = project
                .claims
                .remove(&id)
                .ok_or(EditRejected::NoSuchClaim(id))?;
            Ok(Edit::AddClaim { claim })
        }
        Edit::UpdateClaim { claim } => {
            check_claim(&claim)?;
            let slot = project
                .claims
                .get_mut(&claim.id)
                .ok_or(EditRejected::NoSuchClaim(claim.id))?;
            let old = std::mem::replace(slot, claim);
            Ok(Edit::UpdateClaim { claim: old })
        }
        edit @ (Edit::AddRelation { .. }
        | Edit::RemoveRelation { .. }
        | Edit::UpdateRelation { .. }
        | Edit::SetRelationTypes { .. }) => {
            super::relation_edits::apply_relation_edit(project, edit)
        }
        edit @ (Edit::ReplaceMention { .. }
        | Edit::SetCode { .. }
        | Edit::ReplaceSchema { .. }
        | Edit::InsertConflict { .. }
        | Edit::RemoveConflict { .. }) => super::conflict_edits::apply_conflict_edit(project, edit),
        edit @ (Edit::AddQuotation { .. }
        | Edit::RemoveQuotation { .. }
        | Edit::UpdateQuotation { .. }) => {
            super::quotation_edits::apply_quotation_edit(project, edit)
        }
        Edit::InsertPolarity { index, polarity } => {
            let mut schema = project.schema.clone();
            let index = index.min(schema.polarities.len());
            let name = polarity.name.clone();
            schema.polarities.insert(index, polarity);
            check_schema(&schema)?;
            if project.polarity_use_count(&name) > 0 {
                return Err(EditRejected::InvalidSchema(format!(
                    "stances already carry the polarity {name:?}"
                )));
            }
            project.schema = schema;
            Ok(Edit::RemovePolarity { name })
        }
        Edit::RemovePolarity { name } => {
            let index = project
                .schema
                .polarities
                .iter()
                .position(|p| p.name == name)
                .ok_or_else(|| {
                    EditRejected::InvalidSchema(format!(
                        "the stance scale has no polarity {name:?}"
                    ))
                })?;
            let count = project.polarity_use_count(&name);
            if count > 0 {
                return Err(EditRejected::ReferencedByStances {
                    what: format!("the polarity {name:?}"),
                    count,
                });
            }
            let polarity = project.schema.polarities.remove(index);
            Ok(Edit::InsertPolarity { index, polarity })
        }
        Edit::UpdatePolarity { name, polarity } => {
            let index = project
                .schema
                .polarities
                .iter()
                .position(|p| p.name == name)
                .ok_or_else(|| {
                    EditRejected::InvalidSchema(format!(
                        "the stance scale has no polarity {name:?}"
                    ))
                })?;
            let renamed = polarity.name != name;
            if renamed && project.polarity_use_count(&polarity.name) > 0 {
                return Err(EditRejected::InvalidSchema(format!(
                    "stances already carry the polarity {:?}",
                    polarity.name
                )));
            }
            let mut schema = project.schema.clone();
            let new_name = polarity.name.clone();
            let old = std::mem::replace(&mut schema.polarities[index], polarity);
            check_schema(&schema)?;
            project.schema = schema;
            if renamed {
                for entry in project.documents.values_mut() {
                    if !entry.stances.iter().any(|s| s.polarity == name) {
                        continue;
                    }
                    let entry = Arc::make_mut(entry);
                    for s in entry.stances.iter_mut().filter(|s| s.polarity == name) {
                        new_name.clone_into(&mut s.polarity);
                    }
                }
            }
            Ok(Edit::UpdatePolarity {
                name: new_name,
                polarity: old,
            })
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply(project, edit) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(e) => {
                        for inverse in inverses.into_iter().rev() {
                            // Inverses of edits just applied always apply.
                            let _ = apply(project, inverse);
                        }
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
    }
}

pub(super) fn doc_mut<'a>(
    project: &'a mut Project,
    doc: &str,
) -> Result<&'a mut DocAnnotations, EditRejected> {
    project
        .documents
        .get_mut(doc)
        .map(Arc::make_mut)
        .ok_or_else(|| EditRejected::NoSuchDocument(doc.to_owned()))
}

fn mention_mut<'a>(
    project: &'a mut Project,
    doc: &str,
    id: MentionId,
) -> Result<&'a mut Mention, EditRejected> {
    doc_mut(project, doc)?
        .mentions
        .iter_mut()
        .find(|m| m.id == id)
        .ok_or_else(|| EditRejected::NoSuchMention {
            doc: doc.to_owned(),
            id,
        })
}

/// Why `entity` cannot be in `project` (no name, unknown type, bad QID).
fn check_entity(project: &Project, entity: &Entity) -> Result<(), EditRejected> {
    if entity.name.trim().is_empty() {
        return Err(EditRejected::InvalidEntity(
            "an entity needs a name".to_owned(),
        ));
    }
    if project.schema.entity_type(&entity.label).is_none() {
        return Err(EditRejected::NoSuchType(entity.label.clone()));
    }
    if let Some(qid) = &entity.kb_id
        && !is_valid_qid(qid)
    {
        return Err(EditRejected::InvalidEntity(format!(
            "{qid:?} is not a Wikidata id (Q followed by digits, e.g. Q7747)"
        )));
    }
    Ok(())
}

fn check_claim(claim: &Claim) -> Result<(), EditRejected> {
    if claim.text.trim().is_empty() {
        return Err(EditRejected::InvalidStance(
            "a claim needs a text".to_owned(),
        ));
    }
    Ok(())
}

fn check_stance(project: &Project, stance: &Stance) -> Result<(), EditRejected> {
    if project.schema.polarity(&stance.polarity).is_none() {
        return Err(EditRejected::InvalidStance(format!(
            "the stance scale has no polarity {:?}",
            stance.polarity
        )));
    }
    if let Holder::Entity(e) = stance.holder
        && !project.entities.contains_key(&e)
    {
        return Err(EditRejected::NoSuchEntity(e));
    }
    match &stance.target {
        Target::Entity(e) if !project.entities.contains_key(e) => {
            return Err(EditRejected::NoSuchEntity(*e));
        }
        Target::Claim(c) if !project.claims.contains_key(c) => {
            return Err(EditRejected::NoSuchClaim(*c));
        }
        Target::Topic(t) if t.trim().is_empty() => {
            return Err(EditRejected::InvalidStance(
                "a topic needs a name".to_owned(),
            ));
        }
        _ => {}
    }
    if stance.level == Level::Span && stance.evidence.is_empty() {
        return Err(EditRejected::InvalidStance(
            "a span-level stance needs at least one evidence span".to_owned(),
        ));
    }
    if stance.evidence.iter().any(|e| e.span.is_empty()) {
        return Err(EditRejected::EmptySpan);
    }
    Ok(())
}

fn check_schema(schema: &Schema) -> Result<(), EditRejected> {
    match schema.problems().into_iter().next() {
        Some(problem) => Err(EditRejected::InvalidSchema(problem)),
        None => Ok(()),
    }
}

fn relabel_all(project: &mut Project, from: &str, to: &str) {
    for entity in project.entities.values_mut().filter(|e| e.label == from) {
        to.clone_into(&mut entity.label);
    }
    for entry in project.documents.values_mut() {
        if !entry.mentions.iter().any(|m| m.label == from) {
            continue;
        }
        let entry = Arc::make_mut(entry);
        for m in entry.mentions.iter_mut().filter(|m| m.label == from) {
            to.clone_into(&mut m.label);
        }
        entry
            .mentions
            .sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    }
}
