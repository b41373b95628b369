//! Typed changes to an entity are never lost: leaving the entity for
//! another applies them (one undoable edit), and changes that cannot be
//! applied yet (an invalid Wikidata id) come back when the entity is opened
//! again. The error line never moves the Apply button.

mod common;

use common::{TITLE, app, drag_over, options};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::io::load_project;
use stancemark::ui::StancemarkApp;

fn entity(harness: &mut Harness<'_, StancemarkApp>, word: &str) {
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(harness, word);
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::N);
    harness.run_ok();
}

fn open_entity(harness: &mut Harness<'_, StancemarkApp>, name: &str) {
    harness
        .get_by_label_contains(&format!(" {name}   "))
        .click();
    harness.run_ok();
}

fn replace_text(harness: &mut Harness<'_, StancemarkApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
}

#[test]
fn a_typed_wikidata_id_is_applied_on_leaving_the_entity() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let mut harness = app(options(&saves));
    entity(&mut harness, "Aasheim");
    entity(&mut harness, "Norvik");
    harness.get_by_label("All entities").click();
    harness.run_ok();
    let names: Vec<String> = {
        let s = harness.state().session.as_ref().expect("session");
        s.project
            .entities
            .values()
            .map(|e| e.name.clone())
            .collect()
    };
    assert_eq!(names.len(), 2, "{names:?}");
    let (first, second) = (names[0].clone(), names[1].clone());
    open_entity(&mut harness, &first);
    replace_text(&mut harness, "Wikidata QID", "Q4242");
    // Click the other entity without pressing Apply.
    open_entity(&mut harness, &second);
    let kb = |h: &Harness<'_, StancemarkApp>, name: &str| {
        let s = h.state().session.as_ref().expect("session");
        s.project
            .entities
            .values()
            .find(|e| e.name == name)
            .and_then(|e| e.kb_id.clone())
    };
    assert_eq!(
        kb(&harness, &first).as_deref(),
        Some("Q4242"),
        "applied on leaving"
    );

    // An invalid id cannot be applied: it waits, with its error, for the
    // user to come back; the Apply button stays where it was.
    let apply_before = harness.get_by_label("Apply").rect();
    replace_text(&mut harness, "Wikidata QID", "X1");
    harness.get_by_label("A Wikidata id is Q followed by digits, e.g. Q7747.");
    assert_eq!(harness.get_by_label("Apply").rect(), apply_before);
    open_entity(&mut harness, &first);
    assert_eq!(kb(&harness, &second), None);
    open_entity(&mut harness, &second);
    harness.get_by_label("A Wikidata id is Q followed by digits, e.g. Q7747.");
    replace_text(&mut harness, "Wikidata QID", "Q7");
    harness.get_by_label("Apply").click();
    harness.run_ok();
    assert_eq!(kb(&harness, &second).as_deref(), Some("Q7"));

    let file = common::save_now(&mut harness);
    let saved = load_project(&file).expect("saved").project;
    let mut qids: Vec<_> = saved
        .entities
        .values()
        .filter_map(|e| e.kb_id.clone())
        .collect();
    qids.sort();
    assert_eq!(qids, ["Q4242", "Q7"]);
}
