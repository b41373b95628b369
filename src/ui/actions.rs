//! The actions a user can run by name: the command palette (Ctrl+Shift+P)
//! and the keyboard help (F1) are both built from this one list, so they
//! cannot disagree. Keys shown are those the app binds (`global_shortcuts`
//! for Ctrl shortcuts, the annotation keys for letters).

use crate::model::caret::Step;

use super::command::{
    ArticleScroll, Command, PickerPurpose, PropagateFrom, SideTab, StanceFormMode, ZoomStep,
    shortcut_text, shortcuts,
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
    /// View.
    View,
    /// Only in the palette and the help.
    Hidden,
}

/// The menus, in order, with their titles.
pub const MENUS: [(Menu, &str); 7] = [
    (Menu::File, "File"),
    (Menu::Edit, "Edit"),
    (Menu::Go, "Go"),
    (Menu::Entities, "Entities"),
    (Menu::Stances, "Stances"),
    (Menu::Project, "Project"),
    (Menu::View, "View"),
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
    use Menu::{Edit, Entities, File, Go, Hidden, Project, Stances, View};
    use Needs::{Mention, Nothing, Redo, Session, Undo};
    let a = |name, command, menu, group, needs| Action {
        name,
        command,
        menu,
        group,
        needs,
    };
    let mv = |step, extend| Command::MoveSelection { step, extend };
    use crate::model::caret::Edge::{End, Start};
    use crate::model::caret::Reach::{Char, Word};
    let rs = |edge, reach, later| Command::ResizeSelected { edge, reach, later };
    let settle = |this_document, accept| Command::SettleSuggestions {
        this_document,
        accept,
    };
    vec![
        a("Open corpus…", Command::ShowOpenCorpus, File, 0, Nothing),
        a("Open project…", Command::ShowOpenProject, File, 0, Nothing),
        a("Save", Command::Save, File, 1, Session),
        a("Save As…", Command::ShowSaveAs, File, 1, Session),
        a("Skipped files…", Command::ShowSkipped, File, 2, Session),
        a(
            "Import gazetteer…",
            Command::ShowImportGazetteer,
            File,
            2,
            Session,
        ),
        a("Import annotations…", Command::ShowImport, File, 2, Session),
        a("Export…", Command::ShowExport, File, 2, Session),
        a("Review saves…", Command::ShowReviewPicker, File, 2, Session),
        a("Quit", Command::Quit, File, 3, Nothing),
        a("Undo", Command::Undo, Edit, 0, Undo),
        a("Redo", Command::Redo, Edit, 0, Redo),
        a("Find in article…", Command::ShowFind, Edit, 1, Session),
        a("Search corpus…", Command::ShowSearch, Edit, 1, Session),
        a(
            "Same passage elsewhere…",
            Command::ShowSamePassage,
            Edit,
            1,
            Session,
        ),
        a("Delete mention", Command::DeleteSelected, Edit, 2, Mention),
        a(
            "Quote the selection…",
            Command::QuoteSelection,
            Edit,
            2,
            Session,
        ),
        a(
            "Add the selection to the quotation",
            Command::AddSelectionToQuotation,
            Edit,
            2,
            Session,
        ),
        a(
            "Accept the next learned suggestion",
            Command::AcceptSuggestionHere,
            Edit,
            2,
            Session,
        ),
        a(
            "Reject the next learned suggestion",
            Command::RejectSuggestionHere,
            Edit,
            2,
            Session,
        ),
        a(
            "Accept all learned suggestions here",
            Command::AcceptAllSuggestions,
            Edit,
            2,
            Session,
        ),
        a(
            "Relate mention to… (Tab to the target, then a type key)",
            Command::StartRelation,
            Edit,
            2,
            Mention,
        ),
        a(
            "Grow mention end by a word",
            rs(End, Word, true),
            Edit,
            2,
            Mention,
        ),
        a(
            "Shrink mention end by a word",
            rs(End, Word, false),
            Edit,
            2,
            Mention,
        ),
        a(
            "Grow mention start by a word",
            rs(Start, Word, false),
            Edit,
            2,
            Mention,
        ),
        a(
            "Shrink mention start by a word",
            rs(Start, Word, true),
            Edit,
            2,
            Mention,
        ),
        a(
            "Grow mention end by a character",
            rs(End, Char, true),
            Hidden,
            0,
            Mention,
        ),
        a(
            "Shrink mention end by a character",
            rs(End, Char, false),
            Hidden,
            0,
            Mention,
        ),
        a(
            "Grow mention start by a character",
            rs(Start, Char, false),
            Hidden,
            0,
            Mention,
        ),
        a(
            "Shrink mention start by a character",
            rs(Start, Char, true),
            Hidden,
            0,
            Mention,
        ),
        a("Command palette…", Command::ShowPalette, Edit, 3, Nothing),
        a("Keyboard help", Command::ShowHelp, Edit, 3, Nothing),
        a(
            "Clear selection",
            Command::ClearSelection,
            Hidden,
            0,
            Session,
        ),
        a(
            "Select next word",
            mv(Step::NextWord, false),
            Hidden,
            0,
            Session,
        ),
        a(
            "Select previous word",
            mv(Step::PreviousWord, false),
            Hidden,
            0,
            Session,
        ),
        a(
            "Extend selection by a word",
            mv(Step::NextWord, true),
            Hidden,
            0,
            Session,
        ),
        a(
            "Shrink selection by a word",
            mv(Step::PreviousWord, true),
            Hidden,
            0,
            Session,
        ),
        a(
            "Select sentence / next sentence",
            mv(Step::NextSentence, false),
            Hidden,
            0,
            Session,
        ),
        a(
            "Select sentence / previous sentence",
            mv(Step::PreviousSentence, false),
            Hidden,
            0,
            Session,
        ),
        a(
            "Extend selection by a sentence",
            mv(Step::NextSentence, true),
            Hidden,
            0,
            Session,
        ),
        a(
            "Shrink selection by a sentence",
            mv(Step::PreviousSentence, true),
            Hidden,
            0,
            Session,
        ),
        a(
            "Scroll down a screen",
            Command::ScrollArticle(ArticleScroll::PageDown),
            Hidden,
            0,
            Session,
        ),
        a(
            "Scroll up a screen",
            Command::ScrollArticle(ArticleScroll::PageUp),
            Hidden,
            0,
            Session,
        ),
        a(
            "Scroll to the top",
            Command::ScrollArticle(ArticleScroll::Top),
            Hidden,
            0,
            Session,
        ),
        a(
            "Scroll to the bottom",
            Command::ScrollArticle(ArticleScroll::Bottom),
            Hidden,
            0,
            Session,
        ),
        a("Next document", Command::NextDocument, Go, 0, Session),
        a(
            "Previous document",
            Command::PreviousDocument,
            Go,
            0,
            Session,
        ),
        a(
            "Next unfinished document",
            Command::NextUnfinished,
            Go,
            0,
            Session,
        ),
        a(
            "Mark document done / not done",
            Command::ToggleDone,
            Go,
            1,
            Session,
        ),
        a(
            "Next mention",
            Command::StepMention { forward: true },
            Go,
            2,
            Session,
        ),
        a(
            "Previous mention",
            Command::StepMention { forward: false },
            Go,
            2,
            Session,
        ),
        a(
            "Link mention to entity…",
            Command::ShowEntityPicker(PickerPurpose::LinkSelected),
            Entities,
            0,
            Mention,
        ),
        a(
            "New entity from mention",
            Command::NewEntityFromSelected(None),
            Entities,
            0,
            Mention,
        ),
        a(
            "Link to last entity",
            Command::LinkSelectedToLast,
            Entities,
            0,
            Mention,
        ),
        a(
            "Unlink mention",
            Command::LinkSelected(None),
            Entities,
            0,
            Mention,
        ),
        a(
            "Annotate all occurrences…",
            Command::ShowPropagation(PropagateFrom::SelectedMention),
            Entities,
            0,
            Mention,
        ),
        a(
            "Entities panel",
            Command::ShowSideTab(SideTab::Entities),
            Entities,
            1,
            Session,
        ),
        a(
            "Accept suggestions in this document",
            settle(true, true),
            Entities,
            2,
            Session,
        ),
        a(
            "Reject suggestions in this document",
            settle(true, false),
            Entities,
            2,
            Session,
        ),
        a(
            "Accept selected suggestion",
            Command::AcceptSelectedSuggestion,
            Entities,
            2,
            Mention,
        ),
        a(
            "Accept all suggestions",
            settle(false, true),
            Entities,
            2,
            Session,
        ),
        a(
            "Reject all suggestions",
            settle(false, false),
            Entities,
            2,
            Session,
        ),
        a(
            "New stance from selection…",
            Command::ShowStanceForm(StanceFormMode::FromSelection),
            Stances,
            0,
            Session,
        ),
        a(
            "Document-level stance…",
            Command::ShowStanceForm(StanceFormMode::DocumentLevel),
            Stances,
            0,
            Session,
        ),
        a(
            "Add selection as evidence",
            Command::AddSelectionAsEvidence,
            Stances,
            0,
            Session,
        ),
        a(
            "Claims panel",
            Command::ShowSideTab(SideTab::Claims),
            Stances,
            1,
            Session,
        ),
        a(
            "Stance overview…",
            Command::ShowOverview,
            Stances,
            1,
            Session,
        ),
        a("Who is quoted…", Command::ShowQuoted, Stances, 1, Session),
        a("Schema…", Command::ShowSchema, Project, 0, Session),
        a("Statistics…", Command::ShowStatistics, Project, 0, Session),
        a("Run a model…", Command::ShowModel, Project, 0, Session),
        a("Problems…", Command::ShowProblems, Project, 0, Session),
        a(
            "Merge conflicts…",
            Command::ShowConflicts,
            Project,
            0,
            Session,
        ),
        a(
            "Team dashboard…",
            Command::ShowTeamDashboard,
            Project,
            1,
            Session,
        ),
        a(
            "Use the team schema",
            Command::PullTeamSchema,
            Project,
            1,
            Session,
        ),
        a(
            "Code this document…",
            Command::ShowCodebookForm,
            Project,
            2,
            Session,
        ),
        a(
            "Codebook overview…",
            Command::ShowCodebookOverview,
            Project,
            2,
            Session,
        ),
        a("Zoom in", Command::Zoom(ZoomStep::In), View, 0, Nothing),
        a("Zoom out", Command::Zoom(ZoomStep::Out), View, 0, Nothing),
        a(
            "Actual size",
            Command::Zoom(ZoomStep::Reset),
            View,
            0,
            Nothing,
        ),
        a(
            "Type labels above mentions",
            Command::ToggleTypeLabels,
            View,
            1,
            Nothing,
        ),
        a(
            "Documents panel",
            Command::ToggleDocumentsPanel,
            View,
            1,
            Session,
        ),
        a(
            "Details panel",
            Command::ToggleDetailsPanel,
            View,
            1,
            Session,
        ),
        a(
            "Theme: follow the system",
            Command::SetTheme(egui::ThemePreference::System),
            View,
            2,
            Nothing,
        ),
        a(
            "Theme: light",
            Command::SetTheme(egui::ThemePreference::Light),
            View,
            2,
            Nothing,
        ),
        a(
            "Theme: dark",
            Command::SetTheme(egui::ThemePreference::Dark),
            View,
            2,
            Nothing,
        ),
    ]
}

