//! The annotated article: wrapped paragraphs with mention highlights, drag
//! selection, click to select a mention, hover for details.
//!
//! Only paragraphs in view are laid out; laid-out paragraphs are cached and
//! reused until the width or the font changes (annotations are painted over
//! the cached text, so an edit never forces a relayout).

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{CharIndex, LayoutJob, TextFormat};
use egui::{
    Color32, FontId, Galley, Pos2, Rect, Response, Role, Sense, Stroke, Ui, Vec2, WidgetInfo,
};

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
}

/// A paragraph drawn in the last frame, with its screen position.
#[derive(Clone)]
pub struct VisibleParagraph {
    /// Paragraph index.
    pub index: usize,
    /// Its code points in the document.
    pub chars: CharSpan,
    /// The laid-out text.
    pub galley: Arc<Galley>,
    /// Screen position of the galley's top-left corner.
    pub pos: Pos2,
}

/// State of the article view kept between frames.
#[derive(Default)]
pub struct ArticleView {
    layout_key: Option<(String, u32, u32, u32)>,
    line_factor: f32,
    /// The font atlas's fill ratio last frame: it drops when egui clears it.
    atlas_fill: f32,
    pixels_per_point: f32,
    text_options: Option<egui::epaint::text::TextOptions>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    galleys: HashMap<usize, Arc<Galley>>,
    lanes_version: Option<(String, u64)>,
    lanes: HashMap<MentionId, usize>,
    /// Paragraphs drawn in the last frame.
    pub visible: Vec<VisibleParagraph>,
    drag_anchor: Option<usize>,
    drag_anchor_char: Option<usize>,
    /// A code-point offset to scroll into view next frame.
    pub scroll_to: Option<usize>,
    /// A span to scroll into view next frame only if it is out of view.
    pub keep_in_view: Option<CharSpan>,
    /// The part of the article shown in the last frame (article coordinates).
    viewport: Option<Rect>,
}

impl ArticleView {
    /// Screen rectangle of the code point at `offset`, if it was drawn in the last frame.
    #[must_use]
    pub fn char_rect(&self, offset: usize) -> Option<Rect> {
        let vp = self
            .visible
            .iter()
            .find(|v| v.chars.start <= offset && offset < v.chars.end)?;
        let local = offset - vp.chars.start;
        range_rects(&vp.galley, vp.pos, local, local + 1)
            .into_iter()
            .next()
    }

    /// True while the user drags out a selection.
    #[must_use]
    pub fn is_dragging(&self) -> bool {
        self.drag_anchor.is_some()
    }

    /// Text position (code point boundary) nearest to a screen point.
    fn boundary_at(&self, pos: Pos2) -> Option<usize> {
        let vp = self.paragraph_near(pos)?;
        let cursor = vp.galley.cursor_from_pos(pos - vp.pos);
        Some(vp.chars.start + cursor.index.0.min(vp.chars.len()))
    }

    /// The code point under a screen point, if the point is over text.
    fn char_under(&self, pos: Pos2) -> Option<usize> {
        let vp = self.paragraph_near(pos)?;
        let local = pos - vp.pos;
        let mut start = 0;
        for row in &vp.galley.rows {
            let n = row.glyphs.len();
            let rect = row.rect();
            if local.y >= rect.top() && local.y < rect.bottom() {
                for (i, g) in row.glyphs.iter().enumerate() {
                    let x = local.x - row.pos.x;
                    if x >= g.pos.x && x < g.max_x() {
                        return Some(vp.chars.start + start + i);
                    }
                }
                return None;
            }
            start += n + usize::from(row.ends_with_newline);
        }
        None
    }

    fn paragraph_near(&self, pos: Pos2) -> Option<&VisibleParagraph> {
        self.visible
            .iter()
            .filter(|v| v.galley.rows.iter().any(|r| !r.glyphs.is_empty()))
            .min_by(|a, b| {
                let da = distance_y(a, pos);
                let db = distance_y(b, pos);
                da.total_cmp(&db)
            })
    }

