//! Team assignment (issue 18): balanced per annotator and per outlet, exact
//! overlap with exactly `per_doc` annotators, reproducible from the seed,
//! and re-assignment after someone leaves moving only their unfinished
//! documents.

use std::collections::{BTreeMap, BTreeSet};

use stancemark::model::team::{
    AssignError, AssignOptions, TeamDoc, assign, overlap_count, reassign,
};

fn corpus(outlets: &[(&str, usize)]) -> Vec<TeamDoc> {
    outlets
        .iter()
        .flat_map(|&(outlet, n)| {
            (0..n).map(move |i| TeamDoc {
                path: format!("{outlet}/{i:03}-🐟.txt"),
                outlet: outlet.to_owned(),
            })
        })
        .collect()
}

fn names(list: &str) -> Vec<String> {
    list.split(',').map(str::to_owned).collect()
}

fn options(annotators: &str, overlap: f64, per_doc: usize, seed: u64) -> AssignOptions {
    AssignOptions {
        annotators: names(annotators),
        overlap,
        per_doc,
        seed,
    }
}

/// `(outlet, annotator) -> documents`, and the totals per annotator.
fn loads(
    docs: &[TeamDoc],
    a: &BTreeMap<String, Vec<String>>,
) -> (BTreeMap<(String, String), usize>, BTreeMap<String, usize>) {
    let mut per_outlet = BTreeMap::new();
    let mut total = BTreeMap::new();
    for d in docs {
        for who in &a[&d.path] {
            *per_outlet
                .entry((d.outlet.clone(), who.clone()))
                .or_insert(0) += 1;
            *total.entry(who.clone()).or_insert(0) += 1;
        }
    }
    (per_outlet, total)
}

/// Outlets with their sizes, annotators, overlap, annotators per overlap
/// document.
type Case = (&'static [(&'static str, usize)], &'static str, f64, usize);

#[test]
fn assignments_are_balanced_exact_and_reproducible() {
    // (outlets, annotators, overlap, per_doc)
    let cases: [Case; 6] = [
        (
            &[("nordwire", 40), ("the-meridian", 40), ("green-tide", 20)],
            "ana,ben,cleo",
            0.2,
            2,
        ),
        (&[("a", 7), ("b", 5), ("c", 1)], "ana,ben", 0.3, 2),
        (&[("a", 100)], "ana,ben,cleo,dev", 0.25, 3),
        (&[("a", 10), ("b", 10)], "solo", 0.0, 2),
        (&[("a", 9), ("b", 12), ("c", 30)], "p,q,r,s,t,u", 1.0, 2),
        (&[("a", 3)], "ana,ben,cleo,dev,eli", 0.5, 2),
    ];
    for (outlets, who, overlap, per_doc) in cases {
        let docs = corpus(outlets);
        let opts = options(who, overlap, per_doc, 42);
        let a = assign(&docs, &opts).expect("assign");
        let label = format!("{outlets:?} {who} {overlap}");
        // Every document assigned; overlap exact, with exactly per_doc.
        assert_eq!(a.len(), docs.len(), "{label}");
        let overlap_docs = a.values().filter(|v| v.len() > 1).count();
        assert_eq!(overlap_docs, overlap_count(docs.len(), overlap), "{label}");
        for v in a.values() {
            let distinct: BTreeSet<&String> = v.iter().collect();
            assert_eq!(distinct.len(), v.len(), "{label}: one annotator twice");
            assert!(v.len() == 1 || v.len() == per_doc, "{label}: {v:?}");
        }
        // Balanced: totals differ by at most one document; per outlet too.
        let (per_outlet, total) = loads(&docs, &a);
        let annotators = names(who);
        let counts: Vec<usize> = annotators
            .iter()
            .map(|n| total.get(n).copied().unwrap_or(0))
            .collect();
        let spread = counts.iter().max().unwrap_or(&0) - counts.iter().min().unwrap_or(&0);
        assert!(spread <= 1, "{label}: totals {counts:?}");
        for (outlet, _) in outlets {
            let counts: Vec<usize> = annotators
                .iter()
                .map(|n| {
                    per_outlet
                        .get(&((*outlet).to_owned(), n.clone()))
                        .copied()
                        .unwrap_or(0)
                })
                .collect();
            let spread = counts.iter().max().unwrap_or(&0) - counts.iter().min().unwrap_or(&0);
            assert!(spread <= 1, "{label}: outlet {outlet} {counts:?}");
        }
        // The same seed gives the same split; another seed another one.
        assert_eq!(assign(&docs, &opts).expect("again"), a, "{label}");
        if docs.len() > 10 && annotators.len() > 1 {
            let other = assign(
                &docs,
                &AssignOptions {
                    seed: 7,
                    ..opts.clone()
                },
            )
            .expect("seed 7");
            assert_ne!(other, a, "{label}: the seed matters");
        }
    }
}

