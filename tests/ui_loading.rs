//! Opening a corpus: while its files are read, the list of files and the
//! first article show at once, and a document chosen meanwhile opens first.

mod common;

use common::{app, copy_sample_corpus, options, wait_loaded};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::ui::command::Command;
use stancemark::ui::loader::Preview;
use stancemark::ui::views::loading_list::loading_list_ui;

#[test]
fn the_loading_list_lets_a_document_be_chosen() {
    let preview = Preview {
        files: vec!["a/1.txt".into(), "a/2.txt".into(), "b/3.txt".into()],
        first: None,
    };
    let mut harness = Harness::new_ui_state(
        |ui, out: &mut Vec<Command>| loading_list_ui(ui, &preview, None, out),
        Vec::new(),
    );
    harness.run_ok();
    harness.get_by_label("3 files found; reading them…");
    harness.get_by_label("b/3.txt").click();
    harness.run_ok();
    assert!(
        harness
            .state()
            .contains(&Command::ChooseWhileLoading("b/3.txt".into())),
        "{:?}",
        harness.state()
    );
}

#[test]
fn a_document_chosen_while_loading_is_shown_when_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = copy_sample_corpus(dir.path());
    let mut harness = app(options(&dir.path().join("saves")));
    let ctx = harness.ctx.clone();
    let chosen = "the-meridian/2026-03-17-inspection.txt";
    // The result of opening is taken on a later frame, so the choice made
    // here always comes first, however fast the files are read.
    harness
        .state_mut()
        .run_command(&ctx, Command::OpenCorpus(corpus));
    harness
        .state_mut()
        .run_command(&ctx, Command::ChooseWhileLoading(chosen.into()));
    wait_loaded(&mut harness);
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.document_path(), Some(chosen));
    assert_ne!(
        session.corpus.documents[0].path, chosen,
        "not simply the first"
    );
}
