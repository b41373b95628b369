//! Quotations drawn in the article: their words on a faint tint with a bar
//! where each part begins (its left, or its right in right-to-left text), the cue underlined twice, and for the selected
//! quotation a line from each part to its speaker.

use egui::{Color32, Pos2, Stroke, Ui};

use super::ArticleInput;
use super::ArticleView;
use crate::model::CharSpan;

/// The quote colour: a muted violet that none of the type colours is.
const QUOTE: Color32 = Color32::from_rgb(148, 103, 189);

impl ArticleView {
    /// Boxes of the drawn text of `span`, over every visible block.
    pub(super) fn span_boxes(&self, span: CharSpan) -> Vec<egui::Rect> {
        self.visible
            .iter()
            .filter(|vp| vp.chars.start < span.end && span.start < vp.chars.end)
            .flat_map(|vp| {
                let a = span.start.max(vp.chars.start) - vp.chars.start;
                let b = span.end.min(vp.chars.end) - vp.chars.start;
                vp.layout.text_boxes(vp.pos, a, b)
            })
            .collect()
    }

    /// Paints the shown document's quotations.
    pub(super) fn paint_quotations(&self, ui: &Ui, input: &ArticleInput<'_>) {
        let painter = ui.painter();
        for q in &input.annotations.quotations {
            let selected = input.selected_quotation == Some(q.id);
            let alpha = if selected { 60 } else { 28 };
            let tint = Color32::from_rgba_unmultiplied(QUOTE.r(), QUOTE.g(), QUOTE.b(), alpha);
            for e in &q.contents {
                let boxes = self.span_boxes(e.span);
                for r in &boxes {
                    painter.rect_filled(*r, 0.0, tint);
                }
                // A bar where the words begin to the reader: left of them,
                // or right of them in right-to-left text.
                if let Some((first, rtl)) = self.start_box(e.span) {
                    let bar = if rtl {
                        first.right() + 2.0
                    } else {
                        first.left() - 2.0
                    };
                    painter.line_segment(
                        [Pos2::new(bar, first.top()), Pos2::new(bar, first.bottom())],
                        Stroke::new(if selected { 3.0 } else { 2.0 }, QUOTE),
                    );
                }
            }
            if let Some(cue) = &q.cue {
                for r in self.span_boxes(cue.span) {
                    for dy in [1.0, 3.0] {
                        painter.line_segment(
                            [
                                Pos2::new(r.left(), r.bottom() + dy),
                                Pos2::new(r.right(), r.bottom() + dy),
                            ],
                            Stroke::new(1.0, QUOTE),
                        );
                    }
                }
            }
            if !selected {
                continue;
            }
            let speaker = q
                .speaker
                .and_then(|m| input.annotations.mention(m))
                .and_then(|m| self.span_boxes(m.span).into_iter().next());
            let Some(speaker) = speaker else {
                continue;
            };
            for e in &q.contents {
                if let Some(first) = self.span_boxes(e.span).first() {
                    let points = [
                        speaker.center_bottom(),
                        Pos2::new(first.left(), first.center().y),
                    ];
                    painter.extend(egui::Shape::dashed_line(
                        &points,
                        Stroke::new(1.5, QUOTE),
                        5.0,
                        3.0,
                    ));
                }
            }
        }
    }
}
