//! The small popup beside a fresh selection: one button per entity type,
//! and **Quote…** for a quotation of the words. It
//! sits among the windows (not above them), closes when a window opens, and
//! is never drawn over a modal window.

use egui::{Color32, Context, Pos2, RichText};

use crate::model::Schema;
use crate::ui::command::Command;

/// Draws the popup at `at` (screen position just below the selection's end).
pub fn label_popup_ui(ctx: &Context, at: Pos2, schema: &Schema, out: &mut Vec<Command>) {
    egui::Area::new(egui::Id::unique("label-popup"))
        .fixed_pos(at)
        .order(egui::Order::Middle)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for t in &schema.entity_types {
                        let c = Color32::from_rgb(t.color.0, t.color.1, t.color.2);
                        let key = t.key.map(|k| format!("{k} ")).unwrap_or_default();
                        let button = egui::Button::new(
                            RichText::new(format!("{key}{}", t.name)).color(Color32::BLACK),
                        )
                        .fill(c);
                        if ui.add(button).on_hover_text(&t.description).clicked() {
                            out.push(Command::CreateMention(t.name.clone()));
                        }
                    }
                    ui.separator();
                    if ui
                        .button("Quote…")
                        .on_hover_text(
                            "Q: a quotation of these words, with the suggested speaker and cue",
                        )
                        .clicked()
                    {
                        out.push(Command::QuoteSelection);
                    }
                });
            });
        });
}
