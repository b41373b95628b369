//! The team in the app (issue 18): an annotator sees their assigned
//! documents under "Mine"; the lead's dashboard shows the counts and
//! agreement of three saves made for the test; gold is a file chosen
//! explicitly and the lead's own save is adjudicated like any other; merge
//! conflicts are settled in their window, undoably.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{app, options, sample_corpus, save_now, wait_for_label};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemark::io::team_file::write_team;
use stancemark::io::{load_corpus, save_project};
use stancemark::model::team::Team;
use stancemark::model::{CharSpan, DocStatus, Edit, Mention, MentionId, Project, apply};
use stancemark::ui::StartOptions;

const COASTAL: &str = "coastal-ledger/2026-03-16-norvik-denies.txt";
const GREEN: &str = "green-tide/2026-03-17-who-pays.txt";
const NORDWIRE: &str = "nordwire/2026-03-16-lab-results.txt";
const COURIER: &str = "port-avel-courier/2026-03-15-river-turns-white.txt";
const MERIDIAN: &str = "the-meridian/2026-03-17-inspection.txt";

/// ana: coastal, green; ben: green, nordwire, meridian; cleo: courier,
/// meridian. Green and meridian are double-coded.
fn team(schema: Option<stancemark::model::Schema>) -> Team {
    let assignment: BTreeMap<String, Vec<String>> = [
        (COASTAL, vec!["ana"]),
        (GREEN, vec!["ana", "ben"]),
        (NORDWIRE, vec!["ben"]),
        (COURIER, vec!["cleo"]),
        (MERIDIAN, vec!["ben", "cleo"]),
    ]
    .into_iter()
    .map(|(p, v)| (p.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    Team {
        annotators: vec!["ana".into(), "ben".into(), "cleo".into()],
        schema,
        guidelines: Some("https://example.org/codebook".into()),
        overlap: 0.4,
        assignment,
        ..Team::default()
    }
}

/// A save by `who` in `saves`: `words` of each document as PER mentions,
/// every listed document marked done.
fn save(saves: &Path, who: &str, words: &[(&str, &str)]) {
    let corpus = load_corpus(&sample_corpus(), u64::MAX, &()).expect("corpus");
    let mut p = Project::new(who, stancemark::io::schema_file::default_schema());
    p.attach(&corpus.documents);
    for (path, word) in words {
        let doc = corpus
            .documents
            .iter()
            .find(|d| d.path == *path)
            .expect("doc");
        let at = doc.text.find(word).expect("word");
        let start = doc.text[..at].chars().count();
        let span = CharSpan::new(start, start + word.chars().count());
        let id = p.documents[*path].next_mention_id();
        let mention = Mention::new(doc, id, span, "PER");
        apply(
            &mut p,
            Edit::AddMention {
                doc: (*path).into(),
                mention,
            },
        )
        .expect("mention");
        apply(
            &mut p,
            Edit::SetStatus {
                doc: (*path).into(),
                status: DocStatus::Done,
            },
        )
        .expect("done");
    }
    std::fs::create_dir_all(saves).expect("mkdir");
    save_project(
        &saves.join(format!("sample-corpus-{who}.ron")),
        &p,
        &sample_corpus(),
    )
    .expect("save");
}

fn as_annotator(saves: &Path, who: &str) -> StartOptions {
    StartOptions {
        annotator: Some(who.into()),
        ..options(saves)
    }
}

#[test]
fn an_annotator_sees_their_documents_under_mine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    std::fs::create_dir_all(&saves).expect("mkdir");
    // The team's schema has one type more than the project's.
    let mut schema = stancemark::io::schema_file::default_schema();
    let mut extra = schema.entity_types[0].clone();
    extra.name = "SHIP".into();
    extra.key = None;
    schema.entity_types.push(extra);
    write_team(&saves.join("team.ron"), &team(Some(schema.clone()))).expect("team");
    let mut harness = app(as_annotator(&saves, "ben"));
    // Opened on Ben's first document, the list showing only his.
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.document_path(), Some(GREEN));
    harness.get_by_label("Mine: 3 documents, 0 done");
    let titles = [
        (
            "Norvik Chemicals denies responsibility for Lenne spill, blames “century-old” sewer",
            false,
        ),
        (
            "Who pays for the white river? Port Avel deserves answers, not press releases",
            true,
        ),
        (
            "River Lenne turns white after night-time spill at Port Avel",
            false,
        ),
        (
            "Minister orders inspection of Norvik site as Port Avel spill dispute deepens",
            true,
        ),
    ];
    for (title, mine) in titles {
        assert_eq!(harness.query_by_label(title).is_some(), mine, "{title}");
    }
    // Double-coding is not shown to the annotator.
    assert!(harness.query_by_label_contains("double-coded").is_none());
    // "Next unfinished" stays within Ben's documents.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::PageDown);
    harness.run_ok();
    let next = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.document_path().map(str::to_owned));
    assert_eq!(next.as_deref(), Some(NORDWIRE));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::PageDown);
    harness.run_ok();
    let next = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.document_path().map(str::to_owned));
    assert_eq!(
        next.as_deref(),
        Some(MERIDIAN),
        "the courier's article is Cleo's"
    );
    // All shows every document.
    harness.get_by_label("All").click();
    harness.run_ok();
    for (title, _) in titles {
        harness.get_by_label(title);
    }
    // The schema differs from the team's: flagged, and taken in one step.
    harness.get_by_label("⚠ Your schema differs from the team's");
    harness.get_by_label("Use the team schema").click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.project.schema, schema);
    assert!(
        harness
            .query_by_label("⚠ Your schema differs from the team's")
            .is_none()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_ne!(session.project.schema, schema, "undone");
    harness.get_by_label("Guidelines");
}

