//! What is seen ↔ what is stored, for one line of a paragraph in any
//! direction (issue 25): the one mapping the article view is to use for
//! hit-testing, selection and annotation boxes.
//!
//! A paragraph's levels come from the Unicode Bidirectional Algorithm
//! (UAX #9, `unicode-bidi`), its base direction from its first strong
//! character unless the user sets it. A line is a logical range of the
//! paragraph, shown as *visual runs* left to right, each a logical range in
//! one direction, each made of grapheme clusters (never split). A cluster
//! has one box on the line; a logical range is painted as the boxes of its
//! clusters, merged where they touch, so a range that crosses a direction
//! boundary shows as several boxes, as browsers draw it.
//!
//! Offsets are code points into the paragraph, half-open. Widths come from
//! the caller (the view measures each run as one shaped piece of text);
//! nothing here draws or knows a font.

use std::ops::Range;

use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_segmentation::UnicodeSegmentation;

/// One grapheme cluster as placed on a line.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedCluster {
    /// Its code points in the paragraph.
    pub chars: Range<usize>,
    /// Left and right edge on the line.
    pub x: Range<f32>,
}

/// One visual run: a logical range in one direction, its clusters placed
/// left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct VisualRun {
    /// Its code points in the paragraph.
    pub chars: Range<usize>,
    /// Right to left.
    pub rtl: bool,
    /// Its clusters, left to right (for a right-to-left run, the last
    /// logical cluster first).
    pub clusters: Vec<PlacedCluster>,
}

/// A paragraph's bidi levels, computed once for all its lines.
pub struct BidiParagraph<'a> {
    info: ParagraphBidiInfo<'a>,
    /// Byte offset of each code point, and the text's length at the end.
    bytes: Vec<usize>,
}

impl<'a> BidiParagraph<'a> {
    /// The levels of `text` (one paragraph). `rtl`: the user's choice of
    /// base direction; `None` takes it from the first strong character.
    #[must_use]
    pub fn new(text: &'a str, rtl: Option<bool>) -> Self {
        let level = rtl.map(|r| if r { Level::rtl() } else { Level::ltr() });
        let info = ParagraphBidiInfo::new(text, level);
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        Self { info, bytes }
    }

    /// True when the paragraph's base direction is right to left (its
    /// lines are right-aligned).
    #[must_use]
    pub fn is_rtl(&self) -> bool {
        self.info.paragraph_level.is_rtl()
    }

    /// The code point at byte offset `b` (a char boundary).
    fn char_at(&self, b: usize) -> usize {
        self.bytes.partition_point(|&x| x < b)
    }

    /// The visual runs of line `line` (code points, clamped to the
    /// paragraph), left to right, each with its clusters placed by
    /// `width` (the advance of one cluster's text in that direction),
    /// starting at x = 0.
    pub fn line(
        &self,
        line: Range<usize>,
        mut width: impl FnMut(&str, bool) -> f32,
    ) -> Vec<VisualRun> {
        let n = self.bytes.len() - 1;
        let (start, end) = (line.start.min(n), line.end.min(n));
        if start >= end {
            return Vec::new();
        }
        let text = self.info.text;
        let byte_range = self.bytes[start]..self.bytes[end];
        let (levels, runs) = self.info.visual_runs(byte_range);
        let mut x = 0.0_f32;
        let mut out = Vec::with_capacity(runs.len());
        for run in runs {
            let rtl = levels.get(run.start).is_some_and(Level::is_rtl);
            let first = self.char_at(run.start);
            let mut clusters: Vec<PlacedCluster> = Vec::new();
            let mut at = first;
            for g in text[run.clone()].graphemes(true) {
                let len = g.chars().count();
                clusters.push(PlacedCluster {
                    chars: at..at + len,
                    x: 0.0..width(g, rtl),
                });
                at += len;
            }
            if rtl {
                clusters.reverse();
            }
            for c in &mut clusters {
                let w = c.x.end;
                c.x = x..x + w;
                x += w;
            }
            out.push(VisualRun {
                chars: first..at,
                rtl,
                clusters,
            });
        }
        out
    }
}

