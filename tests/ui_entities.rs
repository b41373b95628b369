//! Entities through the real app on the real news corpus: annotate "Putin"
//! once, link it to a new entity, propagate over the corpus, merge a second
//! entity in, undo.

mod common;

use common::{app, drag_over, options, shared_corpus};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::model::EntityId;
use stancemark::ui::{StancemarkApp, StartOptions};

fn entity_named(harness: &Harness<'_, StancemarkApp>, name: &str) -> Option<EntityId> {
    let session = harness.state().session.as_ref()?;
    session
        .project
        .entities
        .values()
        .find(|e| e.name == name)
        .map(|e| e.id)
}

fn type_into(harness: &mut Harness<'_, StancemarkApp>, label: &str, text: &str) {
    harness.run_ok();
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
}

#[test]
fn link_propagate_merge_and_undo_on_the_news_corpus() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(StartOptions {
        corpus: Some(corpus),
        ..options(&dir.path().join("saves"))
    });

    // Annotate "Putin" once and link it to a new entity "Vladimir Putin" through the picker.
    drag_over(&mut harness, "Putin");
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::E);
    type_into(&mut harness, "Find entity", "Vladimir Putin");
    harness.get_by_label_contains("New entity “Vladimir Putin”");
    harness.key_press(Key::Enter);
    harness.run_ok();
    let putin = entity_named(&harness, "Vladimir Putin").expect("entity created");
    harness.get_by_label("Entity: Vladimir Putin");

    // Propagate over the whole corpus and accept all.
    harness.key_press(Key::P);
    harness.run_ok();
    harness.get_by_label_contains("Accept all (").click();
    harness.run_ok();
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(
        harness.query_by_label_contains("Accept all (").is_none(),
        "Esc closes the window"
    );
    let session = harness.state().session.as_ref().expect("session");
    for doc in &session.corpus.documents {
        let linked = session.project.documents[&doc.path]
            .mentions
            .iter()
            .filter(|m| m.entity == Some(putin) && m.quote.exact.contains("Putin"))
            .count();
        assert!(
            linked >= 1,
            "{} has no Putin mention linked to the entity",
            doc.path
        );
    }
    let putin_mentions = session.project.mentions_of(putin).len();
    assert!(
        putin_mentions >= 10,
        "Putin is named often: {putin_mentions}"
    );

    // A second entity, "Russian President", in the second article.
    harness
        .get_by_label_contains("Russian President Vladimir Putin on Wednesday said")
        .click();
    harness.run_ok();
    drag_over(&mut harness, "Russian President");
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::N);
    harness.run_ok();
    let president = entity_named(&harness, "Russian President").expect("second entity");

    // Merge it into Vladimir Putin from the entities panel.
    harness.get_by_label("All entities").click();
    harness.run_ok();
    harness
        .get_by_label_contains("Russian President   ")
        .click();
    harness.run_ok();
    harness.get_by_label("Merge into…").click();
    type_into(&mut harness, "Find entity", "vladimir");
    harness.key_press(Key::Enter);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert!(
        !session.project.entities.contains_key(&president),
        "merged away"
    );
    assert_eq!(session.project.mentions_of(putin).len(), putin_mentions + 1);
    assert!(
        session.project.entities[&putin]
            .aliases
            .contains(&"Russian President".to_owned())
    );

    // Undo restores both.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert!(session.project.entities.contains_key(&president));
    assert!(session.project.entities.contains_key(&putin));
    assert_eq!(session.project.mentions_of(president).len(), 1);
    assert_eq!(session.project.mentions_of(putin).len(), putin_mentions);
    assert!(
        !session.project.entities[&putin]
            .aliases
            .contains(&"Russian President".to_owned())
    );
}
