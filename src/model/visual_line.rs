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

/// A piece of a line painted as one shaped text: a word, a run of spaces
/// or one sign (punctuation, a bracket, an emoji), in one direction.
/// Words are shaped whole (Arabic letters join only within a word), and
/// no piece mixes directions, so a renderer that shapes each piece on its
/// own and puts it at `x` draws the line as UAX #9 orders it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedPiece {
    /// Its code points in the paragraph.
    pub chars: Range<usize>,
    /// Right to left.
    pub rtl: bool,
    /// Its left edge on the line.
    pub x: f32,
    /// What to draw: the text itself, or its mirror image for a mirrored
    /// sign (a bracket) in a right-to-left run (UAX #9 rule L4).
    pub shown: String,
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
    /// Its pieces, left to right.
    pub pieces: Vec<PlacedPiece>,
}

/// What a cluster is, for cutting a line into pieces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Letters and digits (with their marks): shaped together.
    Word,
    /// Spaces.
    Space,
    /// Anything else: a piece of its own.
    Sign,
}

fn kind_of(cluster: &str) -> Kind {
    match cluster.chars().next() {
        Some(c) if c.is_whitespace() => Kind::Space,
        Some(c) if c.is_alphanumeric() => Kind::Word,
        _ => Kind::Sign,
    }
}

/// A logical piece before placing: its code points and its text.
struct Piece<'t> {
    chars: Range<usize>,
    text: &'t str,
    /// Its clusters' code point counts and texts.
    clusters: Vec<(usize, &'t str)>,
    kind: Kind,
}

