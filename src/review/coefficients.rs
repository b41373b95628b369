//! Agreement coefficients: observed agreement, Cohen's kappa, Scott's pi,
//! Bennett's S, Fleiss' kappa and Krippendorff's alpha (nominal and interval,
//! with missing values). Each returns `None` where the coefficient is not
//! defined (no items, one category only, fewer than two coders).

use std::collections::BTreeMap;
use std::hash::Hash;

/// Observed agreement and chance-corrected coefficients for two coders.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TwoCoder {
    /// Share of items on which the coders agree.
    pub observed: f64,
    /// Cohen's kappa.
    pub cohen_kappa: Option<f64>,
    /// Scott's pi.
    pub scott_pi: Option<f64>,
    /// Bennett, Alpert and Goldstein's S.
    pub bennett_s: Option<f64>,
}

/// Two-coder coefficients for paired labels. `None` with no pairs.
#[must_use]
pub fn two_coder<L: Ord + Clone>(pairs: &[(L, L)]) -> Option<TwoCoder> {
    two_coder_counted(pairs.iter().map(|(a, b)| (a, b, 1)))
}

/// [`two_coder`] for pairs given with how many times each occurs.
#[must_use]
pub fn two_coder_counted<'a, L: Ord + 'a>(
    pairs: impl IntoIterator<Item = (&'a L, &'a L, usize)>,
) -> Option<TwoCoder> {
    let mut a: BTreeMap<&L, f64> = BTreeMap::new();
    let mut b: BTreeMap<&L, f64> = BTreeMap::new();
    let mut agree = 0.0;
    let mut n = 0.0;
    for (x, y, times) in pairs {
        #[allow(clippy::cast_precision_loss)]
        let w = times as f64;
        n += w;
        *a.entry(x).or_default() += w;
        *b.entry(y).or_default() += w;
        if x == y {
            agree += w;
        }
    }
    if n <= 0.0 {
        return None;
    }
    let observed = agree / n;
    let categories: std::collections::BTreeSet<&L> = a.keys().chain(b.keys()).copied().collect();
    let pe_cohen: f64 = categories
        .iter()
        .map(|c| a.get(c).copied().unwrap_or(0.0) / n * b.get(c).copied().unwrap_or(0.0) / n)
        .sum();
    let pe_scott: f64 = categories
        .iter()
        .map(|c| {
            let p =
                (a.get(c).copied().unwrap_or(0.0) + b.get(c).copied().unwrap_or(0.0)) / (2.0 * n);
            p * p
        })
        .sum();
    #[allow(clippy::cast_precision_loss)]
    let q = categories.len() as f64;
    let chance = |pe: f64| (pe < 1.0).then(|| (observed - pe) / (1.0 - pe));
    Some(TwoCoder {
        observed,
        cohen_kappa: chance(pe_cohen),
        scott_pi: chance(pe_scott),
        bennett_s: (q > 1.0).then(|| (observed - 1.0 / q) / (1.0 - 1.0 / q)),
    })
}

/// Fleiss' kappa for items × categories counts (each row: how many raters
/// chose each category). Every item must have the same number of raters (≥ 2).
#[must_use]
pub fn fleiss_kappa(counts: &[Vec<usize>]) -> Option<f64> {
    fleiss_kappa_counted(counts.iter().map(|row| (row.as_slice(), 1)))
}

/// [`fleiss_kappa`] for rows given with how many items have each.
#[must_use]
pub fn fleiss_kappa_counted<'a>(
    rows: impl IntoIterator<Item = (&'a [usize], usize)>,
) -> Option<f64> {
    let mut raters = None;
    let mut n_items = 0.0;
    let mut agree_sum = 0.0;
    let mut totals: Vec<f64> = Vec::new();
    for (row, times) in rows {
        let sum: usize = row.iter().sum();
        if *raters.get_or_insert(sum) != sum {
            return None;
        }
        #[allow(clippy::cast_precision_loss)]
        let w = times as f64;
        n_items += w;
        if totals.len() < row.len() {
            totals.resize(row.len(), 0.0);
        }
        let mut agree = 0.0;
        for (j, &c) in row.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let c = c as f64;
            agree += c * (c - 1.0);
            totals[j] += w * c;
        }
        agree_sum += w * agree;
    }
    let raters = raters?;
    if raters < 2 || n_items <= 0.0 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let n = raters as f64;
    let p_bar = agree_sum / (n * (n - 1.0)) / n_items;
    let p_e: f64 = totals.iter().map(|t| (t / (n_items * n)).powi(2)).sum();
    (p_e < 1.0).then(|| (p_bar - p_e) / (1.0 - p_e))
}

