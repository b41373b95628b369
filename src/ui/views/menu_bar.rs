//! The menu bar, generated from the action list: every entry enqueues a
//! [`Command`].

use egui::Ui;

use crate::ui::actions::{MENUS, Menu, Needs, actions, keys_of};
use crate::ui::command::Command;

/// What the menus need to know to enable entries.
pub struct MenuState<'a> {
    /// A corpus is open.
    pub has_session: bool,
    /// Something can be undone.
    pub can_undo: bool,
    /// Something can be redone.
    pub can_redo: bool,
    /// A mention is selected.
    pub has_selected_mention: bool,
    /// Recent project files, most recent first (File › Open recent).
    pub recent: &'a [std::path::PathBuf],
    /// Type chips are drawn (View menu check).
    pub type_labels: bool,
    /// The chosen theme (View menu check).
    pub theme: egui::ThemePreference,
    /// (document list, details panel) shown (View menu checks).
    pub panels: (bool, bool),
}

impl MenuState<'_> {
    /// Whether an action with these needs can run now.
    #[must_use]
    pub fn allows(&self, needs: Needs) -> bool {
        match needs {
            Needs::Nothing => true,
            Needs::Session => self.has_session,
            Needs::Mention => self.has_selected_mention,
            Needs::Undo => self.can_undo,
            Needs::Redo => self.can_redo,
        }
    }

    /// For an on/off or one-of entry, whether it is the current choice.
    #[must_use]
    pub fn is_checked(&self, command: &Command) -> Option<bool> {
        match command {
            Command::SetTheme(theme) => Some(*theme == self.theme),
            Command::ToggleTypeLabels => Some(self.type_labels),
            Command::ToggleDocumentsPanel => Some(self.panels.0),
            Command::ToggleDetailsPanel => Some(self.panels.1),
            _ => None,
        }
    }
}

/// Draws the menu bar, built from [`actions`] like the palette and the help.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>, out: &mut Vec<Command>) {
    let all = actions();
    egui::MenuBar::new().ui(ui, |ui| {
        for (menu, title) in MENUS {
            ui.menu_button(title, |ui| {
                let mut group = None;
                for action in all.iter().filter(|a| a.menu == menu) {
                    if group.is_some_and(|g| g != action.group) {
                        ui.separator();
                    }
                    group = Some(action.group);
                    let checked = state.is_checked(&action.command);
                    let mut button = egui::Button::new(action.name).selected(checked == Some(true));
                    if let Some(keys) = keys_of(ui.ctx(), action) {
                        button = button.shortcut_text(keys);
                    }
                    if ui.add_enabled(state.allows(action.needs), button).clicked() {
                        out.push(action.command.clone());
                        ui.close();
                    }
                    if menu == Menu::File && action.command == Command::ShowOpenProject {
                        recent_menu_ui(ui, state.recent, out);
                    }
                }
            });
        }
    });
}

/// File › Open recent: the remembered project files.
fn recent_menu_ui(ui: &mut Ui, recent: &[std::path::PathBuf], out: &mut Vec<Command>) {
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui
                    .button(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    out.push(Command::OpenProject(path.clone()));
                    ui.close();
                }
            }
        })
        .response
        .on_disabled_hover_text("No project opened or saved yet");
    });
}
