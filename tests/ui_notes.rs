//! Notes on a mention and on the document: typed in the side panel, kept on
//! leaving the field as one undo step, shown on hover, saved.

mod common;

use common::{app, drag_over, options, save_now};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

const NOTE: &str = "CEO since 2019? 🐟 check";

#[test]
fn notes_are_kept_shown_on_hover_undone_and_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Bjørn Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();

    harness.get_by_label("Mention note").click();
    harness.run_ok();
    harness.get_by_label("Mention note").type_text(NOTE);
    harness.run_ok();
    let note_of = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        h.state()
            .session
            .as_ref()
            .and_then(|s| s.selected().map(|m| m.note.clone()))
            .unwrap_or_default()
    };
    assert_eq!(note_of(&harness), "", "not kept while typing");
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert_eq!(note_of(&harness), NOTE, "kept on leaving the field");

    // Hovering the mention in the article shows the note.
    let span = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.selected().map(|m| m.span))
        .expect("mention");
    let rect = harness
        .state()
        .article
        .char_rect(span.start + 2)
        .expect("on screen");
    harness.hover_at(rect.center());
    harness.run_ok();
    assert!(
        harness
            .query_all_by_label_contains(&format!("📝 {NOTE}"))
            .next()
            .is_some(),
        "the hover shows the note"
    );

    // The document's note.
    harness.get_by_label("Document note").click();
    harness.run_ok();
    harness.get_by_label("Document note").type_text("wire copy");
    harness.key_press(Key::Escape);
    harness.run_ok();

    // One undo takes the document note back, a second the mention's.
    let doc_note = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        h.state()
            .session
            .as_ref()
            .and_then(|s| {
                s.project
                    .documents
                    .get(s.document_path()?)
                    .map(|d| d.note.clone())
            })
            .unwrap_or_default()
    };
    assert_eq!(doc_note(&harness), "wire copy");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(doc_note(&harness), "");
    assert_eq!(note_of(&harness), NOTE);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_ok();
    assert_eq!(doc_note(&harness), "wire copy", "redone");

    let path = save_now(&mut harness);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(&format!("note: \"{NOTE}\"")), "{text}");
    assert!(text.contains("note: \"wire copy\""));
}
