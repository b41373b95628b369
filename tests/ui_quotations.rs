//! Quotations in the real app (issue 16), on the sample corpus: select a
//! quote and press Q (the speaker and the cue are suggested), add the
//! second half of the split quote with Shift+Q, press S for a stance
//! resting on it, save; the file holds the speaker, the cue, both parts and
//! the stance, whose holder is the speaker's entity.

mod common;

use common::{app, drag_over, options, save_now};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemark::io::store::load_project;
use stancemark::model::{Holder, QuoteKind, ReportedAs};

const FIRST: &str = "Our tanks are intact, our records are public, and the pipe in question is a century-old municipal sewer,";
const SECOND: &str = "We will not be made a scapegoat for the city’s neglected infrastructure.";

#[test]
fn a_split_quote_by_keyboard_with_the_suggested_speaker_and_cue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Mr Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::N);
    harness.run_ok();

    drag_over(&mut harness, FIRST);
    harness.key_press(Key::Q);
    harness.run_ok();
    // The form: the suggested speaker highlighted, the suggested cue kept.
    harness.get_by_label("New quotation");
    harness.get_by_label("PER “Mr Aasheim”");
    harness.get_by_label("Cue “told” (C)");
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert!(
        harness.query_by_label("New quotation").is_none(),
        "Enter accepts"
    );
    harness.get_by_label_contains("Mr Aasheim: “Our tanks are intact");
    harness.get_by_label_contains("Cue: “told”");
    drag_over(&mut harness, SECOND);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Q);
    harness.run_ok();
    harness.get_by_label_contains("(+1) · direct");

    // S with the quotation selected: a stance resting on it.
    harness.key_press(Key::S);
    harness.run_ok();
    harness.get_by_label("New stance");
    harness.get_by_label_contains("Evidence: the words of quotation q1");
    harness.get_by_label("Find target").type_text("the city");
    harness.run_ok();
    harness.get_by_label("topic: the city").click();
    harness.run_ok();
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert!(
        harness.query_by_label("New stance").is_none(),
        "form closed"
    );

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
    let speaker_entity = q
        .speaker
        .and_then(|m| entry.mention(m))
        .and_then(|m| m.entity)
        .expect("the speaker is linked");
    let stance = &entry.stances[0];
    assert_eq!(stance.holder, Holder::Entity(speaker_entity));
    assert_eq!(stance.quotation, Some(q.id));
    assert_eq!(stance.reported_as, Some(ReportedAs::DirectQuote));
    let evidence: Vec<&str> = stance
        .evidence
        .iter()
        .map(|e| e.quote.exact.as_str())
        .collect();
    assert_eq!(evidence, [FIRST, SECOND]);

    // A quotation a stance rests on is not deleted; without the stance it is.
    harness.get_by_label("Delete quotation").click();
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
        "refused while the stance rests on it"
    );
    harness.get_by_label("Delete stance").click();
    harness.run_ok();

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

#[test]
fn who_is_quoted_counts_speakers_by_outlet_and_jumps_to_a_quotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Mr Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::N);
    harness.run_ok();
    drag_over(&mut harness, FIRST);
    harness.key_press(Key::Q);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    let shown = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        h.state()
            .session
            .as_ref()
            .and_then(|s| s.document_path())
            .map(str::to_owned)
    };
    let quoted_doc = shown(&harness).expect("a document");

    // Another article, then Stances › Who is quoted…
    harness
        .get_by_label_contains("Who pays for the white river?")
        .click();
    harness.run_ok();
    assert_ne!(shown(&harness).as_deref(), Some(quoted_doc.as_str()));
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Stances")
        .click();
    harness.run_ok();
    harness.get_by_label("Who is quoted…").click();
    harness.run_ok();
    harness
        .get_by_label("Mr Aasheim × coastal-ledger: 1 · 100 % direct · 19 words")
        .click();
    harness.run_ok();
    harness
        .get_by_label_contains("coastal-ledger/2026-03-16-norvik-denies.txt · direct · “Our tanks")
        .click();
    harness.run_ok();
    assert_eq!(shown(&harness), Some(quoted_doc));
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(
        session
            .selected_quotation()
            .map(|q| q.contents[0].quote.exact.as_str()),
        Some(FIRST)
    );
}

fn click_char(
    harness: &mut egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>,
    offset: usize,
) {
    let pos = harness
        .state()
        .article
        .char_rect(offset)
        .expect("on screen")
        .center();
    harness.hover_at(pos);
    harness.run_ok();
    harness.drag_at(pos);
    harness.run_ok();
    harness.drop_at(pos);
    harness.run_ok();
}

