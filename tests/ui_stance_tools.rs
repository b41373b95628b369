//! Stance tools on the sample corpus: document-level stances, more evidence,
//! clicking evidence, deleting, claims merged, keys scoped to the form.

mod common;

use common::{TITLE, app, drag_over, options};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::model::{Holder, Level, Target};
use stancemark::ui::StancemarkApp;

fn stances(harness: &Harness<'_, StancemarkApp>) -> Vec<stancemark::model::Stance> {
    let s = harness.state().session.as_ref().expect("session");
    s.project.documents[s.document_path().expect("doc")]
        .stances
        .clone()
}

#[test]
fn document_level_stance_defaults_to_the_outlet_and_keys_stay_in_the_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    harness.get_by_label("➕ Document-level stance").click();
    harness.run_ok();
    harness.get_by_label("coastal-ledger (author)");
    harness
        .get_by_label("Find target")
        .type_text("Norvik's responsibility");
    harness.run_ok();
    harness
        .get_by_label("topic: Norvik's responsibility")
        .click();
    harness.run_ok();
    // Digits choose the polarity here; they never label text while the form is open.
    harness.key_press(Key::Num3);
    harness.run_ok();
    harness.get_by_label("Create stance").click();
    harness.run_ok();
    let s = stances(&harness);
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].holder.clone(), s[0].level, s[0].polarity.as_str()),
        (Holder::Author, Level::Document, "neutral")
    );
    assert_eq!(s[0].target, Target::Topic("Norvik's responsibility".into()));
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .map(|s| s.project.mention_count()),
        Some(0)
    );
}

#[test]
fn evidence_can_be_added_clicked_removed_and_the_stance_deleted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    let quote = "“Our tanks are intact, our records are public, and the pipe in question is a century-old municipal sewer,”";
    drag_over(&mut harness, quote);
    harness.key_press(Key::S);
    harness.run_ok();
    harness
        .get_by_label("Find target")
        .type_text("the sewer caused the spill");
    harness.run_ok();
    harness
        .get_by_label("➕ New claim “the sewer caused the spill”")
        .click();
    harness.run_ok();
    harness.key_press(Key::Num1);
    harness.key_press(Key::Enter);
    harness.run_ok();
    let s = stances(&harness);
    assert_eq!(s.len(), 1, "created with a new claim");
    assert_eq!(s[0].evidence[0].quote.exact, quote);
    let claim = harness
        .state()
        .session
        .as_ref()
        .map(|s| s.project.claims.len());
    assert_eq!(claim, Some(1));

    // More evidence: select it, Shift+S.
    drag_over(&mut harness, "We will not be made a scapegoat");
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::S);
    harness.run_ok();
    assert_eq!(stances(&harness)[0].evidence.len(), 2);

    // Clicking evidence (away from any mention) selects the stance.
    harness.key_press(Key::Escape);
    harness.run_ok();
    harness.get_by_label("This document").click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let at = session.find("scapegoat").expect("word").start + 2;
    let rect = harness.state().article.char_rect(at).expect("on screen");
    harness.hover_at(rect.center());
    harness.run_ok();
    harness.drag_at(rect.center());
    harness.run_ok();
    harness.drop_at(rect.center());
    harness.run_ok();
    let selected = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.selected_stance);
    assert_eq!(selected, Some(stances(&harness)[0].id));
    harness.get_by_label("Selected stance");

    harness.get_by_label("Remove evidence 2").click();
    harness.run_ok();
    assert_eq!(stances(&harness)[0].evidence.len(), 1);
    harness.key_press(Key::Delete);
    harness.run_ok();
    assert!(
        stances(&harness).is_empty(),
        "Delete removes the selected stance"
    );
}

#[test]
fn claims_merge_and_in_use_claims_cannot_be_deleted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    harness.get_by_label("Claims").click();
    harness.run_ok();
    for text in [
        "Norvik caused the spill",
        "The spill came from the Norvik quay",
    ] {
        harness.get_by_label("New claim").focus();
        harness.run_ok();
        harness.get_by_label("New claim").type_text(text);
        harness.run_ok();
        harness.get_by_label("Add claim").click();
        harness.run_ok();
    }
    drag_over(&mut harness, "We will not be made a scapegoat");
    harness.key_press(Key::S);
    harness.run_ok();
    harness.get_by_label("Find target").type_text("quay");
    harness.run_ok();
    harness
        .get_by_label("claim: “The spill came from the Norvik quay”")
        .click();
    harness.run_ok();
    harness.key_press(Key::Num2);
    harness.key_press(Key::Enter);
    harness.run_ok();

    harness
        .get_by_label("“The spill came from the Norvik quay”")
        .click();
    harness.run_ok();
    harness.get_by_label("Delete claim").click();
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .map(|s| s.project.claims.len()),
        Some(2),
        "in use: not deleted"
    );
    harness.get_by_label("Merge into claim").click();
    harness.run_ok();
    harness.get_by_label("Norvik caused the spill").click();
    harness.run_ok();
    harness.get_by_label("Merge into it").click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.project.claims.len(), 1);
    let only = *session.project.claims.keys().next().expect("claim");
    assert_eq!(session.project.stances_on_claim(only).len(), 1);
    harness.get_by_label_contains("oppose 1");
}

