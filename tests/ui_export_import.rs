//! File › Export… writes on a worker thread with a progress bar; File ›
//! Import annotations… adds records as one undoable step with a report.

mod common;

use common::{TITLE, app, drag_over, options};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn export_from_the_window_then_import_it_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(&mut harness, "Bjørn Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    drag_over(&mut harness, "Norvik Chemicals");
    harness.key_press(Key::Num2);
    harness.run_ok();

    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Export…").click();
    harness.run_ok();
    let target = dir.path().join("out.jsonl");
    harness.get_by_label("Export path").focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Export path")
        .type_text(&target.display().to_string());
    harness.run_ok();
    harness.get_by_label("Export now").click();
    for _ in 0..200 {
        harness.step();
        if harness.query_by_label_contains("Written: ").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.get_by_label_contains("Written: 6 document(s), 2 mention(s)");
    let text = std::fs::read_to_string(&target).expect("exported");
    assert_eq!(text.lines().count(), 6);
    assert!(text.contains("\"label\":\"PER\""));

    // Remove the mentions, then import them back from the export.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .map(|s| s.project.mention_count()),
        Some(0)
    );
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Import annotations…").click();
    harness.run_ok();
    harness.get_by_label("Import path").focus();
    harness.run_ok();
    harness
        .get_by_label("Import path")
        .type_text(&target.display().to_string());
    harness.run_ok();
    harness.get_by_label("Import now").click();
    common::wait_for_label(&mut harness, "Import report");
    harness.get_by_label_contains("6 of 6 record(s) matched; added 2 mention(s)");
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .map(|s| s.project.mention_count()),
        Some(2)
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .map(|s| s.project.mention_count()),
        Some(0),
        "one undo step"
    );

    // Reopened, the window shows the choices of the last import.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Import annotations…").click();
    harness.run_ok();
    assert_eq!(
        harness.get_by_label("Import path").value().as_deref(),
        Some(target.display().to_string().as_str())
    );
}

/// A first export on a fresh machine, to the path the window suggests
/// (`saves/exports/…`, a folder that does not exist yet), works.
#[test]
fn the_first_export_to_the_suggested_path_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let mut harness = app(options(&saves));
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Export…").click();
    harness.run_ok();
    assert!(!saves.join("exports").exists());
    harness.get_by_label("Export now").click();
    for _ in 0..200 {
        harness.step();
        if harness.query_by_label_contains("Written: ").is_some()
            || harness.query_by_label_contains("Export failed").is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.get_by_label_contains("Written: 6 document(s)");
    assert!(saves.join("exports/spacy.jsonl").is_file());
}

/// The Export window fits an 800×600 screen (what does not fit scrolls),
/// and a per-document table says it has no offsets instead of offering
/// offset help.
#[test]
fn the_export_window_fits_a_small_screen_and_says_what_has_no_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = options(&dir.path().join("saves"));
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(800.0, 600.0))
        .build_eframe(move |cc| stancemark::ui::StancemarkApp::new(cc, options));
    common::wait_loaded(&mut harness);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Export…").click();
    harness.run_ok();
    harness.get_by_label("Export format").click();
    harness.run_ok();
    harness.get_by_label("documents-csv").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("documents-csv").click();
    harness.run_ok();
    harness.get_by_label_contains("no offsets");
    assert!(
        harness
            .query_by_label_contains("Offsets in Unicode code points")
            .is_none()
    );
    let bottom = harness.get_by_label("Export format").rect().bottom();
    assert!(bottom < 600.0, "{bottom}");
    if let Some(button) = harness.query_by_label("Export now") {
        let rect = button.rect();
        assert!(
            rect.bottom() <= 600.0,
            "the button is on the screen: {rect:?}"
        );
    }
}
