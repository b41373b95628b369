//! The entity tools on the sample corpus: link to last, unlink, the entities
//! panel (rename, QID check, split, delete, jump), and gazetteer suggestions.

mod common;

use common::{TITLE, app, drag_over, options};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::model::EntityId;
use stancemark::ui::StancemarkApp;

const GREEN_TIDE: &str =
    "Who pays for the white river? Port Avel deserves answers, not press releases";

fn project<'a>(harness: &'a Harness<'_, StancemarkApp>) -> &'a stancemark::model::Project {
    &harness.state().session.as_ref().expect("session").project
}

fn only_entity(harness: &Harness<'_, StancemarkApp>) -> EntityId {
    let p = project(harness);
    assert_eq!(p.entities.len(), 1);
    *p.entities.keys().next().expect("one entity")
}

fn annotate(harness: &mut Harness<'_, StancemarkApp>, word: &str, key: Key) {
    drag_over(harness, word);
    harness.key_press(key);
    harness.run_ok();
}

#[test]
fn link_to_last_unlink_and_the_entities_panel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    annotate(&mut harness, "Bjørn Aasheim", Key::Num1);
    harness.key_press(Key::N);
    harness.run_ok();
    let aasheim = only_entity(&harness);
    annotate(&mut harness, "Mr Aasheim", Key::Num1);
    harness.key_press(Key::L);
    harness.run_ok();
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    harness.get_by_label(GREEN_TIDE).click();
    harness.run_ok();
    annotate(&mut harness, "Bjørn Aasheim", Key::Num1);
    harness.get_by_label("Link to Bjørn Aasheim").click();
    harness.run_ok();
    assert_eq!(project(&harness).mentions_of(aasheim).len(), 3);
    harness.key_press(Key::U);
    harness.run_ok();
    assert_eq!(project(&harness).mentions_of(aasheim).len(), 2, "U unlinks");
    harness.get_by_label("Entity: not linked");
    harness.key_press(Key::L);
    harness.run_ok();

    // The panel: rename with a bad and then a good QID.
    harness.get_by_label("All entities").click();
    harness.run_ok();
    harness
        .get_by_label_contains("Bjørn Aasheim   1 / 3")
        .click();
    harness.run_ok();
    harness.get_by_label("Wikidata QID").focus();
    harness.run_ok();
    harness.get_by_label("Wikidata QID").type_text("7747");
    harness.run_ok();
    harness.get_by_label_contains("A Wikidata id is Q followed by digits");
    harness.get_by_label("Wikidata QID").focus();
    harness.run_ok();
    harness.key_press(Key::Home);
    harness.get_by_label("Wikidata QID").type_text("Q");
    harness.run_ok();
    harness.get_by_label("Apply").click();
    harness.run_ok();
    assert_eq!(
        project(&harness).entities[&aasheim].kb_id.as_deref(),
        Some("Q7747")
    );

    // Jump from the keyword-in-context list to another article.
    harness
        .get_all_by_label_contains("[Bjørn Aasheim], on Sunday")
        .next()
        .expect("row")
        .click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(
        session.document_path(),
        Some("coastal-ledger/2026-03-16-norvik-denies.txt")
    );

    // Split the green-tide mention off, then delete the original entity.
    harness.get_by_label_contains("Tick green-tide/").click();
    harness.run_ok();
    harness.get_by_label("Split-off name").focus();
    harness.run_ok();
    harness
        .get_by_label("Split-off name")
        .type_text("Aasheim (blog)");
    harness.run_ok();
    harness.get_by_label("Split off 1 ticked").click();
    harness.run_ok();
    let p = project(&harness);
    let blog = p
        .entities
        .values()
        .find(|e| e.name == "Aasheim (blog)")
        .map(|e| e.id)
        .expect("split entity");
    assert_eq!(p.mentions_of(blog).len(), 1);
    assert_eq!(p.mentions_of(aasheim).len(), 2);
    harness.get_by_label_contains("Bjørn Aasheim   ").click();
    harness.run_ok();
    harness.get_by_label("Delete entity").click();
    harness.run_ok();
    let p = project(&harness);
    assert!(!p.entities.contains_key(&aasheim));
    assert_eq!(p.mention_count(), 3, "its mentions stay");
    assert_eq!(p.linked_mention_count(), 1);
}

/// Suggestions waiting across the corpus.
fn waiting(harness: &Harness<'_, StancemarkApp>) -> usize {
    let session = harness.state().session.as_ref().expect("session");
    (0..session.corpus.documents.len())
        .map(|i| session.suggestion_count(i))
        .sum()
}