impl Piece<'_> {
    /// What is drawn for it in a run of direction `rtl`: its text, with a
    /// mirrored sign (a bracket) mirrored in a right-to-left run (UAX #9
    /// rule L4).
    fn shown(&self, rtl: bool) -> std::borrow::Cow<'_, str> {
        if rtl && self.kind == Kind::Sign {
            self.text
                .chars()
                .map(|c| unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c))
                .collect::<String>()
                .into()
        } else {
            self.text.into()
        }
    }
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

    /// True when code point `c` is shown right to left (its resolved
    /// level is odd); false beyond the paragraph.
    #[must_use]
    pub fn is_rtl_at(&self, c: usize) -> bool {
        self.bytes
            .get(c)
            .and_then(|b| self.info.levels.get(*b))
            .is_some_and(|l| l.is_rtl())
    }

    /// Its length in code points.
    #[must_use]
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// True for an empty paragraph.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code point at byte offset `b` (a char boundary).
    fn char_at(&self, b: usize) -> usize {
        self.bytes.partition_point(|&x| x < b)
    }

    /// The pieces of byte range `bytes` (all of one level), in logical
    /// order: words, runs of spaces, single signs.
    fn pieces(&self, bytes: Range<usize>) -> Vec<Piece<'a>> {
        let text = self.info.text;
        let mut out: Vec<Piece<'a>> = Vec::new();
        let mut at = self.char_at(bytes.start);
        let mut byte = bytes.start;
        for g in text[bytes].graphemes(true) {
            let len = g.chars().count();
            let kind = kind_of(g);
            match out.last_mut() {
                Some(last) if last.kind == kind && kind != Kind::Sign => {
                    last.chars.end = at + len;
                    last.text = &text[byte - last.text.len()..byte + g.len()];
                    last.clusters.push((len, g));
                }
                _ => out.push(Piece {
                    chars: at..at + len,
                    text: g,
                    clusters: vec![(len, g)],
                    kind,
                }),
            }
            at += len;
            byte += g.len();
        }
        out
    }

    /// Where the paragraph's lines break when no line may be wider than
    /// `max_width`: after spaces, or inside a word only when the word
    /// alone is wider than a line. Widths come from `measure` (the
    /// advance of a shaped text in a direction). Breaking is done in
    /// logical order, before the lines are reordered (UAX #9, 3.4).
    pub fn wrap(
        &self,
        max_width: f32,
        mut measure: impl FnMut(&str, bool) -> f32,
    ) -> Vec<Range<usize>> {
        let n = self.len();
        if n == 0 {
            return std::iter::once(0..0).collect();
        }
        let text = self.info.text;
        let mut lines: Vec<Range<usize>> = Vec::new();
        let (mut start, mut width) = (0, 0.0_f32);
        let (levels, runs) = self.info.visual_runs(0..text.len());
        let mut runs = runs;
        runs.sort_by_key(|r| r.start);
        for run in runs {
            let rtl = levels.get(run.start).is_some_and(Level::is_rtl);
            for piece in self.pieces(run) {
                let w = measure(&piece.shown(rtl), rtl);
                if piece.kind == Kind::Space || width + w <= max_width {
                    width += w;
                    continue;
                }
                if piece.chars.start > start {
                    lines.push(start..piece.chars.start);
                    start = piece.chars.start;
                    width = 0.0;
                }
                if w <= max_width {
                    width = w;
                    continue;
                }
                // A word wider than a line: cut between its clusters.
                let mut at = piece.chars.start;
                for (len, g) in &piece.clusters {
                    let cw = measure(g, rtl);
                    if width + cw > max_width && at > start {
                        lines.push(start..at);
                        start = at;
                        width = 0.0;
                    }
                    width += cw;
                    at += len;
                }
            }
        }
        if start < n || lines.is_empty() {
            lines.push(start..n);
        }
        lines
    }

    /// The visual runs of line `line` (code points, clamped to the
    /// paragraph), left to right, starting at x = 0. Each piece is as wide
    /// as `measure` says its shaped text is (the advance of a text in a
    /// direction); its clusters share that width in proportion to their
    /// own advances, so cluster boxes add up to exactly what is drawn.
    pub fn line(
        &self,
        line: Range<usize>,
        mut measure: impl FnMut(&str, bool) -> f32,
    ) -> Vec<VisualRun> {
        let n = self.len();
        let (start, end) = (line.start.min(n), line.end.min(n));
        if start >= end {
            return Vec::new();
        }
        let byte_range = self.bytes[start]..self.bytes[end];
        let (levels, runs) = self.info.visual_runs(byte_range);
        let mut x = 0.0_f32;
        let mut out = Vec::with_capacity(runs.len());
        for run in runs {
            let rtl = levels.get(run.start).is_some_and(Level::is_rtl);
            let first = self.char_at(run.start);
            let last = self.char_at(run.end);
            let mut pieces = self.pieces(run);
            if rtl {
                pieces.reverse();
            }
            let mut clusters: Vec<PlacedCluster> = Vec::new();
            let mut placed: Vec<PlacedPiece> = Vec::with_capacity(pieces.len());
            for piece in pieces {
                let shown = piece.shown(rtl).into_owned();
                let width = measure(&shown, rtl);
                let own: Vec<f32> = piece
                    .clusters
                    .iter()
                    .map(|(_, g)| measure(g, rtl))
                    .collect();
                let total: f32 = own.iter().sum();
                let mut at = piece.chars.start;
                let mut placed_clusters: Vec<PlacedCluster> = piece
                    .clusters
                    .iter()
                    .zip(&own)
                    .map(|((len, _), w)| {
                        let share = if total > 0.0 {
                            w / total * width
                        } else {
                            #[allow(clippy::cast_precision_loss)]
                            let even = width / piece.clusters.len() as f32;
                            even
                        };
                        let c = PlacedCluster {
                            chars: at..at + len,
                            x: 0.0..share,
                        };
                        at += len;
                        c
                    })
                    .collect();
                if rtl {
                    placed_clusters.reverse();
                }
                let mut cx = x;
                for c in &mut placed_clusters {
                    let w = c.x.end;
                    c.x = cx..cx + w;
                    cx += w;
                }
                placed.push(PlacedPiece {
                    chars: piece.chars,
                    rtl,
                    x,
                    shown,
                });
                x += width;
                clusters.extend(placed_clusters);
            }
            out.push(VisualRun {
                chars: first..last,
                rtl,
                clusters,
                pieces: placed,
            });
        }
        out
    }
}

