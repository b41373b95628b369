//! The edits a simulated annotator makes, through the same `Edit` API the
//! app uses; each new annotation carries a hidden tag (`sim:N`) in its
//! note, and what it was made on is remembered by tag.

use std::collections::BTreeSet;

use stancemark::model::codebook::{Choice, Code, Variable, VariableKind};
use stancemark::model::entity_ops;
use stancemark::model::stance::Evidence;
use stancemark::model::{
    CharSpan, DocStatus, Document, Edit, Entity, EntityId, Holder, Mention, Quotation, QuoteKind,
    Relation, Stance, Target, apply,
};

use super::{World, tag_of};

impl World {
    /// One edit in clone `c`'s open project; false when there was nothing
    /// to do it on, or the project refused it.
    pub(super) fn edit(&mut self, c: usize, kind: u8, a: u32, b: u32) -> bool {
        let di = a as usize % self.docs.len();
        let doc = self.docs[di].clone();
        let path = doc.path.clone();
        let tag = self.tag();
        let project = &self.clones[c].project;
        let entry = &project.documents[&path];
        let pick = |n: usize| (b as usize) % n.max(1);
        let edit = match kind % 16 {
            // Add a mention on a word.
            0 | 1 => {
                // Each clone adds on words of its own: the same word marked
                // on two clones at once is one annotation to the merge,
                // which the tags here would call two.
                let words = own_words(&doc, c, self.clones.len());
                if words.is_empty() {
                    return false;
                }
                let span = words[pick(words.len())];
                if entry.mentions.iter().any(|m| m.span.overlaps(span)) {
                    return false;
                }
                let label = ["PER", "ORG", "GPE"][a as usize % 3];
                let mut m = Mention::new(&doc, entry.next_mention_id(), span, label);
                m.note = tag;
                Edit::AddMention {
                    doc: path,
                    mention: m,
                }
            }
            // Delete a mention.
            2 => {
                let Some(m) = entry.mentions.get(pick(entry.mentions.len())) else {
                    return false;
                };
                Edit::RemoveMention {
                    doc: path,
                    id: m.id,
                }
            }
            // Grow or shrink a mention by a word.
            3 => {
                let Some(m) = entry.mentions.get(pick(entry.mentions.len())) else {
                    return false;
                };
                let words = word_spans(&doc);
                let span = if a.is_multiple_of(2) {
                    let Some(next) = words.iter().find(|w| w.start >= m.span.end) else {
                        return false;
                    };
                    CharSpan::new(m.span.start, next.end)
                } else {
                    let Some(last) = words
                        .iter()
                        .rfind(|w| w.start >= m.span.start && w.end < m.span.end)
                    else {
                        return false;
                    };
                    CharSpan::new(m.span.start, last.end)
                };
                if entry
                    .mentions
                    .iter()
                    .any(|o| o.id != m.id && o.span.overlaps(span))
                {
                    return false;
                }
                Edit::ResizeMention {
                    doc: path,
                    id: m.id,
                    span,
                    quote: stancemark::model::Quote::of(&doc, span),
                }
            }
            // Relate two mentions.
            4 => {
                let n = entry.mentions.len();
                if n < 2 {
                    return false;
                }
                // The same type between the same mentions is the same
                // relation: each clone relates from mentions of its own
                // words.
                let own = own_words(&doc, c, self.clones.len());
                let sources: Vec<usize> = (0..n)
                    .filter(|&i| own.iter().any(|w| w.start == entry.mentions[i].span.start))
                    .collect();
                let Some(&x) = sources.get(pick(sources.len())) else {
                    return false;
                };
                let y = (x + 1 + a as usize % (n - 1)) % n;
                let (source, target) = (&entry.mentions[x], &entry.mentions[y]);
                let label = match target.label.as_str() {
                    "GPE" => "located_in",
                    _ => "accuses",
                };
                let mut r = Relation::new(entry.next_relation_id(), label, source.id, target.id);
                r.note = tag.clone();
                let (Some(s), Some(t)) = (tag_of(&source.note), tag_of(&target.note)) else {
                    return false;
                };
                self.made
                    .relations
                    .insert(tag, (s.to_owned(), t.to_owned()));
                Edit::AddRelation {
                    doc: path,
                    relation: r,
                }
            }
            // Delete a relation.
            5 => {
                let Some(r) = entry.relations.get(pick(entry.relations.len())) else {
                    return false;
                };
                Edit::RemoveRelation {
                    doc: path,
                    id: r.id,
                }
            }
            // Quote a word, said by a mention (words of this clone's own,
            // as for mentions: the same words are the same quotation).
            6 => {
                let Some(speaker) = entry.mentions.get(pick(entry.mentions.len())) else {
                    return false;
                };
                let words = own_words(&doc, c, self.clones.len());
                let span = words[a as usize % words.len()];
                if entry
                    .quotations
                    .iter()
                    .any(|q| q.contents.iter().any(|e| e.span.overlaps(span)))
                {
                    return false;
                }
                let mut q = Quotation::new(
                    entry.next_quotation_id(),
                    Some(speaker.id),
                    vec![Evidence::new(&doc, span)],
                    QuoteKind::Indirect,
                );
                q.note = tag.clone();
                let Some(s) = tag_of(&speaker.note) else {
                    return false;
                };
                self.made.speakers.insert(tag, s.to_owned());
                Edit::AddQuotation {
                    doc: path,
                    quotation: q,
                }
            }
            // Delete a quotation.
            7 => {
                let Some(q) = entry.quotations.get(pick(entry.quotations.len())) else {
                    return false;
                };
                Edit::RemoveQuotation {
                    doc: path,
                    id: q.id,
                }
            }
            // A new entity, and a mention linked to it.
            8 => {
                let Some(m) = entry.mentions.get(pick(entry.mentions.len())) else {
                    return false;
                };
                let Some(mtag) = tag_of(&m.note).map(str::to_owned) else {
                    return false;
                };
                let id = project.next_entity_id();
                let entity = Entity {
                    id,
                    name: format!("Entity {tag}"),
                    label: m.label.clone(),
                    aliases: Vec::new(),
                    kb_id: None,
                    note: tag.clone(),
                };
                let edits = vec![
                    Edit::AddEntity { entity },
                    Edit::LinkMention {
                        doc: path,
                        id: m.id,
                        entity: Some(id),
                    },
                ];
                self.made.links.entry(mtag).or_default().insert(tag);
                Edit::Batch(edits)
            }
            // The document's status.
            9 => {
                let status = [DocStatus::InProgress, DocStatus::Done][a as usize % 2];
                Edit::SetStatus { doc: path, status }
            }
            // A stance held by a mention's entity (or the author), on a
            // topic, with a word as evidence.
            10 => {
                let words = own_words(&doc, c, self.clones.len());
                let evidence = vec![Evidence::new(&doc, words[a as usize % words.len()])];
                let holder_entity = entry
                    .mentions
                    .get(pick(entry.mentions.len()))
                    .and_then(|m| m.entity);
                let holder = holder_entity.map_or(Holder::Author, Holder::Entity);
                let held_by = match holder_entity {
                    Some(e) => match project.entities.get(&e).and_then(|e| tag_of(&e.note)) {
                        Some(t) => t.to_owned(),
                        None => return false,
                    },
                    None => "author".to_owned(),
                };
                let polarity = ["support", "oppose"][a as usize % 2];
                let mut stance = Stance::new(
                    entry.next_stance_id(),
                    holder,
                    Target::Topic(format!("topic {}", b % 3)),
                    polarity,
                    evidence,
                );
                stance.note = tag.clone();
                self.made.holders.insert(tag, BTreeSet::from([held_by]));
                Edit::AddStance { doc: path, stance }
            }
            // Delete a stance.
            11 => {
                let Some(st) = entry.stances.get(pick(entry.stances.len())) else {
                    return false;
                };
                Edit::RemoveStance {
                    doc: path,
                    id: st.id,
                }
            }
            // Merge two entities: the second's mentions and stances move to
            // the first.
            12 => {
                let ids: Vec<EntityId> = project.entities.keys().copied().collect();
                if ids.len() < 2 {
                    return false;
                }
                let kept = ids[pick(ids.len())];
                let absorbed =
                    ids[(pick(ids.len()) + 1 + a as usize % (ids.len() - 1)) % ids.len()];
                let (Some(k), Some(g)) = (
                    project.entities.get(&kept).and_then(|e| tag_of(&e.note)),
                    project
                        .entities
                        .get(&absorbed)
                        .and_then(|e| tag_of(&e.note)),
                ) else {
                    return false;
                };
                let (k, g) = (k.to_owned(), g.to_owned());
                let Some(edit) = entity_ops::merge_entities(project, kept, absorbed) else {
                    return false;
                };
                // Whatever was linked to or held by the absorbed entity may
                // now be the kept one's.
                for set in self
                    .made
                    .links
                    .values_mut()
                    .chain(self.made.holders.values_mut())
                {
                    if set.contains(&g) {
                        set.insert(k.clone());
                    }
                }
                edit
            }
            // Split: one mention of an entity moves to a new entity.
            13 => {
                let linked: Vec<&Mention> = entry
                    .mentions
                    .iter()
                    .filter(|m| m.entity.is_some())
                    .collect();
                let Some(m) = linked.get(pick(linked.len())) else {
                    return false;
                };
                let (Some(from), Some(mtag)) = (m.entity, tag_of(&m.note)) else {
                    return false;
                };
                let mtag = mtag.to_owned();
                let Some((id, edit)) = entity_ops::split_entity(
                    project,
                    from,
                    &[(path.clone(), m.id)],
                    &format!("Entity {tag}"),
                ) else {
                    return false;
                };
                let Edit::Batch(mut edits) = edit else {
                    return false;
                };
                // The new entity carries the tag.
                if let Some(Edit::AddEntity { entity }) = edits.first_mut() {
                    debug_assert_eq!(entity.id, id);
                    entity.note = tag.clone();
                }
                self.made.links.entry(mtag).or_default().insert(tag);
                Edit::Batch(edits)
            }
            // Code a codebook variable.
            14 => {
                let variables = &project.schema.variables;
                let Some(v) = variables.get(pick(variables.len())) else {
                    return false;
                };
                let value = match &v.kind {
                    VariableKind::Single(choices) => choices
                        .get(a as usize % choices.len().max(1))
                        .map(|c| Code::Choice(c.name.clone())),
                    _ => None,
                };
                Edit::SetCode {
                    doc: path,
                    variable: v.name.clone(),
                    value,
                }
            }
            // Change the schema: a new codebook variable, or a new entity
            // type.
            _ => {
                let mut schema = project.schema.clone();
                let name = tag.replace(':', "_");
                if a.is_multiple_of(2) {
                    schema.variables.push(Variable {
                        name,
                        description: format!("Asked by {tag}"),
                        kind: VariableKind::Single(vec![
                            Choice {
                                name: "yes".into(),
                                label: String::new(),
                            },
                            Choice {
                                name: "no".into(),
                                label: String::new(),
                            },
                        ]),
                        condition: None,
                        required: false,
                    });
                } else {
                    let mut t = schema.entity_types[0].clone();
                    t.name = name.to_uppercase();
                    t.key = None;
                    schema.entity_types.push(t);
                }
                Edit::ReplaceSchema {
                    schema: Box::new(schema),
                }
            }
        };
        apply(&mut self.clones[c].project, edit).is_ok()
    }
}

/// The words clone `c` of `n` starts its annotations on: every n-th.
pub(super) fn own_words(doc: &Document, c: usize, n: usize) -> Vec<CharSpan> {
    word_spans(doc)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % n == c)
        .map(|(_, w)| w)
        .collect()
}

/// The words of a document (runs of alphanumerics), as spans.
pub(super) fn word_spans(doc: &Document) -> Vec<CharSpan> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in doc.text.chars().enumerate() {
        match (ch.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(CharSpan::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(CharSpan::new(s, doc.text.chars().count()));
    }
    out
}
