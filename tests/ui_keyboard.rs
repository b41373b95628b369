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

/// A mention's boundaries move by keyboard (Alt: a character, Alt+Shift: a
/// word; Left/Right the end, Up/Down the start) and by dragging its edge;
/// each move is one undo step and keeps its id, entity link and note.
#[test]
fn mention_boundaries_move_by_keys_and_by_dragging_an_edge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    common::drag_over(&mut harness, "Aasheim");
    press(&mut harness, Modifiers::NONE, Key::Num1, 1);
    press(&mut harness, Modifiers::NONE, Key::N, 1);
    harness.get_by_label("Mention note").click();
    harness.run_ok();
    harness.get_by_label("Mention note").type_text("the CEO");
    press(&mut harness, Modifiers::NONE, Key::Escape, 1);
    let mention = |h: &Harness<'_, StancemarkApp>| {
        let s = h.state().session.as_ref().expect("session");
        let m = s.selected().expect("still selected").clone();
        (m.id, m.quote.exact.clone(), m.entity, m.note.clone())
    };
    let (id, text, entity, note) = mention(&harness);
    assert_eq!((text.as_str(), note.as_str()), ("Aasheim", "the CEO"));
    assert!(entity.is_some());
    let alt = Modifiers::ALT;
    let alt_shift = Modifiers::ALT | Modifiers::SHIFT;
    press(&mut harness, alt_shift, Key::ArrowUp, 1);
    assert_eq!(mention(&harness).1, "Bjørn Aasheim");
    press(&mut harness, alt, Key::ArrowLeft, 1);
    assert_eq!(mention(&harness).1, "Bjørn Aashei");
    press(&mut harness, alt, Key::ArrowRight, 1);
    press(&mut harness, alt_shift, Key::ArrowRight, 1);
    assert_eq!(mention(&harness).1, "Bjørn Aasheim, on");
    press(&mut harness, alt_shift, Key::ArrowLeft, 1);
    press(&mut harness, alt, Key::ArrowDown, 1);
    assert_eq!(mention(&harness).1, "jørn Aasheim");
    let (same_id, _, same_entity, same_note) = mention(&harness);
    assert_eq!(
        (same_id, same_entity, same_note.as_str()),
        (id, entity, "the CEO")
    );
    // Each move was one undo step.
    press(&mut harness, Modifiers::COMMAND, Key::Z, 1);
    assert_eq!(mention(&harness).1, "Bjørn Aasheim");

    // Drag the end edge over the next word.
    let (span, next) = {
        let s = harness.state().session.as_ref().expect("session");
        let m = s.selected().expect("selected");
        (m.span, s.find(", on Sunday").expect("text"))
    };
    let end = harness
        .state()
        .article
        .char_rect(span.end - 1)
        .expect("on screen");
    let target = harness
        .state()
        .article
        .char_rect(next.end - 2)
        .expect("on screen");
    let from = egui::pos2(end.right() - 1.0, end.center().y);
    let to = egui::pos2(target.center().x, target.center().y);
    common::drag_between(&mut harness, from, to);
    assert_eq!(
        mention(&harness).1,
        "Bjørn Aasheim, on Sunday",
        "snapped to the word"
    );
    assert_eq!(mention(&harness).0, id);
    let file = save_now(&mut harness);
    let saved = stancemark::io::load_project(&file).expect("saved").project;
    let m = saved
        .documents
        .values()
        .flat_map(|d| d.mentions.iter())
        .find(|m| m.id == id)
        .expect("the mention");
    assert_eq!(
        (m.quote.exact.as_str(), m.entity, m.note.as_str()),
        ("Bjørn Aasheim, on Sunday", entity, "the CEO")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z, 1);
    assert_eq!(mention(&harness).1, "Bjørn Aasheim");
}

/// PageDown/PageUp, Space/Shift+Space, Home/End and Ctrl+Home/Ctrl+End
/// scroll the article.
#[test]
fn the_article_scrolls_by_keyboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let text: String = (1..=300)
        .map(|i| format!("Paragraph {i} of a long article about the spill.\n\n"))
        .collect();
    std::fs::write(corpus.join("long.txt"), &text).expect("write");
    let mut harness = app(stancemark::ui::StartOptions {
        corpus: Some(corpus),
        ..options(&dir.path().join("saves"))
    });
    let first_shown = |h: &Harness<'_, StancemarkApp>| -> usize {
        h.state().article.visible.first().map_or(0, |v| v.index)
    };
    let last_shown = |h: &Harness<'_, StancemarkApp>| -> usize {
        h.state().article.visible.last().map_or(0, |v| v.index)
    };
    let blocks = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.document())
        .map_or(0, |d| d.blocks().len());
    assert_eq!(first_shown(&harness), 0);
    // One document is "1 document", not "1 documents".
    harness.get_by_label("1 document, 0 done");
    let page = last_shown(&harness);
    press(&mut harness, Modifiers::NONE, Key::PageDown, 1);
    let after_page = first_shown(&harness);
    assert!(
        after_page > page / 2,
        "a screen down: {after_page} (page {page})"
    );
    press(&mut harness, Modifiers::NONE, Key::Space, 1);
    assert!(first_shown(&harness) > after_page, "Space goes on down");
    press(&mut harness, Modifiers::SHIFT, Key::Space, 1);
    press(&mut harness, Modifiers::NONE, Key::PageUp, 1);
    assert_eq!(first_shown(&harness), 0, "back up");
    press(&mut harness, Modifiers::NONE, Key::End, 2);
    assert_eq!(last_shown(&harness), blocks - 1, "the bottom");
    press(&mut harness, Modifiers::COMMAND, Key::Home, 1);
    assert_eq!(first_shown(&harness), 0, "the top");
    press(&mut harness, Modifiers::COMMAND, Key::End, 2);
    assert_eq!(last_shown(&harness), blocks - 1);
    press(&mut harness, Modifiers::NONE, Key::Home, 1);
    assert_eq!(first_shown(&harness), 0);
}
