//! The actions a user can run by name: the command palette (Ctrl+Shift+P)
//! and the keyboard help (F1) are both built from this one list, so they
//! cannot disagree. Keys shown are those the app binds (`global_shortcuts`
//! for Ctrl shortcuts, the annotation keys for letters).

use super::command::{
    Command, PickerPurpose, PropagateFrom, SideTab, StanceFormMode, global_shortcuts,
};

/// One named action.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// What the palette and the help call it.
    pub name: &'static str,
    /// What running it does.
    pub command: Command,
    /// A key that runs it outside text fields, when it is not a Ctrl
    /// shortcut (those are read from `global_shortcuts`).
    pub key: Option<&'static str>,
}

/// Every action, in menu order.
#[must_use]
pub fn actions() -> Vec<Action> {
    let a = |name, command, key| Action { name, command, key };
    vec![
        a("Open corpus…", Command::ShowOpenCorpus, None),
        a("Open project…", Command::ShowOpenProject, None),
        a("Save", Command::Save, None),
        a("Save As…", Command::ShowSaveAs, None),
        a("Import annotations…", Command::ShowImport, None),
        a("Import gazetteer…", Command::ShowImportGazetteer, None),
        a("Export…", Command::ShowExport, None),
        a("Review saves…", Command::ShowReviewPicker, None),
        a("Skipped files…", Command::ShowSkipped, None),
        a("Quit", Command::Quit, None),
        a("Undo", Command::Undo, None),
        a("Redo", Command::Redo, None),
        a("Find in article…", Command::ShowFind, None),
        a("Search corpus…", Command::ShowSearch, None),
        a("Next document", Command::NextDocument, None),
        a("Previous document", Command::PreviousDocument, None),
        a("Next unfinished document", Command::NextUnfinished, None),
        a(
            "Mark document done / not done",
            Command::ToggleDone,
            Some("D"),
        ),
        a(
            "Link mention to entity…",
            Command::ShowEntityPicker(PickerPurpose::LinkSelected),
            Some("E"),
        ),
        a(
            "New entity from mention",
            Command::NewEntityFromSelected(None),
            Some("N"),
        ),
        a(
            "Link mention to last entity",
            Command::LinkSelectedToLast,
            Some("L"),
        ),
        a("Unlink mention", Command::LinkSelected(None), Some("U")),
        a(
            "Annotate all occurrences…",
            Command::ShowPropagation(PropagateFrom::SelectedMention),
            Some("P"),
        ),
        a(
            "Delete selected mention",
            Command::DeleteSelected,
            Some("Delete"),
        ),
        a(
            "New stance from selection…",
            Command::ShowStanceForm(StanceFormMode::FromSelection),
            Some("S"),
        ),
        a(
            "Add selection as evidence",
            Command::AddSelectionAsEvidence,
            Some("Shift+S"),
        ),
        a("Stance overview…", Command::ShowOverview, None),
        a(
            "Entities panel",
            Command::ShowSideTab(SideTab::Entities),
            None,
        ),
        a("Claims panel", Command::ShowSideTab(SideTab::Claims), None),
        a("Schema…", Command::ShowSchema, None),
        a("Statistics…", Command::ShowStatistics, None),
        a("Problems…", Command::ShowProblems, None),
        a("Command palette…", Command::ShowPalette, None),
        a("Keyboard help", Command::ShowHelp, Some("?")),
    ]
}

/// The keys that run `action`, as shown to the user ("Ctrl+S", "E"), if any.
#[must_use]
pub fn keys_of(ctx: &egui::Context, action: &Action) -> Option<String> {
    let bound: Vec<String> = global_shortcuts()
        .iter()
        .filter(|s| s.command == action.command)
        .map(|s| ctx.format_shortcut(&s.keys))
        .collect();
    if bound.is_empty() {
        action.key.map(str::to_owned)
    } else {
        Some(bound.join(", "))
    }
}
