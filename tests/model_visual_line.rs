//! The mapping between what is seen and what is stored, on random
//! paragraphs mixing Latin, Arabic, Hebrew, digits, brackets, emoji and
//! combining marks (issue 25): every cluster is found under its own
//! centre, a drag between two clusters' centres selects exactly the
//! logical range between them, and a selection's boxes cover exactly its
//! clusters, across direction boundaries too.

use std::ops::Range;

use proptest::prelude::*;
use stancemark::model::visual_line::{
    BidiParagraph, VisualRun, boundary_at, boxes, cluster_at, dragged,
};

/// Pieces a news paragraph is made of, in several scripts.
const PIECES: &[&str] = &[
    "Lavrov",
    "said",
    "the",
    "وزير",
    "الخارجية",
    "قال",
    "שלום",
    "בשנת",
    "2017",
    "12.5",
    "(",
    ")",
    "«",
    "»",
    ".",
    ",",
    " ",
    " ",
    " ",
    "👍🏽",
    "👩‍👩‍👧",
    "é",
    "e\u{301}",
    "ا\u{64b}",
    "क्ष",
    "佐藤",
];

fn paragraph() -> impl Strategy<Value = (String, Option<bool>)> {
    (
        prop::collection::vec(prop::sample::select(PIECES), 1..30),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(p, rtl)| (p.concat(), rtl))
}

/// A fake font whose advances differ per cluster.
fn width(g: &str, _rtl: bool) -> f32 {
    3.0 + (g.chars().map(u32::from).sum::<u32>() % 5) as f32
}

fn all_clusters(runs: &[VisualRun]) -> Vec<(Range<usize>, Range<f32>)> {
    runs.iter()
        .flat_map(|r| r.clusters.iter().map(|c| (c.chars.clone(), c.x.clone())))
        .collect()
}

