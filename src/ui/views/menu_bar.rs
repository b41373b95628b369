//! The menu bar, generated from the action list: every entry enqueues a
//! [`Command`].

use egui::Ui;

use crate::ui::actions::{MENUS, Needs, actions, keys_of};
use crate::ui::command::Command;

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

impl MenuState {
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
}

/// Draws the menu bar, built from [`actions`] like the palette and the help.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState, out: &mut Vec<Command>) {
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
                    let mut button = egui::Button::new(action.name);
                    if let Some(keys) = keys_of(ui.ctx(), action) {
                        button = button.shortcut_text(keys);
                    }
                    if ui.add_enabled(state.allows(action.needs), button).clicked() {
                        out.push(action.command.clone());
                        ui.close();
                    }
                }
            });
        }
    });
}
