//! Merging annotators' quotations into a gold document: quotations match
//! when their contents, cue, kind, speaker and sources are the same (the
//! mentions by their places); a match is kept when the strategy keeps it
//! and its speaker and sources are in the gold document.

use std::collections::BTreeMap;

use crate::model::{
    CharSpan, DocAnnotations, Document, Evidence, Provenance, Quotation, QuotationId,
};

use super::agreement::ReviewSave;
use super::keys::{MentionKey, QuotationKey, quotation_key as key};
use super::merge::{MergeReport, Strategy};
use super::notes::merged_note;

/// Adds to gold document `entry` (of `doc`, its mentions merged already)
/// the quotations of `saves` that `strategy` keeps, counting them in
/// `report`. Returns, for each save's kept quotation, its gold id, so that
/// stances resting on it can follow.
pub(super) fn merge_quotations(
    saves: &[ReviewSave],
    doc: &Document,
    entry: &mut DocAnnotations,
    strategy: Strategy,
    adjudicator: &str,
    report: &mut MergeReport,
) -> BTreeMap<(usize, QuotationId), QuotationId> {
    let mut groups: BTreeMap<QuotationKey, Vec<(usize, &Quotation)>> = BTreeMap::new();
    for (k, s) in saves.iter().enumerate() {
        let Some(d) = s.project.documents.get(&doc.path) else {
            continue;
        };
        for q in &d.quotations {
            match key(d, q) {
                Some(key) => {
                    let slot = groups.entry(key).or_default();
                    if !slot.iter().any(|(j, _)| *j == k) {
                        slot.push((k, q));
                    }
                }
                None => report.quotations_dropped += 1,
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
    let mut ids = BTreeMap::new();
    for ((contents, cue, kind, speaker, sources), who) in groups {
        let speaker = match &speaker {
            Some(m) => gold_id(entry, m).map(Some),
            None => Some(None),
        };
        let sources = sources
            .iter()
            .map(|m| gold_id(entry, m))
            .collect::<Option<Vec<_>>>();
        let (Some(speaker), Some(sources)) = (speaker, sources) else {
            report.quotations_dropped += 1;
            continue;
        };
        if !strategy.keeps(who.len(), saves.len()) {
            report.quotations_dropped += 1;
            continue;
        }
        let evidence = |(start, end): (usize, usize)| Evidence::new(doc, CharSpan::new(start, end));
        let id = entry.next_quotation_id();
        let mut quotation = Quotation::new(
            id,
            speaker,
            contents.into_iter().map(evidence).collect(),
            kind,
        );
        quotation.cue = cue.map(evidence);
        quotation.sources = sources;
        quotation.note = merged_note(
            who.iter()
                .map(|(k, q)| (saves[*k].name.as_str(), q.note.as_str())),
        );
        quotation.provenance = Some(Provenance {
            annotators: who.iter().map(|(k, _)| saves[*k].name.clone()).collect(),
            adjudicator: adjudicator.to_owned(),
        });
        for (k, q) in &who {
            ids.insert((*k, q.id), id);
        }
        entry.insert_quotation(quotation);
        report.quotations += 1;
    }
    ids
}