    fn ensure_layout(&mut self, doc: &Document, width: f32, font_size: f32) {
        let key = (
            doc.hash.clone(),
            width.to_bits(),
            font_size.to_bits(),
            self.line_factor.to_bits(),
        );
        if self.layout_key.as_ref() != Some(&key) {
            self.layout_key = Some(key);
            self.galleys.clear();
            let row = font_size * self.line_factor;
            let chars_per_row = (width / (font_size * 0.5)).max(1.0);
            self.heights = doc
                .paragraphs()
                .iter()
                .map(|p| estimate_height(p.chars.len(), chars_per_row, row))
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

    /// Top of paragraph `index` in content coordinates.
    fn paragraph_top(&self, index: usize) -> f32 {
        self.heights.iter().take(index).sum()
    }

    /// Draws the article and pushes the user's actions onto `out`.
    pub fn ui(&mut self, ui: &mut Ui, input: &ArticleInput<'_>, out: &mut Vec<Command>) {
        let font_size = ui.style().text_styles[&egui::TextStyle::Body].size * 1.15;
        let font_id = FontId::proportional(font_size);
        let column = ui.available_width().clamp(200.0, MAX_COLUMN_WIDTH);
        self.line_factor = if input.type_labels {
            LINE_FACTOR_WITH_CHIPS
        } else {
            LINE_FACTOR
        };
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
        self.ensure_layout(input.doc, column, font_size);
        self.ensure_lanes(input.doc, input.annotations, input.version);

        let mut scroll = egui::ScrollArea::vertical()
            .id_salt(("article", &input.doc.path))
            .auto_shrink([false, false]);
        if let Some(target) = self.scroll_to.take() {
            let top = self.paragraph_top(input.doc.paragraph_at(target));
            scroll = scroll.vertical_scroll_offset((top - 60.0).max(0.0));
        } else if let Some(span) = self.keep_in_view.take() {
            let first = input.doc.paragraph_at(span.start);
            let last = input
                .doc
                .paragraph_at(span.end.saturating_sub(1).max(span.start));
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
            let total: f32 = self.heights.iter().sum();
            let full_width = ui.available_width();
            let (rect, response) = ui.allocate_exact_size(
                Vec2::new(full_width, total.max(viewport.height())),
                Sense::click_and_drag(),
            );
            response.widget_info(|| WidgetInfo::labeled(Role::Article, true, ARTICLE_LABEL));
            let left = rect.left() + ((full_width - column) / 2.0).max(8.0);
            self.visible.clear();
            let mut y = 0.0;
            let mut remeasured = false;
            for (index, para) in input.doc.paragraphs().iter().enumerate() {
                let height = self.heights[index];
                if y + height >= viewport.top() && y <= viewport.bottom() {
                    let galley = self.galley(ui, input.doc, index, &font_id, column);
                    let measured = paragraph_height(
                        &galley,
                        para.chars.is_empty(),
                        font_size * self.line_factor,
                    );
                    if !self.measured[index] || (measured - height).abs() > 0.5 {
                        remeasured |= (measured - height).abs() > 0.5;
                        self.heights[index] = measured;
                        self.measured[index] = true;
                    }
                    self.visible.push(VisibleParagraph {
                        index,
                        chars: para.chars,
                        galley,
                        pos: Pos2::new(left, rect.top() + y),
                    });
                }
                y += self.heights[index];
            }
            if remeasured {
                ui.ctx().request_repaint();
            }
            self.paint(ui, input);
            self.interact(ui, &response, input, out);
        });
    }

    fn galley(
        &mut self,
        ui: &Ui,
        doc: &Document,
        index: usize,
        font_id: &FontId,
        width: f32,
    ) -> Arc<Galley> {
        if let Some(g) = self.galleys.get(&index) {
            return Arc::clone(g);
        }
        let mut job = LayoutJob::default();
        job.wrap.max_width = width;
        job.append(
            doc.paragraph_text(index),
            0.0,
            TextFormat {
                font_id: font_id.clone(),
                // Painted in the theme's text colour (see `paint`), so a theme
                // change needs no new layout.
                color: Color32::PLACEHOLDER,
                line_height: Some((font_id.size * self.line_factor).round()),
                ..TextFormat::default()
            },
        );
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        self.galleys.insert(index, Arc::clone(&galley));
        galley
    }

    /// Paints highlights under the text and marks over it:
    /// * every mention: a fill in its type's colour and an underline in its
    ///   lane (nested mentions stack their underlines);
    /// * linked mentions: a solid underline; unlinked ones: a dotted one;
    /// * suggestions: a lighter fill and a dashed outline;
    /// * the selected mention, and the focused entity's mentions: an outline.
    fn paint(&self, ui: &Ui, input: &ArticleInput<'_>) {
        let painter = ui.painter();
        let dark = ui.visuals().dark_mode;
        let strong = ui.visuals().strong_text_color();
        for vp in &self.visible {
            let overlapping: Vec<&Mention> = input
                .annotations
                .mentions
                .iter()
                .filter(|m| m.span.overlaps(vp.chars))
                .filter(|m| !input.stale || m.matches(input.doc))
                .collect();
            for m in &overlapping {
                let (a, b) = local_range(m.span, vp.chars);
                let alpha = match (m.suggested, dark) {
                    (true, _) => 35,
                    (false, true) => 70,
                    (false, false) => 90,
                };
                let fill = with_alpha(input.schema.color_of(&m.label), alpha);
                for r in text_boxes(&vp.galley, vp.pos, a, b) {
                    painter.rect_filled(r, 2.0, fill);
                }
            }
            let first = input
                .highlights
                .partition_point(|h| h.end <= vp.chars.start);
            let find_fill = ui.visuals().warn_fg_color.gamma_multiply(0.35);
            for hit in input.highlights[first..]
                .iter()
                .take_while(|h| h.start < vp.chars.end)
            {
                let (a, b) = local_range(*hit, vp.chars);
                for r in text_boxes(&vp.galley, vp.pos, a, b) {
                    painter.rect_filled(r.expand(1.0), 2.0, find_fill);
                }
            }
            if let Some(sel) = input.selection.filter(|s| s.overlaps(vp.chars)) {
                let (a, b) = local_range(sel, vp.chars);
                for r in text_boxes(&vp.galley, vp.pos, a, b) {
                    painter.rect_filled(r, 0.0, ui.visuals().selection.bg_fill.gamma_multiply(0.7));
                }
            }
            let evidence: Vec<(&Stance, CharSpan)> = input
                .annotations
                .stances
                .iter()
                .flat_map(|st| st.evidence.iter().map(move |e| (st, e)))
                .filter(|(_, e)| {
                    e.span.overlaps(vp.chars) && (!input.stale || e.matches(input.doc))
                })
                .map(|(st, e)| (st, e.span))
                .collect();
            for (st, span) in &evidence {
                if input.selected_stance == Some(st.id) {
                    let (a, b) = local_range(*span, vp.chars);
                    let fill = with_alpha(input.schema.polarity_color(&st.polarity), 45);
                    for r in range_rects(&vp.galley, vp.pos, a, b) {
                        painter.rect_filled(r, 0.0, fill);
                    }
                }
            }
            painter.galley(vp.pos, Arc::clone(&vp.galley), ui.visuals().text_color());
            // Evidence: a bar in the polarity colour above the text, distinct
            // from the underlines of mentions.
            for (st, span) in &evidence {
                let (a, b) = local_range(*span, vp.chars);
                let color = rgb(input.schema.polarity_color(&st.polarity));
                let width = if input.selected_stance == Some(st.id) {
                    3.0
                } else {
                    2.0
                };
                let stroke = Stroke::new(width, color);
                let boxes = text_boxes(&vp.galley, vp.pos, a, b);
                for r in &boxes {
                    let y = r.top() - 1.5;
                    painter.line_segment([Pos2::new(r.left(), y), Pos2::new(r.right(), y)], stroke);
                }
                // Ticks down the sides where the evidence starts and ends, so
                // the bar reads as a bracket over its own text.
                if span.start >= vp.chars.start
                    && let Some(r) = boxes.first()
                {
                    painter.line_segment(
                        [
                            Pos2::new(r.left(), r.top() - 1.5),
                            Pos2::new(r.left(), r.center().y),
                        ],
                        stroke,
                    );
                }
                if span.end <= vp.chars.end
                    && let Some(r) = boxes.last()
                {
                    painter.line_segment(
                        [
                            Pos2::new(r.right(), r.top() - 1.5),
                            Pos2::new(r.right(), r.center().y),
                        ],
                        stroke,
                    );
                }
            }
            let mut chips: Vec<(Pos2, &str, Color32)> = Vec::new();
            for m in &overlapping {
                let (a, b) = local_range(m.span, vp.chars);
                let lane = self.lanes.get(&m.id).copied().unwrap_or(0);
                let color = rgb(input.schema.color_of(&m.label));
                let stroke = Stroke::new(2.0, color);
                for r in text_boxes(&vp.galley, vp.pos, a, b) {
                    let y = r.bottom() + 1.5 + lane as f32 * LANE_STEP;
                    let line = [Pos2::new(r.left() + 1.0, y), Pos2::new(r.right() - 1.0, y)];
                    if m.entity.is_some() {
                        painter.line_segment(line, stroke);
                    } else {
                        painter.extend(egui::Shape::dotted_line(&line, color, 3.0, 1.0));
                    }
                    if m.suggested {
                        let outline = r.expand(1.0);
                        let corners = [
                            outline.left_top(),
                            outline.right_top(),
                            outline.right_bottom(),
                            outline.left_bottom(),
                            outline.left_top(),
                        ];
                        painter.extend(egui::Shape::dashed_line(
                            &corners,
                            Stroke::new(1.5, color),
                            4.0,
                            3.0,
                        ));
                    }
                }
                let focused = input.focus_entity.is_some() && m.entity == input.focus_entity;
                if input.type_labels
                    && m.span.start >= vp.chars.start
                    && let Some(r) = text_boxes(&vp.galley, vp.pos, a, b).first()
                {
                    chips.push((Pos2::new(r.left(), r.top() - 1.0), m.label.as_str(), color));
                }
                if input.selected == Some(m.id) || focused {
                    let width = if input.selected == Some(m.id) {
                        2.0
                    } else {
                        1.0
                    };
                    for r in text_boxes(&vp.galley, vp.pos, a, b) {
                        painter.rect_stroke(
                            r.expand(1.5),
                            3.0,
                            Stroke::new(width, strong),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
            paint_chips(painter, &mut chips);
        }
    }

    fn interact(
        &mut self,
        ui: &Ui,
        response: &Response,
        input: &ArticleInput<'_>,
        out: &mut Vec<Command>,
    ) {
        let alt = ui.input(|i| i.modifiers.alt);
        if response.drag_started()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
        {
            self.drag_anchor = self.boundary_at(origin);
            self.drag_anchor_char = self.char_under(origin);
        }
        if (response.dragged() || response.drag_stopped())
            && let (Some(anchor), Some(pos)) = (self.drag_anchor, response.interact_pointer_pos())
            && let Some(here) = self.boundary_at(pos)
        {
            let raw = CharSpan::new(anchor, here);
            let span = if response.drag_stopped() && !alt {
                // Every character the drag touched counts, even if only its
                // edge was crossed (each CJK ideograph is a word of its own).
                let touched = [self.drag_anchor_char, self.char_under(pos)]
                    .into_iter()
                    .flatten()
                    .fold(raw, |span, c| {
                        CharSpan::new(span.start.min(c), span.end.max(c + 1))
                    });
                input.doc.snap_to_words(touched)
            } else {
                Some(raw).filter(|s| !s.is_empty())
            };
            out.push(Command::Select(span));
            if response.drag_stopped() {
                self.drag_anchor = None;
            }
        }
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            // Every mention (innermost first) and then every stance whose
            // evidence is under the pointer; each click takes the next one.
            let c = self.char_under(pos);
            let mut hits: Vec<Hit> = c
                .map(|c| mentions_at(input, c))
                .unwrap_or_default()
                .into_iter()
                .map(|m| Hit::Mention(m.id))
                .collect();
            hits.extend(
                c.map(|c| stances_at(input, c))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| Hit::Stance(s.id)),
            );
            let current = match (input.selected, input.selected_stance) {
                (Some(m), _) => Some(Hit::Mention(m)),
                (None, Some(s)) => Some(Hit::Stance(s)),
                _ => None,
            };
            let next = match current.and_then(|cur| hits.iter().position(|h| *h == cur)) {
                Some(i) => hits.get(i + 1).or_else(|| hits.first()),
                None => hits.first(),
            };
            out.push(Command::Select(None));
            match next {
                Some(Hit::Stance(id)) => {
                    out.push(Command::SelectMention {
                        id: None,
                        reveal: false,
                    });
                    out.push(Command::SelectStance {
                        id: Some(*id),
                        reveal: false,
                    });
                }
                Some(Hit::Mention(id)) => {
                    out.push(Command::SelectStance {
                        id: None,
                        reveal: false,
                    });
                    out.push(Command::SelectMention {
                        id: Some(*id),
                        reveal: false,
                    });
                }
                None => {
                    out.push(Command::SelectStance {
                        id: None,
                        reveal: false,
                    });
                    out.push(Command::SelectMention {
                        id: None,
                        reveal: false,
                    });
                }
            }
        }
        if let Some(pos) = response.hover_pos()
            && let Some(c) = self.char_under(pos)
        {
            let hits = mentions_at(input, c);
            let stances = stances_at(input, c);
            if !hits.is_empty() || !stances.is_empty() {
                response.clone().on_hover_ui_at_pointer(|ui| {
                    for s in &stances {
                        ui.label(format!("Stance: {}", (input.stance_label)(s)));
                        if !s.note.is_empty() {
                            ui.label(egui::RichText::new(format!("📝 {}", s.note)).italics());
                        }
                    }
                    for m in hits {
                        let ty = input.schema.entity_type(&m.label);
                        let desc = ty.map_or("unknown type", |t| t.description.as_str());
                        let entity = match m.entity.and_then(|e| input.entities.get(&e)) {
                            Some(e) => {
                                let kb = e
                                    .kb_id
                                    .as_deref()
                                    .map(|q| format!(" ({q})"))
                                    .unwrap_or_default();
                                format!(" · entity: {}{kb}", e.name)
                            }
                            None => " · not linked".to_owned(),
                        };
                        let suggestion = if m.suggested { " · suggestion" } else { "" };
                        ui.label(format!(
                            "{} ({desc}) · “{}” · {}{entity}{suggestion}",
                            m.label, m.quote.exact, m.span
                        ));
                        if !m.note.is_empty() {
                            ui.label(egui::RichText::new(format!("📝 {}", m.note)).italics());
                        }
                    }
                });
            }
        }
    }
}

/// What a click can select.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hit {
    Mention(MentionId),
    Stance(StanceId),
}

/// Stances with evidence at code point `c`, shortest evidence first.
fn stances_at<'a>(input: &ArticleInput<'a>, c: usize) -> Vec<&'a Stance> {
    let mut hits: Vec<(usize, &Stance)> = input
        .annotations
        .stances
        .iter()
        .filter_map(|st| {
            let e = st
                .evidence
                .iter()
                .filter(|e| e.span.contains(c) && (!input.stale || e.matches(input.doc)))
                .min_by_key(|e| e.span.len())?;
            Some((e.span.len(), st))
        })
        .collect();
    hits.sort_by_key(|(len, st)| (*len, st.id));
    hits.into_iter().map(|(_, st)| st).collect()
}

