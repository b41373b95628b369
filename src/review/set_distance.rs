//! Distances between two sets of values, for Krippendorff's alpha on
//! multiple-choice variables: Jaccard (1 − |A∩B| / |A∪B|) and MASI
//! (Passonneau 2006: Jaccard's share weighted by monotonicity: 1 when the
//! sets are equal, 2/3 when one holds the other, 1/3 when they only
//! overlap, 0 when disjoint), as NLTK computes them.

use std::collections::BTreeSet;

fn shares<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> (usize, usize) {
    let inter = a.intersection(b).count();
    let union = a.union(b).count();
    (inter, union)
}

/// Jaccard distance; two empty sets are at distance 0.
#[must_use]
pub fn jaccard_distance<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let (inter, union) = shares(a, b);
    if union == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let j = inter as f64 / union as f64;
    1.0 - j
}

/// MASI distance; two empty sets are at distance 0.
#[must_use]
pub fn masi_distance<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let (inter, union) = shares(a, b);
    if union == 0 {
        return 0.0;
    }
    let m = if a == b {
        1.0
    } else if a.is_subset(b) || b.is_subset(a) {
        2.0 / 3.0
    } else if inter > 0 {
        1.0 / 3.0
    } else {
        0.0
    };
    #[allow(clippy::cast_precision_loss)]
    let j = inter as f64 / union as f64;
    1.0 - j * m
}
