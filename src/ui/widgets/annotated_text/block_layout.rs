//! One block of the article laid out for the screen: its lines, each a
//! list of visual runs of placed grapheme clusters
//! ([`crate::model::visual_line`]). This is the one mapping between what
//! is seen and what is stored: hit-testing, the selection, mention boxes,
//! chips, ghosts, quotation tints and relation arcs all ask it, never a
//! galley directly.
//!
//! A block without right-to-left text (and not set right to left) is laid
//! out by egui in one piece, as before; its lines are read off the
//! galley's rows. A block with right-to-left text is broken into lines in
//! logical order, each line is reordered by the Unicode Bidirectional
//! Algorithm, and each piece (a word, a run of spaces, a sign) is shaped
//! whole and drawn where the algorithm puts it; right-to-left lines are
//! right-aligned. Nothing is laid out or hit-tested per character.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::{Galley, Painter, Pos2, Rect, Vec2};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::visual_line::{
    BidiParagraph, PlacedCluster, VisualRun, boundary_at, boxes, cluster_under, has_rtl,
};

/// Lays out one text: the view's font and line height, wrapped at
/// `max_width` (infinite: one line).
pub type Layouter<'a> = dyn FnMut(&str, f32) -> Arc<Galley> + 'a;

/// One line of a block.
struct Line {
    /// Its code points in the block.
    chars: Range<usize>,
    /// Top and height of the whole line (with the room above the text).
    top: f32,
    height: f32,
    /// Top and height of the text itself.
    text_top: f32,
    text_height: f32,
    /// Where x = 0 of its runs is (right-to-left lines are right-aligned).
    x: f32,
    runs: Vec<VisualRun>,
}

/// A block laid out: what to paint and where each cluster is.
pub struct BlockLayout {
    lines: Vec<Line>,
    /// The shaped texts to paint, at their offsets from the block's corner.
    shapes: Vec<(Vec2, Arc<Galley>)>,
    size: Vec2,
}

impl BlockLayout {
    /// Lays out `text` in a column `width` wide. `rtl`: the user's choice
    /// of base direction for its paragraphs; `None` takes each from its
    /// first strong character.
    pub fn new(text: &str, width: f32, rtl: Option<bool>, layout: &mut Layouter<'_>) -> Self {
        if rtl == Some(true) || has_rtl(text) {
            Self::bidi(text, width, rtl, layout)
        } else {
            Self::plain(text, width, layout)
        }
    }

    /// A left-to-right block: egui lays it out in one piece.
    fn plain(text: &str, width: f32, layout: &mut Layouter<'_>) -> Self {
        let galley = layout(text, width);
        let mut graphemes = text.graphemes(true).map(|g| g.chars().count()).peekable();
        let mut at = 0; // code point of the next cluster
        let mut start = 0; // code point of the row's first glyph
        let mut lines = Vec::with_capacity(galley.rows.len());
        for row in &galley.rows {
            let glyphs = &row.glyphs;
            let end = start + glyphs.len();
            let x_of = |c: usize| {
                glyphs
                    .get(c - start)
                    .map_or_else(|| glyphs.last().map_or(0.0, |g| g.max_x()), |g| g.pos.x)
            };
            let mut clusters = Vec::new();
            while at < end {
                let len = graphemes.next().unwrap_or(1);
                let next = (at + len).min(end);
                clusters.push(PlacedCluster {
                    chars: at..next,
                    x: x_of(at)..x_of(next),
                });
                at += len;
            }
            let rect = row.rect();
            let (text_top, text_height) = glyphs.first().map_or((rect.top(), rect.height()), |g| {
                (row.pos.y + g.pos.y - g.font_ascent, g.font_height)
            });
            lines.push(Line {
                chars: start..end,
                top: rect.top(),
                height: rect.height(),
                text_top,
                text_height,
                x: row.pos.x,
                runs: vec![VisualRun {
                    chars: start..end,
                    rtl: false,
                    clusters,
                    pieces: Vec::new(),
                }],
            });
            // A line break ends the row: its cluster is on no line.
            start = end + usize::from(row.ends_with_newline);
            while at < start {
                at += graphemes.next().unwrap_or(1);
            }
        }
        let size = galley.size();
        Self {
            lines,
            shapes: vec![(Vec2::ZERO, galley)],
            size,
        }
    }

