//! The annotated article: wrapped paragraphs with mention highlights, drag
//! selection, click to select a mention, hover for details.
//!
//! Text is laid out in blocks (paragraphs, long ones cut into pieces of at
//! most 2,000 code points, see `Document::blocks`). Only blocks in view are
//! laid out; laid-out blocks near the view are cached and
//! reused until the width, the font, the zoom or the font atlas changes
//! (annotations are painted over the cached text, so an edit never forces a
//! relayout). Painting is in `paint.rs`, pointer input in `interact.rs`.

mod arcs;
mod block_layout;
mod ghosts;
mod interact;
mod paint;
mod quotes;

pub use block_layout::BlockLayout;

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Pos2, Rect, Response, Role, Sense, Stroke, Ui, Vec2, WidgetInfo};

use crate::model::{
    CharSpan, DocAnnotations, Document, Entity, EntityId, Mention, MentionId, Rgb, Schema, Stance,
    StanceId,
};
use crate::ui::command::Command;

/// Accessible name of the article widget.
pub const ARTICLE_LABEL: &str = "Article text";

/// Widest the text column gets, in points.
const MAX_COLUMN_WIDTH: f32 = 760.0;
/// Row height as a multiple of the font height: room for stacked underlines.
const LINE_FACTOR: f32 = 1.8;
/// Line height with type chips, which sit in the space above each line.
const LINE_FACTOR_WITH_CHIPS: f32 = 2.25;
/// Extra line height (times the font height) in a document with relations,
/// for the arcs over the text: three levels of arcs with their names.
const ARC_ROOM: f32 = 2.0;
/// Size of the type chips drawn above mentions.
const CHIP_FONT_SIZE: f32 = 9.0;
/// Vertical distance between stacked underlines.
const LANE_STEP: f32 = 3.0;

/// What the article view shows this frame.
pub struct ArticleInput<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its annotations.
    pub annotations: &'a DocAnnotations,
    /// The schema (colours).
    pub schema: &'a Schema,
    /// The current text selection.
    pub selection: Option<CharSpan>,
    /// The selected mention.
    pub selected: Option<MentionId>,
    /// Annotation version (changes when mentions change).
    pub version: u64,
    /// The text changed since the annotations were made: draw only the
    /// mentions whose quoted text is still at their offsets.
    pub stale: bool,
    /// Entities, for hover text.
    pub entities: &'a std::collections::BTreeMap<EntityId, Entity>,
    /// The entity whose mentions are outlined.
    pub focus_entity: Option<EntityId>,
    /// The selected stance.
    pub selected_stance: Option<StanceId>,
    /// Display names for stance hover text ("holder ➡ polarity ➡ target").
    pub stance_label: &'a dyn Fn(&Stance) -> String,
    /// Hits of Find in article, sorted: highlighted behind the text.
    pub highlights: &'a [CharSpan],
    /// Draw each mention's type name in a small chip above its start, so
    /// types are told apart without relying on colour.
    pub type_labels: bool,
    /// A relation being made by keyboard: its source and current target.
    pub relating: Option<(MentionId, Option<MentionId>)>,
    /// The selected quotation.
    pub selected_quotation: Option<crate::model::QuotationId>,
    /// Learned suggestions to draw as ghost mentions.
    pub ghosts: &'a [crate::model::suggest::Suggestion],
    /// The ghost A and X act on.
    pub current_ghost: Option<CharSpan>,
    /// Why a form is suggested, for the hover text.
    pub ghost_why: &'a dyn Fn(&str) -> String,
    /// The document's base direction if the user set one (true: right to
    /// left); `None` takes each paragraph's from its first strong
    /// character.
    pub direction: Option<bool>,
}

/// A block (a paragraph, or a piece of a long one) drawn in the last frame,
/// with its screen position.
#[derive(Clone)]
pub struct VisibleParagraph {
    /// Block index (see `Document::blocks`).
    pub index: usize,
    /// Its code points in the document.
    pub chars: CharSpan,
    /// The laid-out text.
    pub layout: Arc<BlockLayout>,
    /// Screen position of the galley's top-left corner.
    pub pos: Pos2,
}

