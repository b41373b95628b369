//! Adjudicating relations and quotations into a gold project, one version
//! at a time: the versions of a document side by side (who has each, keyed
//! as `merge` keys them), and the edit accepting one. A version is accepted
//! only when the gold project has the mentions it names (accept those
//! first); the message says which are missing.

use std::collections::BTreeMap;

use crate::model::{
    CharSpan, DocAnnotations, Document, Edit, Evidence, MentionId, Provenance, Quotation, Relation,
};

use super::agreement::ReviewSave;
use super::keys::{MentionKey, QuotationKey, quotation_key, relation_key};

/// One relation version of a document: its type and ends, and who has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationItem {
    /// The relation's key: type, source place, target place.
    pub key: (String, MentionKey, MentionKey),
    /// "Bjørn Aasheim member_of ➡ Norvik Chemicals", for display.
    pub text: String,
    /// For each annotator: whether they have it.
    pub had_by: Vec<bool>,
    /// The source's span, to jump to.
    pub span: CharSpan,
}

/// One quotation version of a document: its key, a line for display, who
/// has it, and where its words start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotationItem {
    /// The quotation's key (see [`quotation_key`]).
    pub key: QuotationKey,
    /// "speaker: “first words…” · kind", for display.
    pub text: String,
    /// For each annotator: whether they have it.
    pub had_by: Vec<bool>,
    /// Its first part, to jump to.
    pub span: CharSpan,
}

/// True when every annotator has the version.
fn all(had_by: &[bool]) -> bool {
    had_by.iter().all(|h| *h)
}

impl RelationItem {
    /// True when every annotator has it.
    #[must_use]
    pub fn agreed(&self) -> bool {
        all(&self.had_by)
    }
}

impl QuotationItem {
    /// True when every annotator has it.
    #[must_use]
    pub fn agreed(&self) -> bool {
        all(&self.had_by)
    }
}

fn text_of(entry: &DocAnnotations, id: MentionId) -> String {
    entry
        .mention(id)
        .map_or_else(|| id.to_string(), |m| m.quote.exact.clone())
}

/// The relation versions of `doc` across annotators, in key order.
#[must_use]
pub fn document_relation_items(saves: &[ReviewSave], doc: &Document) -> Vec<RelationItem> {
    let mut items: BTreeMap<(String, MentionKey, MentionKey), RelationItem> = BTreeMap::new();
    for (k, s) in saves.iter().enumerate() {
        let Some(entry) = s.project.documents.get(&doc.path) else {
            continue;
        };
        for r in &entry.relations {
            let Some(key) = relation_key(&s.project, entry, r) else {
                continue;
            };
            let item = items.entry(key.clone()).or_insert_with(|| RelationItem {
                text: format!(
                    "{} {} ➡ {}",
                    text_of(entry, r.source),
                    r.label,
                    text_of(entry, r.target)
                ),
                span: CharSpan::new(key.1.0, key.1.1),
                key,
                had_by: vec![false; saves.len()],
            });
            item.had_by[k] = true;
        }
    }
    items.into_values().collect()
}

/// The quotation versions of `doc` across annotators, in key order.
#[must_use]
pub fn document_quotation_items(saves: &[ReviewSave], doc: &Document) -> Vec<QuotationItem> {
    let mut items: BTreeMap<QuotationKey, QuotationItem> = BTreeMap::new();
    for (k, s) in saves.iter().enumerate() {
        let Some(entry) = s.project.documents.get(&doc.path) else {
            continue;
        };
        for q in &entry.quotations {
            let Some(key) = quotation_key(entry, q) else {
                continue;
            };
            let speaker = q
                .speaker
                .map_or_else(|| "unattributed".to_owned(), |m| text_of(entry, m));
            let first: String = q
                .contents
                .first()
                .map(|e| e.quote.exact.chars().take(40).collect())
                .unwrap_or_default();
            let item = items.entry(key.clone()).or_insert_with(|| QuotationItem {
                text: format!("{speaker}: “{first}…” · {}", q.kind.label()),
                span: q.contents.first().map_or(CharSpan::new(0, 0), |e| e.span),
                key,
                had_by: vec![false; saves.len()],
            });
            item.had_by[k] = true;
        }
    }
    items.into_values().collect()
}

/// The gold mention at `place`, or a message naming it.
fn gold_mention(
    entry: &DocAnnotations,
    (start, end, label): &MentionKey,
) -> Result<MentionId, String> {
    entry
        .mentions
        .iter()
        .find(|m| m.span.start == *start && m.span.end == *end && m.label == *label)
        .map(|m| m.id)
        .ok_or_else(|| format!("accept its {label} mention at [{start}, {end}) first"))
}

