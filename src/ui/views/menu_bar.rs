//! The menu bar: every entry enqueues a [`Command`].

use egui::Ui;

use crate::ui::command::{
    Command, PickerPurpose, PropagateFrom, SideTab, StanceFormMode, shortcut_text,
};

/// What the menus need to know to enable entries.
pub struct MenuState {
    /// A corpus is open.
    pub has_session: bool,
    /// Something can be undone.
    pub can_undo: bool,
    /// Something can be redone.
    pub can_redo: bool,
    /// A mention is selected.
    pub has_selected_mention: bool,
}

fn item(ui: &mut Ui, enabled: bool, label: &str, command: Command, out: &mut Vec<Command>) {
    let mut button = egui::Button::new(label);
    if let Some(keys) = shortcut_text(ui.ctx(), &command) {
        button = button.shortcut_text(keys);
    }
    if ui.add_enabled(enabled, button).clicked() {
        out.push(command);
        ui.close();
    }
}

/// Draws the menu bar.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState, out: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, true, "Open corpus…", Command::ShowOpenCorpus, out);
            item(ui, true, "Open project…", Command::ShowOpenProject, out);
            ui.separator();
            item(ui, state.has_session, "Save", Command::Save, out);
            item(ui, state.has_session, "Save As…", Command::ShowSaveAs, out);
            ui.separator();
            item(
                ui,
                state.has_session,
                "Skipped files…",
                Command::ShowSkipped,
                out,
            );
            item(
                ui,
                state.has_session,
                "Import gazetteer…",
                Command::ShowImportGazetteer,
                out,
            );
            item(
                ui,
                state.has_session,
                "Import annotations…",
                Command::ShowImport,
                out,
            );
            item(ui, state.has_session, "Export…", Command::ShowExport, out);
            item(
                ui,
                state.has_session,
                "Review saves…",
                Command::ShowReviewPicker,
                out,
            );
            ui.separator();
            item(ui, true, "Quit", Command::Quit, out);
        });
        ui.menu_button("Edit", |ui| {
            item(ui, state.can_undo, "Undo", Command::Undo, out);
            item(ui, state.can_redo, "Redo", Command::Redo, out);
            ui.separator();
            item(
                ui,
                state.has_session,
                "Find in article…",
                Command::ShowFind,
                out,
            );
            item(
                ui,
                state.has_session,
                "Search corpus…",
                Command::ShowSearch,
                out,
            );
            ui.separator();
            item(
                ui,
                state.has_selected_mention,
                "Delete mention",
                Command::DeleteSelected,
                out,
            );
        });
        ui.menu_button("Go", |ui| {
            let s = state.has_session;
            item(ui, s, "Next document", Command::NextDocument, out);
            item(ui, s, "Previous document", Command::PreviousDocument, out);
            item(
                ui,
                s,
                "Next unfinished document",
                Command::NextUnfinished,
                out,
            );
            ui.separator();
            item(ui, s, "Mark done / not done  (D)", Command::ToggleDone, out);
        });
        ui.menu_button("Entities", |ui| {
            let m = state.has_selected_mention;
            item(
                ui,
                m,
                "Link mention to entity…  (E)",
                Command::ShowEntityPicker(PickerPurpose::LinkSelected),
                out,
            );
            item(
                ui,
                m,
                "New entity from mention  (N)",
                Command::NewEntityFromSelected(None),
                out,
            );
            item(
                ui,
                m,
                "Link to last entity  (L)",
                Command::LinkSelectedToLast,
                out,
            );
            item(
                ui,
                m,
                "Unlink mention  (U)",
                Command::LinkSelected(None),
                out,
            );
            item(
                ui,
                m,
                "Annotate all occurrences…  (P)",
                Command::ShowPropagation(PropagateFrom::SelectedMention),
                out,
            );
            ui.separator();
            item(
                ui,
                state.has_session,
                "Entities panel",
                Command::ShowSideTab(SideTab::Entities),
                out,
            );
            ui.separator();
            let s = state.has_session;
            item(
                ui,
                s,
                "Accept suggestions in this document",
                Command::SettleSuggestions {
                    this_document: true,
                    accept: true,
                },
                out,
            );
            item(
                ui,
                s,
                "Reject suggestions in this document",
                Command::SettleSuggestions {
                    this_document: true,
                    accept: false,
                },
                out,
            );
            item(
                ui,
                s,
                "Accept all suggestions",
                Command::SettleSuggestions {
                    this_document: false,
                    accept: true,
                },
                out,
            );
            item(
                ui,
                s,
                "Reject all suggestions",
                Command::SettleSuggestions {
                    this_document: false,
                    accept: false,
                },
                out,
            );
        });
        ui.menu_button("Stances", |ui| {
            let s = state.has_session;
            item(
                ui,
                s,
                "New stance from selection  (S)",
                Command::ShowStanceForm(StanceFormMode::FromSelection),
                out,
            );
            item(
                ui,
                s,
                "Document-level stance…",
                Command::ShowStanceForm(StanceFormMode::DocumentLevel),
                out,
            );
            item(
                ui,
                s,
                "Add selection as evidence  (Shift+S)",
                Command::AddSelectionAsEvidence,
                out,
            );
            ui.separator();
            item(
                ui,
                s,
                "Claims panel",
                Command::ShowSideTab(SideTab::Claims),
                out,
            );
            item(ui, s, "Stance overview…", Command::ShowOverview, out);
        });
        ui.menu_button("Project", |ui| {
            item(ui, state.has_session, "Schema…", Command::ShowSchema, out);
            item(
                ui,
                state.has_session,
                "Statistics…",
                Command::ShowStatistics,
                out,
            );
            item(
                ui,
                state.has_session,
                "Problems…",
                Command::ShowProblems,
                out,
            );
        });
    });
}