/// State of the article view kept between frames.
#[derive(Default)]
pub struct ArticleView {
    layout_key: Option<(String, u32, u32, u32, Option<bool>)>,
    line_factor: f32,
    /// Space above the first paragraph (for the first line's type chips).
    top_margin: f32,
    /// The font atlas's fill ratio last frame: it drops when egui clears it.
    atlas_fill: f32,
    pixels_per_point: f32,
    text_options: Option<egui::epaint::text::TextOptions>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    galleys: HashMap<usize, Arc<BlockLayout>>,
    lanes_version: Option<(String, u64)>,
    lanes: HashMap<MentionId, usize>,
    /// Paragraphs drawn in the last frame.
    pub visible: Vec<VisibleParagraph>,
    drag_anchor: Option<usize>,
    drag_anchor_char: Option<usize>,
    /// A drag moving one edge of the selected mention.
    edge_drag: Option<EdgeDrag>,
    /// The type chips drawn in the last frame, with their mentions.
    chip_rects: Vec<(Rect, MentionId)>,
    /// A drag from a mention's chip, to relate it to another mention.
    chip_drag: Option<MentionId>,
    /// The relation arcs drawn in the last frame: each arc's (or half
    /// arc's) box from its top to its ends, and each name's box.
    arc_boxes: Vec<Rect>,
    arc_labels: Vec<Rect>,
    /// A code-point offset to scroll into view next frame.
    pub scroll_to: Option<usize>,
    /// A span to scroll into view next frame only if it is out of view.
    pub keep_in_view: Option<CharSpan>,
    /// A keyboard scroll to make next frame (page, top, bottom).
    pub scroll_step: Option<crate::ui::command::ArticleScroll>,
    /// The part of the article shown in the last frame (article coordinates).
    viewport: Option<Rect>,
}

impl ArticleView {
    /// Screen rectangle of `mention`'s type chip, if it was drawn in the last
    /// frame.
    #[must_use]
    pub fn chip_rect(&self, mention: MentionId) -> Option<Rect> {
        self.chip_rects
            .iter()
            .find(|(_, id)| *id == mention)
            .map(|(r, _)| *r)
    }

    /// Screen rectangle of the code point at `offset`, if it was drawn in the last frame.
    #[must_use]
    pub fn char_rect(&self, offset: usize) -> Option<Rect> {
        let vp = self
            .visible
            .iter()
            .find(|v| v.chars.start <= offset && offset < v.chars.end)?;
        let local = offset - vp.chars.start;
        vp.layout.cluster_box(vp.pos, local).map(|(r, _)| r)
    }

    /// The box around the glyphs of the code point at `offset` (not the
    /// room above them), if it was drawn in the last frame.
    #[must_use]
    pub fn glyph_rect(&self, offset: usize) -> Option<Rect> {
        let vp = self
            .visible
            .iter()
            .find(|v| v.chars.start <= offset && offset < v.chars.end)?;
        let local = offset - vp.chars.start;
        vp.layout
            .text_boxes(vp.pos, local, local + 1)
            .into_iter()
            .next()
    }

    /// The relation arcs drawn in the last frame: each arc's box (from its
    /// top to its ends, a relation between two lines as two halves) and
    /// each type name's box.
    #[must_use]
    pub fn arcs_drawn(&self) -> (&[Rect], &[Rect]) {
        (&self.arc_boxes, &self.arc_labels)
    }

    /// The type chips drawn in the last frame.
    #[must_use]
    pub fn chips_drawn(&self) -> Vec<Rect> {
        self.chip_rects.iter().map(|(r, _)| *r).collect()
    }

    /// True while the user drags out a selection or a mention's edge.
    #[must_use]
    pub fn is_dragging(&self) -> bool {
        self.drag_anchor.is_some() || self.edge_drag.is_some()
    }

    /// The box of the cluster holding code point `offset` and whether it
    /// reads right to left, if drawn in the last frame.
    fn cluster_box(&self, offset: usize) -> Option<(Rect, bool)> {
        let vp = self
            .visible
            .iter()
            .find(|v| v.chars.start <= offset && offset < v.chars.end)?;
        vp.layout.cluster_box(vp.pos, offset - vp.chars.start)
    }

    /// The text box where `span` starts to the reader, and whether it
    /// reads right to left, if drawn in the last frame.
    fn start_box(&self, span: CharSpan) -> Option<(Rect, bool)> {
        let vp = self
            .visible
            .iter()
            .find(|vp| vp.chars.start <= span.start && span.start < vp.chars.end)?;
        let a = span.start - vp.chars.start;
        let b = span.end.min(vp.chars.end) - vp.chars.start;
        vp.layout.start_box(vp.pos, a, b)
    }

