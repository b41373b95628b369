//! Adjudication into a gold project: the items of one document side by side,
//! and the edits that accept items (one undo step each) with provenance.

use std::collections::BTreeMap;

use crate::model::{CharSpan, Document, Edit, Entity, Mention, Project, Provenance};

use super::agreement::ReviewSave;
use super::keys::entity_key;
use super::merge::Strategy;
use super::notes::merged_note;

/// One mention item of a document: a span and type, and who has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Span.
    pub span: CharSpan,
    /// Type.
    pub label: String,
    /// Text.
    pub text: String,
    /// For each annotator (in review order): whether they have it.
    pub had_by: Vec<bool>,
}

impl Item {
    /// True when every annotator has it.
    #[must_use]
    pub fn agreed(&self) -> bool {
        self.had_by.iter().all(|h| *h)
    }

    /// Number of annotators who have it.
    #[must_use]
    pub fn count(&self) -> usize {
        self.had_by.iter().filter(|h| **h).count()
    }
}

/// The accepted mentions of every annotator for `doc`, as items in reading order.
#[must_use]
pub fn document_items(saves: &[ReviewSave], doc: &Document) -> Vec<Item> {
    let mut items: BTreeMap<(usize, std::cmp::Reverse<usize>, String), Item> = BTreeMap::new();
    for (k, s) in saves.iter().enumerate() {
        let Some(entry) = s.project.documents.get(&doc.path) else {
            continue;
        };
        for m in entry.mentions.iter().filter(|m| !m.suggested) {
            let item = items
                .entry((m.span.start, std::cmp::Reverse(m.span.end), m.label.clone()))
                .or_insert_with(|| Item {
                    span: m.span,
                    label: m.label.clone(),
                    text: m.quote.exact.clone(),
                    had_by: vec![false; saves.len()],
                });
            item.had_by[k] = true;
        }
    }
    items.into_values().collect()
}

/// True when the gold project already has this item.
#[must_use]
pub fn in_gold(gold: &Project, doc: &str, item: &Item) -> bool {
    gold.documents.get(doc).is_some_and(|d| {
        d.mentions
            .iter()
            .any(|m| m.span == item.span && m.label == item.label)
    })
}

/// The edits accepting `items` of `doc` into `gold`: mentions with provenance,
/// linked to a gold entity when the annotators who had the item agree on its
/// entity (created in gold if needed). Items already in gold are skipped.
#[must_use]
pub fn accept_items(
    gold: &Project,
    saves: &[ReviewSave],
    doc: &Document,
    items: &[Item],
    adjudicator: &str,
) -> Edit {
    let mut edits = Vec::new();
    let Some(entry) = gold.documents.get(&doc.path) else {
        return Edit::Batch(edits);
    };
    let mut next_entity = gold.next_entity_id().0;
    let mut created: Vec<(String, Entity)> = Vec::new();
    let pending = items.iter().filter(|i| !in_gold(gold, &doc.path, i));
    for (next, item) in (entry.next_mention_id().0..).zip(pending) {
        let who: Vec<usize> = (0..saves.len()).filter(|k| item.had_by[*k]).collect();
        // Each annotator's own mention of the item.
        let theirs: Vec<(usize, &Mention)> = who
            .iter()
            .filter_map(|&k| {
                let m = saves[k]
                    .project
                    .documents
                    .get(&doc.path)?
                    .mentions
                    .iter()
                    .find(|m| m.span == item.span && m.label == item.label)?;
                Some((k, m))
            })
            .collect();
        let linked: Vec<Option<(String, Entity)>> = theirs
            .iter()
            .map(|&(k, m)| {
                let e = m.entity?;
                Some((
                    entity_key(&saves[k].project, e),
                    saves[k].project.entities.get(&e)?.clone(),
                ))
            })
            .collect();
        let entity = match linked.first() {
            Some(Some((key, source)))
                if linked
                    .iter()
                    .all(|l| l.as_ref().map(|(k, _)| k) == Some(key)) =>
            {
                let existing = gold
                    .entities
                    .values()
                    .find(|e| entity_key(gold, e.id) == *key)
                    .map(|e| e.id);
                let made = created.iter().find(|(k, _)| k == key).map(|(_, e)| e.id);
                Some(existing.or(made).unwrap_or_else(|| {
                    let mut e = source.clone();
                    e.id = crate::model::EntityId(next_entity);
                    next_entity += 1;
                    created.push((key.clone(), e.clone()));
                    e.id
                }))
            }
            _ => None,
        };
        let mut mention = Mention::new(
            doc,
            crate::model::MentionId(next),
            item.span,
            item.label.clone(),
        );
        mention.entity = entity;
        mention.note = merged_note(
            theirs
                .iter()
                .map(|&(k, m)| (saves[k].name.as_str(), m.note.as_str())),
        );
        mention.provenance = Some(Provenance {
            annotators: who.iter().map(|k| saves[*k].name.clone()).collect(),
            adjudicator: adjudicator.to_owned(),
        });
        edits.push(Edit::AddMention {
            doc: doc.path.clone(),
            mention,
        });
    }
    let mut all: Vec<Edit> = created
        .into_iter()
        .map(|(_, entity)| Edit::AddEntity { entity })
        .collect();
    all.extend(edits);
    Edit::Batch(all)
}

