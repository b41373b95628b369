//! Quitting (Ctrl+Q or closing the window) saves first and asks only when
//! something could not be saved.

mod common;

use common::{app, close_window, drag_over, options};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::ui::StancemarkApp;

fn annotate(harness: &mut Harness<'_, StancemarkApp>) {
    drag_over(harness, "Bjørn Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
}

#[test]
fn quitting_with_everything_saved_does_not_ask() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let mut harness = app(options(&saves));
    // The status bar says what state the work is in.
    harness.get_by_label("no changes yet");
    annotate(&mut harness);
    harness.get_by_label("• unsaved changes");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.run_ok();
    assert!(harness.query_by_label("Quit without saving").is_none());
    assert!(harness.state().is_quitting());
    let saved = stancemark::io::load_project(&saves.join("sample-corpus-tester.ron"))
        .expect("saved before quitting");
    assert_eq!(saved.project.mention_count(), 1);
}

#[test]
fn quitting_asks_when_the_work_could_not_be_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The saves folder would be inside a regular file: every save fails.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "not a folder").expect("write");
    let mut harness = app(options(&blocker.join("saves")));
    annotate(&mut harness);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.run_ok();
    assert!(!harness.state().is_quitting(), "not without asking");
    harness.get_by_label("Keep working").click();
    harness.run_ok();
    assert!(harness.query_by_label("Keep working").is_none());
    assert!(!harness.state().is_quitting());
    assert_eq!(common::mention_count(&harness), 1, "the work is still here");

    // Closing the window asks the same.
    close_window(&mut harness);
    assert!(!harness.state().is_quitting());
    harness.get_by_label("Save As…");
    harness.get_by_label("Quit without saving").click();
    harness.run_ok();
    assert!(harness.state().is_quitting());
}
