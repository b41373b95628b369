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

/// An article written as one huge paragraph (6 MB here) is laid out piece
/// by piece: only the pieces in view, wherever the view is.
#[test]
fn a_huge_one_paragraph_article_is_laid_out_in_pieces() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let sentence = "The spill at Port Avel reached the Lenne on Tuesday, officials said. ";
    let text = sentence.repeat(6_000_000 / sentence.len());
    std::fs::write(corpus.join("huge.txt"), &text).expect("write");
    let mut harness = app(stancemark::ui::StartOptions {
        corpus: Some(corpus),
        ..options(&dir.path().join("saves"))
    });
    harness.run_ok();
    let drawn = |h: &Harness<'_, stancemark::ui::StancemarkApp>| -> usize {
        h.state()
            .article
            .visible
            .iter()
            .map(|v| v.chars.len())
            .sum()
    };
    assert!(drawn(&harness) > 0, "something is drawn");
    assert!(
        drawn(&harness) <= 3 * stancemark::model::document::BLOCK_CHARS,
        "only what is in view is laid out: {} code points",
        drawn(&harness)
    );
    // Far down the article: still only a few pieces, and the right ones.
    let far = text.chars().count() - 1_000;
    harness.state_mut().article.scroll_to = Some(far);
    harness.run_ok();
    let visible = &harness.state().article.visible;
    assert!(
        visible.iter().any(|v| v.chars.end > far - 5_000),
        "scrolled there"
    );
    assert!(drawn(&harness) <= 6 * stancemark::model::document::BLOCK_CHARS);
}