#[test]
fn the_dashboard_shows_counts_and_agreement_of_three_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    std::fs::create_dir_all(&saves).expect("mkdir");
    write_team(&saves.join("team.ron"), &team(None)).expect("team");
    // Ana and Ben agree on the green-tide article; Ben and Cleo do not
    // on The Meridian's; Cleo has not finished the courier's article.
    save(
        &saves,
        "ana",
        &[(GREEN, "Port Avel"), (COASTAL, "Bjørn Aasheim")],
    );
    save(
        &saves,
        "ben",
        &[
            (GREEN, "Port Avel"),
            (NORDWIRE, "Dr Sato"),
            (MERIDIAN, "Tomás Ibáñez"),
        ],
    );
    save(&saves, "cleo", &[(MERIDIAN, "Hélène Duarte-Lefèvre")]);
    let mut harness = app(as_annotator(&saves, "lead"));
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Project")
        .click();
    harness.run_ok();
    harness.get_by_label("Team dashboard…").click();
    harness.run_ok();
    wait_for_label(&mut harness, "Per annotator");
    // Per annotator: assigned / done (ana 2/2, ben 3/3, cleo 2/1).
    for row in [
        "ana: 2 assigned, 2 done, 0 in progress",
        "ben: 3 assigned, 3 done, 0 in progress",
        "cleo: 2 assigned, 1 done, 0 in progress",
        "green-tide: 2 assigned, 2 done, 0 in progress",
        "port-avel-courier: 1 assigned, 0 done, 0 in progress",
        "the-meridian: 2 assigned, 2 done, 0 in progress",
    ] {
        harness.get_by_label(row);
    }
    harness.get_by_label_contains("ana & ben: 1 document(s) · mentions α");
    harness.get_by_label_contains("(good)");
    harness.get_by_label_contains("ben & cleo: 1 document(s) · mentions α");
    harness.get_by_label_contains("(poor)");
    harness.get_by_label("Waiting for adjudication: 2");
    // The lead may mark double-coded documents.
    harness
        .get_by_label("Mark double-coded documents in the list")
        .click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert!(session.team.as_ref().is_some_and(|t| t.show_overlap));
}

