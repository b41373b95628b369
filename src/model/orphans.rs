//! Placing an orphan again by hand: the annotator selects where its text
//! now is, and the orphan becomes a mention, evidence or stance there again
//! (one undo step), keeping its type, entity, note and provenance.

use super::document::Document;
use super::edit::Edit;
use super::project::{OrphanKind, Project};
use super::span::CharSpan;
use super::stance::{Evidence, Level};

/// The edit that places orphan `index` of `doc` at `span`: it leaves the
/// orphan list and comes back as what it was. `Err` says why it cannot
/// (no such orphan, an empty span, or an evidence orphan whose stance was
/// deleted since).
///
/// # Errors
/// A message for the user; nothing is changed.
pub fn place_orphan(
    project: &Project,
    doc: &Document,
    index: usize,
    span: CharSpan,
) -> Result<Edit, String> {
    let entry = project
        .documents
        .get(&doc.path)
        .ok_or_else(|| format!("{} is not in the project", doc.path))?;
    let orphan = entry
        .orphans
        .get(index)
        .ok_or_else(|| format!("{} has no orphan {index}", doc.path))?;
    if span.is_empty() || span.end > doc.char_len() {
        return Err("select the text where it belongs first".to_owned());
    }
    let path = doc.path.clone();
    let placed = match &orphan.kind {
        OrphanKind::Mention(old) => {
            let mut mention = old.clone();
            mention.id = entry.next_mention_id();
            mention.span = span;
            mention.quote = super::annotation::Quote::of(doc, span);
            mention.entity = old.entity.filter(|e| project.entities.contains_key(e));
            mention.suggested = false;
            let linked = linked_coming_back(entry, doc, index, old.id, mention.id);
            let mut edits = vec![
                Edit::RemoveOrphan {
                    doc: path.clone(),
                    index,
                },
                Edit::AddMention {
                    doc: path.clone(),
                    mention,
                },
            ];
            edits.extend(linked);
            return Ok(Edit::Batch(edits));
        }
        OrphanKind::Quotation(old) => return place_quotation(entry, doc, index, old, span, orphan),
        OrphanKind::Relation(_) => {
            return Err(
                "a relation comes back by itself when both its mentions are placed again"
                    .to_owned(),
            );
        }
        OrphanKind::Evidence { stance, .. } => {
            let mut updated = entry
                .stance(*stance)
                .ok_or("its stance was deleted since; nothing to attach it to")?
                .clone();
            updated.evidence.push(Evidence::new(doc, span));
            Edit::UpdateStance {
                doc: path.clone(),
                stance: updated,
            }
        }
        OrphanKind::Stance(old) => {
            let mut stance = old.clone();
            stance.id = entry.next_stance_id();
            stance.level = Level::Span;
            stance.evidence = vec![Evidence::new(doc, span)];
            Edit::AddStance {
                doc: path.clone(),
                stance,
            }
        }
    };
    Ok(Edit::Batch(vec![
        Edit::RemoveOrphan { doc: path, index },
        placed,
    ]))
}

/// A quotation orphan placed at `span`: the selection takes the place of
/// its first lost span (a content span, else the cue). It comes back as a
/// quotation when no span is lost any more; until then it stays an orphan,
/// with the span placed. Its mentions must be in the document (placed
/// mentions bring their quotations back by themselves).
fn place_quotation(
    entry: &super::project::DocAnnotations,
    doc: &Document,
    index: usize,
    old: &super::quotation::Quotation,
    span: CharSpan,
    orphan: &super::project::Orphan,
) -> Result<Edit, String> {
    if old.mentions().any(|m| entry.mention(m).is_none()) {
        return Err(
            "a quotation comes back by itself when its speaker and sources are placed again"
                .to_owned(),
        );
    }
    let mut quotation = old.clone();
    let placed = Evidence::new(doc, span);
    if let Some(lost) = quotation.contents.iter_mut().find(|e| !e.matches(doc)) {
        *lost = placed;
    } else if quotation.cue.as_ref().is_some_and(|c| !c.matches(doc)) {
        quotation.cue = Some(placed);
    } else {
        return Err("none of its spans is lost; it comes back as it is".to_owned());
    }
    quotation.sort_contents();
    let path = doc.path.clone();
    let back = if quotation.spans().all(|e| e.matches(doc)) {
        quotation.id = entry.next_quotation_id();
        Edit::AddQuotation {
            doc: path.clone(),
            quotation,
        }
    } else {
        Edit::InsertOrphan {
            doc: path.clone(),
            index,
            orphan: super::project::Orphan {
                kind: OrphanKind::Quotation(quotation),
                reason: orphan.reason.clone(),
            },
        }
    };
    Ok(Edit::Batch(vec![
        Edit::RemoveOrphan { doc: path, index },
        back,
    ]))
}