    /// A block with right-to-left text: each paragraph (line of the
    /// source) is wrapped in logical order and each line reordered.
    fn bidi(text: &str, width: f32, rtl: Option<bool>, layout: &mut Layouter<'_>) -> Self {
        let mut shaped: HashMap<String, Arc<Galley>> = HashMap::new();
        let mut shape = |s: &str| -> Arc<Galley> {
            if let Some(g) = shaped.get(s) {
                return Arc::clone(g);
            }
            let g = layout(s, f32::INFINITY);
            shaped.insert(s.to_owned(), Arc::clone(&g));
            g
        };
        // The line height and where the text sits in a line, as egui puts
        // them for this font.
        let probe = shape("x");
        let (line_height, text_top, text_height) =
            probe
                .rows
                .first()
                .map_or((probe.size().y, 0.0, probe.size().y), |row| {
                    let rect = row.rect();
                    row.glyphs
                        .first()
                        .map_or((rect.height(), 0.0, rect.height()), |g| {
                            (
                                rect.height(),
                                row.pos.y + g.pos.y - g.font_ascent,
                                g.font_height,
                            )
                        })
                });
        let mut widths: HashMap<String, f32> = HashMap::new();
        let mut measure = |s: &str, _rtl: bool| -> f32 {
            if let Some(w) = widths.get(s) {
                return *w;
            }
            let w = advance(&shape(s));
            widths.insert(s.to_owned(), w);
            w
        };
        let mut lines = Vec::new();
        let mut pieces: Vec<(Vec2, String)> = Vec::new();
        let mut first = 0; // code point of the paragraph's start
        for paragraph in text.split('\n') {
            let p = BidiParagraph::new(paragraph, rtl);
            for range in p.wrap(width, &mut measure) {
                let runs = p.line(range.clone(), &mut measure);
                let used: f32 = runs
                    .last()
                    .and_then(|r| r.clusters.last())
                    .map_or(0.0, |c| c.x.end);
                let x = if p.is_rtl() {
                    (width - used).max(0.0)
                } else {
                    0.0
                };
                #[allow(clippy::cast_precision_loss)]
                let top = lines.len() as f32 * line_height;
                for piece in runs.iter().flat_map(|r| r.pieces.iter()) {
                    if !piece.shown.trim().is_empty() {
                        pieces.push((Vec2::new(x + piece.x, top), piece.shown.clone()));
                    }
                }
                let shift = |r: &Range<usize>| first + r.start..first + r.end;
                lines.push(Line {
                    chars: shift(&range),
                    top,
                    height: line_height,
                    text_top: top + text_top,
                    text_height,
                    x,
                    runs: runs
                        .into_iter()
                        .map(|run| VisualRun {
                            chars: shift(&run.chars),
                            rtl: run.rtl,
                            clusters: run
                                .clusters
                                .into_iter()
                                .map(|c| PlacedCluster {
                                    chars: shift(&c.chars),
                                    x: c.x,
                                })
                                .collect(),
                            pieces: Vec::new(),
                        })
                        .collect(),
                });
            }
            first += p.len() + 1;
        }
        let shapes = pieces.into_iter().map(|(at, s)| (at, shape(&s))).collect();
        #[allow(clippy::cast_precision_loss)]
        let height = lines.len() as f32 * line_height;
        Self {
            lines,
            shapes,
            size: Vec2::new(width, height),
        }
    }

    /// Its size.
    #[must_use]
    pub fn size(&self) -> Vec2 {
        self.size
    }

    /// True when some line holds text.
    #[must_use]
    pub fn has_text(&self) -> bool {
        self.lines.iter().any(|l| !l.chars.is_empty())
    }

    /// Paints the text with its top-left corner at `pos`.
    pub fn paint(&self, painter: &Painter, pos: Pos2, color: egui::Color32) {
        for (offset, galley) in &self.shapes {
            painter.galley(pos + *offset, Arc::clone(galley), color);
        }
    }

    /// Boxes covering code points `[a, b)` of the block, one per piece of
    /// a line they cover (a range that crosses a direction boundary is
    /// several boxes on one line), spanning the full line height.
    #[must_use]
    pub fn range_rects(&self, pos: Pos2, a: usize, b: usize) -> Vec<Rect> {
        self.rects(pos, a, b, |l| (l.top, l.top + l.height))
    }

    /// Like [`Self::range_rects`], but only as tall as the text itself.
    #[must_use]
    pub fn text_boxes(&self, pos: Pos2, a: usize, b: usize) -> Vec<Rect> {
        self.rects(pos, a, b, |l| {
            (l.text_top - 1.0, l.text_top + l.text_height + 1.0)
        })
    }

