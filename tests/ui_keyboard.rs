//! Annotating a sentence with the keyboard only: arrows select words and
//! sentences, Shift extends, type keys label, Tab steps between mentions,
//! S makes a stance of the sentence, D marks the document done, Ctrl+S
//! saves; the saved file holds all of it.

mod common;

use common::{TITLE, app, options, save_now};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::model::{DocStatus, Holder, Level};
use stancemark::ui::StancemarkApp;

const SENTENCE: &str = "The chief executive of Norvik Chemicals, Bjørn Aasheim, on Sunday rejected suggestions that the company was behind the white discharge that closed the Port Avel riverfront.";

fn press(harness: &mut Harness<'_, StancemarkApp>, modifiers: Modifiers, key: Key, times: usize) {
    for _ in 0..times {
        harness.key_press_modifiers(modifiers, key);
        harness.run_ok();
    }
}

/// The selected text, or the selected mention's text.
fn selected(harness: &Harness<'_, StancemarkApp>) -> String {
    let session = harness.state().session.as_ref().expect("session");
    let span = session.keyboard_place().expect("a selection");
    session
        .document()
        .and_then(|d| d.slice(span))
        .expect("text")
        .to_owned()
}

#[test]
fn annotating_a_sentence_with_the_keyboard_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let none = Modifiers::NONE;
    let shift = Modifiers::SHIFT;

    // Down selects the first sentence (the date line), then the title.
    press(&mut harness, none, Key::ArrowDown, 2);
    assert_eq!(selected(&harness), TITLE);
    // Right goes on word by word into the next sentence.
    press(&mut harness, none, Key::ArrowRight, 1);
    assert_eq!(selected(&harness), "The");
    press(&mut harness, none, Key::ArrowRight, 4);
    assert_eq!(selected(&harness), "Norvik");
    press(&mut harness, shift, Key::ArrowRight, 1);
    assert_eq!(selected(&harness), "Norvik Chemicals");
    press(&mut harness, none, Key::Num2, 1);
    // The comma is stepped over.
    press(&mut harness, none, Key::ArrowRight, 1);
    assert_eq!(selected(&harness), "Bjørn");
    press(&mut harness, shift, Key::ArrowRight, 2);
    assert_eq!(selected(&harness), "Bjørn Aasheim, on");
    press(&mut harness, shift, Key::ArrowLeft, 1);
    assert_eq!(selected(&harness), "Bjørn Aasheim");
    press(&mut harness, none, Key::Num1, 1);
    press(&mut harness, none, Key::N, 1);

    // Tab and Shift+Tab step through the mentions, wrapping round.
    press(&mut harness, shift, Key::Tab, 1);
    assert_eq!(selected(&harness), "Norvik Chemicals");
    press(&mut harness, none, Key::Tab, 1);
    assert_eq!(selected(&harness), "Bjørn Aasheim");
    press(&mut harness, none, Key::Tab, 1);
    assert_eq!(selected(&harness), "Norvik Chemicals", "wrapped round");
    press(&mut harness, none, Key::Tab, 1);
    assert_eq!(selected(&harness), "Bjørn Aasheim");

    // Down takes the sentence holding the mention; S makes it evidence.
    press(&mut harness, none, Key::ArrowDown, 1);
    assert_eq!(selected(&harness), SENTENCE);
    press(&mut harness, none, Key::S, 1);
    harness.get_by_label("New stance");
    // The target field has the keyboard: type, Enter takes the first choice.
    harness.get_by_label("Find target").type_text("Norvik");
    harness.run_ok();
    press(&mut harness, none, Key::Enter, 1);
    press(&mut harness, none, Key::Num2, 1);
    press(&mut harness, none, Key::Enter, 1);
    assert!(
        harness.query_by_label("New stance").is_none(),
        "form closed"
    );

    press(&mut harness, none, Key::D, 1);
    let path = save_now(&mut harness);
    let saved = stancemark::io::load_project(&path).expect("load").project;
    let doc = &saved.documents["coastal-ledger/2026-03-16-norvik-denies.txt"];
    let mut mentions: Vec<(String, String)> = doc
        .mentions
        .iter()
        .map(|m| (m.label.clone(), m.quote.exact.clone()))
        .collect();
    mentions.sort();
    assert_eq!(
        mentions,
        [
            ("ORG".to_owned(), "Norvik Chemicals".to_owned()),
            ("PER".to_owned(), "Bjørn Aasheim".to_owned())
        ]
    );
    let aasheim = saved
        .entities
        .values()
        .find(|e| e.name == "Bjørn Aasheim")
        .expect("entity made with N");
    assert_eq!(doc.stances.len(), 1);
    let stance = &doc.stances[0];
    assert_eq!(stance.level, Level::Span);
    assert_eq!(stance.evidence[0].quote.exact, SENTENCE);
    assert_eq!(stance.holder, Holder::Entity(aasheim.id));
    assert_eq!(stance.polarity, "oppose");
    assert_eq!(doc.status, DocStatus::Done);
}

#[test]
fn tab_and_arrows_do_not_move_the_keyboard_into_the_widgets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    press(&mut harness, Modifiers::NONE, Key::Tab, 3);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight, 2);
    assert!(
        !harness.ctx.egui_wants_keyboard_input(),
        "no widget took the focus"
    );
    assert_eq!(selected(&harness), "2026");
    // A type key still labels.
    press(&mut harness, Modifiers::NONE, Key::Num6, 1);
    assert_eq!(common::mention_count(&harness), 1);
}