/// How two values differ, for Krippendorff's alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// 0 when equal, 1 otherwise.
    Nominal,
    /// Squared difference of numeric values.
    Interval,
    /// Krippendorff's ordinal metric: the squared count of values (by their
    /// marginal frequencies) between two ranks, the ranks ordered as the
    /// values' `Ord`.
    Ordinal,
}

/// Krippendorff's alpha for reliability data: `data[coder][unit]`, `None`
/// for a missing value. Units with fewer than two values are not pairable and
/// are ignored. `value` maps a label to a number (used by the interval metric).
#[must_use]
pub fn krippendorff_alpha<L: Ord + Clone + Hash>(
    data: &[Vec<Option<L>>],
    metric: Metric,
    value: &dyn Fn(&L) -> f64,
) -> Option<f64> {
    let units = data.iter().map(Vec::len).max().unwrap_or(0);
    let values = (0..units).map(|u| {
        let values: Vec<&L> = data
            .iter()
            .filter_map(|c| c.get(u).and_then(Option::as_ref))
            .collect();
        (values, 1)
    });
    krippendorff_alpha_counted(values, metric, value)
}

/// [`krippendorff_alpha`] for units given as the values coders gave them
/// (missing ones left out), with how many units have those values.
#[must_use]
pub fn krippendorff_alpha_counted<'a, L: Ord + Clone + 'a>(
    units: impl IntoIterator<Item = (Vec<&'a L>, usize)>,
    metric: Metric,
    value: &dyn Fn(&L) -> f64,
) -> Option<f64> {
    let (o, n_c, n) = coincidences(units)?;
    // Ordinal: the marginals summed between two ranks (n_c is ordered by
    // the values' Ord, which is the ranks' order).
    let ranks: Vec<(&L, f64)> = n_c.iter().map(|(l, n)| (l, *n)).collect();
    let ordinal = |a: &L, b: &L| -> f64 {
        let (Some(i), Some(j)) = (
            ranks.iter().position(|(l, _)| *l == a),
            ranks.iter().position(|(l, _)| *l == b),
        ) else {
            return 0.0;
        };
        let (lo, hi) = (i.min(j), i.max(j));
        let between: f64 = ranks[lo..=hi].iter().map(|(_, n)| n).sum();
        (between - (ranks[i].1 + ranks[j].1) / 2.0).powi(2)
    };
    let delta = |a: &L, b: &L| match metric {
        Metric::Nominal => f64::from(u8::from(a != b)),
        Metric::Interval => (value(a) - value(b)).powi(2),
        Metric::Ordinal => ordinal(a, b),
    };
    alpha_from(&o, &n_c, n, &delta)
}

/// Krippendorff's alpha with any distance `delta` between two values (a
/// set distance such as MASI or Jaccard for multiple choice): `units` as for
/// [`krippendorff_alpha_counted`].
#[must_use]
pub fn krippendorff_alpha_distance<'a, L: Ord + Clone + 'a>(
    units: impl IntoIterator<Item = (Vec<&'a L>, usize)>,
    delta: &dyn Fn(&L, &L) -> f64,
) -> Option<f64> {
    let (o, n_c, n) = coincidences(units)?;
    alpha_from(&o, &n_c, n, delta)
}

/// The coincidence matrix, the marginals and their total; `None` with
/// fewer than two pairable values.
#[allow(clippy::type_complexity)]
fn coincidences<'a, L: Ord + Clone + 'a>(
    units: impl IntoIterator<Item = (Vec<&'a L>, usize)>,
) -> Option<(BTreeMap<(L, L), f64>, BTreeMap<L, f64>, f64)> {
    let mut o: BTreeMap<(L, L), f64> = BTreeMap::new();
    for (values, times) in units {
        let m = values.len();
        if m < 2 {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let w = times as f64 / (m as f64 - 1.0);
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                if i != j {
                    *o.entry(((*a).clone(), (*b).clone())).or_default() += w;
                }
            }
        }
    }
    let mut n_c: BTreeMap<L, f64> = BTreeMap::new();
    for ((a, _), v) in &o {
        *n_c.entry(a.clone()).or_default() += v;
    }
    let n: f64 = n_c.values().sum();
    (n > 1.0).then_some((o, n_c, n))
}

/// `1 - (n - 1) D_o / D_e` from the coincidences; `None` when there is no
/// expected disagreement (one value only).
fn alpha_from<L: Ord>(
    o: &BTreeMap<(L, L), f64>,
    n_c: &BTreeMap<L, f64>,
    n: f64,
    delta: &dyn Fn(&L, &L) -> f64,
) -> Option<f64> {
    let d_o: f64 = o.iter().map(|((a, b), v)| v * delta(a, b)).sum();
    let mut d_e = 0.0;
    for (a, na) in n_c {
        for (b, nb) in n_c {
            d_e += na * nb * delta(a, b);
        }
    }
    if d_e <= 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * d_o / d_e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 5e-5, "{a} vs {b}");
    }

    /// TV1: Artstein & Poesio's confusion matrix (stat, ireq, chck).
    #[test]
    fn tv1_two_coders() {
        let m = [[46, 6, 0], [0, 32, 0], [0, 6, 10]];
        let mut pairs = Vec::new();
        for (i, row) in m.iter().enumerate() {
            for (j, &n) in row.iter().enumerate() {
                pairs.extend(std::iter::repeat_n((i, j), n));
            }
        }
        let t = two_coder(&pairs).expect("pairs");
        assert!((t.observed - 0.88).abs() < 1e-9);
        close(t.scott_pi, 0.79953);
        close(t.bennett_s, 0.82);
        close(t.cohen_kappa, 0.80132);
        let data = vec![
            pairs.iter().map(|p| Some(p.0)).collect(),
            pairs.iter().map(|p| Some(p.1)).collect(),
        ];
        #[allow(clippy::cast_precision_loss)]
        let v = |x: &usize| *x as f64;
        close(krippendorff_alpha(&data, Metric::Nominal, &v), 0.80053);
    }

    /// TV2: the classic Fleiss table.
    #[test]
    fn tv2_fleiss() {
        let counts = vec![
            vec![0, 0, 0, 0, 14],
            vec![0, 2, 6, 4, 2],
            vec![0, 0, 3, 5, 6],
            vec![0, 3, 9, 2, 0],
            vec![2, 2, 8, 1, 1],
            vec![7, 7, 0, 0, 0],
            vec![3, 2, 6, 3, 0],
            vec![2, 5, 3, 2, 2],
            vec![6, 5, 2, 1, 0],
            vec![0, 2, 2, 3, 7],
        ];
        close(fleiss_kappa(&counts), 0.209931);
    }

    fn parse(rows: &[&str]) -> Vec<Vec<Option<u32>>> {
        rows.iter()
            .map(|r| r.split_whitespace().map(|v| v.parse().ok()).collect())
            .collect()
    }

    /// TV3: missing values.
    #[test]
    fn tv3_missing_values() {
        let data = parse(&[
            "* * * * * 3 4 1 2 1 1 3 3 * 3",
            "1 * 2 1 3 3 4 3 * * * * * * *",
            "* * 2 1 3 4 4 * 2 1 1 3 3 * 4",
        ]);
        let v = |x: &u32| f64::from(*x);
        close(krippendorff_alpha(&data, Metric::Nominal, &v), 0.691358);
        close(krippendorff_alpha(&data, Metric::Interval, &v), 0.810845);
    }

    /// TV4: Krippendorff's textbook example.
    #[test]
    fn tv4_textbook() {
        let data = parse(&[
            "1 2 3 3 2 1 4 1 2 * * *",
            "1 2 3 3 2 2 4 1 2 5 * 3",
            "* 3 3 3 2 3 4 2 2 5 1 *",
            "1 2 3 3 2 4 4 1 2 5 1 *",
        ]);
        let v = |x: &u32| f64::from(*x);
        close(krippendorff_alpha(&data, Metric::Nominal, &v), 0.7434);
        close(krippendorff_alpha(&data, Metric::Interval, &v), 0.8491);
    }

    /// TV5: stance labels.
    #[test]
    fn tv5_stances() {
        let row = |r: &[&str]| {
            r.iter()
                .map(|s| (*s != "*").then(|| (*s).to_owned()))
                .collect::<Vec<_>>()
        };
        let data = vec![
            row(&["pos", "neg", "neu", "*"]),
            row(&["pos", "neg", "neu", "pos"]),
            row(&["pos", "neg", "pos", "pos"]),
        ];
        close(
            krippendorff_alpha(&data, Metric::Nominal, &|_| 0.0),
            0.722222,
        );
    }

    #[test]
    fn degenerate_cases_are_not_defined() {
        assert_eq!(two_coder::<u8>(&[]), None);
        assert_eq!(
            two_coder(&[(1, 1), (1, 1)]).and_then(|t| t.cohen_kappa),
            None,
            "one category only"
        );
        assert_eq!(fleiss_kappa(&[]), None);
        assert_eq!(fleiss_kappa(&[vec![3, 0]]), None, "one category only");
        assert_eq!(fleiss_kappa(&[vec![1, 0]]), None, "a single rater");
        let one_coder = vec![vec![Some(1u32), Some(2)]];
        assert_eq!(
            krippendorff_alpha(&one_coder, Metric::Nominal, &|_| 0.0),
            None
        );
        let same = vec![vec![Some(1u32), Some(1)], vec![Some(1), Some(1)]];
        assert_eq!(
            krippendorff_alpha(&same, Metric::Nominal, &|_| 0.0),
            None,
            "no variation"
        );
    }

    proptest::proptest! {
        /// Rows given once each with their counts give the same figures as
        /// every row written out: the agreement report counts token rows.
        #[test]
        fn counted_rows_give_the_figures_of_the_rows_written_out(
            rows in proptest::collection::vec((proptest::collection::vec(0usize..3, 3), 1usize..4), 1..12)
        ) {
            let mut expanded: Vec<Vec<usize>> = Vec::new();
            for (row, n) in &rows {
                expanded.extend(std::iter::repeat_n(row.clone(), *n));
            }
            let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                (a, b) => a.is_none() && b.is_none(),
            };
            let pairs: Vec<(usize, usize)> = expanded.iter().map(|r| (r[0], r[1])).collect();
            let counted = two_coder_counted(rows.iter().map(|(r, n)| (&r[0], &r[1], *n)));
            let plain = two_coder(&pairs);
            proptest::prop_assert!(same(counted.and_then(|t| t.cohen_kappa), plain.and_then(|t| t.cohen_kappa)));
            proptest::prop_assert!(same(counted.map(|t| t.observed), plain.map(|t| t.observed)));
            let per_category = |r: &Vec<usize>| (0..3).map(|c| r.iter().filter(|l| **l == c).count()).collect::<Vec<_>>();
            let counts: Vec<Vec<usize>> = expanded.iter().map(per_category).collect();
            let counted_rows: Vec<(Vec<usize>, usize)> = rows.iter().map(|(r, n)| (per_category(r), *n)).collect();
            proptest::prop_assert!(same(
                fleiss_kappa_counted(counted_rows.iter().map(|(r, n)| (r.as_slice(), *n))),
                fleiss_kappa(&counts)
            ));
            let data: Vec<Vec<Option<usize>>> = (0..3).map(|c| expanded.iter().map(|r| Some(r[c])).collect()).collect();
            proptest::prop_assert!(same(
                krippendorff_alpha_counted(rows.iter().map(|(r, n)| (r.iter().collect(), *n)), Metric::Nominal, &|_| 0.0),
                krippendorff_alpha(&data, Metric::Nominal, &|_| 0.0)
            ));
        }
    }
}