/// True when code point `offset` of `doc` is shown right to left, its
/// paragraph's base direction taken from `base` if the user set one
/// (true: right to left). Arrow keys move the other way there, as they do
/// in browsers and editors.
#[must_use]
pub fn doc_rtl_at(doc: &crate::model::Document, offset: usize, base: Option<bool>) -> bool {
    let block = doc.block_at(offset);
    let Some(start) = doc.blocks().get(block).map(|b| b.chars.start) else {
        return false;
    };
    let text = doc.block_text(block);
    if base != Some(true) && !has_rtl(text) {
        return false;
    }
    // The source line holding the offset is the bidi paragraph.
    let mut first = start;
    for line in text.split('\n') {
        let len = line.chars().count();
        if offset < first + len {
            return BidiParagraph::new(line, base).is_rtl_at(offset - first);
        }
        first += len + 1;
    }
    false
}

/// True when `text` holds a right-to-left character (Hebrew, Arabic,
/// Syriac, Thaana, N'Ko… or an explicit right-to-left mark or embedding).
#[must_use]
pub fn has_rtl(text: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, R, RLE, RLI, RLO};
    text.chars()
        .any(|c| matches!(unicode_bidi::bidi_class(c), R | AL | RLE | RLO | RLI))
}

/// Every cluster of `runs`, left to right, with its run's direction.
fn clusters(runs: &[VisualRun]) -> impl Iterator<Item = (&PlacedCluster, bool)> {
    runs.iter()
        .flat_map(|r| r.clusters.iter().map(move |c| (c, r.rtl)))
}

/// The cluster under `x` with its direction (the first or last when `x`
/// is beyond the line); `None` on an empty line.
fn placed_at(runs: &[VisualRun], x: f32) -> Option<(&PlacedCluster, bool)> {
    let all: Vec<(&PlacedCluster, bool)> = clusters(runs).collect();
    let i = all.partition_point(|(c, _)| c.x.end <= x);
    all.get(i.min(all.len().checked_sub(1)?)).copied()
}

/// The cluster under `x` (the first or last when `x` is beyond the line);
/// `None` on an empty line.
#[must_use]
pub fn cluster_at(runs: &[VisualRun], x: f32) -> Option<Range<usize>> {
    placed_at(runs, x).map(|(c, _)| c.chars.clone())
}

/// The cluster strictly under `x`; `None` beside the line's text.
#[must_use]
pub fn cluster_under(runs: &[VisualRun], x: f32) -> Option<Range<usize>> {
    placed_at(runs, x)
        .filter(|(c, _)| c.x.contains(&x))
        .map(|(c, _)| c.chars.clone())
}

/// The cluster boundary nearest `x`, as a caret would sit there: the
/// near edge of the cluster under it, which is its logical start on its
/// left in left-to-right text and its logical end on its left in
/// right-to-left text. `None` on an empty line.
#[must_use]
pub fn boundary_at(runs: &[VisualRun], x: f32) -> Option<usize> {
    let (c, rtl) = placed_at(runs, x)?;
    let left_half = x < (c.x.start + c.x.end) / 2.0;
    Some(if left_half == rtl {
        c.chars.end
    } else {
        c.chars.start
    })
}

/// The logical range a drag from `from` to `to` selects: both clusters
/// and everything between them in reading order.
#[must_use]
pub fn dragged(runs: &[VisualRun], from: f32, to: f32) -> Option<Range<usize>> {
    let (a, b) = (cluster_at(runs, from)?, cluster_at(runs, to)?);
    Some(a.start.min(b.start)..a.end.max(b.end))
}