/// The keys that run `action`, as shown to the user ("Ctrl+S", "E"), if any.
#[must_use]
pub fn keys_of(ctx: &egui::Context, action: &Action) -> Option<String> {
    let bound: Vec<String> = shortcuts()
        .iter()
        .filter(|s| s.command == action.command)
        .map(|s| shortcut_text(ctx, &s.keys))
        .collect();
    (!bound.is_empty()).then(|| bound.join(", "))
}

/// Keys that are not one action, listed after the actions' keys in the
/// keyboard help and the user guide's keyboard reference.
pub const OTHER_KEYS: [(&str, &str); 5] = [
    (
        "1–9",
        "Label the selection with that type, or change the selected mention's type",
    ),
    ("1–4 (stance form)", "Choose the polarity"),
    (
        "Enter, Shift+Enter (find bar)",
        "Next, previous hit (Escape closes the bar)",
    ),
    ("Alt + drag", "Select exactly, without snapping to words"),
    (
        "Drag a selected mention's edge",
        "Move that boundary (snapped to words; exact with Alt)",
    ),
];

/// The keyboard reference as a Markdown table: every action that has keys,
/// in menu order, then [`OTHER_KEYS`]. The user guide (docs/src/keyboard.md) holds exactly this table
/// (`tests/keyboard_reference.rs` fails when it drifts).
#[must_use]
pub fn keyboard_table(ctx: &egui::Context) -> String {
    let mut out = String::from("| keys | action |\n|---|---|\n");
    for action in actions() {
        if let Some(keys) = keys_of(ctx, action) {
            out.push_str(&format!("| {keys} | {} |\n", action.name));
        }
    }
    for (keys, what) in OTHER_KEYS {
        out.push_str(&format!("| {keys} | {what} |\n"));
    }
    out
}
