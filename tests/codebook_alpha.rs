//! Krippendorff's alpha per metric (issue 19), against published values:
//! nominal, interval and ordinal with missing data (TV3, TV4 of
//! ../shared/agreement-test-vectors.md: Krippendorff's textbook matrix,
//! ordinal 0.815 as he publishes it), and sets with MASI and Jaccard
//! distances (TV8, NLTK's values), to three decimals.

use std::collections::BTreeSet;

use stancemark::review::coefficients::{Metric, krippendorff_alpha, krippendorff_alpha_distance};
use stancemark::review::set_distance::{jaccard_distance, masi_distance};

/// Rows of a reliability matrix: numbers, `*` missing.
fn matrix(rows: &[&str]) -> Vec<Vec<Option<u32>>> {
    rows.iter()
        .map(|r| {
            r.split_whitespace()
                .map(|v| {
                    if v == "*" {
                        None
                    } else {
                        Some(v.parse().expect("number"))
                    }
                })
                .collect()
        })
        .collect()
}

fn close(got: Option<f64>, want: f64, what: &str) {
    let got = got.unwrap_or_else(|| panic!("{what}: not defined"));
    assert!((got - want).abs() < 5e-4, "{what}: {got:.4} vs {want}");
}

#[test]
fn published_matrices_with_missing_values() {
    let tv3 = matrix(&[
        "* * * * * 3 4 1 2 1 1 3 3 * 3",
        "1 * 2 1 3 3 4 3 * * * * * * *",
        "* * 2 1 3 4 4 * 2 1 1 3 3 * 4",
    ]);
    let tv4 = matrix(&[
        "1 2 3 3 2 1 4 1 2 * * *",
        "1 2 3 3 2 2 4 1 2 5 * 3",
        "* 3 3 3 2 3 4 2 2 5 1 *",
        "1 2 3 3 2 4 4 1 2 5 1 *",
    ]);
    let v = |x: &u32| f64::from(*x);
    // (matrix, metric, published value)
    let cases = [
        ("TV3 nominal", &tv3, Metric::Nominal, 0.691_358),
        ("TV3 interval", &tv3, Metric::Interval, 0.810_845),
        ("TV4 nominal", &tv4, Metric::Nominal, 0.7434),
        ("TV4 interval", &tv4, Metric::Interval, 0.8491),
        ("TV4 ordinal", &tv4, Metric::Ordinal, 0.815),
    ];
    for (what, data, metric, want) in cases {
        close(krippendorff_alpha(data, metric, &v), want, what);
    }
}

#[test]
fn multiple_choice_with_masi_and_jaccard() {
    let set =
        |items: &[&str]| -> BTreeSet<String> { items.iter().map(|s| (*s).to_owned()).collect() };
    // TV8: two coders × five documents.
    let pairs = [
        (set(&["economy", "security"]), set(&["economy"])),
        (set(&["humanitarian"]), set(&["humanitarian"])),
        (set(&["security"]), set(&["security", "diplomacy"])),
        (set(&["diplomacy"]), set(&["economy"])),
        (
            set(&["economy", "diplomacy"]),
            set(&["economy", "diplomacy"]),
        ),
    ];
    let units = || pairs.iter().map(|(a, b)| (vec![a, b], 1));
    close(
        krippendorff_alpha_distance(units(), &masi_distance),
        0.444_118,
        "TV8 MASI",
    );
    close(
        krippendorff_alpha_distance(units(), &jaccard_distance),
        0.483_254,
        "TV8 Jaccard",
    );
    // The distances themselves, by hand.
    let (a, b) = (set(&["x", "y"]), set(&["x"]));
    assert!((jaccard_distance(&a, &b) - 0.5).abs() < 1e-12);
    assert!((masi_distance(&a, &b) - (1.0 - 0.5 * 2.0 / 3.0)).abs() < 1e-12);
    assert!((masi_distance(&a, &a)).abs() < 1e-12);
    assert!((masi_distance(&set(&["x"]), &set(&["z"])) - 1.0).abs() < 1e-12);
}
