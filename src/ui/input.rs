//! Turning raw input (keys, dropped files) into commands.

use egui::Context;

use super::command::{
    Command, PickerPurpose, PropagateFrom, StanceFormMode, TYPE_KEYS, global_shortcuts,
};

/// Commands from the keyboard: global shortcuts always; the annotation keys
/// (type keys, E N L U P, Enter, Delete, Escape) only when no text field has
/// focus and no tool window (picker, propagation) takes the keys.
pub fn keyboard_commands(
    ctx: &Context,
    session_open: bool,
    tool_window_open: bool,
    out: &mut Vec<Command>,
) {
    let typing = ctx.egui_wants_keyboard_input();
    for s in global_shortcuts() {
        // While typing in a field, leave undo/redo to the field.
        if typing && matches!(s.command, Command::Undo | Command::Redo) {
            continue;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&s.keys)) {
            out.push(s.command);
        }
    }
    if typing || !session_open || tool_window_open {
        return;
    }
    ctx.input(|i| {
        if !i.modifiers.command && !i.modifiers.alt {
            for (key, digit) in TYPE_KEYS {
                if i.key_pressed(key) {
                    out.push(Command::TypeKey(digit));
                }
            }
        }
        let plain = i.modifiers.is_none();
        let letters = [
            (
                egui::Key::E,
                Command::ShowEntityPicker(PickerPurpose::LinkSelected),
            ),
            (egui::Key::N, Command::NewEntityFromSelected(None)),
            (egui::Key::L, Command::LinkSelectedToLast),
            (egui::Key::U, Command::LinkSelected(None)),
            (
                egui::Key::P,
                Command::ShowPropagation(PropagateFrom::SelectedMention),
            ),
            (egui::Key::Enter, Command::AcceptSelectedSuggestion),
            (egui::Key::D, Command::ToggleDone),
            (
                egui::Key::S,
                Command::ShowStanceForm(StanceFormMode::FromSelection),
            ),
        ];
        for (key, command) in letters {
            if plain && i.key_pressed(key) {
                out.push(command);
            }
        }
        if i.key_pressed(egui::Key::Questionmark) {
            out.push(Command::ShowHelp);
        }
        if i.modifiers.shift_only() && i.key_pressed(egui::Key::S) {
            out.push(Command::AddSelectionAsEvidence);
        }
        if i.key_pressed(egui::Key::Delete) || i.key_pressed(egui::Key::Backspace) {
            out.push(Command::DeleteSelected);
        }
        if i.key_pressed(egui::Key::Escape) {
            out.push(Command::Select(None));
            out.push(Command::SelectMention {
                id: None,
                reveal: false,
            });
        }
    });
}

/// Commands from files dropped onto the window: a folder opens as a corpus,
/// a `.ron` file as a project, several `.ron` files for review.
pub fn dropped_file_commands(ctx: &Context, out: &mut Vec<Command>) {
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    // Several project files at once: open them for review.
    let rons: Vec<std::path::PathBuf> = dropped
        .iter()
        .map(|f| f.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        .collect();
    if rons.len() > 1 {
        out.push(Command::OpenReview(rons));
        return;
    }
    for file in dropped {
        let path = file.path().to_path_buf();
        if path.as_os_str().is_empty() {
            continue;
        }
        if path.is_dir() {
            out.push(Command::OpenCorpus(path));
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        {
            out.push(Command::OpenProject(path));
        }
        break;
    }
}