    /// The edge of mention `span` near screen point `pos`: within a few
    /// points of where it starts (the left side of its first cluster in
    /// left-to-right text, the right side in right-to-left text) or ends.
    fn edge_near(&self, span: CharSpan, pos: Pos2) -> Option<crate::model::caret::Edge> {
        use crate::model::caret::Edge;
        const REACH: f32 = 5.0;
        let near = |r: Rect, x: f32| {
            (pos.x - x).abs() <= REACH && pos.y >= r.top() - 2.0 && pos.y <= r.bottom() + 2.0
        };
        if let Some((r, rtl)) = self.cluster_box(span.start)
            && near(r, if rtl { r.right() } else { r.left() })
        {
            return Some(Edge::Start);
        }
        if let Some((r, rtl)) = self.cluster_box(span.end.checked_sub(1)?)
            && near(r, if rtl { r.left() } else { r.right() })
        {
            return Some(Edge::End);
        }
        None
    }

    /// Text position (code point boundary) nearest to a screen point.
    fn boundary_at(&self, pos: Pos2) -> Option<usize> {
        let vp = self.paragraph_near(pos)?;
        let local = vp.layout.boundary_at(pos - vp.pos)?;
        Some(vp.chars.start + local.min(vp.chars.len()))
    }

    /// The code point under a screen point, if the point is over text.
    fn char_under(&self, pos: Pos2) -> Option<usize> {
        let vp = self.paragraph_near(pos)?;
        let local = vp.layout.char_under(pos - vp.pos)?;
        Some(vp.chars.start + local)
    }

    fn paragraph_near(&self, pos: Pos2) -> Option<&VisibleParagraph> {
        self.visible
            .iter()
            .filter(|v| v.layout.has_text())
            .min_by(|a, b| {
                let da = distance_y(a, pos);
                let db = distance_y(b, pos);
                da.total_cmp(&db)
            })
    }

    fn ensure_layout(
        &mut self,
        doc: &Document,
        width: f32,
        font_size: f32,
        direction: Option<bool>,
    ) {
        let key = (
            doc.hash.clone(),
            width.to_bits(),
            font_size.to_bits(),
            self.line_factor.to_bits(),
            direction,
        );
        if self.layout_key.as_ref() != Some(&key) {
            self.layout_key = Some(key);
            self.galleys.clear();
            let row = font_size * self.line_factor;
            let chars_per_row = (width / (font_size * 0.5)).max(1.0);
            self.heights = doc
                .blocks()
                .iter()
                .map(|b| estimate_height(b.chars.len(), chars_per_row, row, b.ends_paragraph))
                .collect();
            self.measured = vec![false; self.heights.len()];
        }
    }

    fn ensure_lanes(&mut self, doc: &Document, annotations: &DocAnnotations, version: u64) {
        let key = (doc.path.clone(), version);
        if self.lanes_version.as_ref() != Some(&key) {
            self.lanes = assign_lanes(&annotations.mentions);
            self.lanes_version = Some(key);
        }
    }

    /// Top of block `index` in content coordinates.
    fn paragraph_top(&self, index: usize) -> f32 {
        self.top_margin + self.heights.iter().take(index).sum::<f32>()
    }