/// The edits on document `doc` that bring back the relation and quotation
/// orphans naming mention `old`, now placed as `new`, after orphan `placed`
/// has left the list. Each takes `new` for `old`; one whose mentions are all
/// in the document (and, for a quotation, whose spans all still fit the
/// text) comes back, with a new id; any other stays an orphan, naming `new`.
fn linked_coming_back(
    entry: &super::project::DocAnnotations,
    doc: &Document,
    placed: usize,
    old: super::annotation::MentionId,
    new: super::annotation::MentionId,
) -> Vec<Edit> {
    let path = doc.path.as_str();
    let mut remaining: Vec<&super::project::Orphan> = entry.orphans.iter().collect();
    remaining.remove(placed);
    let swap = |id: &mut super::annotation::MentionId| {
        if *id == old {
            *id = new;
        }
    };
    let present = |id: super::annotation::MentionId| id == new || entry.mention(id).is_some();
    let mut removals = Vec::new();
    let mut back = Vec::new();
    let mut next_relation = entry.next_relation_id().0;
    let mut next_quotation = entry.next_quotation_id().0;
    for (i, orphan) in remaining.iter().enumerate().rev() {
        let (kind, complete) = match &orphan.kind {
            OrphanKind::Relation(r) if r.uses(old) => {
                let mut relation = r.clone();
                swap(&mut relation.source);
                swap(&mut relation.target);
                let complete = present(relation.source) && present(relation.target);
                if complete {
                    relation.id = super::relation::RelationId(next_relation);
                    next_relation += 1;
                }
                (OrphanKind::Relation(relation), complete)
            }
            OrphanKind::Quotation(q) if q.uses(old) => {
                let mut quotation = q.clone();
                quotation.speaker.iter_mut().for_each(swap);
                quotation.sources.iter_mut().for_each(swap);
                let complete =
                    quotation.mentions().all(present) && quotation.spans().all(|e| e.matches(doc));
                if complete {
                    quotation.id = super::quotation::QuotationId(next_quotation);
                    next_quotation += 1;
                }
                (OrphanKind::Quotation(quotation), complete)
            }
            _ => continue,
        };
        removals.push(Edit::RemoveOrphan {
            doc: path.to_owned(),
            index: i,
        });
        back.push(match (kind, complete) {
            (OrphanKind::Relation(relation), true) => Edit::AddRelation {
                doc: path.to_owned(),
                relation,
            },
            (OrphanKind::Quotation(quotation), true) => Edit::AddQuotation {
                doc: path.to_owned(),
                quotation,
            },
            (kind, _) => Edit::InsertOrphan {
                doc: path.to_owned(),
                index: usize::MAX,
                orphan: super::project::Orphan {
                    kind,
                    reason: orphan.reason.clone(),
                },
            },
        });
    }
    // Removals from the highest index down, so each index is still right.
    removals.extend(back);
    removals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project::Orphan;
    use crate::model::{
        Entity, EntityId, Holder, Mention, MentionId, Schema, Stance, StanceId, Target, apply,
    };

    const TEXT: &str = "Mayor 佐藤美咲 🐟 blamed Norvik Chemicals.";

    fn setup() -> (Document, Project) {
        let doc = Document::new("a.txt", TEXT, "UTF-8");
        let mut project = Project::new("ana", Schema::builtin());
        project.attach(std::slice::from_ref(&doc));
        apply(
            &mut project,
            Edit::AddEntity {
                entity: Entity::new(EntityId(1), "Norvik Chemicals", "ORG"),
            },
        )
        .expect("entity");
        // Orphans as re-anchoring leaves them: old spans that no longer fit.
        let old = Document::new("a.txt", "Norvik Chemicals and 佐藤美咲.", "UTF-8");
        let mut mention = Mention::new(&old, MentionId(7), CharSpan::new(0, 16), "ORG");
        mention.entity = Some(EntityId(1));
        mention.note = "the parent company?".into();
        let stance = Stance::new(
            StanceId(3),
            Holder::Author,
            Target::Entity(EntityId(1)),
            "oppose",
            vec![Evidence::new(&old, CharSpan::new(0, 20))],
        );
        let entry = std::sync::Arc::make_mut(project.documents.get_mut("a.txt").expect("entry"));
        entry.orphans = vec![
            Orphan {
                kind: OrphanKind::Mention(mention),
                reason: "gone".into(),
            },
            Orphan {
                kind: OrphanKind::Stance(stance),
                reason: "gone".into(),
            },
        ];
        (doc, project)
    }

    fn span_of(text: &str) -> CharSpan {
        let start = crate::model::span::char_count_before(TEXT, TEXT.find(text).expect("text"));
        CharSpan::new(start, start + text.chars().count())
    }

    #[test]
    fn a_mention_orphan_comes_back_with_its_type_entity_and_note() {
        let (doc, mut project) = setup();
        let before = project.clone();
        let edit = place_orphan(&project, &doc, 0, span_of("Norvik Chemicals")).expect("edit");
        let undo = apply(&mut project, edit).expect("applies");
        let entry = &project.documents["a.txt"];
        assert_eq!(entry.orphans.len(), 1);
        let m = &entry.mentions[0];
        assert_eq!(m.quote.exact, "Norvik Chemicals");
        assert_eq!((m.label.as_str(), m.entity), ("ORG", Some(EntityId(1))));
        assert_eq!(m.note, "the parent company?");
        assert!(m.matches(&doc));
        apply(&mut project, undo).expect("undo");
        assert_eq!(project, before, "one undo puts the orphan back");
    }

    #[test]
    fn a_stance_orphan_comes_back_with_the_selection_as_evidence() {
        let (doc, mut project) = setup();
        let edit = place_orphan(&project, &doc, 1, span_of("佐藤美咲 🐟 blamed")).expect("edit");
        apply(&mut project, edit).expect("applies");
        let entry = &project.documents["a.txt"];
        assert_eq!(entry.orphans.len(), 1);
        let s = &entry.stances[0];
        assert_eq!(s.evidence[0].quote.exact, "佐藤美咲 🐟 blamed");
        assert_eq!(s.polarity, "oppose");
    }

    #[test]
    fn bad_places_are_refused() {
        let (doc, project) = setup();
        assert!(place_orphan(&project, &doc, 5, span_of("Mayor")).is_err());
        assert!(place_orphan(&project, &doc, 0, CharSpan::new(3, 3)).is_err());
        assert!(place_orphan(&project, &doc, 0, CharSpan::new(3, 999)).is_err());
    }
}
