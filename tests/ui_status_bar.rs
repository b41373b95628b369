//! The status bar names the person using the app, and the file's own
//! annotator beside it when the file is someone else's (gold, a review).

mod common;

use common::{app, options, sample_corpus};
use egui_kittest::kittest::{NodeT, Queryable};
use stancemark::ui::StartOptions;

#[test]
fn the_status_bar_names_the_user_and_the_files_annotator() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let file = saves.join("gold.ron");
    let project = stancemark::model::Project::new("gold", stancemark::model::Schema::builtin());
    stancemark::io::save_project(&file, &project, &sample_corpus()).expect("save");
    let harness = app(StartOptions {
        project: Some(file),
        annotator: Some("lena".into()),
        ..options(&saves)
    });
    harness.get_by_label("Annotator: lena");
    harness.get_by_label("(file of gold)");
}

/// A script no font on the machine covers is named in the status bar with
/// how to add a font, never left as silent boxes (issue 25). The test
/// window has egui's fonts and the bundled ones only: Tibetan and Ethiopic
/// have none; Thai, Devanagari, Hebrew, Arabic and Chinese do.
#[test]
fn a_script_without_a_font_is_named_with_how_to_add_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    std::fs::write(
        corpus.join("a.txt"),
        "བོད་ཡིག said the broker.\nአዲስ አበባ ዝናብ\nตลาดหุ้นปิดบวก, नई दिल्ली, שלום, مرحبا and 佐藤美咲 agreed.\n",
    )
    .expect("text");
    let start = StartOptions {
        corpus: Some(corpus),
        ..options(&dir.path().join("saves"))
    };
    // Boxes, as a user's machine draws them (the tests' default is to
    // stop at a missing glyph).
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .allow_missing_glyphs()
        .build_eframe(move |cc| stancemark::ui::StancemarkApp::new(cc, start));
    common::wait_loaded(&mut harness);
    common::wait_for_label(&mut harness, "No font for");
    let hint = harness
        .query_by_label_contains("No font for")
        .expect("the hint")
        .accesskit_node()
        .label()
        .or_else(|| {
            harness
                .query_by_label_contains("No font for")
                .and_then(|n| n.accesskit_node().value())
        })
        .unwrap_or_default();
    assert!(
        hint.contains("Tibetan") && hint.contains("Ethiopic"),
        "{hint}"
    );
    for bundled in ["Chinese", "Thai", "Devanagari", "Hebrew", "Arabic"] {
        assert!(
            !hint.contains(bundled),
            "{bundled} has a bundled font: {hint}"
        );
    }
    assert!(
        hint.contains("Noto Sans Ethiopic") && hint.contains("apt install"),
        "{hint}"
    );
}
