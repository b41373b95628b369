//! The actions a user can run by name: the command palette (Ctrl+Shift+P)
//! and the keyboard help (F1) are both built from this one list, so they
//! cannot disagree. Keys shown are those the app binds (`global_shortcuts`
//! for Ctrl shortcuts, the annotation keys for letters).

use super::command::{
    Command, PickerPurpose, PropagateFrom, SideTab, StanceFormMode, global_shortcuts,
};

/// The menu an action sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// File.
    File,
    /// Edit.
    Edit,
    /// Go.
    Go,
    /// Entities.
    Entities,
    /// Stances.
    Stances,
    /// Project.
    Project,
    /// Only in the palette and the help.
    Hidden,
}

/// The menus, in order, with their titles.
pub const MENUS: [(Menu, &str); 6] = [
    (Menu::File, "File"),
    (Menu::Edit, "Edit"),
    (Menu::Go, "Go"),
    (Menu::Entities, "Entities"),
    (Menu::Stances, "Stances"),
    (Menu::Project, "Project"),
];

/// When an action can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// Always.
    Nothing,
    /// A corpus is open.
    Session,
    /// A mention is selected.
    Mention,
    /// Something can be undone.
    Undo,
    /// Something can be redone.
    Redo,
}

/// One named action.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// What the menus, the palette and the help call it.
    pub name: &'static str,
    /// What running it does.
    pub command: Command,
    /// A key that runs it outside text fields, when it is not a Ctrl
    /// shortcut (those are read from `global_shortcuts`).
    pub key: Option<&'static str>,
    /// Where it sits in the menus.
    pub menu: Menu,
    /// Actions of one menu with different groups are separated by a line.
    pub group: u8,
    /// When it is enabled.
    pub needs: Needs,
}

/// Every action, in menu order: the menus, the command palette and the
/// keyboard help are all built from this list (made once; the menu bar
/// reads it every frame).
#[must_use]
pub fn actions() -> &'static [Action] {
    static ACTIONS: std::sync::LazyLock<Vec<Action>> = std::sync::LazyLock::new(action_list);
    &ACTIONS
}

#[allow(clippy::too_many_lines)]
fn action_list() -> Vec<Action> {
    use Menu::{Edit, Entities, File, Go, Project, Stances};
    use Needs::{Mention, Nothing, Redo, Session, Undo};
    let a = |name, command, key, menu, group, needs| Action {
        name,
        command,
        key,
        menu,
        group,
        needs,
    };
    let settle = |this_document, accept| Command::SettleSuggestions {
        this_document,
        accept,
    };
    vec![
        a(
            "Open corpus…",
            Command::ShowOpenCorpus,
            None,
            File,
            0,
            Nothing,
        ),
        a(
            "Open project…",
            Command::ShowOpenProject,
            None,
            File,
            0,
            Nothing,
        ),
        a("Save", Command::Save, None, File, 1, Session),
        a("Save As…", Command::ShowSaveAs, None, File, 1, Session),
        a(
            "Skipped files…",
            Command::ShowSkipped,
            None,
            File,
            2,
            Session,
        ),
        a(
            "Import gazetteer…",
            Command::ShowImportGazetteer,
            None,
            File,
            2,
            Session,
        ),
        a(
            "Import annotations…",
            Command::ShowImport,
            None,
            File,
            2,
            Session,
        ),
        a("Export…", Command::ShowExport, None, File, 2, Session),
        a(
            "Review saves…",
            Command::ShowReviewPicker,
            None,
            File,
            2,
            Session,
        ),
        a("Quit", Command::Quit, None, File, 3, Nothing),
        a("Undo", Command::Undo, None, Edit, 0, Undo),
        a("Redo", Command::Redo, None, Edit, 0, Redo),
        a(
            "Find in article…",
            Command::ShowFind,
            None,
            Edit,
            1,
            Session,
        ),
        a(
            "Search corpus…",
            Command::ShowSearch,
            None,
            Edit,
            1,
            Session,
        ),
        a(
            "Delete mention",
            Command::DeleteSelected,
            Some("Delete"),
            Edit,
            2,
            Mention,
        ),
        a(
            "Command palette…",
            Command::ShowPalette,
            None,
            Edit,
            3,
            Nothing,
        ),
        a(
            "Keyboard help",
            Command::ShowHelp,
            Some("?"),
            Edit,
            3,
            Nothing,
        ),
        a("Next document", Command::NextDocument, None, Go, 0, Session),
        a(
            "Previous document",
            Command::PreviousDocument,
            None,
            Go,
            0,
            Session,
        ),
        a(
            "Next unfinished document",
            Command::NextUnfinished,
            None,
            Go,
            0,
            Session,
        ),
        a(
            "Mark document done / not done",
            Command::ToggleDone,
            Some("D"),
            Go,
            1,
            Session,
        ),
        a(
            "Link mention to entity…",
            Command::ShowEntityPicker(PickerPurpose::LinkSelected),
            Some("E"),
            Entities,
            0,
            Mention,
        ),
        a(
            "New entity from mention",
            Command::NewEntityFromSelected(None),
            Some("N"),
            Entities,
            0,
            Mention,
        ),
        a(
            "Link to last entity",
            Command::LinkSelectedToLast,
            Some("L"),
            Entities,
            0,
            Mention,
        ),
        a(
            "Unlink mention",
            Command::LinkSelected(None),
            Some("U"),
            Entities,
            0,
            Mention,
        ),
        a(
            "Annotate all occurrences…",
            Command::ShowPropagation(PropagateFrom::SelectedMention),
            Some("P"),
            Entities,
            0,
            Mention,
        ),
        a(
            "Entities panel",
            Command::ShowSideTab(SideTab::Entities),
            None,
            Entities,
            1,
            Session,
        ),
        a(
            "Accept suggestions in this document",
            settle(true, true),
            None,
            Entities,
            2,
            Session,
        ),
        a(
            "Reject suggestions in this document",
            settle(true, false),
            None,
            Entities,
            2,
            Session,
        ),
        a(
            "Accept all suggestions",
            settle(false, true),
            None,
            Entities,
            2,
            Session,
        ),
        a(
            "Reject all suggestions",
            settle(false, false),
            None,
            Entities,
            2,
            Session,
        ),
        a(
            "New stance from selection…",
            Command::ShowStanceForm(StanceFormMode::FromSelection),
            Some("S"),
            Stances,
            0,
            Session,
        ),
        a(
            "Document-level stance…",
            Command::ShowStanceForm(StanceFormMode::DocumentLevel),
            None,
            Stances,
            0,
            Session,
        ),
        a(
            "Add selection as evidence",
            Command::AddSelectionAsEvidence,
            Some("Shift+S"),
            Stances,
            0,
            Session,
        ),
        a(
            "Claims panel",
            Command::ShowSideTab(SideTab::Claims),
            None,
            Stances,
            1,
            Session,
        ),
        a(
            "Stance overview…",
            Command::ShowOverview,
            None,
            Stances,
            1,
            Session,
        ),
        a("Schema…", Command::ShowSchema, None, Project, 0, Session),
        a(
            "Statistics…",
            Command::ShowStatistics,
            None,
            Project,
            0,
            Session,
        ),
        a(
            "Problems…",
            Command::ShowProblems,
            None,
            Project,
            0,
            Session,
        ),
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
