//! Agreement on quotations. Two annotators' quotations of a document are
//! paired one to one by the characters their contents share, most shared
//! first; then:
//!
//! * **F1**: mean pairwise F1 of finding the quotations (a paired one is a
//!   hit, an unpaired one a miss);
//! * **content overlap**: mean character Jaccard of the paired contents;
//! * **speaker**: the share of pairs with the same speaker: the same entity
//!   (by Wikidata id, else name; a pronoun counts as its antecedent's), or
//!   overlapping speaker mentions, or both unattributed;
//! * **kind**: the share of pairs of the same kind (direct, indirect,
//!   mixed).

use crate::model::attribution::speaker_entity;
use crate::model::{CharSpan, Document, QuoteKind};

use super::agreement::ReviewSave;
use super::keys::entity_key;
use super::report::{Figure, QuotationFigures};
use super::spans::{MatchCounts, prf};

/// A quotation as compared.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Compared {
    contents: Vec<CharSpan>,
    /// The speaker's entity key, if any.
    entity: Option<String>,
    /// The speaker mention's span; `None`: unattributed.
    speaker: Option<CharSpan>,
    kind: QuoteKind,
}

impl Compared {
    fn same_speaker(&self, other: &Self) -> bool {
        match (&self.speaker, &other.speaker) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                (self.entity.is_some() && self.entity == other.entity) || a.overlaps(*b)
            }
            _ => false,
        }
    }
}

fn shared(a: &[CharSpan], b: &[CharSpan]) -> usize {
    a.iter()
        .flat_map(|x| {
            b.iter()
                .map(move |y| y.end.min(x.end).saturating_sub(y.start.max(x.start)))
        })
        .sum()
}

fn length(spans: &[CharSpan]) -> usize {
    spans.iter().map(|s| s.end - s.start).sum()
}

/// Each quotation of `save` in `doc`.
fn quotations_of(save: &ReviewSave, doc: &Document) -> Vec<Compared> {
    let Some(entry) = save.project.documents.get(&doc.path) else {
        return Vec::new();
    };
    entry
        .quotations
        .iter()
        .map(|q| Compared {
            contents: q.contents.iter().map(|e| e.span).collect(),
            entity: q
                .speaker
                .and_then(|m| speaker_entity(entry, m))
                .map(|e| entity_key(&save.project, e)),
            speaker: q.speaker.and_then(|m| entry.mention(m)).map(|m| m.span),
            kind: q.kind,
        })
        .collect()
}

/// One-to-one pairs of `a` and `b` sharing characters, most shared first.
fn pairs(a: &[Compared], b: &[Compared]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            let n = shared(&x.contents, &y.contents);
            if n > 0 {
                candidates.push((n, i, j));
            }
        }
    }
    candidates.sort_by(|p, q| q.0.cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut out = Vec::new();
    for (_, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            out.push((i, j));
        }
    }
    out
}

fn mean(v: &[f64]) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    let n = v.len() as f64;
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / n)
}

#[allow(clippy::cast_precision_loss)]
fn share(yes: usize, all: usize) -> Option<f64> {
    (all > 0).then(|| yes as f64 / all as f64)
}

/// Quotation figures of `saves` over `docs`.
pub(super) fn quotation_figures(saves: &[ReviewSave], docs: &[&Document]) -> QuotationFigures {
    let per_doc: Vec<Vec<Vec<Compared>>> = docs
        .iter()
        .map(|d| saves.iter().map(|s| quotations_of(s, d)).collect())
        .collect();
    let quotations = per_doc.iter().flatten().map(Vec::len).sum();
    if saves.len() < 2 {
        let f = || Figure::of(None, quotations, "a single annotator");
        return QuotationFigures {
            quotations,
            f1: f(),
            content_overlap: f(),
            speaker: f(),
            kind: f(),
        };
    }
    let (mut f1, mut jaccard) = (Vec::new(), Vec::new());
    let (mut paired, mut same_speaker, mut same_kind) = (0, 0, 0);
    for i in 0..saves.len() {
        for j in i + 1..saves.len() {
            let mut c = MatchCounts::default();
            for d in &per_doc {
                let (a, b) = (&d[i], &d[j]);
                let found = pairs(a, b);
                c.correct += found.len();
                c.missing += a.len() - found.len();
                c.spurious += b.len() - found.len();
                for (x, y) in found.into_iter().map(|(x, y)| (&a[x], &b[y])) {
                    let both = shared(&x.contents, &y.contents);
                    let either = length(&x.contents) + length(&y.contents) - both;
                    #[allow(clippy::cast_precision_loss)]
                    jaccard.push(both as f64 / either.max(1) as f64);
                    paired += 1;
                    same_speaker += usize::from(x.same_speaker(y));
                    same_kind += usize::from(x.kind == y.kind);
                }
            }
            f1.extend(prf(c, 0.0).f1);
        }
    }
    let none = "no quotation marked by two annotators";
    QuotationFigures {
        quotations,
        f1: Figure::of(mean(&f1), quotations, "no annotator made a quotation"),
        content_overlap: Figure::of(mean(&jaccard), paired, none),
        speaker: Figure::of(share(same_speaker, paired), paired, none),
        kind: Figure::of(share(same_kind, paired), paired, none),
    }
}
