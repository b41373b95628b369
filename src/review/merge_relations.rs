//! Merging annotators' relations into a gold document: a relation is kept
//! when the strategy keeps it (by type and the places of its two mentions)
//! and both its mentions are in the gold document.

use std::collections::BTreeMap;

use crate::model::{DocAnnotations, Provenance, Relation, RelationId};

use super::agreement::ReviewSave;
use super::keys::{MentionKey, relation_key};
use super::merge::{MergeReport, Strategy};
use super::notes::merged_note;

/// Adds to gold document `entry` (at `path`, its mentions merged already)
/// the relations of `saves` that `strategy` keeps, counting them in
/// `report`.
pub(super) fn merge_relations(
    saves: &[ReviewSave],
    path: &str,
    entry: &mut DocAnnotations,
    strategy: Strategy,
    adjudicator: &str,
    report: &mut MergeReport,
) {
    type Key = (String, MentionKey, MentionKey);
    let mut groups: BTreeMap<Key, Vec<(usize, &Relation)>> = BTreeMap::new();
    for (k, s) in saves.iter().enumerate() {
        let Some(doc) = s.project.documents.get(path) else {
            continue;
        };
        for r in &doc.relations {
            if let Some(key) = relation_key(&s.project, doc, r) {
                let slot = groups.entry(key).or_default();
                if !slot.iter().any(|(j, _)| *j == k) {
                    slot.push((k, r));
                }
            }
        }
    }
    let gold_id = |entry: &DocAnnotations, (start, end, label): &MentionKey| {
        entry
            .mentions
            .iter()
            .find(|m| m.span.start == *start && m.span.end == *end && m.label == *label)
            .map(|m| m.id)
    };
    for ((label, a, b), who) in groups {
        let ends = (gold_id(entry, &a), gold_id(entry, &b));
        let (Some(source), Some(target)) = ends else {
            report.relations_dropped += 1;
            continue;
        };
        if !strategy.keeps(who.len(), saves.len()) {
            report.relations_dropped += 1;
            continue;
        }
        let mut relation = Relation::new(RelationId(0), label, source, target);
        relation.id = entry.next_relation_id();
        relation.note = merged_note(
            who.iter()
                .map(|(k, r)| (saves[*k].name.as_str(), r.note.as_str())),
        );
        relation.provenance = Some(Provenance {
            annotators: who.iter().map(|(k, _)| saves[*k].name.clone()).collect(),
            adjudicator: adjudicator.to_owned(),
        });
        entry.insert_relation(relation);
        report.relations += 1;
    }
}