#[test]
fn gold_is_chosen_and_the_leads_own_save_is_reviewed_like_any_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    save(&saves, "ana", &[(COASTAL, "Bjørn Aasheim")]);
    let mut harness = app(as_annotator(&saves, "lead"));
    // The lead annotates too, and saves.
    let session = harness.state_mut().session.as_mut().expect("session");
    let i = session.corpus.position(COASTAL).expect("doc");
    session.show_document(i);
    let doc = session.corpus.documents[i].clone();
    let at = doc.text.find("Norvik Chemicals").expect("word");
    let start = doc.text[..at].chars().count();
    let mention = Mention::new(&doc, MentionId(1), CharSpan::new(start, start + 16), "ORG");
    session
        .apply(Edit::AddMention {
            doc: COASTAL.into(),
            mention,
        })
        .expect("mention");
    let own = save_now(&mut harness);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Review saves…").click();
    harness.run_ok();
    // Both saves in the folder are listed and ticked; gold is its own file.
    harness.get_by_label("sample-corpus-ana.ron");
    harness.get_by_label("sample-corpus-lead.ron");
    let gold = saves.join("sample-corpus-gold.ron");
    harness.get_by_label("Open for review").click();
    harness.run_ok();
    wait_for_label(&mut harness, "Diff and adjudication");
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.project_path.as_deref(), Some(gold.as_path()));
    assert_eq!(session.project.mention_count(), 0, "gold starts empty");
    harness.get_by_label("Diff and adjudication").click();
    harness.run_ok();
    // The lead's own mention is a version like Ana's: not "in gold".
    harness.get_by_label("Accept ORG Norvik Chemicals").click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let m = session.project.documents[COASTAL]
        .mentions
        .first()
        .expect("accepted");
    let from = m.provenance.as_ref().expect("provenance");
    assert_eq!(
        (from.annotators.clone(), from.adjudicator.as_str()),
        (vec!["lead".to_owned()], "lead")
    );
    // The lead's own file is untouched by adjudication.
    let own_project = stancemark::io::load_project(&own).expect("own").project;
    assert!(
        own_project.documents[COASTAL]
            .mentions
            .iter()
            .all(|m| m.provenance.is_none())
    );
    // The choice is remembered for next time.
    harness.key_press(Key::Escape);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Review saves…").click();
    harness.run_ok();
    assert_eq!(
        harness.get_by_label("Gold project file").value().as_deref(),
        Some(gold.display().to_string().as_str())
    );
}

#[test]
fn merge_conflicts_are_settled_in_their_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    save(&saves, "tester", &[(COASTAL, "Bjørn Aasheim")]);
    let file = saves.join("sample-corpus-tester.ron");
    let base = stancemark::io::load_project(&file).expect("load").project;
    let relabel = |label: &str| {
        let mut p = base.clone();
        apply(
            &mut p,
            Edit::RelabelMention {
                doc: COASTAL.into(),
                id: MentionId(1),
                label: label.into(),
            },
        )
        .expect("relabel");
        p
    };
    let merged =
        stancemark::review::three_way::merge_three(&base, &relabel("ORG"), &relabel("GPE"));
    assert_eq!(merged.new_conflicts, 1);
    save_project(&file, &merged.project, &sample_corpus()).expect("save");
    let mut harness = app(options(&saves));
    harness.get_by_label("Merge conflicts");
    harness.get_by_value("coastal-ledger/2026-03-16-norvik-denies.txt: merge conflict: ours has mention m1 ORG “Bjørn Aasheim”; theirs has mention m1 GPE “Bjørn Aasheim”");
    // The Problems window lists it too, as it stands.
    let listed = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        h.query_all_by_value("coastal-ledger/2026-03-16-norvik-denies.txt: merge conflict: ours has mention m1 ORG “Bjørn Aasheim”; theirs has mention m1 GPE “Bjørn Aasheim” (conflict 1; settle it in Project › Merge conflicts…)").count()
    };
    assert_eq!(listed(&harness), 1);
    harness.get_by_label("Take theirs: conflict 1").click();
    harness.run_ok();
    assert_eq!(listed(&harness), 0, "settled: no longer a problem");
    let label = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        let s = h.state().session.as_ref().expect("session");
        (
            s.project.documents[COASTAL].mentions[0].label.clone(),
            s.project.conflicts.len(),
        )
    };
    assert_eq!(label(&harness), ("GPE".to_owned(), 0));
    harness.get_by_label("No merge conflict is waiting.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(label(&harness), ("ORG".to_owned(), 1));
    harness.get_by_label("Keep ours: conflict 1").click();
    harness.run_ok();
    assert_eq!(label(&harness), ("ORG".to_owned(), 0));
    let saved = stancemark::io::load_project(&save_now(&mut harness))
        .expect("saved")
        .project;
    assert!(saved.conflicts.is_empty());
    assert_eq!(saved.documents[COASTAL].mentions[0].label, "ORG");
}

