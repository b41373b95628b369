//! Agreement on relations: mean pairwise F1 over (type, source mention,
//! target mention), each mention by its span and entity type, matched as
//! mentions are: exactly, or partially (both ends overlapping an end of
//! the same type, counting half). For a symmetric type the two ends may be
//! either way round.

use crate::model::{CharSpan, Document};

use super::agreement::ReviewSave;
use super::report::{Figure, RelationFigures};
use super::spans::{MatchCounts, prf};

/// A relation as compared: its type, whether symmetric, and its two ends.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Compared {
    label: String,
    symmetric: bool,
    source: (CharSpan, String),
    target: (CharSpan, String),
}

impl Compared {
    /// Whether `other` is the same relation, with `same` deciding for ends.
    fn matches(
        &self,
        other: &Self,
        same: impl Fn(&(CharSpan, String), &(CharSpan, String)) -> bool,
    ) -> bool {
        self.label == other.label
            && ((same(&self.source, &other.source) && same(&self.target, &other.target))
                || (self.symmetric
                    && same(&self.source, &other.target)
                    && same(&self.target, &other.source)))
    }
}

/// Each annotator's relations of document `doc` (accepted mentions only).
fn relations_of(save: &ReviewSave, doc: &Document) -> Vec<Compared> {
    let Some(entry) = save.project.documents.get(&doc.path) else {
        return Vec::new();
    };
    let end = |id| {
        entry
            .mention(id)
            .filter(|m| !m.suggested)
            .map(|m| (m.span, m.label.clone()))
    };
    entry
        .relations
        .iter()
        .filter_map(|r| {
            Some(Compared {
                label: r.label.clone(),
                symmetric: save
                    .project
                    .schema
                    .relation_type(&r.label)
                    .is_some_and(|t| t.symmetric),
                source: end(r.source)?,
                target: end(r.target)?,
            })
        })
        .collect()
}

/// Exact pairs first, then one-to-one partial pairs.
fn counts(reference: &[Compared], response: &[Compared]) -> MatchCounts {
    let mut used_ref = vec![false; reference.len()];
    let mut used_res = vec![false; response.len()];
    let mut out = MatchCounts::default();
    let exact = |a: &(CharSpan, String), b: &(CharSpan, String)| a == b;
    let overlap = |a: &(CharSpan, String), b: &(CharSpan, String)| a.1 == b.1 && a.0.overlaps(b.0);
    for partial in [false, true] {
        for (i, a) in reference.iter().enumerate() {
            if used_ref[i] {
                continue;
            }
            let found = (0..response.len()).find(|&j| {
                !used_res[j]
                    && if partial {
                        a.matches(&response[j], overlap)
                    } else {
                        a.matches(&response[j], exact)
                    }
            });
            if let Some(j) = found {
                used_ref[i] = true;
                used_res[j] = true;
                if partial {
                    out.partial += 1;
                } else {
                    out.correct += 1;
                }
            }
        }
    }
    out.missing = used_ref.iter().filter(|u| !**u).count();
    out.spurious = used_res.iter().filter(|u| !**u).count();
    out
}

/// Relation figures of `saves` over `docs`.
pub(super) fn relation_figures(saves: &[ReviewSave], docs: &[&Document]) -> RelationFigures {
    let per_doc: Vec<Vec<Vec<Compared>>> = docs
        .iter()
        .map(|d| saves.iter().map(|s| relations_of(s, d)).collect())
        .collect();
    let relations = per_doc.iter().flatten().map(Vec::len).sum();
    if saves.len() < 2 {
        let f = || Figure::of(None, relations, "a single annotator");
        return RelationFigures {
            relations,
            f1_exact: f(),
            f1_partial: f(),
        };
    }
    let (mut exact, mut partial) = (Vec::new(), Vec::new());
    for i in 0..saves.len() {
        for j in i + 1..saves.len() {
            let mut c = MatchCounts::default();
            for d in &per_doc {
                let x = counts(&d[i], &d[j]);
                c.correct += x.correct;
                c.partial += x.partial;
                c.missing += x.missing;
                c.spurious += x.spurious;
            }
            let strict = MatchCounts {
                partial: 0,
                missing: c.missing + c.partial,
                spurious: c.spurious + c.partial,
                ..c
            };
            exact.extend(prf(strict, 0.0).f1);
            partial.extend(prf(c, 0.5).f1);
        }
    }
    let mean = |v: &[f64]| {
        #[allow(clippy::cast_precision_loss)]
        let n = v.len() as f64;
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / n)
    };
    let why = "no annotator made a relation";
    RelationFigures {
        relations,
        f1_exact: Figure::of(mean(&exact), relations, why),
        f1_partial: Figure::of(mean(&partial), relations, why),
    }
}