fn provenance(saves: &[ReviewSave], had_by: &[bool], adjudicator: &str) -> Provenance {
    Provenance {
        annotators: saves
            .iter()
            .zip(had_by)
            .filter(|(_, h)| **h)
            .map(|(s, _)| s.name.clone())
            .collect(),
        adjudicator: adjudicator.to_owned(),
    }
}

/// True when `gold` has relation version `item` in document `doc`.
#[must_use]
pub fn relation_in_gold(gold: &crate::model::Project, doc: &str, item: &RelationItem) -> bool {
    gold.documents.get(doc).is_some_and(|entry| {
        entry
            .relations
            .iter()
            .any(|r| relation_key(gold, entry, r).as_ref() == Some(&item.key))
    })
}

/// True when `gold` has quotation version `item` in document `doc`.
#[must_use]
pub fn quotation_in_gold(gold: &crate::model::Project, doc: &str, item: &QuotationItem) -> bool {
    gold.documents.get(doc).is_some_and(|entry| {
        entry
            .quotations
            .iter()
            .any(|q| quotation_key(entry, q).as_ref() == Some(&item.key))
    })
}

/// The edit accepting relation version `item` of `doc` into `gold`.
///
/// # Errors
/// When gold lacks one of its mentions, or has the relation already.
pub fn accept_relation(
    gold: &crate::model::Project,
    saves: &[ReviewSave],
    doc: &Document,
    item: &RelationItem,
    adjudicator: &str,
) -> Result<Edit, String> {
    let entry = gold
        .documents
        .get(&doc.path)
        .ok_or("the gold project does not have this document")?;
    let (label, a, b) = &item.key;
    let (source, target) = (gold_mention(entry, a)?, gold_mention(entry, b)?);
    if entry
        .relations
        .iter()
        .any(|r| relation_key(gold, entry, r).as_ref() == Some(&item.key))
    {
        return Err("that relation is in the gold project already".to_owned());
    }
    // The note of the first annotator who has it.
    let note = saves
        .iter()
        .zip(&item.had_by)
        .filter(|(_, h)| **h)
        .find_map(|(s, _)| {
            let e = s.project.documents.get(&doc.path)?;
            e.relations
                .iter()
                .find(|r| relation_key(&s.project, e, r).as_ref() == Some(&item.key))
                .map(|r| r.note.clone())
        })
        .unwrap_or_default();
    let mut relation = Relation::new(entry.next_relation_id(), label.clone(), source, target);
    relation.note = note;
    relation.provenance = Some(provenance(saves, &item.had_by, adjudicator));
    Ok(Edit::AddRelation {
        doc: doc.path.clone(),
        relation,
    })
}

/// The edit accepting quotation version `item` of `doc` into `gold`.
///
/// # Errors
/// When gold lacks its speaker or a source mention, or has it already.
pub fn accept_quotation(
    gold: &crate::model::Project,
    saves: &[ReviewSave],
    doc: &Document,
    item: &QuotationItem,
    adjudicator: &str,
) -> Result<Edit, String> {
    let entry = gold
        .documents
        .get(&doc.path)
        .ok_or("the gold project does not have this document")?;
    if entry
        .quotations
        .iter()
        .any(|q| quotation_key(entry, q).as_ref() == Some(&item.key))
    {
        return Err("that quotation is in the gold project already".to_owned());
    }
    let (contents, cue, kind, speaker, sources) = &item.key;
    let speaker = speaker
        .as_ref()
        .map(|m| gold_mention(entry, m))
        .transpose()?;
    let sources = sources
        .iter()
        .map(|m| gold_mention(entry, m))
        .collect::<Result<Vec<_>, _>>()?;
    let evidence = |&(start, end): &(usize, usize)| Evidence::new(doc, CharSpan::new(start, end));
    let mut q = Quotation::new(
        entry.next_quotation_id(),
        speaker,
        contents.iter().map(evidence).collect(),
        *kind,
    );
    q.cue = cue.as_ref().map(evidence);
    q.sources = sources;
    q.note = saves
        .iter()
        .zip(&item.had_by)
        .filter(|(_, h)| **h)
        .find_map(|(s, _)| {
            let e = s.project.documents.get(&doc.path)?;
            e.quotations
                .iter()
                .find(|x| quotation_key(e, x).as_ref() == Some(&item.key))
                .map(|x| x.note.clone())
        })
        .unwrap_or_default();
    q.provenance = Some(provenance(saves, &item.had_by, adjudicator));
    Ok(Edit::AddQuotation {
        doc: doc.path.clone(),
        quotation: q,
    })
}
