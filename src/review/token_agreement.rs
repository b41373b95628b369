//! Token-level agreement: every annotator's label for every token (the
//! type of the longest accepted mention over it, else `O`), counted as
//! distinct rows, and the nominal coefficients over them (Cohen's and
//! Fleiss' kappa, Krippendorff's alpha).

use std::collections::BTreeSet;

use crate::model::tokens::word_starts;
use crate::model::{Document, Mention};

use super::coefficients::{
    Metric, fleiss_kappa_counted, krippendorff_alpha_counted, two_coder_counted,
};
use super::report::Figure;

/// The label of a token outside every mention.
const OUTSIDE_LABEL: &str = "O";

/// `O` and every type of an accepted mention, sorted: token labels are
/// indices into this list.
pub(super) fn label_names<'a>(accepted: &[Vec<Vec<&'a Mention>>]) -> Vec<&'a str> {
    let mut names: BTreeSet<&str> = BTreeSet::from([OUTSIDE_LABEL]);
    for per_save in accepted {
        names.extend(per_save.iter().flatten().map(|m| m.label.as_str()));
    }
    names.into_iter().collect()
}

/// The token labels of every annotator, one row (a label per annotator) per
/// token, handed to `visit` in reading order: each annotator's label is the
/// type of the longest accepted mention covering the token, else `O`, as an
/// index into a sorted list of the labels used (the coefficients only
/// compare labels, so names are not needed). Linear in text plus mention
/// length: each mention marks the code points it covers, and each token
/// reads the mark at its start.
pub(super) fn visit_token_rows(
    docs: &[&Document],
    accepted: &[Vec<Vec<&Mention>>],
    names: &[&str],
    mut visit: impl FnMut(&[usize]),
) {
    let index = |label: &str| names.binary_search(&label).unwrap_or(0);
    let outside = index(OUTSIDE_LABEL);
    let saves = accepted.first().map_or(0, Vec::len);
    let mut best: Vec<Vec<Option<(usize, usize)>>> = vec![Vec::new(); saves];
    let mut row = vec![outside; saves];
    for (d, per_save) in docs.iter().zip(accepted) {
        let starts = word_starts(&d.text);
        let length = d.char_len();
        for (mentions, best) in per_save.iter().zip(&mut best) {
            // (length, label) of the longest mention over each code point;
            // among equally long ones the last, as before. The list only
            // grows; the slots a document sets are cleared after it, so
            // each document costs its mentions, not its length.
            if best.len() < length {
                best.resize(length, None);
            }
            for m in mentions {
                let label = index(&m.label);
                let end = m.span.end.min(length);
                for slot in best.iter_mut().take(end).skip(m.span.start) {
                    if slot.is_none_or(|(len, _)| m.span.len() >= len) {
                        *slot = Some((m.span.len(), label));
                    }
                }
            }
        }
        for &t in &starts {
            for (label, best) in row.iter_mut().zip(&best) {
                *label = best.get(t).copied().flatten().map_or(outside, |(_, l)| l);
            }
            visit(&row);
        }
        for (mentions, best) in per_save.iter().zip(&mut best) {
            for m in mentions {
                let end = m.span.end.min(length);
                for slot in best.iter_mut().take(end).skip(m.span.start) {
                    *slot = None;
                }
            }
        }
    }
}

/// The distinct rows of token labels, with how many tokens have each: the
/// nominal coefficients need nothing else, and there are few (at most the
/// labels used to the power of the annotators), so memory does not grow
/// with the corpus.
pub(super) fn token_profiles(
    saves: usize,
    docs: &[&Document],
    accepted: &[Vec<Vec<&Mention>>],
    names: &[&str],
) -> Vec<(Vec<usize>, usize)> {
    let labels = names.len();
    // A row is a number in base `labels`; when there are few enough such
    // numbers, they are counted in an array instead of a map.
    let dense = u32::try_from(saves)
        .ok()
        .and_then(|m| labels.checked_pow(m))
        .filter(|&n| n <= 1 << 20);
    let mut out: Vec<(Vec<usize>, usize)> = match dense {
        Some(size) => {
            let mut counts = vec![0usize; size];
            visit_token_rows(docs, accepted, names, |row| {
                let key = row.iter().rev().fold(0, |key, &l| key * labels + l);
                if let Some(n) = counts.get_mut(key) {
                    *n += 1;
                }
            });
            counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(mut key, &n)| {
                    let row = (0..saves)
                        .map(|_| {
                            let l = key % labels;
                            key /= labels;
                            l
                        })
                        .collect();
                    (row, n)
                })
                .collect()
        }
        None => {
            let mut counts: std::collections::HashMap<Vec<usize>, usize> =
                std::collections::HashMap::new();
            visit_token_rows(docs, accepted, names, |row| match counts.get_mut(row) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(row.to_vec(), 1);
                }
            });
            counts.into_iter().collect()
        }
    };
    out.sort_unstable();
    out
}

/// Cohen's kappa, Fleiss' kappa and nominal alpha over token label rows
/// (`coders` labels each) given with their counts.
pub(super) fn label_figures(
    profiles: &[(Vec<usize>, usize)],
    coders: usize,
) -> (Figure, Figure, Figure) {
    let items = profiles.iter().map(|(_, n)| n).sum();
    if coders < 2 {
        let f = || Figure::of(None, items, "a single annotator");
        return (f(), f(), f());
    }
    let cohen = if coders == 2 {
        Figure::of(
            two_coder_counted(profiles.iter().map(|(row, n)| (&row[0], &row[1], *n)))
                .and_then(|t| t.cohen_kappa),
            items,
            "only one category is used, or nothing to compare",
        )
    } else {
        Figure::of(
            None,
            items,
            "Cohen's kappa is for two annotators; see Fleiss' kappa",
        )
    };
    let categories: Vec<usize> = profiles
        .iter()
        .flat_map(|(row, _)| row.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let counts: Vec<(Vec<usize>, usize)> = profiles
        .iter()
        .map(|(row, n)| {
            let per_category = categories
                .iter()
                .map(|c| row.iter().filter(|l| *l == c).count())
                .collect();
            (per_category, *n)
        })
        .collect();
    let fleiss = Figure::of(
        fleiss_kappa_counted(counts.iter().map(|(row, n)| (row.as_slice(), *n))),
        items,
        "only one category is used, or nothing to compare",
    );
    let alpha = Figure::of(
        krippendorff_alpha_counted(
            profiles.iter().map(|(row, n)| (row.iter().collect(), *n)),
            Metric::Nominal,
            &|_| 0.0,
        ),
        items,
        "only one category is used, or nothing to compare",
    );
    (cohen, fleiss, alpha)
}
