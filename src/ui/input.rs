//! Turning raw input (keys, dropped files) into commands.

use egui::{Context, Key};

use super::command::{Command, TYPE_KEYS, article_shortcuts, global_shortcuts};

/// Commands from the keyboard: global shortcuts always; the article keys
/// (type keys, letters, arrows, Tab, Enter, Delete, Escape) only when no
/// text field has focus and no tool window (picker, propagation) takes the
/// keys. Tab and the arrows are then taken from egui's focus moves, so they
/// move the selection and never wander into the widgets.
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
            out.push(s.command.clone());
        }
    }
    if typing || !session_open || tool_window_open {
        return;
    }
    let mut took_focus_key = false;
    ctx.input_mut(|i| {
        // Each key press with the modifiers held *at that press* (a fast
        // Alt+Right may be over, Alt released, before the frame ends).
        let presses: Vec<(Key, egui::Modifiers)> = i
            .events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => Some((*key, *modifiers)),
                _ => None,
            })
            .collect();
        for (key, modifiers) in presses {
            if !modifiers.command
                && !modifiers.alt
                && let Some((_, digit)) = TYPE_KEYS.iter().find(|(k, _)| *k == key)
            {
                out.push(Command::TypeKey(*digit));
                continue;
            }
            let bound = article_shortcuts().find(|s| {
                s.keys.logical_key == key
                    && if key == Key::Questionmark {
                        // "?" is typed with Shift on many layouts: ignore Shift for it.
                        !modifiers.command && !modifiers.alt
                    } else {
                        modifiers.matches_exact(s.keys.modifiers)
                    }
            });
            let Some(s) = bound else { continue };
            if matches!(key, Key::ArrowLeft | Key::ArrowRight) {
                out.push(Command::Arrow(Box::new(s.command.clone())));
            } else {
                out.push(s.command.clone());
            }
            if matches!(
                key,
                Key::Tab | Key::ArrowDown | Key::ArrowUp | Key::ArrowLeft | Key::ArrowRight
            ) {
                i.consume_key(s.keys.modifiers, key);
                took_focus_key = true;
            }
        }
    });
    if took_focus_key {
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
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