/// Every cluster of `runs`, left to right.
fn clusters(runs: &[VisualRun]) -> impl Iterator<Item = &PlacedCluster> {
    runs.iter().flat_map(|r| r.clusters.iter())
}

/// The cluster under `x` (the first or last when `x` is beyond the line);
/// `None` on an empty line.
#[must_use]
pub fn cluster_at(runs: &[VisualRun], x: f32) -> Option<Range<usize>> {
    let all: Vec<&PlacedCluster> = clusters(runs).collect();
    let i = all.partition_point(|c| c.x.end <= x);
    all.get(i.min(all.len().checked_sub(1)?))
        .map(|c| c.chars.clone())
}

/// The logical range a drag from `from` to `to` selects: both clusters
/// and everything between them in reading order.
#[must_use]
pub fn dragged(runs: &[VisualRun], from: f32, to: f32) -> Option<Range<usize>> {
    let (a, b) = (cluster_at(runs, from)?, cluster_at(runs, to)?);
    Some(a.start.min(b.start)..a.end.max(b.end))
}

/// The boxes (left and right edges) that paint logical range `range` on
/// the line: its clusters' boxes, merged where they touch, left to right.
#[must_use]
pub fn boxes(runs: &[VisualRun], range: &Range<usize>) -> Vec<Range<f32>> {
    let mut out: Vec<Range<f32>> = Vec::new();
    for c in clusters(runs).filter(|c| range.start <= c.chars.start && c.chars.end <= range.end) {
        match out.last_mut() {
            Some(last) if (last.end - c.x.start).abs() < f32::EPSILON => last.end = c.x.end,
            _ => out.push(c.x.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake font: every cluster as wide as its code points, plus one.
    fn width(g: &str, _rtl: bool) -> f32 {
        (g.chars().count() + 1) as f32
    }

    /// The line as seen: clusters left to right.
    fn seen(text: &str, rtl: Option<bool>) -> String {
        let p = BidiParagraph::new(text, rtl);
        let chars: Vec<char> = text.chars().collect();
        let runs = p.line(0..chars.len(), width);
        clusters(&runs)
            .map(|c| chars[c.chars.clone()].iter().collect::<String>())
            .collect()
    }

    #[test]
    fn lines_are_shown_in_visual_order() {
        // (text, base direction given, as seen left to right)
        let cases = [
            ("plain English", None, "plain English"),
            ("שלום עולם", None, "םלוע םולש"),
            ("בשנת 2017 היה", None, "היה 2017 תנשב"),
            ("Yousef (يوسف) said", None, "Yousef (فسوي) said"),
            ("مرحبا world", None, "world ابحرم"),
            ("abc", Some(true), "abc"),
        ];
        for (text, rtl, expected) in cases {
            assert_eq!(seen(text, rtl), expected, "{text}");
        }
    }

    #[test]
    fn the_base_direction_is_the_first_strong_characters() {
        assert!(BidiParagraph::new("«שלום» said Ana", None).is_rtl());
        assert!(!BidiParagraph::new("2017: Ana said שלום", None).is_rtl());
        assert!(BidiParagraph::new("Ana", Some(true)).is_rtl());
    }

    #[test]
    fn clusters_are_never_split() {
        let text = "e\u{301}👩‍👩‍👧 क्ष";
        let p = BidiParagraph::new(text, None);
        let runs = p.line(0..text.chars().count(), width);
        let got: Vec<Range<usize>> = clusters(&runs).map(|c| c.chars.clone()).collect();
        assert_eq!(got, [0..2, 2..7, 7..8, 8..11]);
    }

    #[test]
    fn a_selection_across_a_direction_boundary_is_several_boxes() {
        // "ab אב" is seen as "ab בא": selecting "b א" (logical 1..4)
        // paints "b " on the left and "א" at the far right.
        let p = BidiParagraph::new("ab אב", None);
        let runs = p.line(0..5, |_, _| 1.0);
        assert_eq!(boxes(&runs, &(1..4)), [1.0..3.0, 4.0..5.0]);
    }
}
