//! Project › Run a model… (issue 17, part 3): the command runs on a worker
//! thread with a progress bar; its spans arrive as suggestions in one undo
//! step; Cancel stops it and adds nothing.

mod common;

use common::{app, options};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::ui::StancemarkApp;

fn open_window(harness: &mut Harness<'_, StancemarkApp>, command: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_ok();
    harness.get_by_label("Command").type_text("run a model");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    harness.get_by_label("Model command").focus();
    harness.run_ok();
    harness.get_by_label("Model command").type_text(command);
    harness.run_ok();
    harness.get_by_label("Run").click();
    harness.run_ok();
}

/// Steps the app until `label` shows (the worker answers meanwhile).
fn wait_for(harness: &mut Harness<'_, StancemarkApp>, label: &str) {
    for _ in 0..500 {
        if harness.query_by_label_contains(label).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run_ok();
    }
    panic!("{label:?} never showed");
}

#[test]
fn a_model_run_from_the_app_adds_suggestions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let answer = dir.path().join("answer.jsonl");
    std::fs::write(
        &answer,
        r#"{"path": "coastal-ledger/2026-03-16-norvik-denies.txt", "spans": [{"start": 16, "end": 32, "label": "ORG", "score": 0.8}]}"#,
    )
    .expect("answer");
    let mut harness = app(options(&dir.path().join("saves")));
    open_window(
        &mut harness,
        &format!("cat > /dev/null; cat '{}'", answer.display()),
    );
    wait_for(&mut harness, "1 suggestion(s) added");
    let session = harness.state().session.as_ref().expect("session");
    let entry = &session.project.documents["coastal-ledger/2026-03-16-norvik-denies.txt"];
    assert_eq!(entry.proposals[0].text, "Norvik Chemicals");
    // A ghost suggestion with the model's score; A accepts it.
    let ghost = &session.suggestions()[0];
    assert!((ghost.score - 0.8).abs() < 1e-9);
    assert!(ghost.source.is_some());
    harness.get_by_label_contains("Close").click();
    harness.run_ok();
    harness.key_press(Key::A);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .project
            .mention_count(),
        1
    );
    // Undo the accept, then the run.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.project.mention_count(), 0);
    assert!(session.suggestions().is_empty(), "the run is undone too");
}

#[test]
fn cancel_stops_the_model_and_adds_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    open_window(&mut harness, "cat > /dev/null; sleep 30");
    harness.get_by_label_contains("of 1 document(s) answered");
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    wait_for(&mut harness, "Nothing was added: cancelled");
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .project
            .mention_count(),
        0
    );
}
