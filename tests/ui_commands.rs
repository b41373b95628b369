//! The command palette and the keyboard help are built from one list of
//! actions: the palette runs them by name, the help lists exactly them.

mod common;

use common::{app, options};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemark::ui::actions::actions;
use stancemark::ui::views::palette::rank_actions;

#[test]
fn the_palette_runs_next_unfinished_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    // Document 1 is done, so the next unfinished after 0 is 2.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run_ok();
    harness.key_press(Key::D);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run_ok();
    assert_eq!(harness.state().session.as_ref().map(|s| s.current), Some(0));

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_ok();
    harness.get_by_label("Command").type_text("next unfin");
    harness.run_ok();
    assert_eq!(
        rank_actions("next unfin").first().map(|a| a.name),
        Some("Next unfinished document")
    );
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(harness.state().session.as_ref().map(|s| s.current), Some(2));
    assert!(
        harness.query_by_label("Command").is_none(),
        "the palette closed"
    );
}

#[test]
fn the_help_lists_exactly_the_actions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.key_press(Key::F1);
    harness.run_ok();
    assert_eq!(
        harness.get_all_by_label("Keyboard help").count(),
        2,
        "the window's title and its own row"
    );
    for action in actions() {
        assert!(
            harness.get_all_by_label(action.name).next().is_some(),
            "{} is in the help",
            action.name
        );
    }
    // And the help's rows are those actions plus the three annotation keys.
    let names: Vec<&str> = actions().iter().map(|a| a.name).collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "no action twice");
    harness
        .get_by_label("Label the selection with that type, or change the selected mention's type");
}

/// Each menu holds exactly the actions the list puts in it.
#[test]
fn the_menus_are_the_action_list() {
    use stancemark::ui::actions::MENUS;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let all = actions();
    for (menu, title) in MENUS {
        harness
            .get_by_role_and_label(egui::accesskit::Role::Button, title)
            .click();
        harness.run_ok();
        for action in all.iter().filter(|a| a.menu == menu) {
            // A menu entry's name is followed by its keys, if any.
            assert!(
                harness
                    .get_all_by_label_contains(action.name)
                    .next()
                    .is_some(),
                "{} is in the {title} menu",
                action.name
            );
        }
        harness.key_press(Key::Escape);
        harness.run_ok();
    }
}
