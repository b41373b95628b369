//! A free-text note field: the user edits a draft, and leaving the field
//! (click elsewhere, Tab, Escape) commits it as one edit. While the field is
//! not being edited it shows the note as stored, so undo shows at once.

use egui::{Id, Ui};

/// Draws a note field for `current` (accessible name `label`); returns the
/// new note (trimmed) when the user left the field after changing it.
pub fn note_field_ui(ui: &mut Ui, id: Id, label: &str, current: &str) -> Option<String> {
    let mut draft: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    let response = ui.add(
        egui::TextEdit::multiline(&mut draft)
            .id(id.with("edit"))
            .hint_text("note (optional): shown on hover, exported")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, label));
    let response = response.on_hover_text(format!(
        "{label}: leave the field to keep it (one undo step)"
    ));
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, draft));
        return None;
    }
    ui.data_mut(|d| d.remove::<String>(id));
    let draft = draft.trim();
    (response.lost_focus() && draft != current).then(|| draft.to_owned())
}
