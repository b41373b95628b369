//! Quotations in the real app (issue 16), on the sample corpus: select a
//! quote and press Q (the speaker and the cue are suggested), add the
//! second half of the split quote with Shift+Q, save; the file holds the
//! speaker, the cue and both parts.

mod common;

use common::{app, drag_over, options, save_now};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemark::io::store::load_project;
use stancemark::model::QuoteKind;

const FIRST: &str = "Our tanks are intact, our records are public, and the pipe in question is a century-old municipal sewer,";
const SECOND: &str = "We will not be made a scapegoat for the city’s neglected infrastructure.";

#[test]
fn a_split_quote_by_keyboard_with_the_suggested_speaker_and_cue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Mr Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();

    drag_over(&mut harness, FIRST);
    harness.key_press(Key::Q);
    harness.run_ok();
    harness.get_by_label_contains("Mr Aasheim: “Our tanks are intact");
    harness.get_by_label_contains("Cue: “told”");
    drag_over(&mut harness, SECOND);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Q);
    harness.run_ok();
    harness.get_by_label_contains("(+1) · direct");

    let file = save_now(&mut harness);
    let saved = load_project(&file).expect("load").project;
    let entry = saved
        .documents
        .values()
        .find(|d| !d.quotations.is_empty())
        .expect("a document with a quotation");
    let q = &entry.quotations[0];
    assert_eq!(
        q.speaker
            .and_then(|m| entry.mention(m))
            .map(|m| m.quote.exact.as_str()),
        Some("Mr Aasheim")
    );
    assert_eq!(q.cue.as_ref().map(|c| c.quote.exact.as_str()), Some("told"));
    let parts: Vec<&str> = q.contents.iter().map(|e| e.quote.exact.as_str()).collect();
    assert_eq!(parts, [FIRST, SECOND]);
    assert_eq!(q.kind, QuoteKind::Direct);

    // Delete quotation (it is still selected), then undo.
    harness.get_by_label("Delete quotation").click();
    harness.run_ok();
    assert!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .project
            .quotation_count()
            == 0
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .project
            .quotation_count(),
        1,
        "undo brings it back"
    );
}