#[test]
fn the_stance_scale_is_editable_in_the_schema_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    harness.get_by_label("➕ Document-level stance").click();
    harness.run_ok();
    harness.get_by_label("Find target").type_text("Norvik");
    harness.run_ok();
    harness.get_by_label("topic: Norvik").click();
    harness.run_ok();
    harness.key_press(Key::Num2);
    harness.get_by_label("Create stance").click();
    harness.run_ok();
    assert_eq!(stances(&harness)[0].polarity, "oppose");

    harness.get_by_label("Project").click();
    harness.run_ok();
    harness.get_by_label("Schema…").click();
    harness.run_ok();
    harness.get_by_label("Type name oppose").focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.get_by_label("Type name oppose").type_text("reject");
    harness.run_ok();
    harness.get_by_label("Apply changes to oppose").click();
    harness.run_ok();
    assert_eq!(
        stances(&harness)[0].polarity,
        "reject",
        "renaming a polarity renames it on its stances"
    );
    harness.get_by_label("Type name new polarity").focus();
    harness.run_ok();
    harness
        .get_by_label("Type name new polarity")
        .type_text("mixed");
    harness.run_ok();
    harness.get_by_label("Add polarity").click();
    harness.run_ok();
    let schema = harness
        .state()
        .session
        .as_ref()
        .map(|s| s.project.schema.clone())
        .expect("schema");
    let names: Vec<&str> = schema.polarities.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["support", "reject", "neutral", "unclear", "mixed"]);
}

/// The holder field works like the target field: the best match first, Up
/// and Down move, Enter picks (the author only leads when asked for).
#[test]
fn enter_picks_the_stance_holder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    for name in ["Tomás Ibáñez", "Duarte-Lefèvre"] {
        drag_over(&mut harness, name);
        harness.key_press(Key::Num1);
        harness.run_ok();
        harness.key_press(Key::N);
        harness.run_ok();
    }
    drag_over(&mut harness, "called the statement");
    harness.key_press(Key::S);
    harness.run_ok();
    let holder_name = |h: &Harness<'_, StancemarkApp>| -> String {
        let s = h.state().session.as_ref().expect("session");
        let form = h.state().stance_form().expect("the stance form is open");
        s.project.holder_name(&form.holder, "x")
    };
    harness.get_by_label("Find holder").click();
    harness.run_ok();
    harness.get_by_label("Find holder").type_text("Ibanez");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(holder_name(&harness), "Tomás Ibáñez");
    // Down then Enter takes the second row (the author comes last here).
    harness.get_by_label("Find holder").click();
    harness.run_ok();
    harness.get_by_label("Find holder").type_text("e");
    harness.run_ok();
    harness.key_press(Key::ArrowDown);
    harness.key_press(Key::Enter);
    harness.run_ok();
    let second = holder_name(&harness);
    assert_ne!(second, "Tomás Ibáñez", "Down moved off the first row");
    // Asking for the author puts it first.
    harness.get_by_label("Find holder").click();
    harness.run_ok();
    harness.get_by_label("Find holder").type_text("author");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(holder_name(&harness), "x (author)");
}

/// The type popup under a selection closes when another window opens (it
/// covered the stance form's holder field).
#[test]
fn the_type_popup_closes_when_a_window_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(&mut harness, "called the statement");
    harness.run_ok();
    assert!(harness.query_by_label("1 PER").is_some(), "the popup shows");
    harness.key_press(Key::S);
    harness.run_ok();
    harness.get_by_label("New stance");
    assert!(
        harness.query_by_label("1 PER").is_none(),
        "the popup closed when the stance form opened"
    );
    // A new selection brings it back.
    harness.key_press(Key::Escape);
    harness.run_ok();
    drag_over(&mut harness, "Mayor");
    harness.run_ok();
    assert!(harness.query_by_label("1 PER").is_some());
}