/// Mentions drawn at code point `c`, innermost (shortest) first.
fn mentions_at<'a>(input: &ArticleInput<'a>, c: usize) -> Vec<&'a Mention> {
    let mut hits: Vec<&Mention> = input
        .annotations
        .mentions
        .iter()
        .filter(|m| m.span.contains(c))
        .filter(|m| !input.stale || m.matches(input.doc))
        .collect();
    hits.sort_by_key(|m| (m.span.len(), m.span.start, m.id));
    hits
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

/// Rectangles covering chars `[a, b)` of a galley, one per row, spanning full row height.
fn range_rects(galley: &Galley, pos: Pos2, a: usize, b: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut start = 0;
    for row in &galley.rows {
        let n = row.glyphs.len();
        let (lo, hi) = (a.max(start), b.min(start + n));
        if lo < hi {
            let x0 = row.x_offset(CharIndex(lo - start));
            let x1 = row.x_offset(CharIndex(hi - start));
            let r = row.rect();
            out.push(Rect::from_min_max(
                pos + Vec2::new(row.pos.x + x0, r.top()),
                pos + Vec2::new(row.pos.x + x1, r.bottom()),
            ));
        }
        start += n + usize::from(row.ends_with_newline);
    }
    out
}

/// Like [`range_rects`], but only as tall as the text itself.
/// Draws type chips (bottom-left corner, type name, type colour), shifting
/// a chip right when it would cover the one before it on the same line.
fn paint_chips(painter: &egui::Painter, chips: &mut [(Pos2, &str, Color32)]) {
    chips.sort_by(|a, b| {
        (a.0.y, a.0.x)
            .partial_cmp(&(b.0.y, b.0.x))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let font = FontId::proportional(CHIP_FONT_SIZE);
    // Black on the opaque type colour: the type palette is light enough.
    let text_color = Color32::BLACK;
    let mut last: Option<Rect> = None;
    for (corner, label, color) in chips.iter() {
        let galley = painter.layout_no_wrap((*label).to_owned(), font.clone(), text_color);
        let size = galley.size() + Vec2::new(4.0, 0.0);
        let mut rect = Rect::from_min_size(Pos2::new(corner.x, corner.y - size.y), size);
        if let Some(prev) = last
            && (prev.bottom() - rect.bottom()).abs() < 0.5
            && prev.right() + 1.0 > rect.left()
        {
            rect = rect.translate(Vec2::new(prev.right() + 1.0 - rect.left(), 0.0));
        }
        painter.rect_filled(rect, 2.0, *color);
        painter.galley(rect.min + Vec2::new(2.0, 0.0), galley, text_color);
        last = Some(rect);
    }
}

fn text_boxes(galley: &Galley, pos: Pos2, a: usize, b: usize) -> Vec<Rect> {
    let mut out = range_rects(galley, pos, a, b);
    for r in &mut out {
        let row = galley
            .rows
            .iter()
            .find(|row| (pos.y + row.rect().top() - r.top()).abs() < 0.5);
        if let Some(g) = row.and_then(|row| row.glyphs.first().map(|g| (row, g))) {
            let (row, g) = g;
            let top = pos.y + row.pos.y + g.pos.y - g.font_ascent;
            *r = Rect::from_min_max(
                Pos2::new(r.left(), top - 1.0),
                Pos2::new(r.right(), top + g.font_height + 1.0),
            );
        }
    }
    out
}

fn distance_y(v: &VisibleParagraph, pos: Pos2) -> f32 {
    let rect = v.galley.rect.translate(v.pos.to_vec2());
    if pos.y < rect.top() {
        rect.top() - pos.y
    } else if pos.y > rect.bottom() {
        pos.y - rect.bottom()
    } else {
        0.0
    }
}

fn estimate_height(chars: usize, chars_per_row: f32, row: f32) -> f32 {
    if chars == 0 {
        return row * 0.4;
    }
    #[allow(clippy::cast_precision_loss)]
    let rows = (chars as f32 / chars_per_row).ceil().max(1.0);
    rows * row + row * 0.4
}

/// `line` is the line height (font size times the line factor).
fn paragraph_height(galley: &Galley, empty: bool, line: f32) -> f32 {
    let gap = line * 0.4;
    if empty { gap } else { galley.size().y + gap }
}

fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

fn with_alpha(c: Rgb, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0, c.1, c.2, alpha)
}