#[test]
fn gazetteer_names_are_learned_suggestions_accept_reject_and_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gazetteer = dir.path().join("names.tsv");
    std::fs::write(&gazetteer, "surface\ttype\tentity\tqid\nNorvik Chemicals\tORG\tNorvik Chemicals\tQ123\nPort Avel\tGPE\nLenne\tRIVER\n").expect("write");
    let mut harness = app(options(&dir.path().join("saves")));
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Import gazetteer…").click();
    harness.run_ok();
    harness.get_by_label("File path").focus();
    harness.run_ok();
    harness
        .get_by_label("File path")
        .type_text(&gazetteer.display().to_string());
    harness.run_ok();
    harness.get_by_label("Import").click();
    harness.run_ok();
    harness.get_by_label("Gazetteer import");
    harness.get_by_label_contains("names.tsv:4: type \"RIVER\" is not in the schema");
    harness.get_by_label_contains("2 name(s) learned and 1 entit(y/ies) created");
    let p = project(&harness);
    assert_eq!(p.lexicon.len(), 2);
    assert_eq!(p.mention_count(), 0, "nothing is stored as a mention");
    let suggestions = waiting(&harness);
    assert!(suggestions >= 10, "{suggestions}");
    let norvik = only_entity(&harness);
    assert_eq!(
        project(&harness).entities[&norvik].kb_id.as_deref(),
        Some("Q123")
    );

    // The shown document (coastal-ledger) has Norvik Chemicals twice and
    // Port Avel once: A accepts the first (linked), X rejects the next.
    harness.get_by_label_contains("Close").click();
    harness.run_ok();
    harness.key_press(Key::A);
    harness.run_ok();
    let p = project(&harness);
    assert_eq!(p.mention_count(), 1);
    assert_eq!(p.mentions_of(norvik).len(), 1, "linked to the named entity");
    assert_eq!(waiting(&harness), suggestions - 1);
    harness.key_press(Key::X);
    harness.run_ok();
    assert_eq!(waiting(&harness), suggestions - 2);
    // Shift+A takes the rest of this document in one step, and undo gives
    // them back.
    let here = harness
        .state()
        .session
        .as_ref()
        .expect("session")
        .suggestions()
        .len();
    harness.key_press_modifiers(Modifiers::SHIFT, Key::A);
    harness.run_ok();
    assert_eq!(waiting(&harness), suggestions - 2 - here);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(waiting(&harness), suggestions - 2);
}

#[test]
fn the_picker_defaults_to_entities_matching_the_mention_or_a_new_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    annotate(&mut harness, "Bjørn Aasheim", Key::Num1);
    harness.key_press(Key::N);
    harness.run_ok();
    let aasheim = only_entity(&harness);
    // Nothing typed: "Norvik Chemicals" matches no entity, so Enter makes a new one.
    annotate(&mut harness, "Norvik Chemicals", Key::Num2);
    harness.key_press(Key::E);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    let p = project(&harness);
    assert_eq!(p.entities.len(), 2);
    assert!(
        p.entities
            .values()
            .any(|e| e.name == "Norvik Chemicals" && e.label == "ORG")
    );
    assert_eq!(p.mentions_of(aasheim).len(), 1);
    // "Mr Aasheim" ranks Bjørn Aasheim first: Enter links to it.
    annotate(&mut harness, "Mr Aasheim", Key::Num1);
    harness.key_press(Key::E);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(project(&harness).mentions_of(aasheim).len(), 2);
    assert_eq!(project(&harness).entities.len(), 2);
}

#[test]
fn propagation_window_keyboard_and_explicit_overlaps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    // "Norvik Chemicals" twice here; an ORG "Coastal Ledger" is irrelevant; make an
    // overlapping MISC mention over the second one first.
    annotate(&mut harness, "Norvik Chemicals, Bjørn", Key::Num6);
    annotate(&mut harness, "Norvik Chemicals", Key::Num2);
    harness.key_press(Key::N);
    harness.run_ok();
    let norvik = *project(&harness).entities.keys().next().expect("entity");
    harness.key_press(Key::P);
    harness.run_ok();
    let window_rows = |h: &Harness<'_, StancemarkApp>| {
        h.query_all_by_label_contains("Reject Norvik Chemicals in")
            .count()
    };
    let before = window_rows(&harness);
    assert!(before >= 4, "{before} candidates");
    // The overlapping candidate is only offered as "accept anyway".
    harness.get_by_label_contains("Accept anyway Norvik Chemicals in coastal-ledger/");
    // Keyboard: Down moves, R rejects, Enter accepts.
    harness.key_press(Key::ArrowDown);
    harness.run_ok();
    harness.key_press(Key::R);
    harness.run_ok();
    assert_eq!(window_rows(&harness), before - 1);
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(window_rows(&harness), before - 2);
    assert_eq!(project(&harness).mentions_of(norvik).len(), 2);
    // Accept all leaves the overlapping candidate and the MISC mention alone.
    harness.get_by_label_contains("Accept all (").click();
    harness.run_ok();
    assert_eq!(window_rows(&harness), 1, "only the overlapping one is left");
    let p = project(&harness);
    let misc = p
        .documents
        .values()
        .flat_map(|d| &d.mentions)
        .find(|m| m.label == "MISC")
        .expect("MISC");
    assert_eq!(misc.quote.exact, "Norvik Chemicals, Bjørn");
    assert_eq!(misc.entity, None);
}
