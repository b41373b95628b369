//! The document list while a corpus is being read: every file found is
//! listed at once, and any of them can be chosen to show first.

use egui::{RichText, Ui};

use crate::ui::command::Command;
use crate::ui::loader::Preview;

/// Draws the files of `preview`; `chosen` is the one to show when reading
/// ends (the first file when `None`).
pub fn loading_list_ui(
    ui: &mut Ui,
    preview: &Preview,
    chosen: Option<&str>,
    out: &mut Vec<Command>,
) {
    ui.heading("Documents");
    ui.label(format!(
        "{} files found; reading them…",
        preview.files.len()
    ));
    ui.weak("Pick one to open it as soon as reading is done.");
    ui.separator();
    let current = chosen.or_else(|| preview.files.first().map(String::as_str));
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("loading-documents")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, preview.files.len(), |ui, rows| {
            for path in &preview.files[rows] {
                let selected = current == Some(path.as_str());
                let row = egui::Button::selectable(selected, RichText::new(path)).truncate();
                if ui
                    .add(row)
                    .on_hover_text("Opens when the corpus has been read")
                    .clicked()
                {
                    out.push(Command::ChooseWhileLoading(path.clone()));
                }
            }
        });
}