#[test]
fn a_click_on_quoted_words_selects_the_quotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Mr Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    drag_over(&mut harness, FIRST);
    harness.key_press(Key::Q);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let (words, speaker) = (
        session.find("records").expect("word"),
        session.find("Mr Aasheim").expect("word"),
    );
    // A click on the speaker's name selects the mention, not the quotation.
    click_char(&mut harness, speaker.start + 4);
    let session = harness.state().session.as_ref().expect("session");
    assert!(session.selected_quotation().is_none());
    assert!(session.selected_mention.is_some());
    // A click on its words selects the quotation, and says so in the panel.
    click_char(&mut harness, words.start + 2);
    let session = harness.state().session.as_ref().expect("session");
    assert!(session.selected_mention.is_none());
    assert_eq!(
        session
            .selected_quotation()
            .map(|q| q.contents[0].quote.exact.as_str()),
        Some(FIRST)
    );
    harness.get_by_label("Quotation q1");
}

#[test]
fn by_mouse_the_popup_quotes_and_the_form_takes_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Mr Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    drag_over(&mut harness, FIRST);
    harness.get_by_label("Quote…").click();
    harness.run_ok();
    // Unattributed, indirect, without the cue, with a note; then Create.
    harness.get_by_label("unattributed").click();
    harness.run_ok();
    harness.get_by_label("indirect").click();
    harness.run_ok();
    harness.get_by_label("Cue “told” (C)").click();
    harness.run_ok();
    harness.get_by_label("New quotation note").focus();
    harness.run_ok();
    harness
        .get_by_label("New quotation note")
        .type_text("check the tape 🐟");
    harness.run_ok();
    harness.get_by_label("Create quotation").click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let q = session.selected_quotation().expect("made and selected");
    assert_eq!(q.speaker, None);
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert!(q.cue.is_none());
    assert_eq!(q.note, "check the tape 🐟");

    // By keyboard, Esc cancels and nothing is made.
    drag_over(&mut harness, SECOND);
    harness.key_press(Key::Q);
    harness.run_ok();
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(harness.query_by_label("New quotation").is_none());
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .project
            .quotation_count(),
        1
    );
}

#[test]
fn the_form_by_keys_speaker_kind_and_cue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Mr Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    drag_over(&mut harness, FIRST);
    harness.key_press(Key::Q);
    harness.run_ok();
    // Down: from the suggested speaker to the next choice (unattributed);
    // M: mixed; C: no cue; Enter.
    for key in [Key::ArrowDown, Key::M, Key::C, Key::Enter] {
        harness.key_press(key);
        harness.run_ok();
    }
    let session = harness.state().session.as_ref().expect("session");
    let q = session.selected_quotation().expect("made");
    assert_eq!(q.speaker, None);
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert!(q.cue.is_none());
    // Up comes back round to the suggestion.
    drag_over(&mut harness, SECOND);
    harness.key_press(Key::Q);
    harness.run_ok();
    for key in [Key::ArrowDown, Key::ArrowUp, Key::Enter] {
        harness.key_press(key);
        harness.run_ok();
    }
    let session = harness.state().session.as_ref().expect("session");
    let q = session.selected_quotation().expect("made");
    let entry = &session.project.documents[session.document_path().expect("doc")];
    assert_eq!(
        q.speaker
            .and_then(|m| entry.mention(m))
            .map(|m| m.quote.exact.as_str()),
        Some("Mr Aasheim")
    );

    // Tab steps through the fields to the note; typing there is the note's.
    harness.key_press(Key::Escape);
    harness.run_ok();
    drag_over(&mut harness, "pressure logs");
    harness.key_press(Key::Q);
    harness.run_ok();
    let mut tabs = 0;
    while !harness.get_by_label("New quotation note").is_focused() {
        harness.key_press(Key::Tab);
        harness.run_ok();
        tabs += 1;
        assert!(tabs < 12, "Tab reaches the note");
    }
    harness
        .get_by_label("New quotation note")
        .type_text("mixed up");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let q = session.selected_quotation().expect("made");
    assert_eq!(q.note, "mixed up");
    assert_eq!(
        q.kind,
        QuoteKind::Indirect,
        "typing m in the note is no key"
    );
}

#[test]
fn corpus_search_knows_quotations_and_relations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Mr Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    drag_over(&mut harness, FIRST);
    harness.key_press(Key::Q);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run_ok();
    // "tanks" is in the quote and in "its three tanks" after it (and in
    // other articles).
    harness.get_by_label("Search for").type_text("tanks");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    let all = harness.query_all_by_label_contains("Tick tanks at").count();
    assert!(all > 1, "{all}");
    // Each hit says what it falls in.
    harness.get_by_label_contains("[quoted: Mr Aasheim, direct]");
    harness.get_by_label("Search within").click();
    harness.run_ok();
    harness.get_by_label("in quoted words").click();
    harness.run_ok();
    harness.get_by_label("Search").click();
    harness.run_ok();
    assert_eq!(
        harness.query_all_by_label_contains("Tick tanks at").count(),
        1
    );
    harness.get_by_label_contains("1 hit(s) in 1 document(s)");
}

