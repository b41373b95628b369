//! Merging annotators' projects into a gold project: keep what all agree on,
//! or what a majority has. Every gold item records who had it and who merged.

use std::collections::BTreeMap;

use crate::model::{
    Claim, ClaimId, DocAnnotations, Document, Entity, EntityId, Holder, Mention, Project,
    Provenance, Stance, Target,
};

use super::agreement::{ReviewSave, comparable_documents};
use super::keys::{entity_key, holder_key, target_key};
use super::notes::merged_note;

/// Which annotators (by index) have an item, with their copy of it.
type Holders<T> = Vec<(usize, T)>;

/// Which items go into the gold project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Items every annotator has.
    Agreed,
    /// Items more than half of the annotators have.
    Majority,
}

impl Strategy {
    pub(super) fn keeps(self, count: usize, of: usize) -> bool {
        match self {
            Self::Agreed => count == of,
            Self::Majority => count * 2 > of,
        }
    }
}

/// What a merge kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Mentions kept.
    pub mentions: usize,
    /// Mentions left out.
    pub mentions_dropped: usize,
    /// Stances kept.
    pub stances: usize,
    /// Stances left out.
    pub stances_dropped: usize,
    /// Relations kept.
    pub relations: usize,
    /// Relations left out: too few annotators had them, or a mention of
    /// theirs was left out.
    pub relations_dropped: usize,
    /// Quotations kept.
    pub quotations: usize,
    /// Quotations left out: too few annotators had them, or their speaker
    /// or a source was left out.
    pub quotations_dropped: usize,
    /// Codebook values kept (one per document and variable).
    pub codes: usize,
    /// Codebook values left out: the annotators who coded the variable did
    /// not agree enough.
    pub codes_dropped: usize,
    /// Documents left out of the merge, with why.
    pub left_out: Vec<String>,
}

/// Entities and claims of the gold project, created on first use.
struct Registry {
    project: Project,
    entities: BTreeMap<String, EntityId>,
    claims: BTreeMap<String, ClaimId>,
}

impl Registry {
    fn entity(&mut self, key: &str, source: &Entity) -> EntityId {
        if let Some(id) = self.entities.get(key) {
            return *id;
        }
        let id = self.project.next_entity_id();
        let mut e = source.clone();
        e.id = id;
        self.project.entities.insert(id, e);
        self.entities.insert(key.to_owned(), id);
        id
    }

    fn claim(&mut self, source: &Claim) -> ClaimId {
        let key = source.text.trim().to_lowercase();
        if let Some(id) = self.claims.get(&key) {
            return *id;
        }
        let id = self.project.next_claim_id();
        self.project.claims.insert(
            id,
            Claim {
                id,
                ..source.clone()
            },
        );
        self.claims.insert(key, id);
        id
    }
}

