//! The core loop through the real app, driven like a person: open the sample
//! corpus, pick a document, drag over a word, press 1, undo, redo, save, and
//! see the mention again in a fresh app.

mod common;

use common::{TITLE, app, drag_over, mention_count, options, wait_loaded};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn annotate_undo_redo_save_and_reload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let mut harness = app(options(&saves));

    harness.get_by_label(TITLE).click();
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .and_then(|s| s.document_path()),
        Some("coastal-ledger/2026-03-16-norvik-denies.txt")
    );

    drag_over(&mut harness, "Aasheim");
    let selection = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.selection)
        .expect("selection");
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(
        Some(selection),
        session.find("Aasheim"),
        "the drag snapped to the whole word"
    );

    harness.key_press(Key::Num1);
    harness.run_ok();
    assert_eq!(mention_count(&harness), 1);
    harness.get_by_label("PER   Aasheim");
    harness.get_by_label("“Aasheim”");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(mention_count(&harness), 0);
    assert!(harness.query_by_label("PER   Aasheim").is_none());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_ok();
    assert_eq!(mention_count(&harness), 1);
    harness.get_by_label("PER   Aasheim");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    let saved = saves.join("sample-corpus-tester.ron");
    assert!(saved.is_file(), "Ctrl+S wrote {}", saved.display());
    assert!(
        !harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .is_dirty()
    );
    drop(harness);

    let mut fresh = app(options(&saves));
    fresh.get_by_label(TITLE).click();
    fresh.run_ok();
    fresh.get_by_label("PER   Aasheim");
    assert_eq!(mention_count(&fresh), 1);
}

#[test]
fn relabel_delete_and_label_popup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();

    drag_over(&mut harness, "Coastal");
    // The popup offers every type; clicking one creates the mention.
    harness.get_by_label("2 ORG").click();
    harness.run_ok();
    harness.get_by_label("ORG   Coastal");

    // A type key on a selected mention changes its type.
    harness.key_press(Key::Num6);
    harness.run_ok();
    harness.get_by_label("MISC  Coastal");

    harness.key_press(Key::Delete);
    harness.run_ok();
    assert_eq!(mention_count(&harness), 0);

    // Undo brings it back even after switching documents.
    harness
        .get_by_label(
            "Minister orders inspection of Norvik site as Port Avel spill dispute deepens",
        )
        .click();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_ok();
    assert_eq!(mention_count(&harness), 0, "nothing to redo");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(mention_count(&harness), 1);
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(
        session.document_path(),
        Some("coastal-ledger/2026-03-16-norvik-denies.txt"),
        "undo shows the document it changed"
    );
}

#[test]
fn failed_save_keeps_work_and_shows_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    // `saves` is a file, so no folder can be made there: every save fails (even as root).
    let saves = dir.path().join("saves");
    std::fs::write(&saves, b"not a folder").expect("write");
    let mut harness = app(options(&saves));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(&mut harness, "Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    let error = harness
        .state()
        .error()
        .expect("an error is shown")
        .to_owned();
    assert!(
        error.starts_with("Could not save. Your work is still here"),
        "{error}"
    );
    harness.get_by_label_contains("Could not save");
    assert!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .is_dirty()
    );
    assert_eq!(mention_count(&harness), 1);
    assert_eq!(std::fs::read(&saves).expect("read"), b"not a folder");
}

#[test]
fn open_corpus_by_typed_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("mine");
    std::fs::create_dir(&corpus).expect("mkdir");
    std::fs::write(corpus.join("one.txt"), "A single article about Port Avel.").expect("write");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run_ok();
    let field = harness.get_by_label("Folder path");
    field.focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Folder path")
        .type_text(&corpus.display().to_string());
    harness.run_ok();
    harness.get_by_label("Open").click();
    wait_loaded(&mut harness);
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.corpus.documents.len(), 1);
    harness.get_by_label("A single article about Port Avel.");
}