/// The edit accepting, in each of `docs`, every item `strategy` keeps
/// (agreed by all, or by a majority).
#[must_use]
pub fn accept_by_strategy(
    gold: &Project,
    saves: &[ReviewSave],
    docs: &[&Document],
    strategy: Strategy,
    adjudicator: &str,
) -> Edit {
    let mut project = gold.clone();
    let mut edits = Vec::new();
    for doc in docs {
        let items: Vec<Item> = document_items(saves, doc)
            .into_iter()
            .filter(|i| match strategy {
                Strategy::Agreed => i.agreed(),
                Strategy::Majority => i.count() * 2 > saves.len(),
            })
            .collect();
        let edit = accept_items(&project, saves, doc, &items, adjudicator);
        // Apply as we go so ids and entities stay consistent across documents.
        if crate::model::apply(&mut project, edit.clone()).is_ok() {
            edits.push(edit);
        }
    }
    Edit::Batch(edits)
}

/// One stance unit of a document: holder and target (display names from the
/// first annotator who has it), each annotator's polarity, and where its
/// evidence starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StanceItem {
    /// Holder, for display.
    pub holder: String,
    /// Target, for display.
    pub target: String,
    /// Each annotator's polarity, `None` where they have no stance on it.
    pub polarities: Vec<Option<String>>,
    /// First evidence span seen, to jump to.
    pub evidence: Option<CharSpan>,
    /// The unit's holder and target keys (see [`super::keys`]).
    pub keys: (String, String),
}

impl StanceItem {
    /// True when every annotator has it with the same polarity.
    #[must_use]
    pub fn agreed(&self) -> bool {
        self.polarities
            .first()
            .is_some_and(|p| p.is_some() && self.polarities.iter().all(|q| q == p))
    }
}

/// The stance units of `doc` across annotators, keyed as the agreement report keys them.
#[must_use]
pub fn document_stance_items(saves: &[ReviewSave], doc: &Document) -> Vec<StanceItem> {
    use super::keys::{holder_key, target_key};
    let mut items: BTreeMap<(String, String), StanceItem> = BTreeMap::new();
    for (k, s) in saves.iter().enumerate() {
        let Some(entry) = s.project.documents.get(&doc.path) else {
            continue;
        };
        let outlet = entry
            .outlet
            .clone()
            .unwrap_or_else(|| doc.default_outlet.clone());
        for st in &entry.stances {
            let key = (
                holder_key(&s.project, &st.holder),
                target_key(&s.project, &st.target),
            );
            let item = items.entry(key.clone()).or_insert_with(|| StanceItem {
                holder: s.project.holder_name(&st.holder, &outlet),
                target: s.project.target_name(&st.target),
                polarities: vec![None; saves.len()],
                evidence: None,
                keys: key,
            });
            if item.polarities[k].is_none() {
                item.polarities[k] = Some(st.polarity.clone());
            }
            if item.evidence.is_none() {
                item.evidence = st.first_span();
            }
        }
    }
    items.into_values().collect()
}