    /// Draws the article and pushes the user's actions onto `out`.
    pub fn ui(&mut self, ui: &mut Ui, input: &ArticleInput<'_>, out: &mut Vec<Command>) {
        let font_size = ui.style().text_styles[&egui::TextStyle::Body].size * 1.15;
        let font_id = FontId::proportional(font_size);
        // The text column leaves room for an 8-point margin on each side and
        // for the scroll bar, so no line ever runs under the bar or off the
        // window (a small window, a large zoom).
        let bar = {
            let s = &ui.spacing().scroll;
            s.bar_inner_margin + s.bar_width + s.bar_outer_margin
        };
        let column = (ui.available_width() - 16.0 - bar).clamp(200.0, MAX_COLUMN_WIDTH);
        // A document with relations gets room above each line for arcs.
        // Starting a relation does not change it: the text would move
        // under the pointer mid-drag (a relation being made is drawn in
        // the room there is).
        let arcs = !input.annotations.relations.is_empty();
        self.line_factor = if input.type_labels {
            LINE_FACTOR_WITH_CHIPS
        } else {
            LINE_FACTOR
        } + if arcs { ARC_ROOM } else { 0.0 };
        // Room above the first line for its chips and arcs.
        self.top_margin = if input.type_labels {
            CHIP_FONT_SIZE + 4.0
        } else {
            0.0
        } + if arcs { ARC_ROOM * font_size } else { 0.0 };
        // Laid-out galleys point into the font atlas: egui rebuilds it when
        // the zoom (pixels per point) changes or it fills up, and then the
        // cached galleys must be laid out again.
        // (Its text options change with the theme, too.)
        let pixels_per_point = ui.ctx().pixels_per_point();
        let text_options = ui.ctx().global_style().visuals.text_options;
        let fill = ui.fonts(|f| f.font_atlas_fill_ratio());
        if fill < self.atlas_fill
            || pixels_per_point != self.pixels_per_point
            || Some(text_options) != self.text_options
        {
            self.galleys.clear();
            self.pixels_per_point = pixels_per_point;
            self.text_options = Some(text_options);
        }
        self.atlas_fill = fill;
        self.ensure_layout(input.doc, column, font_size, input.direction);
        self.ensure_lanes(input.doc, input.annotations, input.version);

        let mut scroll = egui::ScrollArea::vertical()
            .id_salt(("article", &input.doc.path))
            .auto_shrink([false, false]);
        if let Some(step) = self.scroll_step.take() {
            use crate::ui::command::ArticleScroll;
            let shown = self.viewport.unwrap_or(Rect::ZERO);
            let page = (shown.height() - 40.0).max(40.0);
            let total = self.top_margin + self.heights.iter().sum::<f32>();
            let bottom = (total - shown.height()).max(0.0);
            let offset = match step {
                ArticleScroll::PageDown => (shown.top() + page).min(bottom),
                ArticleScroll::PageUp => (shown.top() - page).max(0.0),
                ArticleScroll::Top => 0.0,
                ArticleScroll::Bottom => bottom,
            };
            scroll = scroll.vertical_scroll_offset(offset);
        } else if let Some(target) = self.scroll_to.take() {
            let top = self.paragraph_top(input.doc.block_at(target));
            scroll = scroll.vertical_scroll_offset((top - 60.0).max(0.0));
        } else if let Some(span) = self.keep_in_view.take() {
            let first = input.doc.block_at(span.start);
            let last = input
                .doc
                .block_at(span.end.saturating_sub(1).max(span.start));
            let top = self.paragraph_top(first);
            let bottom = self.paragraph_top(last) + self.heights.get(last).copied().unwrap_or(0.0);
            if self
                .viewport
                .is_none_or(|v| top < v.top() || bottom > v.bottom())
            {
                scroll = scroll.vertical_scroll_offset((top - 60.0).max(0.0));
            }
        }
        scroll.show_viewport(ui, |ui, viewport| {
            self.viewport = Some(viewport);
            let total: f32 = self.top_margin + self.heights.iter().sum::<f32>();
            let full_width = ui.available_width();
            let (rect, response) = ui.allocate_exact_size(
                Vec2::new(full_width, total.max(viewport.height())),
                Sense::click_and_drag(),
            );
            response.widget_info(|| WidgetInfo::labeled(Role::Article, true, ARTICLE_LABEL));
            let left = rect.left() + ((full_width - column) / 2.0).max(8.0);
            self.visible.clear();
            let mut y = self.top_margin;
            let mut remeasured = false;
            for (index, block) in input.doc.blocks().iter().enumerate() {
                let height = self.heights[index];
                if y + height >= viewport.top() && y <= viewport.bottom() {
                    let layout =
                        self.block_layout(ui, input.doc, index, &font_id, column, input.direction);
                    let measured = paragraph_height(
                        &layout,
                        block.chars.is_empty(),
                        font_size * self.line_factor,
                        block.ends_paragraph,
                    );
                    if !self.measured[index] || (measured - height).abs() > 0.5 {
                        remeasured |= (measured - height).abs() > 0.5;
                        self.heights[index] = measured;
                        self.measured[index] = true;
                    }
                    self.visible.push(VisibleParagraph {
                        index,
                        chars: block.chars,
                        layout,
                        pos: Pos2::new(left, rect.top() + y),
                    });
                }
                y += self.heights[index];
            }
            if remeasured {
                ui.ctx().request_repaint();
            }
            self.forget_far_galleys();
            self.paint_quotations(ui, input);
            self.paint_ghosts(ui, input);
            self.chip_rects = self.paint(ui, input);
            (self.arc_boxes, self.arc_labels) = self.paint_relations(ui, input);
            self.interact(ui, &response, input, out);
        });
    }

