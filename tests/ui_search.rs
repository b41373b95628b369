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

#[test]
fn find_in_article_steps_through_hits_and_the_hit_can_be_labelled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(common::TITLE).click();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();
    harness.get_by_label("Find in article").type_text("norvik");
    harness.run_ok();
    let hits = {
        let session = harness.state().session.as_ref().expect("session");
        let doc = session.document().expect("doc");
        let lower = doc.text.to_lowercase();
        lower.matches("norvik").count()
    };
    assert!(hits >= 2, "the article names Norvik at least twice");
    harness.get_by_label(&format!("{hits} hit(s)"));
    let selected_text = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        let s = h.state().session.as_ref().expect("session");
        let span = s.selection.expect("a hit is selected");
        (
            span,
            s.document()
                .expect("doc")
                .slice(span)
                .expect("in range")
                .to_owned(),
        )
    };
    harness.key_press(Key::Enter);
    harness.run_ok();
    let (first, text) = selected_text(&harness);
    assert_eq!(text, "Norvik");
    harness.get_by_label(&format!("1 of {hits}"));
    harness.key_press(Key::Enter);
    harness.run_ok();
    let (second, _) = selected_text(&harness);
    assert!(second.start > first.start, "Enter steps forward");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run_ok();
    assert_eq!(selected_text(&harness).0, first, "Shift+Enter steps back");
    // Escape closes the bar; the hit stays selected and a type key labels it.
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(harness.query_by_label("Find in article").is_none());
    harness.key_press(Key::Num2);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let entry = &session.project.documents[session.document_path().expect("path")];
    let m = entry
        .mentions
        .iter()
        .find(|m| m.span == first)
        .unwrap_or_else(|| {
            panic!(
                "not labelled: mentions {:?}, selection {:?}, error {:?}",
                entry.mentions.iter().map(|m| m.span).collect::<Vec<_>>(),
                session.selection,
                harness.state().error()
            )
        });
    assert_eq!(
        (m.label.as_str(), m.quote.exact.as_str()),
        ("ORG", "Norvik")
    );
}
