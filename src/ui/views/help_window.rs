//! Keyboard help (F1 or ?): every action with the keys that run it, built
//! from `ui::actions` like the palette, plus the annotation keys.

use egui::Context;

use crate::ui::actions::{OTHER_KEYS, actions, keys_of};

/// Draws the help; returns `false` when it was closed.
pub fn help_window_ui(ctx: &Context) -> bool {
    let mut open = true;
    egui::Window::new("Keyboard help")
        .open(&mut open)
        .default_size([460.0, 560.0])
        .show(ctx, |ui| {
            ui.label("Every command, also in the command palette (Ctrl+Shift+P). Letters, arrows and Tab work in the article when no text field has the keyboard.");
            egui::CollapsingHeader::new("User guide").show(ui, |ui| {
                ui.label("One chapter per task, in docs/src/ of Stancemark's folder:");
                for (title, file) in crate::ui::guide::CHAPTERS {
                    let path = crate::ui::guide::chapter_path(file);
                    ui.hyperlink_to(title, format!("file://{}", path.display()))
                        .on_hover_text(path.display().to_string());
                }
            });
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("help-keys").num_columns(2).striped(true).show(ui, |ui| {
                    for action in actions() {
                        ui.label(action.name);
                        ui.weak(keys_of(ctx, action).unwrap_or_else(|| "—".to_owned()));
                        ui.end_row();
                    }
                    for (keys, what) in OTHER_KEYS {
                        ui.label(what);
                        ui.weak(keys);
                        ui.end_row();
                    }
                });
            });
        });
    open
}

/// The keyboard help window.
pub struct HelpWindow;

impl crate::ui::windows::AppWindow for HelpWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Help
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        _out: &mut Vec<crate::ui::command::Command>,
    ) -> bool {
        help_window_ui(ctx)
    }
}
