//! Span F1 between two annotators, with exact and with partial matching
//! (MUC / SemEval-2013 style: an overlapping span of the same type counts half).

use crate::model::CharSpan;

/// Precision, recall and F1 of `response` against `reference`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prf {
    /// Precision (`None` when the response is empty).
    pub precision: Option<f64>,
    /// Recall (`None` when the reference is empty).
    pub recall: Option<f64>,
    /// F1 (`None` when both are empty).
    pub f1: Option<f64>,
}

/// Match counts between a reference and a response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatchCounts {
    /// Same span, same type.
    pub correct: usize,
    /// Overlapping span, same type (one-to-one).
    pub partial: usize,
    /// In the reference only.
    pub missing: usize,
    /// In the response only.
    pub spurious: usize,
}

/// Counts matches: exact pairs first, then one-to-one overlapping pairs.
#[must_use]
pub fn match_counts<L: PartialEq>(
    reference: &[(CharSpan, L)],
    response: &[(CharSpan, L)],
) -> MatchCounts {
    let mut used_ref = vec![false; reference.len()];
    let mut used_res = vec![false; response.len()];
    let mut counts = MatchCounts::default();
    for (i, a) in reference.iter().enumerate() {
        if let Some(j) = (0..response.len()).find(|&j| !used_res[j] && response[j] == *a) {
            used_ref[i] = true;
            used_res[j] = true;
            counts.correct += 1;
        }
    }
    for (i, a) in reference.iter().enumerate() {
        if used_ref[i] {
            continue;
        }
        if let Some(j) = (0..response.len())
            .find(|&j| !used_res[j] && response[j].1 == a.1 && response[j].0.overlaps(a.0))
        {
            used_ref[i] = true;
            used_res[j] = true;
            counts.partial += 1;
        }
    }
    counts.missing = used_ref.iter().filter(|u| !**u).count();
    counts.spurious = used_res.iter().filter(|u| !**u).count();
    counts
}

/// P, R and F1 from counts; `partial_weight` is 0 for exact matching and 0.5
/// for partial matching.
#[must_use]
pub fn prf(counts: MatchCounts, partial_weight: f64) -> Prf {
    #[allow(clippy::cast_precision_loss)]
    let (c, p) = (counts.correct as f64, counts.partial as f64);
    #[allow(clippy::cast_precision_loss)]
    let reference = (counts.correct + counts.partial + counts.missing) as f64;
    #[allow(clippy::cast_precision_loss)]
    let response = (counts.correct + counts.partial + counts.spurious) as f64;
    let hit = c + partial_weight * p;
    let precision = (response > 0.0).then(|| hit / response);
    let recall = (reference > 0.0).then(|| hit / reference);
    // 2·hit / (reference + response): the harmonic mean of precision and
    // recall where both exist, and 0 where one side marked something and
    // the other nothing. Not defined only when neither marked anything.
    let f1 = (reference + response > 0.0).then(|| 2.0 * hit / (reference + response));
    Prf {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// TV7.
    #[test]
    fn tv7_exact_and_partial() {
        let s = |a, b, l: &'static str| (CharSpan::new(a, b), l);
        let a = [s(0, 5, "PER"), s(10, 15, "ORG"), s(20, 25, "LOC")];
        let b = [s(0, 5, "PER"), s(10, 14, "ORG"), s(30, 35, "LOC")];
        let counts = match_counts(&a, &b);
        assert_eq!(
            counts,
            MatchCounts {
                correct: 1,
                partial: 1,
                missing: 1,
                spurious: 1
            }
        );
        let exact = prf(
            MatchCounts {
                partial: 0,
                missing: counts.missing + counts.partial,
                spurious: counts.spurious + counts.partial,
                ..counts
            },
            0.0,
        );
        assert!((exact.f1.expect("f1") - 1.0 / 3.0).abs() < 1e-3);
        let partial = prf(counts, 0.5);
        for v in [partial.precision, partial.recall, partial.f1] {
            assert!((v.expect("defined") - 0.5).abs() < 1e-9);
        }
        assert_eq!(
            prf(MatchCounts::default(), 0.5).f1,
            None,
            "nothing to compare"
        );
    }

    /// F1 is 0 when one annotator marked something and the other nothing;
    /// it is not defined only when neither marked anything.
    #[test]
    fn one_sided_marking_is_total_disagreement() {
        let counts = |correct, missing, spurious| MatchCounts {
            correct,
            partial: 0,
            missing,
            spurious,
        };
        for (c, expected) in [
            (counts(0, 1, 0), Some(0.0)),
            (counts(0, 0, 3), Some(0.0)),
            (counts(0, 2, 2), Some(0.0)),
            (counts(2, 0, 0), Some(1.0)),
            (counts(1, 1, 0), Some(2.0 / 3.0)),
            (counts(0, 0, 0), None),
        ] {
            let f1 = prf(c, 0.0).f1;
            assert_eq!(
                f1.map(|v| (v * 1e9).round()),
                expected.map(|v| (v * 1e9_f64).round()),
                "{c:?}"
            );
        }
    }
}