fn centre(x: &Range<f32>) -> f32 {
    (x.start + x.end) / 2.0
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

    #[test]
    fn every_cluster_is_found_under_its_centre((text, rtl) in paragraph()) {
        let p = BidiParagraph::new(&text, rtl);
        let n = text.chars().count();
        let runs = p.line(0..n, width);
        let clusters = all_clusters(&runs);
        // The clusters partition the line.
        let mut logical: Vec<Range<usize>> = clusters.iter().map(|c| c.0.clone()).collect();
        logical.sort_by_key(|r| r.start);
        let mut at = 0;
        for r in &logical {
            prop_assert_eq!(r.start, at);
            at = r.end;
        }
        prop_assert_eq!(at, n);
        // Each is a whole grapheme cluster of the paragraph: none is split
        // (a run boundary never falls inside one).
        let mut whole = Vec::new();
        let mut at = 0;
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(text.as_str(), true) {
            let len = g.chars().count();
            whole.push(at..at + len);
            at += len;
        }
        prop_assert_eq!(&logical, &whole);
        for (chars, x) in &clusters {
            prop_assert_eq!(cluster_at(&runs, centre(x)), Some(chars.clone()));
        }
    }

    #[test]
    fn a_drag_selects_the_logical_range_between_two_clusters(
        (text, rtl) in paragraph(),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let p = BidiParagraph::new(&text, rtl);
        let runs = p.line(0..text.chars().count(), width);
        let clusters = all_clusters(&runs);
        let (ca, cb) = (&clusters[a.index(clusters.len())], &clusters[b.index(clusters.len())]);
        let expected = ca.0.start.min(cb.0.start)..ca.0.end.max(cb.0.end);
        prop_assert_eq!(dragged(&runs, centre(&ca.1), centre(&cb.1)), Some(expected));
    }

    #[test]
    fn a_selection_is_painted_over_exactly_its_clusters(
        (text, rtl) in paragraph(),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let p = BidiParagraph::new(&text, rtl);
        let runs = p.line(0..text.chars().count(), width);
        let clusters = all_clusters(&runs);
        let (ca, cb) = (&clusters[a.index(clusters.len())], &clusters[b.index(clusters.len())]);
        let range = ca.0.start.min(cb.0.start)..ca.0.end.max(cb.0.end);
        let painted = boxes(&runs, &range);
        for (chars, x) in &clusters {
            let inside = range.start <= chars.start && chars.end <= range.end;
            let covered = painted.iter().any(|b| b.start <= centre(x) && centre(x) < b.end);
            prop_assert_eq!(inside, covered, "cluster {:?} of {:?}", chars, range);
        }
        let width_painted: f32 = painted.iter().map(|b| b.end - b.start).sum();
        let width_selected: f32 = clusters
            .iter()
            .filter(|(c, _)| range.start <= c.start && c.end <= range.end)
            .map(|(_, x)| x.end - x.start)
            .sum();
        prop_assert!((width_painted - width_selected).abs() < 1e-3);
    }

    #[test]
    fn any_line_of_a_paragraph_is_laid_out_alone(
        (text, rtl) in paragraph(),
        cut in any::<prop::sample::Index>(),
    ) {
        // A paragraph broken into two lines at a cluster boundary: each
        // line holds exactly its own clusters.
        let p = BidiParagraph::new(&text, rtl);
        let n = text.chars().count();
        let whole = all_clusters(&p.line(0..n, width));
        let mut bounds: Vec<usize> = whole.iter().map(|c| c.0.start).collect();
        bounds.sort_unstable();
        let cut = bounds[cut.index(bounds.len())];
        for line in [0..cut, cut..n] {
            let runs = p.line(line.clone(), width);
            for (chars, _) in all_clusters(&runs) {
                prop_assert!(line.start <= chars.start && chars.end <= line.end);
            }
            let total: usize = runs.iter().map(|r| r.chars.len()).sum();
            prop_assert_eq!(total, line.len());
        }
    }

    #[test]
    fn lines_cover_the_paragraph_and_fit_their_width(
        (text, rtl) in paragraph(),
        max in 4.0_f32..80.0,
    ) {
        // Broken into lines, in order, each no wider than the column
        // unless it is one cluster or ends in spaces that hang past it.
        // A font whose advances add up (as real ones nearly do).
        let additive = |g: &str, _rtl: bool| -> f32 {
            g.chars().map(|c| 3.0 + (u32::from(c) % 5) as f32).sum()
        };
        let p = BidiParagraph::new(&text, rtl);
        let lines = p.wrap(max, additive);
        let mut at = 0;
        for line in &lines {
            prop_assert_eq!(line.start, at);
            prop_assert!(line.end > line.start);
            at = line.end;
            let runs = p.line(line.clone(), additive);
            let clusters = all_clusters(&runs);
            let chars: Vec<char> = text.chars().collect();
            let inked: Vec<f32> = clusters
                .iter()
                .filter(|(c, _)| !chars[c.clone()].iter().all(|ch| ch.is_whitespace()))
                .map(|(_, x)| x.end - x.start)
                .collect();
            let inked_width: f32 = inked.iter().sum();
            prop_assert!(
                inked.len() <= 1 || inked_width <= max + 1e-3,
                "line {:?} is {} wide in {}", line, inked_width, max
            );
        }
        prop_assert_eq!(at, text.chars().count());
    }

    #[test]
    fn a_caret_is_put_on_an_edge_of_the_cluster_under_the_pointer(
        (text, rtl) in paragraph(),
        a in any::<prop::sample::Index>(),
        left in any::<bool>(),
    ) {
        // Left or right of a cluster's centre, the caret goes to the edge
        // on that side: its start or end depending on the direction it
        // reads in.
        let p = BidiParagraph::new(&text, rtl);
        let runs = p.line(0..text.chars().count(), width);
        let placed: Vec<(std::ops::Range<usize>, std::ops::Range<f32>, bool)> = runs
            .iter()
            .flat_map(|r| r.clusters.iter().map(move |c| (c.chars.clone(), c.x.clone(), r.rtl)))
            .collect();
        let (chars, x, rtl_run) = &placed[a.index(placed.len())];
        let at = if left {
            x.start + (x.end - x.start) * 0.25
        } else {
            x.start + (x.end - x.start) * 0.75
        };
        let expected = if left == *rtl_run { chars.end } else { chars.start };
        prop_assert_eq!(boundary_at(&runs, at), Some(expected));
    }
}
