//! Stances through the real app on the real news corpus: create a claim,
//! select Putin's sentence about the chemical weapons stocks, press S, holder
//! Putin, target the claim, polarity oppose; see it in the lists and the
//! overview; save, reload, still there.

mod common;

use common::{app, drag_span, options, shared_corpus};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::model::{CharSpan, ClaimId, Holder, Target};
use stancemark::ui::{StancemarkApp, StartOptions};

const CLAIM: &str = "Syrian government forces carried out the chemical attack";
const SENTENCE: &str = "Mr Putin said Damascus had given up its chemical weapons stocks.";

fn sentence_span(harness: &Harness<'_, StancemarkApp>) -> CharSpan {
    harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.find(SENTENCE))
        .expect("the sentence is in the first article")
}

#[test]
fn claim_stance_overview_save_reload() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = StartOptions {
        corpus: Some(corpus),
        ..options(&dir.path().join("saves"))
    };
    let mut harness = app(opts.clone());

    // A claim, from the Claims tab.
    harness.get_by_label("Claims").click();
    harness.run_ok();
    harness.get_by_label("New claim").focus();
    harness.run_ok();
    harness.get_by_label("New claim").type_text(CLAIM);
    harness.run_ok();
    harness.get_by_label("Add claim").click();
    harness.run_ok();
    harness.get_by_label_contains(CLAIM);

    // "Putin" in that sentence becomes a PER mention of a new entity.
    let sentence = sentence_span(&harness);
    drag_span(
        &mut harness,
        CharSpan::new(sentence.start + 3, sentence.start + 8),
    );
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::N);
    harness.run_ok();
    let putin = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.project.entities.values().next())
        .map(|e| e.id)
        .expect("entity");

    // Select the sentence and press S: the holder is pre-filled.
    drag_span(&mut harness, sentence);
    harness.key_press(Key::S);
    harness.run_ok();
    harness.get_by_label("New stance");
    harness.get_by_label("Putin");
    harness
        .get_by_label("Find target")
        .type_text("chemical attack");
    harness.run_ok();
    harness.get_by_label(&format!("claim: “{CLAIM}”")).click();
    harness.run_ok();
    harness.key_press(Key::Num2);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert!(
        harness.query_by_label("New stance").is_none(),
        "the form closed"
    );

    let session = harness.state().session.as_ref().expect("session");
    let doc = session.document_path().expect("doc").to_owned();
    let stances = &session.project.documents[&doc].stances;
    assert_eq!(stances.len(), 1);
    assert_eq!(stances[0].holder, Holder::Entity(putin));
    assert_eq!(stances[0].target, Target::Claim(ClaimId(1)));
    assert_eq!(stances[0].polarity, "oppose");
    assert_eq!(stances[0].evidence[0].quote.exact, SENTENCE);
    let title = session.corpus.documents[0].title.clone();
    let line = format!("Putin ➡ oppose ➡ “{CLAIM}”");
    harness.get_by_label("This document").click();
    harness.run_ok();
    harness.get_by_role_and_label(egui::accesskit::Role::Button, &line);
    assert_eq!(mention_and_mentions_count(&harness), 1);

    // The document list row says so on hover.
    harness.get_by_label(&title).hover();
    harness.run_ok();
    harness.get_by_label_contains("· 1 mention · 1 stance");

    // The overview has the cell; clicking it lists the stance.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Stances")
        .click();
    harness.run_ok();
    harness.get_by_label("Stance overview…").click();
    harness.run_ok();
    harness
        .get_by_label(&format!("Putin × “{CLAIM}”: oppose 1"))
        .click();
    harness.run_ok();
    harness.get_by_label_contains(&format!("{line}  …"));

    // Save, reload in a fresh app: still there.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    drop(harness);
    let harness = app(opts);
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.project.stance_count(), 1);
    assert_eq!(session.project.claims.len(), 1);
    harness.get_by_role_and_label(egui::accesskit::Role::Button, &line);
}

fn mention_and_mentions_count(harness: &Harness<'_, StancemarkApp>) -> usize {
    harness
        .state()
        .session
        .as_ref()
        .map_or(0, |s| s.project.mention_count())
}
