//! The document codebook in the app (issue 19): on the sample corpus (which
//! ships a codebook), three variables coded by keyboard only, one undone,
//! saved; the saved file holds the values; the overview shows the
//! cross-tabulation by outlet.

mod common;

use common::{app, options, save_now, wait_for_label};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemark::model::codebook::Code;

#[test]
fn code_by_keyboard_undo_save_and_see_the_overview() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let path = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.document_path().map(str::to_owned))
        .expect("a document");
    harness.key_press(Key::K);
    harness.run_ok();
    harness.get_by_label("Code this document");
    // frame: 1 = economic; genre: 1 = news; Norvik present: 1 = yes, which
    // shows the tone; tone: 4 = positive.
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::ArrowDown);
    harness.run_ok();
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::ArrowDown);
    harness.run_ok();
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.key_press(Key::ArrowDown);
    harness.run_ok();
    harness.get_by_label_contains("▶ tone_norvik");
    harness.key_press(Key::Num4);
    harness.run_ok();
    harness.get_by_label_contains("tone_norvik: 4 positive");
    // Undo takes the tone back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    harness.key_press(Key::Escape);
    harness.run_ok();
    let file = save_now(&mut harness);
    let saved = stancemark::io::load_project(&file).expect("saved").project;
    let codes = &saved.documents[&path].codes;
    assert_eq!(codes.get("frame"), Some(&Code::Choice("economic".into())));
    assert_eq!(codes.get("genre"), Some(&Code::Choice("news".into())));
    assert_eq!(
        codes.get("norvik_present"),
        Some(&Code::Choice("yes".into()))
    );
    assert_eq!(codes.get("tone_norvik"), None, "undone");
    // The overview: frame by outlet.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_ok();
    harness
        .get_by_label("Command")
        .type_text("Codebook overview");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    wait_for_label(&mut harness, "Codebook overview");
    let outlet = stancemark::io::load_project(&file)
        .ok()
        .and_then(|_| path.split('/').next().map(str::to_owned))
        .expect("outlet");
    harness.get_by_label(&format!("{outlet} · economic: 1 (100 %)"));
}

#[test]
fn marking_done_with_a_required_variable_empty_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    {
        let session = harness.state_mut().session.as_mut().expect("session");
        let mut schema = session.project.schema.clone();
        schema.variables[0].required = true; // frame
        session
            .apply(stancemark::model::Edit::ReplaceSchema {
                schema: Box::new(schema),
            })
            .expect("schema");
    }
    let status = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        let s = h.state().session.as_ref().expect("session");
        s.project.documents[s.document_path().expect("doc")].status
    };
    harness.key_press(Key::D);
    harness.run_ok();
    assert_ne!(
        status(&harness),
        stancemark::model::DocStatus::Done,
        "asked first"
    );
    harness.get_by_label_contains("Required codebook variable(s) not coded yet: frame");
    harness.key_press(Key::D);
    harness.run_ok();
    assert_eq!(
        status(&harness),
        stancemark::model::DocStatus::Done,
        "done on the second press"
    );
}

#[test]
fn the_side_panel_codes_with_the_mouse() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label("Codebook").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("Codebook").click();
    harness.run_ok();
    for value in ["legal", "scientists"] {
        harness.get_by_label(value).scroll_to_me();
        harness.run_ok();
        harness.get_by_label(value).click();
        harness.run_ok();
    }
    let session = harness.state().session.as_ref().expect("session");
    let codes = &session.project.documents[session.document_path().expect("doc")].codes;
    assert_eq!(codes.get("frame"), Some(&Code::Choice("legal".into())));
    assert_eq!(
        codes.get("actors"),
        Some(&Code::Choices(
            ["scientists".to_owned()].into_iter().collect()
        ))
    );
    // Clicking the chosen value again clears it.
    harness.get_by_label("legal").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("legal").click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(
        session.project.documents[session.document_path().expect("doc")]
            .codes
            .get("frame"),
        None
    );
}

#[test]
fn values_are_shown_as_coded() {
    use stancemark::ui::views::codebook_form::value_text;
    let vars = stancemark::model::codebook::example_codebook();
    let var = |n: &str| vars.iter().find(|v| v.name == n).expect("variable");
    let text = Code::Text("Norvik denies; the mayor waits".into());
    assert_eq!(
        value_text(var("summary"), Some(&text)),
        "Norvik denies; the mayor waits"
    );
    let set = Code::Choices(
        ["company".to_owned(), "scientists".to_owned()]
            .into_iter()
            .collect(),
    );
    assert_eq!(value_text(var("actors"), Some(&set)), "company, scientists");
    assert_eq!(
        value_text(var("tone_norvik"), Some(&Code::Scale(2))),
        "2 negative"
    );
    assert_eq!(value_text(var("frame"), None), "—");
}
