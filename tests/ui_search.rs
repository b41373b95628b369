//! Corpus search: Ctrl+Shift+F, type a word, jump to a hit, annotate the
//! ticked hits in one step (and take them back with one undo).

mod common;

use common::{app, options};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn search_jump_and_annotate_hits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let before = common::mention_count(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run_ok();
    harness.get_by_label("Search for").type_text("Norvik");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    harness.get_by_label_contains("hit(s) in");

    // Jump: the hit's document is shown with the hit selected.
    let target = "Show Norvik in nordwire/2026-03-16-lab-results.txt at ";
    let label = harness
        .get_all_by_label_contains(target)
        .next()
        .expect("a hit in nordwire")
        .accesskit_node()
        .label()
        .expect("label");
    harness.get_by_label(&label).click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(
        session.document_path(),
        Some("nordwire/2026-03-16-lab-results.txt")
    );
    let selected = session.selection.expect("the hit is selected");
    let doc = session.document().expect("doc");
    assert_eq!(doc.slice(selected), Some("Norvik"));

    // Tick two hits, pick ORG, annotate both at once.
    let ticks: Vec<String> = harness
        .get_all_by_label_contains("Tick Norvik at")
        .take(2)
        .map(|n| n.accesskit_node().label().expect("label"))
        .collect();
    assert_eq!(ticks.len(), 2);
    for t in &ticks {
        harness.get_by_label(t).click();
        harness.run_ok();
    }
    harness.get_by_label("as type").click();
    harness.run_ok();
    harness.get_by_label("ORG").click();
    harness.run_ok();
    harness.get_by_label("Annotate 2 ticked").click();
    harness.run_ok();
    assert_eq!(common::mention_count(&harness), before + 2);
    let project = &harness.state().session.as_ref().expect("session").project;
    let added: Vec<(&str, &str)> = project
        .documents
        .values()
        .flat_map(|d| &d.mentions)
        .map(|m| (m.label.as_str(), m.quote.exact.as_str()))
        .collect();
    assert_eq!(added, [("ORG", "Norvik"), ("ORG", "Norvik")]);
    harness.get_by_label_contains("2 ORG mention(s) added");

    // One undo takes both back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(common::mention_count(&harness), before);
}
