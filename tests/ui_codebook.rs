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
    // A question in a window of its own, not a status line.
    harness.get_by_label("Mark done?");
    harness.get_by_label("• frame");
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert!(harness.query_by_label("Mark done?").is_none());
    assert_ne!(status(&harness), stancemark::model::DocStatus::Done);
    harness.key_press(Key::D);
    harness.run_ok();
    harness.get_by_label("Mark done anyway").click();
    harness.run_ok();
    assert_eq!(
        status(&harness),
        stancemark::model::DocStatus::Done,
        "done when the user says so"
    );
    assert!(harness.query_by_label("Mark done?").is_none());
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
    assert_eq!(
        session.project.documents[session.document_path().expect("doc")].status,
        stancemark::model::DocStatus::InProgress,
        "coding a document starts it"
    );
    // A scale shows what its ends mean, not bare numbers (the tone scale
    // applies once Norvik is present).
    harness.get_by_label("yes").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("yes").click();
    harness.run_ok();
    harness.get_by_label_contains("1 = very negative … 5 = very positive");
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

/// A save by `who` with `frame` coded on the first document of the sample
/// corpus.
fn coded_save(saves: &std::path::Path, who: &str, frame: &str) -> String {
    let corpus =
        stancemark::io::load_corpus(&common::sample_corpus(), u64::MAX, &()).expect("corpus");
    let mut schema = stancemark::io::schema_file::default_schema();
    schema.variables = stancemark::model::codebook::example_codebook();
    let mut p = stancemark::model::Project::new(who, schema);
    p.attach(&corpus.documents);
    let path = corpus.documents[0].path.clone();
    stancemark::model::apply(
        &mut p,
        stancemark::model::Edit::SetCode {
            doc: path.clone(),
            variable: "frame".into(),
            value: Some(Code::Choice(frame.into())),
        },
    )
    .expect("code");
    std::fs::create_dir_all(saves).expect("mkdir");
    stancemark::io::save_project(
        &saves.join(format!("sample-corpus-{who}.ron")),
        &p,
        &common::sample_corpus(),
    )
    .expect("save");
    path
}

#[test]
fn codes_are_adjudicated_in_the_review_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let path = coded_save(&saves, "ana", "legal");
    coded_save(&saves, "ben", "economic");
    let mut harness = app(stancemark::ui::StartOptions {
        annotator: Some("lead".into()),
        ..options(&saves)
    });
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Review saves…").click();
    harness.run_ok();
    harness.get_by_label("Open for review").click();
    harness.run_ok();
    wait_for_label(&mut harness, "Diff and adjudication");
    // The report has the variable's figures.
    harness.get_by_label("frame: alpha (nominal)");
    harness.get_by_label("Diff and adjudication").click();
    harness.run_ok();
    harness.get_by_label("Take ben's frame").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("Take ben's frame").click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(
        session.project.documents[&path].codes.get("frame"),
        Some(&Code::Choice("economic".into())),
        "gold takes Ben's value"
    );
    assert!(
        session
            .project_path
            .as_ref()
            .is_some_and(|p| p.ends_with("sample-corpus-gold.ron"))
    );
}

#[test]
fn the_document_list_filters_by_a_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let (first, second) = {
        let session = harness.state_mut().session.as_mut().expect("session");
        let first = session.corpus.documents[0].clone();
        let second = session.corpus.documents[1].clone();
        session
            .apply(stancemark::model::Edit::SetCode {
                doc: first.path.clone(),
                variable: "frame".into(),
                value: Some(Code::Choice("legal".into())),
            })
            .expect("code");
        (first.title, second.title)
    };
    harness.run_ok();
    harness.get_by_label(&second);
    harness.get_by_label("Codebook filter").click();
    harness.run_ok();
    harness.get_by_label("frame = legal").click();
    harness.run_ok();
    harness.get_by_label(&first);
    assert!(harness.query_by_label(&second).is_none(), "filtered out");
    harness.get_by_label("1 shown");
}

#[test]
fn variables_are_edited_in_the_schema_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Project")
        .click();
    harness.run_ok();
    harness.get_by_label("Schema…").click();
    harness.run_ok();
    harness
        .get_by_label("Codebook (variables coded per document)")
        .click();
    harness.run_ok();
    let field = |h: &mut egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>,
                 label: &str,
                 text: &str| {
        h.get_by_label(label).scroll_to_me();
        h.run_ok();
        h.get_by_label(label).focus();
        h.run_ok();
        h.get_by_label(label).type_text(text);
        h.run_ok();
    };
    field(&mut harness, "Variable name new", "urgency");
    harness.get_by_label("Variable kind new").click();
    harness.run_ok();
    harness.get_by_label("scale").click();
    harness.run_ok();
    field(&mut harness, "Variable values new", "low, medium, high");
    field(&mut harness, "Variable condition new", "norvik_present=yes");
    harness.get_by_label("Add variable").click();
    harness.run_ok();
    let vars = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        h.state()
            .session
            .as_ref()
            .expect("session")
            .project
            .schema
            .variables
            .clone()
    };
    let added = vars(&harness)
        .into_iter()
        .find(|v| v.name == "urgency")
        .expect("added");
    assert_eq!(
        added.kind,
        stancemark::model::codebook::VariableKind::Scale(vec![
            "low".into(),
            "medium".into(),
            "high".into()
        ])
    );
    assert_eq!(
        added.condition.map(|c| (c.variable, c.value)),
        Some(("norvik_present".into(), "yes".into()))
    );
    // A bad row says why and changes nothing.
    field(&mut harness, "Variable name new", "broken");
    field(&mut harness, "Variable values new", "");
    harness.get_by_label("Add variable").click();
    harness.run_ok();
    harness.get_by_label("broken: list its values, separated by commas");
    // Undo takes the variable away again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert!(vars(&harness).iter().all(|v| v.name != "urgency"));
}
