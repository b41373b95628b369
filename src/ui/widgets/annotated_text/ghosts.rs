//! Learned suggestions drawn in the article as ghost mentions: a faint
//! fill and a dashed outline in the type's colour, the one A and X act on
//! drawn stronger; hovering says why it is suggested.

use egui::{Color32, Response, Stroke, Ui};

use super::{ArticleInput, ArticleView};

impl ArticleView {
    /// Paints the ghost suggestions of the shown document.
    pub(super) fn paint_ghosts(&self, ui: &Ui, input: &ArticleInput<'_>) {
        let painter = ui.painter();
        for g in input.ghosts {
            let c = input.schema.color_of(&g.label);
            let color = Color32::from_rgb(c.0, c.1, c.2);
            let current = input.current_ghost == Some(g.span);
            let fill =
                Color32::from_rgba_unmultiplied(c.0, c.1, c.2, if current { 45 } else { 22 });
            let width = if current { 2.0 } else { 1.2 };
            for r in self.span_boxes(g.span) {
                painter.rect_filled(r, 2.0, fill);
                let o = r.expand(1.5);
                let corners = [
                    o.left_top(),
                    o.right_top(),
                    o.right_bottom(),
                    o.left_bottom(),
                    o.left_top(),
                ];
                painter.extend(egui::Shape::dashed_line(
                    &corners,
                    Stroke::new(width, color),
                    3.0,
                    3.0,
                ));
            }
        }
    }

    /// The hover text of a ghost under the pointer.
    pub(super) fn ghost_hover(&self, response: &Response, input: &ArticleInput<'_>, c: usize) {
        let Some(g) = input.ghosts.iter().find(|g| g.span.contains(c)) else {
            return;
        };
        let why = match &g.source {
            Some(model) => format!("{}, proposed by {model:?}, score {:.2}", g.label, g.score),
            None => (input.ghost_why)(&g.form),
        };
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.label(format!("Suggestion: {why}"));
            ui.weak(
                "A accepts, X rejects (the next one after the caret); Shift+A accepts all here",
            );
        });
    }
}
