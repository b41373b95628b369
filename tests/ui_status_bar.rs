//! The status bar names the person using the app, and the file's own
//! annotator beside it when the file is someone else's (gold, a review).

mod common;

use common::{app, options, sample_corpus};
use egui_kittest::kittest::Queryable;
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