#[test]
fn the_details_take_a_source_chain_and_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Coastal Ledger");
    harness.key_press(Key::Num2);
    harness.run_ok();
    drag_over(&mut harness, "Mr Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    drag_over(&mut harness, FIRST);
    harness.key_press(Key::Q);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    harness.get_by_label("Add a source").click();
    harness.run_ok();
    harness.get_by_label("ORG Coastal Ledger").click();
    harness.run_ok();
    harness.get_by_label("Remove source Coastal Ledger");
    harness.get_by_label("Quotation note").focus();
    harness.run_ok();
    harness
        .get_by_label("Quotation note")
        .type_text("via the paper");
    harness.run_ok();
    // The note is kept when the field loses the keyboard.
    harness.key_press(Key::Escape);
    harness.run_ok();
    let file = save_now(&mut harness);
    let saved = load_project(&file).expect("load").project;
    let entry = saved
        .documents
        .values()
        .find(|d| !d.quotations.is_empty())
        .expect("a quotation");
    let q = &entry.quotations[0];
    let via: Vec<&str> = q
        .sources
        .iter()
        .filter_map(|m| entry.mention(*m))
        .map(|m| m.quote.exact.as_str())
        .collect();
    assert_eq!(via, ["Coastal Ledger"]);
    assert_eq!(q.note, "via the paper");
}

/// The words of the selected quotation, part by part.
fn parts(harness: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>) -> Vec<String> {
    let session = harness.state().session.as_ref().expect("session");
    session
        .selected_quotation()
        .expect("a quotation selected")
        .contents
        .iter()
        .map(|e| e.quote.exact.clone())
        .collect()
}

/// Issue 24 item 26: a part of a quotation's words grows and shrinks like
/// a mention: Shift+Q over a longer selection makes the part that
/// selection (it was refused as "already part of the quotation"),
/// Alt+arrows move the boundaries of the part last clicked, and its edges
/// can be dragged; each is one undo step and the file holds the result.
#[test]
fn a_quotation_part_is_resized_by_shift_q_by_keys_and_by_its_edge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    drag_over(&mut harness, "Mr Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    let short = "Our tanks are intact, our records are public";
    drag_over(&mut harness, short);
    harness.key_press(Key::Q);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(parts(&harness), [short]);

    // Shift+Q over the whole first half: the part grows to it.
    drag_over(&mut harness, FIRST);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Q);
    harness.run_ok();
    assert_eq!(parts(&harness), [FIRST]);
    // A second part, then a click on the first: Alt+Shift+Left takes a word
    // off the end of the first, Alt+Shift+Down one off its start.
    drag_over(&mut harness, SECOND);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Q);
    harness.run_ok();
    assert_eq!(parts(&harness).len(), 2);
    let records = {
        let session = harness.state().session.as_ref().expect("session");
        session.find("records").expect("word")
    };
    click_char(&mut harness, records.start + 2);
    assert_eq!(parts(&harness).len(), 2, "the click selects the quotation");
    let alt_shift = Modifiers::ALT | Modifiers::SHIFT;
    let sewer = "Our tanks are intact, our records are public, and the pipe in question is a century-old municipal sewer";
    harness.key_press_modifiers(alt_shift, Key::ArrowLeft);
    harness.run_ok();
    assert_eq!(parts(&harness)[0], sewer, "the comma is off");
    harness.key_press_modifiers(alt_shift, Key::ArrowDown);
    harness.run_ok();
    assert_eq!(parts(&harness)[0], &sewer[4..]);
    assert_eq!(parts(&harness)[1], SECOND, "the other part is untouched");
    // Undo is one step per move.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert!(parts(&harness)[0].starts_with("Our tanks"));

    // Drag the first part's end edge back onto "municipal".
    let (span, municipal) = {
        let session = harness.state().session.as_ref().expect("session");
        let q = session.selected_quotation().expect("selected");
        (q.contents[0].span, session.find("municipal").expect("word"))
    };
    let end = harness
        .state()
        .article
        .char_rect(span.end - 1)
        .expect("on screen");
    let target = harness
        .state()
        .article
        .char_rect(municipal.end - 2)
        .expect("on screen");
    let from = egui::pos2(end.right() - 1.0, end.center().y);
    let to = target.center();
    common::drag_between(&mut harness, from, to);
    let municipal = "Our tanks are intact, our records are public, and the pipe in question is a century-old municipal";
    assert_eq!(parts(&harness)[0], municipal);

    let file = save_now(&mut harness);
    let saved = load_project(&file).expect("load").project;
    let q = saved
        .documents
        .values()
        .flat_map(|d| d.quotations.iter())
        .next()
        .expect("the quotation");
    let words: Vec<&str> = q.contents.iter().map(|e| e.quote.exact.as_str()).collect();
    assert_eq!(words, [municipal, SECOND]);
}
