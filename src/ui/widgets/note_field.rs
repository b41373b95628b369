//! A free-text note field: the user edits a draft, and leaving the field
//! (click elsewhere, Tab, Escape) commits it as one edit. While the field is
//! not being edited it shows the note as stored, so undo shows at once.
//!
//! Every change to the draft is reported too, so the app can put the text
//! being typed into the recovery file before it becomes an edit.

use egui::{Id, Ui};

/// What happened to a note field this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteChange {
    /// The text being typed changed (not yet an edit).
    Draft(String),
    /// The user left the field after changing it: keep this note (trimmed).
    Commit(String),
    /// The user left the field without changing the note.
    Abandon,
}

/// Draws a note field for `current` (accessible name `label`).
pub fn note_field_ui(ui: &mut Ui, id: Id, label: &str, current: &str) -> Option<NoteChange> {
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
        let changed = response.changed();
        ui.data_mut(|d| d.insert_temp(id, draft.clone()));
        return changed.then(|| NoteChange::Draft(draft.trim().to_owned()));
    }
    ui.data_mut(|d| d.remove::<String>(id));
    if !response.lost_focus() {
        return None;
    }
    let draft = draft.trim();
    Some(if draft == current {
        NoteChange::Abandon
    } else {
        NoteChange::Commit(draft.to_owned())
    })
}

/// The commands for a note change, given the edit that would set the note
/// to a text: a draft goes to the recovery file, a commit is one undo step.
pub fn note_commands(
    change: NoteChange,
    edit: impl Fn(String) -> crate::model::Edit,
    out: &mut Vec<crate::ui::command::Command>,
) {
    use crate::ui::command::Command;
    match change {
        NoteChange::Draft(text) => out.push(Command::NoteDraft(Some(edit(text)))),
        NoteChange::Commit(text) => {
            out.push(Command::NoteDraft(None));
            out.push(Command::Edit(edit(text)));
        }
        NoteChange::Abandon => out.push(Command::NoteDraft(None)),
    }
}
