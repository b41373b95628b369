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
    // A fresh selection shows the type popup...
    drag_over(&mut harness, "Norvik Chemicals");
    assert!(harness.query_by_label("1 PER").is_some());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.run_ok();
    assert!(!harness.state().is_quitting(), "not without asking");
    // ... which never sits over the question.
    assert!(harness.query_by_label("1 PER").is_none());
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

/// A termination signal (SIGTERM) closes like the close button: the work is
/// saved first; nobody is asked.
#[test]
fn a_termination_signal_saves_then_closes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let signal = stancemark::ui::shutdown::ShutdownSignal::default();
    let mut harness = app(stancemark::ui::StartOptions {
        shutdown: signal.clone(),
        ..options(&saves)
    });
    annotate(&mut harness);
    let file = saves.join("sample-corpus-tester.ron");
    assert!(!file.exists());
    signal.request();
    harness.run_ok();
    assert!(harness.state().is_quitting());
    assert_eq!(
        stancemark::io::load_project(&file)
            .expect("saved")
            .project
            .mention_count(),
        1
    );
}

/// The same when the save fails: the work goes to the recovery file.
#[test]
fn a_termination_signal_keeps_unsavable_work_for_recovery() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let signal = stancemark::ui::shutdown::ShutdownSignal::default();
    let mut harness = app(stancemark::ui::StartOptions {
        shutdown: signal.clone(),
        recovery_every: std::time::Duration::from_secs(3600),
        ..options(&saves)
    });
    annotate(&mut harness);
    // Another Stancemark holds the project file: this one may not save it.
    let file = saves.join("sample-corpus-tester.ron");
    std::fs::remove_file(stancemark::io::lock::lock_path(&file)).expect("unlock");
    let _holder = stancemark::io::lock::hold_as(
        &file,
        &format!(
            "pid 1\nhost {}\nsince 1\n",
            stancemark::io::lock::this_host()
        ),
    )
    .expect("lock");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    signal.request();
    harness.run_ok();
    assert!(harness.state().is_quitting());
    assert!(!file.exists(), "never written: another holds it");
    let found = stancemark::io::recovery::scan_recoveries(&file, None);
    let kept = found.iter().any(|f| {
        matches!(f, stancemark::io::recovery::Found::Offer { project, .. } if project.mention_count() == 1)
    });
    assert!(kept, "{found:?}");
}