/// Merges `saves` over `corpus` (sorted by path) into a gold project for
/// `adjudicator`. Mentions match on span and type; a kept mention is linked
/// when the annotators who had it agree on its entity. Stances match on
/// (holder, target, polarity); evidence comes from the first who had it.
#[must_use]
pub fn merge(
    saves: &[ReviewSave],
    corpus: &[Document],
    strategy: Strategy,
    adjudicator: &str,
) -> (Project, MergeReport) {
    let mut report = MergeReport::default();
    let schema = saves
        .first()
        .map(|s| s.project.schema.clone())
        .unwrap_or_default();
    let mut reg = Registry {
        project: Project::new(adjudicator, schema),
        entities: BTreeMap::new(),
        claims: BTreeMap::new(),
    };
    let (docs, left_out) = comparable_documents(saves, corpus);
    report.left_out = left_out;
    let n = saves.len();
    for doc in docs {
        let mut entry = DocAnnotations::for_document(doc);
        entry.note = merged_note(saves.iter().map(|s| {
            (
                s.name.as_str(),
                s.project.documents[&doc.path].note.as_str(),
            )
        }));
        // Mentions grouped by (span, type): who has them.
        let mut groups: BTreeMap<(usize, usize, String), Holders<&Mention>> = BTreeMap::new();
        for (k, s) in saves.iter().enumerate() {
            for m in s.project.documents[&doc.path]
                .mentions
                .iter()
                .filter(|m| !m.suggested)
            {
                let slot = groups
                    .entry((m.span.start, m.span.end, m.label.clone()))
                    .or_default();
                if !slot.iter().any(|(j, _)| *j == k) {
                    slot.push((k, m));
                }
            }
        }
        for ((start, end, label), who) in groups {
            if !strategy.keeps(who.len(), n) {
                report.mentions_dropped += 1;
                continue;
            }
            let keys: Vec<Option<String>> = who
                .iter()
                .map(|(k, m)| m.entity.map(|e| entity_key(&saves[*k].project, e)))
                .collect();
            let entity = match (keys.first(), keys.iter().all(|k| Some(k) == keys.first())) {
                (Some(Some(key)), true) => {
                    let (k, m) = who[0];
                    m.entity
                        .and_then(|e| saves[k].project.entities.get(&e))
                        .map(|e| reg.entity(key, e))
                }
                _ => None,
            };
            let id = entry.next_mention_id();
            let mut mention = Mention::new(doc, id, crate::model::CharSpan::new(start, end), label);
            mention.entity = entity;
            mention.note = merged_note(
                who.iter()
                    .map(|(k, m)| (saves[*k].name.as_str(), m.note.as_str())),
            );
            mention.provenance = Some(Provenance {
                annotators: who.iter().map(|(k, _)| saves[*k].name.clone()).collect(),
                adjudicator: adjudicator.to_owned(),
            });
            entry.insert_sorted(mention);
            report.mentions += 1;
        }
        let quotation_ids = super::merge_quotations::merge_quotations(
            saves,
            doc,
            &mut entry,
            strategy,
            adjudicator,
            &mut report,
        );
        // Stances grouped by (holder, target, polarity).
        let mut stance_groups: BTreeMap<(String, String, String), Holders<&Stance>> =
            BTreeMap::new();
        for (k, s) in saves.iter().enumerate() {
            for st in &s.project.documents[&doc.path].stances {
                let key = (
                    holder_key(&s.project, &st.holder),
                    target_key(&s.project, &st.target),
                    st.polarity.clone(),
                );
                let slot = stance_groups.entry(key).or_default();
                if !slot.iter().any(|(j, _)| *j == k) {
                    slot.push((k, st));
                }
            }
        }
        for ((hk, tk, _), who) in stance_groups {
            if !strategy.keeps(who.len(), n) {
                report.stances_dropped += 1;
                continue;
            }
            let (k, st) = who[0];
            let source = &saves[k].project;
            let holder = match &st.holder {
                Holder::Author => Holder::Author,
                Holder::Entity(e) => match source.entities.get(e) {
                    Some(ent) => Holder::Entity(reg.entity(&hk, ent)),
                    None => continue,
                },
            };
            let target = match &st.target {
                Target::Entity(e) => match source.entities.get(e) {
                    Some(ent) => Target::Entity(reg.entity(tk.trim_start_matches("entity:"), ent)),
                    None => continue,
                },
                Target::Claim(c) => match source.claims.get(c) {
                    Some(claim) => Target::Claim(reg.claim(claim)),
                    None => continue,
                },
                Target::Topic(t) => Target::Topic(t.clone()),
            };
            let mut stance = st.clone();
            stance.id = entry.next_stance_id();
            stance.holder = holder;
            stance.target = target;
            // The gold quotation it rests on, if that was kept.
            stance.quotation = st
                .quotation
                .and_then(|q| quotation_ids.get(&(k, q)).copied());
            stance.note = merged_note(
                who.iter()
                    .map(|(k, s)| (saves[*k].name.as_str(), s.note.as_str())),
            );
            stance.provenance = Some(Provenance {
                annotators: who.iter().map(|(k, _)| saves[*k].name.clone()).collect(),
                adjudicator: adjudicator.to_owned(),
            });
            entry.insert_stance(stance);
            report.stances += 1;
        }
        super::merge_relations::merge_relations(
            saves,
            &doc.path,
            &mut entry,
            strategy,
            adjudicator,
            &mut report,
        );
        // Codebook values: the value the strategy keeps, among every
        // annotator (one who did not code it counts against it).
        for v in &reg.project.schema.variables {
            let mut tally: BTreeMap<&crate::model::codebook::Code, usize> = BTreeMap::new();
            for s in saves {
                if let Some(c) = s.project.documents[&doc.path].codes.get(&v.name) {
                    *tally.entry(c).or_default() += 1;
                }
            }
            let Some((code, count)) = tally.into_iter().max_by_key(|(_, n)| *n) else {
                continue;
            };
            if strategy.keeps(count, n) && v.refuses(code).is_none() {
                entry.codes.insert(v.name.clone(), code.clone());
                report.codes += 1;
            } else {
                report.codes_dropped += 1;
            }
        }
        reg.project.documents.insert(doc.path.clone(), entry.into());
    }
    (reg.project, report)
}