    /// Drops laid-out blocks far from the ones drawn, so scrolling through
    /// a long article keeps only a window of layouts in memory.
    fn forget_far_galleys(&mut self) {
        const KEEP_AROUND: usize = 64;
        let (Some(first), Some(last)) = (self.visible.first(), self.visible.last()) else {
            return;
        };
        let (low, high) = (
            first.index.saturating_sub(KEEP_AROUND),
            last.index + KEEP_AROUND,
        );
        if self.galleys.len() > 2 * KEEP_AROUND + self.visible.len() {
            self.galleys.retain(|i, _| (low..=high).contains(i));
        }
    }

    /// The layout of block `index`, made once and kept while it is near
    /// the view. `direction`: the document's base direction if the user
    /// set one (true: right to left).
    fn block_layout(
        &mut self,
        ui: &Ui,
        doc: &Document,
        index: usize,
        font_id: &FontId,
        width: f32,
        direction: Option<bool>,
    ) -> Arc<BlockLayout> {
        if let Some(g) = self.galleys.get(&index) {
            return Arc::clone(g);
        }
        let format = TextFormat {
            font_id: font_id.clone(),
            // Painted in the theme's text colour (see `paint`), so a theme
            // change needs no new layout.
            color: Color32::PLACEHOLDER,
            line_height: Some((font_id.size * self.line_factor).round()),
            ..TextFormat::default()
        };
        let layout = ui.fonts_mut(|f| {
            let mut lay_out = |text: &str, max_width: f32| {
                let mut job = LayoutJob::default();
                job.wrap.max_width = max_width;
                job.append(text, 0.0, format.clone());
                f.layout_job(job)
            };
            BlockLayout::new(doc.block_text(index), width, direction, &mut lay_out)
        });
        let layout = Arc::new(layout);
        self.galleys.insert(index, Arc::clone(&layout));
        layout
    }
}

/// What an edge drag resizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resized {
    /// A mention.
    Mention(MentionId),
    /// A part of a quotation's words, by its index in reading order.
    QuotationPart(crate::model::QuotationId, usize),
}

/// A drag that moves one boundary of the selected mention or of a part of
/// the selected quotation.
#[derive(Clone, Copy, Debug)]
struct EdgeDrag {
    /// What is resized.
    what: Resized,
    /// Its span when the drag began.
    original: CharSpan,
    /// Which boundary moves.
    edge: crate::model::caret::Edge,
    /// The span it would have now (painted like a selection).
    preview: CharSpan,
}

/// What a click can select.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hit {
    Mention(MentionId),
    Stance(StanceId),
    Quotation(crate::model::QuotationId),
}

/// Underline lanes: a mention nested in or overlapping an earlier one goes one lane lower.
fn assign_lanes(mentions: &[Mention]) -> HashMap<MentionId, usize> {
    let mut lane_ends: Vec<usize> = Vec::new();
    let mut out = HashMap::new();
    for m in mentions {
        let lane = lane_ends
            .iter()
            .position(|end| *end <= m.span.start)
            .unwrap_or(lane_ends.len());
        if lane == lane_ends.len() {
            lane_ends.push(m.span.end);
        } else {
            lane_ends[lane] = m.span.end;
        }
        out.insert(m.id, lane);
    }
    out
}

fn local_range(span: CharSpan, para: CharSpan) -> (usize, usize) {
    (
        span.start.max(para.start) - para.start,
        span.end.min(para.end) - para.start,
    )
}

fn distance_y(v: &VisibleParagraph, pos: Pos2) -> f32 {
    let rect = Rect::from_min_size(v.pos, v.layout.size());
    if pos.y < rect.top() {
        rect.top() - pos.y
    } else if pos.y > rect.bottom() {
        pos.y - rect.bottom()
    } else {
        0.0
    }
}

/// The gap after a paragraph, as a share of the line height (none between
/// the pieces of one long paragraph).
fn gap(line: f32, ends_paragraph: bool) -> f32 {
    if ends_paragraph { line * 0.4 } else { 0.0 }
}

fn estimate_height(chars: usize, chars_per_row: f32, row: f32, ends_paragraph: bool) -> f32 {
    if chars == 0 {
        return gap(row, true);
    }
    #[allow(clippy::cast_precision_loss)]
    let rows = (chars as f32 / chars_per_row).ceil().max(1.0);
    rows * row + gap(row, ends_paragraph)
}

/// `line` is the line height (font size times the line factor).
fn paragraph_height(layout: &BlockLayout, empty: bool, line: f32, ends_paragraph: bool) -> f32 {
    if empty {
        gap(line, true)
    } else {
        layout.size().y + gap(line, ends_paragraph)
    }
}