/// The boxes (left and right edges) that paint logical range `range` on
/// the line: the boxes of the clusters it touches, merged where they
/// touch, left to right.
#[must_use]
pub fn boxes(runs: &[VisualRun], range: &Range<usize>) -> Vec<Range<f32>> {
    let mut out: Vec<Range<f32>> = Vec::new();
    for (c, _) in
        clusters(runs).filter(|(c, _)| range.start < c.chars.end && c.chars.start < range.end)
    {
        match out.last_mut() {
            Some(last) if (last.end - c.x.start).abs() < 0.01 => last.end = c.x.end,
            _ => out.push(c.x.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake font: every code point one unit wide.
    fn width(g: &str, _rtl: bool) -> f32 {
        g.chars().count() as f32
    }

    /// The line as seen: clusters left to right.
    fn seen(text: &str, rtl: Option<bool>) -> String {
        let p = BidiParagraph::new(text, rtl);
        let chars: Vec<char> = text.chars().collect();
        let runs = p.line(0..chars.len(), width);
        clusters(&runs)
            .map(|(c, _)| chars[c.chars.clone()].iter().collect::<String>())
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
        let got: Vec<Range<usize>> = clusters(&runs).map(|(c, _)| c.chars.clone()).collect();
        assert_eq!(got, [0..2, 2..7, 7..8, 8..11]);
    }

    #[test]
    fn a_selection_across_a_direction_boundary_is_several_boxes() {
        // "ab אב" is seen as "ab בא": selecting "b א" (logical 1..4)
        // paints "b " on the left and "א" at the far right.
        let p = BidiParagraph::new("ab אב", None);
        let runs = p.line(0..5, width);
        assert_eq!(boxes(&runs, &(1..4)), [1.0..3.0, 4.0..5.0]);
    }

    #[test]
    fn a_caret_sits_on_the_near_edge_of_the_cluster_under_the_pointer() {
        // "ab אב" is seen as "ab בא" (x: a 0–1, b 1–2, space 2–3, ב 3–4,
        // א 4–5). (x, boundary)
        let p = BidiParagraph::new("ab אב", None);
        let runs = p.line(0..5, width);
        let cases = [
            (0.2, 0),
            (0.8, 1),
            (3.2, 5), // left half of ב: after it, the paragraph's end
            (3.8, 4), // right half of ב: before it
            (4.8, 3), // right half of א: the start of the Hebrew word
            (9.0, 3),
        ];
        for (x, expected) in cases {
            assert_eq!(boundary_at(&runs, x), Some(expected), "x = {x}");
        }
        assert_eq!(cluster_under(&runs, 9.0), None);
        assert_eq!(cluster_under(&runs, 4.5), Some(3..4));
    }

    #[test]
    fn brackets_in_right_to_left_runs_are_mirrored_for_display() {
        let p = BidiParagraph::new("שלום (עולם)", None);
        let runs = p.line(0..11, width);
        let shown: String = runs
            .iter()
            .flat_map(|r| r.pieces.iter().map(|p| p.shown.as_str()))
            .collect();
        assert_eq!(shown, "(עולם) שלום");
        // What is stored is untouched: the logical "(" is on the right.
        let open = runs
            .iter()
            .flat_map(|r| r.pieces.iter())
            .find(|p| p.chars == (5..6))
            .map(|p| p.shown.clone());
        assert_eq!(open.as_deref(), Some(")"));
    }

    #[test]
    fn words_are_shaped_whole_and_never_mix_directions() {
        let p = BidiParagraph::new("al-Haddad (يوسف الحداد), told", None);
        let runs = p.line(0..p.len(), width);
        let pieces: Vec<(Range<usize>, bool)> = runs
            .iter()
            .flat_map(|r| r.pieces.iter().map(|p| (p.chars.clone(), p.rtl)))
            .collect();
        assert!(pieces.contains(&(11..15, true)), "{pieces:?}");
        assert!(pieces.contains(&(16..22, true)), "{pieces:?}");
        assert!(pieces.contains(&(3..9, false)), "{pieces:?}");
    }

    #[test]
    fn lines_break_after_spaces_and_inside_only_words_wider_than_a_line() {
        // (text, width, lines)
        let cases: [(&str, f32, &[Range<usize>]); 4] = [
            ("aaa bbb ccc", 8.0, &[0..8, 8..11]),
            ("aaa bbb ccc", 3.0, &[0..4, 4..8, 8..11]),
            ("abcdefgh", 3.0, &[0..3, 3..6, 6..8]),
            ("שלום עולם טוב", 9.0, &[0..10, 10..13]),
        ];
        for (text, max, expected) in cases {
            let p = BidiParagraph::new(text, None);
            assert_eq!(p.wrap(max, width), expected, "{text} in {max}");
        }
        let empty: Vec<Range<usize>> = std::iter::once(0..0).collect();
        assert_eq!(BidiParagraph::new("", None).wrap(5.0, width), empty);
    }
}