#[test]
fn the_team_window_makes_the_team_file_and_the_assignment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    std::fs::create_dir_all(&saves).expect("mkdir");
    let mut harness = app(as_annotator(&saves, "lead"));
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Project")
        .click();
    harness.run_ok();
    harness.get_by_label("Team dashboard…").click();
    harness.run_ok();
    harness.get_by_label("Team annotators").focus();
    harness.run_ok();
    harness
        .get_by_label("Team annotators")
        .type_text("ana, ben, lead");
    harness.run_ok();
    harness.get_by_label("Create the team file").click();
    harness.run_ok();
    wait_for_label(&mut harness, "now share the documents out");
    harness.get_by_label("Assign").click();
    harness.run_ok();
    wait_for_label(
        &mut harness,
        "Assigned 6 document(s), 1 of them to 2 coders",
    );
    let team = stancemark::io::team_file::read_team(&saves.join("team.ron")).expect("team file");
    assert_eq!(team.annotators, ["ana", "ben", "lead"]);
    assert_eq!(team.assignment.len(), 6);
    assert_eq!(team.overlap_documents().len(), 1, "20 % of 6");
    // The lead is in the team now: the list shows theirs.
    let session = harness.state().session.as_ref().expect("session");
    let mine = team.documents_of("lead").len();
    assert_eq!(session.mine_progress().2, mine);
    assert_eq!(session.project.schema, team.schema.clone().expect("schema"));
}

/// The app started in one folder, a project opened from a clone in
/// another: the dashboard reads the saves beside the clone's team file,
/// never the starting folder's.
#[test]
fn the_dashboard_reads_the_saves_beside_the_opened_projects_team_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clone = dir.path().join("clone/saves");
    std::fs::create_dir_all(&clone).expect("mkdir");
    write_team(&clone.join("team.ron"), &team(None)).expect("team");
    save(
        &clone,
        "ana",
        &[(GREEN, "Port Avel"), (COASTAL, "Bjørn Aasheim")],
    );
    save(&clone, "lead", &[]);
    // The folder the app starts in has a save of its own, of someone else.
    let start = dir.path().join("start");
    save(&start, "zed", &[(GREEN, "Port Avel")]);
    let mut harness = app(StartOptions {
        project: Some(clone.join("sample-corpus-lead.ron")),
        ..as_annotator(&start, "lead")
    });
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Project")
        .click();
    harness.run_ok();
    harness.get_by_label("Team dashboard…").click();
    harness.run_ok();
    wait_for_label(&mut harness, "Per annotator");
    harness.get_by_label("ana: 2 assigned, 2 done, 0 in progress");
    assert!(harness.query_by_label_contains("zed").is_none());
}
