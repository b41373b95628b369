//! The core loop through the real app, driven like a person: open the sample
//! corpus, pick a document, drag over a word, press 1, undo, redo, save, and
//! see the mention again in a fresh app.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::ui::app::find_span;
use stancemark::ui::{StancemarkApp, StartOptions};

fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus")
}

fn app(options: StartOptions) -> Harness<'static, StancemarkApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .build_eframe(move |cc| StancemarkApp::new(cc, options));
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run_ok();
    assert!(
        harness.state().session.is_some(),
        "corpus opened: {:?}",
        harness.state().error()
    );
    harness
}

fn options(saves: &Path) -> StartOptions {
    StartOptions {
        corpus: Some(sample_corpus()),
        project: None,
        annotator: Some("tester".into()),
        saves_dir: saves.to_path_buf(),
    }
}

const TITLE: &str =
    "Norvik Chemicals denies responsibility for Lenne spill, blames “century-old” sewer";

/// Drags from inside the first character of `word` to inside its last one.
fn drag_over(harness: &mut Harness<'_, StancemarkApp>, word: &str) {
    let session = harness.state().session.as_ref().expect("session");
    let span = find_span(session, word).expect("word in document");
    let first = harness
        .state()
        .article
        .char_rect(span.start)
        .expect("first char on screen");
    let last = harness
        .state()
        .article
        .char_rect(span.end - 1)
        .expect("last char on screen");
    let from = Pos2::new(first.left() + first.width() * 0.6, first.center().y);
    let to = Pos2::new(last.left() + last.width() * 0.4, last.center().y);
    harness.hover_at(from);
    harness.run_ok();
    harness.drag_at(from);
    harness.run_ok();
    for i in 1..=4 {
        harness.hover_at(from + (to - from) * (i as f32 / 4.0));
        harness.run_ok();
    }
    harness.drop_at(to);
    harness.run_ok();
}

fn mention_count(harness: &Harness<'_, StancemarkApp>) -> usize {
    harness
        .state()
        .session
        .as_ref()
        .map_or(0, |s| s.project.mention_count())
}

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
        find_span(session, "Aasheim"),
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
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.corpus.documents.len(), 1);
    harness.get_by_label("A single article about Port Avel.");
}
