//! Painting the article: highlights, find hits, the selection, stance
//! evidence brackets, underlines, outlines and type chips.

use super::*;

impl ArticleView {
    /// Paints highlights under the text and marks over it:
    /// * every mention: a fill in its type's colour and an underline in its
    ///   lane (nested mentions stack their underlines);
    /// * linked mentions: a solid underline; unlinked ones: a dotted one;
    /// * suggestions: a lighter fill and a dashed outline;
    /// * the selected mention, and the focused entity's mentions: an outline.
    ///
    /// Returns where each type chip was drawn.
    pub(super) fn paint(&self, ui: &Ui, input: &ArticleInput<'_>) -> Vec<(Rect, MentionId)> {
        let mut chip_rects = Vec::new();
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
                for r in vp.layout.text_boxes(vp.pos, a, b) {
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
                for r in vp.layout.text_boxes(vp.pos, a, b) {
                    painter.rect_filled(r.expand(1.0), 2.0, find_fill);
                }
            }
            let preview = self.edge_drag.as_ref().map(|d| d.preview);
            if let Some(sel) = input.selection.or(preview).filter(|s| s.overlaps(vp.chars)) {
                let (a, b) = local_range(sel, vp.chars);
                for r in vp.layout.text_boxes(vp.pos, a, b) {
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
                    for r in vp.layout.range_rects(vp.pos, a, b) {
                        painter.rect_filled(r, 0.0, fill);
                    }
                }
            }
            vp.layout.paint(painter, vp.pos, ui.visuals().text_color());
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
                let boxes = vp.layout.text_boxes(vp.pos, a, b);
                for r in &boxes {
                    let y = r.top() - 1.5;
                    painter.line_segment([Pos2::new(r.left(), y), Pos2::new(r.right(), y)], stroke);
                }
                // Ticks down the sides where the evidence starts and ends
                // to the reader (mirrored in right-to-left text), so the
                // bar reads as a bracket over its own text.
                let tick = |r: Rect, x: f32| {
                    painter.line_segment(
                        [Pos2::new(x, r.top() - 1.5), Pos2::new(x, r.center().y)],
                        stroke,
                    );
                };
                if span.start >= vp.chars.start
                    && let Some((r, rtl)) = vp.layout.start_box(vp.pos, a, b)
                {
                    tick(r, if rtl { r.right() } else { r.left() });
                }
                if span.end <= vp.chars.end
                    && let Some((r, rtl)) = vp.layout.end_box(vp.pos, a, b)
                {
                    tick(r, if rtl { r.left() } else { r.right() });
                }
            }
            let mut chips: Vec<Chip<'_>> = Vec::new();
            for m in &overlapping {
                let (a, b) = local_range(m.span, vp.chars);
                let lane = self.lanes.get(&m.id).copied().unwrap_or(0);
                let color = rgb(input.schema.color_of(&m.label));
                let stroke = Stroke::new(2.0, color);
                for r in vp.layout.text_boxes(vp.pos, a, b) {
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
                // A chip stands over where the mention starts to the
                // reader: its left end, or its right end in right-to-left
                // text.
                if input.type_labels
                    && m.span.start >= vp.chars.start
                    && let Some((r, rtl)) = vp.layout.start_box(vp.pos, a, b)
                {
                    chips.push(Chip {
                        corner: Pos2::new(if rtl { r.right() } else { r.left() }, r.top() - 1.0),
                        from_right: rtl,
                        label: m.label.as_str(),
                        color,
                        id: m.id,
                    });
                }
                if input.selected == Some(m.id) || focused {
                    let width = if input.selected == Some(m.id) {
                        2.0
                    } else {
                        1.0
                    };
                    for r in vp.layout.text_boxes(vp.pos, a, b) {
                        painter.rect_stroke(
                            r.expand(1.5),
                            3.0,
                            Stroke::new(width, strong),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
            chip_rects.extend(paint_chips(painter, &mut chips));
        }
        chip_rects
    }
}

/// A type chip to draw.
struct Chip<'a> {
    /// Its bottom-left corner (bottom-right with `from_right`).
    corner: Pos2,
    /// It stands over a right-to-left mention's right end.
    from_right: bool,
    label: &'a str,
    color: Color32,
    id: MentionId,
}

/// Draws type chips (type name, type colour), shifting a chip right when
/// it would cover the one before it on the same line. Returns where each
/// chip was drawn.
fn paint_chips(painter: &egui::Painter, chips: &mut [Chip<'_>]) -> Vec<(Rect, MentionId)> {
    let mut drawn = Vec::with_capacity(chips.len());
    chips.sort_by(|a, b| {
        a.corner
            .y
            .total_cmp(&b.corner.y)
            .then(a.corner.x.total_cmp(&b.corner.x))
    });
    let font = FontId::proportional(CHIP_FONT_SIZE);
    // Black on the opaque type colour: the type palette is light enough.
    let text_color = Color32::BLACK;
    let mut last: Option<Rect> = None;
    for Chip {
        corner,
        from_right,
        label,
        color,
        id,
    } in chips.iter()
    {
        let galley = painter.layout_no_wrap((*label).to_owned(), font.clone(), text_color);
        let size = galley.size() + Vec2::new(4.0, 0.0);
        let left = if *from_right {
            corner.x - size.x
        } else {
            corner.x
        };
        let mut rect = Rect::from_min_size(Pos2::new(left, corner.y - size.y), size);
        if let Some(prev) = last
            && (prev.bottom() - rect.bottom()).abs() < 0.5
            && prev.right() + 1.0 > rect.left()
        {
            rect = rect.translate(Vec2::new(prev.right() + 1.0 - rect.left(), 0.0));
        }
        painter.rect_filled(rect, 2.0, *color);
        painter.galley(rect.min + Vec2::new(2.0, 0.0), galley, text_color);
        last = Some(rect);
        drawn.push((rect, *id));
    }
    drawn
}

pub(super) fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

pub(super) fn with_alpha(c: Rgb, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0, c.1, c.2, alpha)
}
