//! The same passage elsewhere, in the app (issue 17, part 2), on the
//! sample corpus: The Meridian repeats a sentence of Nordwire's with small
//! edits; with a mention of it selected, "Same passage elsewhere" lists
//! that rendering and carries the mention over as a suggestion, listing
//! the one whose words differ.

mod common;

use common::{app, drag_over, options};
use egui::Key;
use egui_kittest::kittest::Queryable;

#[test]
fn a_mention_is_carried_to_another_rendering_of_its_passage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness
        .get_by_label_contains("PORT AVEL, March 16 (Nordwire)")
        .click();
    harness.run_ok();
    drag_over(&mut harness, "on Monday");
    harness.key_press(Key::Num6);
    harness.run_ok();
    drag_over(&mut harness, "River Lenne");
    harness.key_press(Key::Num4);
    harness.run_ok();
    // The palette runs it by name.
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::P);
    harness.run_ok();
    harness.get_by_label("Command").type_text("same passage");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    harness.get_by_label("Same passage elsewhere");
    harness.get_by_label_contains("the-meridian · the-meridian/2026-03-17-inspection.txt ·");
    harness
        .get_by_label("Carry mentions to the-meridian/2026-03-17-inspection.txt")
        .click();
    harness.run_ok();
    harness.get_by_label_contains("Carried 1 mention(s) over as suggestions");
    harness.get_by_label_contains("not carried: “on Monday” (MISC): the words differ there");
    let session = harness.state().session.as_ref().expect("session");
    let meridian = &session.project.documents["the-meridian/2026-03-17-inspection.txt"];
    let carried: Vec<(&str, &str, bool)> = meridian
        .mentions
        .iter()
        .map(|m| (m.quote.exact.as_str(), m.label.as_str(), m.suggested))
        .collect();
    assert_eq!(carried, [("River Lenne", "LOC", true)]);
    // The corpus overview: one cluster, Nordwire's and The Meridian's.
    harness
        .get_by_label("Repeated passages in the corpus")
        .click();
    harness.run_ok();
    harness.get_by_label("1 repeated passage(s), the largest first:");
    harness.get_by_label_contains("2 × in nordwire, the-meridian: “PORT AVEL, March 16");
    // Undo takes the suggestion back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert!(
        session.project.documents["the-meridian/2026-03-17-inspection.txt"]
            .mentions
            .is_empty()
    );
}
