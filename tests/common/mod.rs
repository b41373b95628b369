//! Helpers shared by the UI tests: start the real app, find text, drag.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use egui::{Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stancemark::ui::{StancemarkApp, StartOptions};

pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus")
}

pub fn app(options: StartOptions) -> Harness<'static, StancemarkApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .build_eframe(move |cc| StancemarkApp::new(cc, options));
    wait_loaded(&mut harness);
    assert!(
        harness.state().session.is_some(),
        "corpus opened: {:?}",
        harness.state().error()
    );
    harness
}

/// Steps until the app has finished loading, and the repeated-passage
/// index (built after annotating can start) is there too, so tests of it
/// do not race its thread.
pub fn wait_loaded(harness: &mut Harness<'_, StancemarkApp>) {
    for _ in 0..500 {
        harness.step();
        let building = harness
            .state()
            .session
            .as_ref()
            .is_some_and(stancemark::ui::session::Session::passages_building);
        if !harness.state().is_loading() && !building {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run_ok();
}

/// Copies the bundled sample corpus into `dir` (so a test may change it).
pub fn copy_sample_corpus(dir: &Path) -> PathBuf {
    let target = dir.join("sample-corpus");
    std::fs::create_dir_all(&target).expect("mkdir");
    for outlet in std::fs::read_dir(sample_corpus())
        .expect("ls")
        .filter_map(Result::ok)
    {
        // The codebook and any other file beside the outlets' folders.
        if outlet.path().is_file() {
            std::fs::copy(outlet.path(), target.join(outlet.file_name())).expect("copy");
            continue;
        }
        let out = target.join(outlet.file_name());
        std::fs::create_dir_all(&out).expect("mkdir");
        for file in std::fs::read_dir(outlet.path())
            .expect("ls")
            .filter_map(Result::ok)
        {
            std::fs::copy(file.path(), out.join(file.file_name())).expect("copy");
        }
    }
    target
}

pub fn options(saves: &Path) -> StartOptions {
    StartOptions {
        corpus: Some(sample_corpus()),
        project: None,
        annotator: Some("tester".into()),
        saves_dir: saves.to_path_buf(),
        ..StartOptions::default()
    }
}

pub const TITLE: &str =
    "Norvik Chemicals denies responsibility for Lenne spill, blames “century-old” sewer";

/// Drags from inside the first character of `word` to inside its last one.
pub fn drag_over(harness: &mut Harness<'_, StancemarkApp>, word: &str) {
    let session = harness.state().session.as_ref().expect("session");
    let span = session.find(word).expect("word in document");
    drag_span(harness, span);
}

pub fn mention_count(harness: &Harness<'_, StancemarkApp>) -> usize {
    harness
        .state()
        .session
        .as_ref()
        .map_or(0, |s| s.project.mention_count())
}

/// Drags over `span` of the shown document (from inside its first character
/// to inside its last).
pub fn drag_span(harness: &mut Harness<'_, StancemarkApp>, span: stancemark::model::CharSpan) {
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
    drag_between(harness, from, to);
}

/// Drags from `from` to `to` as a hand would: press, four moves, release.
pub fn drag_between(harness: &mut Harness<'_, StancemarkApp>, from: Pos2, to: Pos2) {
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

/// The real news corpus beside the checkout, or `None` (with a note) in a
/// clone that lacks it.
pub fn shared_corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/news-2017-04-12");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "skipping: {} is absent (it exists only beside the CI checkout)",
            path.display()
        );
        None
    }
}

/// Steps until the app has finished writing (saves run on a worker thread).
pub fn wait_written(harness: &mut Harness<'_, StancemarkApp>) {
    for _ in 0..1000 {
        harness.step();
        if !harness.state().is_writing() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!harness.state().is_writing(), "the write finished");
    harness.run_ok();
}

/// Presses Ctrl+S, waits for the write, and returns the project file.
pub fn save_now(harness: &mut Harness<'_, StancemarkApp>) -> PathBuf {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_ok();
    wait_written(harness);
    harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.project_path.clone())
        .expect("saved")
}

/// Asks the window to close, as its close button does.
pub fn close_window(harness: &mut Harness<'_, StancemarkApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run_ok();
}

/// Steps until a widget whose label contains `text` shows (work on a worker
/// thread, such as reading an import, finishes in its own time).
pub fn wait_for_label(harness: &mut Harness<'_, StancemarkApp>, text: &str) {
    for _ in 0..1000 {
        harness.step();
        if harness.query_by_label_contains(text).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run_ok();
    assert!(
        harness.query_by_label_contains(text).is_some(),
        "{text:?} shows"
    );
}