/// The polarity gold has on stance unit `item` of document `doc`, if any.
#[must_use]
pub fn stance_in_gold(gold: &Project, doc: &str, item: &StanceItem) -> Option<String> {
    use super::keys::{holder_key, target_key};
    gold.documents.get(doc)?.stances.iter().find_map(|g| {
        ((holder_key(gold, &g.holder), target_key(gold, &g.target)) == item.keys)
            .then(|| g.polarity.clone())
    })
}

/// The edit accepting annotator `k`'s stance on `item` (a unit of `doc`) into
/// `gold`: its holder and target entities and its claim are found in gold (by
/// Wikidata id or name, claims by text) or created; the stance records every
/// annotator who gave the same polarity. `None` when `k` has no stance on the
/// unit or gold already has it.
#[must_use]
pub fn accept_stance(
    gold: &Project,
    saves: &[ReviewSave],
    doc: &Document,
    item: &StanceItem,
    k: usize,
    adjudicator: &str,
) -> Option<Edit> {
    use super::keys::{holder_key, target_key};
    use crate::model::{Claim, Holder, Target};
    let source = &saves.get(k)?.project;
    let st = source.documents.get(&doc.path)?.stances.iter().find(|st| {
        (
            holder_key(source, &st.holder),
            target_key(source, &st.target),
        ) == item.keys
    })?;
    let entry = gold.documents.get(&doc.path)?;
    let already = entry.stances.iter().any(|g| {
        (holder_key(gold, &g.holder), target_key(gold, &g.target)) == item.keys
            && g.polarity == st.polarity
    });
    if already {
        return None;
    }
    let mut edits = Vec::new();
    let mut next_entity = gold.next_entity_id().0;
    let mut entity =
        |id: crate::model::EntityId, edits: &mut Vec<Edit>| -> Option<crate::model::EntityId> {
            let key = entity_key(source, id);
            if let Some(e) = gold
                .entities
                .values()
                .find(|e| entity_key(gold, e.id) == key)
            {
                return Some(e.id);
            }
            let mut e = source.entities.get(&id)?.clone();
            e.id = crate::model::EntityId(next_entity);
            next_entity += 1;
            let new_id = e.id;
            edits.push(Edit::AddEntity { entity: e });
            Some(new_id)
        };
    let holder = match st.holder {
        Holder::Author => Holder::Author,
        Holder::Entity(e) => Holder::Entity(entity(e, &mut edits)?),
    };
    let target = match &st.target {
        Target::Entity(e) => Target::Entity(entity(*e, &mut edits)?),
        Target::Claim(c) => {
            let text = source.claims.get(c)?.text.clone();
            let found = gold
                .claims
                .values()
                .find(|g| g.text.trim().to_lowercase() == text.trim().to_lowercase())
                .map(|g| g.id);
            Target::Claim(found.unwrap_or_else(|| {
                let id = gold.next_claim_id();
                edits.push(Edit::AddClaim {
                    claim: Claim {
                        id,
                        text,
                        note: String::new(),
                    },
                });
                id
            }))
        }
        Target::Topic(t) => Target::Topic(t.clone()),
    };
    let mut stance = st.clone();
    stance.id = entry.next_stance_id();
    stance.holder = holder;
    stance.target = target;
    stance.provenance = Some(Provenance {
        annotators: (0..saves.len())
            .filter(|j| item.polarities.get(*j).and_then(Option::as_ref) == Some(&st.polarity))
            .map(|j| saves[j].name.clone())
            .collect(),
        adjudicator: adjudicator.to_owned(),
    });
    edits.push(Edit::AddStance {
        doc: doc.path.clone(),
        stance,
    });
    Some(Edit::Batch(edits))
}