    fn rects(
        &self,
        pos: Pos2,
        a: usize,
        b: usize,
        span: impl Fn(&Line) -> (f32, f32),
    ) -> Vec<Rect> {
        let mut out = Vec::new();
        if a >= b {
            return out;
        }
        let first = self.lines.partition_point(|l| l.chars.end <= a);
        for line in self.lines[first..].iter().take_while(|l| l.chars.start < b) {
            let (top, bottom) = span(line);
            for x in boxes(&line.runs, &(a..b)) {
                out.push(Rect::from_min_max(
                    pos + Vec2::new(line.x + x.start, top),
                    pos + Vec2::new(line.x + x.end, bottom),
                ));
            }
        }
        out
    }

    /// The line nearest to `y` (block coordinates).
    fn line_near(&self, y: f32) -> Option<&Line> {
        let i = self.lines.partition_point(|l| l.top + l.height <= y);
        self.lines.get(i.min(self.lines.len().checked_sub(1)?))
    }

    /// The code point boundary nearest to `local` (block coordinates), as a
    /// caret would sit there.
    #[must_use]
    pub fn boundary_at(&self, local: Vec2) -> Option<usize> {
        let line = self.line_near(local.y)?;
        boundary_at(&line.runs, local.x - line.x).or(Some(line.chars.start))
    }

    /// The first code point of the cluster under `local`, if it is over
    /// text.
    #[must_use]
    pub fn char_under(&self, local: Vec2) -> Option<usize> {
        let line = self
            .lines
            .iter()
            .find(|l| l.top <= local.y && local.y < l.top + l.height)?;
        cluster_under(&line.runs, local.x - line.x).map(|c| c.start)
    }

    /// The box of the cluster holding code point `c` (full line height)
    /// and whether it reads right to left.
    #[must_use]
    pub fn cluster_box(&self, pos: Pos2, c: usize) -> Option<(Rect, bool)> {
        let line = self.lines.iter().find(|l| l.chars.contains(&c))?;
        line.runs.iter().find_map(|run| {
            let cl = run.clusters.iter().find(|cl| cl.chars.contains(&c))?;
            let rect = Rect::from_min_max(
                pos + Vec2::new(line.x + cl.x.start, line.top),
                pos + Vec2::new(line.x + cl.x.end, line.top + line.height),
            );
            Some((rect, run.rtl))
        })
    }

    /// The text box, among those of `[a, b)`, that holds code point `a`
    /// (where a range starts to the reader: its left box in left-to-right
    /// text, a box's right end in right-to-left text), and whether it
    /// reads right to left.
    #[must_use]
    pub fn start_box(&self, pos: Pos2, a: usize, b: usize) -> Option<(Rect, bool)> {
        self.box_holding(pos, a, b, a)
    }

    /// Like [`Self::start_box`], for the box holding the range's last
    /// code point (where it ends to the reader: a box's right end in
    /// left-to-right text, its left end in right-to-left text).
    #[must_use]
    pub fn end_box(&self, pos: Pos2, a: usize, b: usize) -> Option<(Rect, bool)> {
        self.box_holding(pos, a, b, b.checked_sub(1)?)
    }

    fn box_holding(&self, pos: Pos2, a: usize, b: usize, c: usize) -> Option<(Rect, bool)> {
        let (cluster, rtl) = self.cluster_box(pos, c)?;
        let x = cluster.center().x;
        self.text_boxes(pos, a, b)
            .into_iter()
            .find(|r| {
                r.left() <= x
                    && x <= r.right()
                    && r.top() < cluster.bottom()
                    && cluster.top() < r.bottom()
            })
            .map(|r| (r, rtl))
    }

    /// The height of the line at `y` (block coordinates), if any.
    #[must_use]
    pub fn line_height_at(&self, y: f32) -> Option<f32> {
        self.lines
            .iter()
            .find(|l| l.top - 1.0 <= y && y <= l.top + l.height + 1.0)
            .map(|l| l.height)
    }

    /// The right edge of its widest line.
    #[must_use]
    pub fn right(&self) -> f32 {
        self.lines
            .iter()
            .map(|l| {
                l.x + l
                    .runs
                    .last()
                    .and_then(|r| r.clusters.last())
                    .map_or(0.0, |c| c.x.end)
            })
            .fold(0.0, f32::max)
    }
}

/// The advance of a one-line galley: its right-most glyph edge.
fn advance(galley: &Galley) -> f32 {
    galley
        .rows
        .iter()
        .flat_map(|r| r.glyphs.iter().map(move |g| r.pos.x + g.max_x()))
        .fold(0.0, f32::max)
}