#[test]
fn a_fixed_seed_gives_a_fixed_split() {
    // Pinned, so a change to the stream (or the crate behind it) shows.
    let docs = corpus(&[("a", 3), ("b", 2)]);
    let a = assign(&docs, &options("ana,ben", 0.4, 2, 1)).expect("assign");
    let pairs: Vec<(String, String)> = a.iter().map(|(p, v)| (p.clone(), v.join("+"))).collect();
    let overlap: Vec<&str> = pairs
        .iter()
        .filter(|(_, v)| v.contains('+'))
        .map(|(p, _)| p.as_str())
        .collect();
    assert_eq!(overlap.len(), 2);
    let expected = [
        ("a/000-🐟.txt", "ana+ben"),
        ("a/001-🐟.txt", "ben"),
        ("a/002-🐟.txt", "ana"),
        ("b/000-🐟.txt", "ana"),
        ("b/001-🐟.txt", "ana+ben"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, v)| ((*p).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(pairs, expected);
}

#[test]
fn bad_options_are_refused_with_why() {
    let docs = corpus(&[("a", 4)]);
    let cases = [
        (
            options("", 0.2, 2, 1),
            "annotator \"\" is named twice or is empty",
        ),
        (
            options("ana,ana", 0.2, 2, 1),
            "annotator \"ana\" is named twice or is empty",
        ),
        (
            options("ana,ben", 1.5, 2, 1),
            "overlap 1.5 is not a share between 0 and 1",
        ),
        (
            options("ana,ben", 0.5, 3, 1),
            "an overlap document needs 3 annotators, but the team has 2",
        ),
    ];
    for (opts, why) in cases {
        let e = assign(&docs, &opts).expect_err(why);
        assert_eq!(e.to_string(), why);
    }
    let none = AssignOptions {
        annotators: Vec::new(),
        ..options("x", 0.0, 2, 1)
    };
    assert_eq!(assign(&docs, &none), Err(AssignError::NoAnnotators));
}

#[test]
fn reassignment_moves_only_the_leavers_unfinished_documents() {
    let docs = corpus(&[("a", 12), ("b", 12)]);
    let a = assign(&docs, &options("ana,ben,cleo", 0.25, 2, 3)).expect("assign");
    let bens: Vec<String> = a
        .iter()
        .filter(|(_, v)| v.contains(&"ben".to_owned()))
        .map(|(p, _)| p.clone())
        .collect();
    // Ben finished the first two of his documents.
    let done: BTreeSet<(String, String)> = bens
        .iter()
        .take(2)
        .map(|p| (p.clone(), "ben".to_owned()))
        .collect();
    let (b, moved) = reassign(&a, &names("ana,cleo"), &done, 3).expect("reassign");
    assert_eq!(moved.len(), bens.len() - 2, "{moved:?}");
    for (path, before) in &a {
        let after = &b[path];
        if !before.contains(&"ben".to_owned()) {
            assert_eq!(after, before, "{path}: not Ben's, untouched");
        } else if done.contains(&(path.clone(), "ben".to_owned())) {
            assert_eq!(after, before, "{path}: finished, kept");
        } else {
            assert!(!after.contains(&"ben".to_owned()), "{path}");
            assert_eq!(after.len(), before.len(), "{path}: as many coders");
            let distinct: BTreeSet<&String> = after.iter().collect();
            assert_eq!(distinct.len(), after.len(), "{path}: {after:?}");
        }
    }
    // The moved documents are shared out evenly.
    let gained = |n: &str| {
        b.values().filter(|v| v.contains(&n.to_owned())).count()
            - a.values().filter(|v| v.contains(&n.to_owned())).count()
    };
    assert!(gained("ana").abs_diff(gained("cleo")) <= 1);
}
