//! Reviewing colleagues' saves in the app: open two saves, read the report,
//! accept one disagreement into the gold project, save, reload.

mod common;

use common::{app, options, sample_corpus, wait_for_label};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemark::io::{load_corpus, save_project};
use stancemark::model::{CharSpan, Edit, Mention, Project, Schema, apply};
use stancemark::ui::StartOptions;

fn colleague_save(path: &std::path::Path, annotator: &str, words: &[(&str, &str)], polarity: &str) {
    let corpus = load_corpus(&sample_corpus(), u64::MAX, &()).expect("corpus");
    let doc = corpus
        .document("coastal-ledger/2026-03-16-norvik-denies.txt")
        .expect("doc");
    let mut p = Project::new(annotator, Schema::builtin());
    p.attach(&corpus.documents);
    for (word, label) in words {
        let byte = doc.text.find(word).expect("word");
        let start = stancemark::model::span::char_count_before(&doc.text, byte);
        let id = p.documents[&doc.path].next_mention_id();
        let m = Mention::new(
            doc,
            id,
            CharSpan::new(start, start + word.chars().count()),
            *label,
        );
        apply(
            &mut p,
            Edit::AddMention {
                doc: doc.path.clone(),
                mention: m,
            },
        )
        .expect("mention");
    }
    let stance = stancemark::model::Stance::new(
        stancemark::model::StanceId(1),
        stancemark::model::Holder::Author,
        stancemark::model::Target::Topic("Norvik's guilt".into()),
        polarity,
        vec![],
    );
    apply(
        &mut p,
        Edit::AddStance {
            doc: doc.path.clone(),
            stance,
        },
    )
    .expect("stance");
    save_project(path, &p, &sample_corpus()).expect("save");
}

#[test]
fn open_saves_for_review_adjudicate_and_save_gold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("ana.ron"), dir.path().join("ben.ron"));
    colleague_save(
        &a,
        "ana",
        &[("Bjørn Aasheim", "PER"), ("Norvik Chemicals", "ORG")],
        "oppose",
    );
    colleague_save(
        &b,
        "ben",
        &[("Aasheim", "PER"), ("Norvik Chemicals", "ORG")],
        "support",
    );
    let saves = dir.path().join("saves");
    let opts = StartOptions {
        annotator: Some("lead".into()),
        ..options(&saves)
    };
    let mut harness = app(opts.clone());

    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Review saves…").click();
    harness.run_ok();
    harness.get_by_label("Project files to review").focus();
    harness.run_ok();
    harness
        .get_by_label("Project files to review")
        .type_text(&format!("{}\n{}", a.display(), b.display()));
    harness.run_ok();
    harness.get_by_label("Open for review").click();
    harness.run_ok();
    // The gold project (made in the saves folder) opens, then the review.
    wait_for_label(&mut harness, "Diff and adjudication");
    // The report: 1 of 2 exact on each side; partial counts the overlap half.
    harness.get_by_label("Review");
    // Only the article both started; the switch takes the four others too.
    harness.get_by_label("Annotators: ana, ben · 1 document(s) compared");
    harness
        .get_by_label("Include documents a coder has not started")
        .click();
    harness.run_ok();
    harness.get_by_label("Annotators: ana, ben · 6 document(s) compared");
    harness
        .get_by_label("Include documents a coder has not started")
        .click();
    harness.run_ok();
    harness.get_by_label("Annotators: ana, ben · 1 document(s) compared");
    harness.get_by_label("F1, exact match");
    assert!(
        harness.query_all_by_label("0.5000").count() >= 1,
        "F1 exact"
    );
    assert!(
        harness.query_all_by_label("0.7500").count() >= 1,
        "F1 partial"
    );

    harness.get_by_label("Diff and adjudication").click();
    harness.run_ok();
    harness.get_by_label("Accept PER Bjørn Aasheim").click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let gold: Vec<&Mention> = session
        .project
        .documents
        .values()
        .flat_map(|d| &d.mentions)
        .collect();
    assert_eq!(gold.len(), 1);
    let from = gold[0].provenance.as_ref().expect("provenance");
    assert_eq!(
        (from.annotators.clone(), from.adjudicator.as_str()),
        (vec!["ana".to_owned()], "lead")
    );
    harness.get_by_label("in gold");
    // The other side of the disagreement, rejected with the keyboard.
    harness.key_press(Key::R);
    harness.run_ok();
    harness.get_by_label("rejected");
    // The agreed item in bulk.
    harness
        .get_by_label("Accept all agreed (this document)")
        .click();
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .map(|s| s.project.mention_count()),
        Some(2)
    );

    // The stance unit: ana says oppose, ben support; take ben's.
    harness
        .get_by_label("Accept ben's stance coastal-ledger (author) support")
        .click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let stances: Vec<&stancemark::model::Stance> =
        session.project.stances().map(|(_, s)| s).collect();
    assert_eq!(stances.len(), 1);
    assert_eq!(stances[0].polarity, "support");
    assert_eq!(
        stances[0].provenance.as_ref().map(|p| p.annotators.clone()),
        Some(vec!["ben".to_owned()])
    );
    // The row says what gold holds now, and the header counts the stance
    // as settled (every layer is counted).
    harness.get_by_label("Stance coastal-ledger (author) in gold: support");
    harness.get_by_label_contains("0 stance(s), 0 relation(s), 0 quotation(s)");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    drop(harness);
    // Gold is a file of its own, made in the saves folder; the lead's own
    // save is not gold.
    let gold = saves.join("sample-corpus-gold.ron");
    assert!(gold.is_file(), "the gold project was made");
    assert!(
        !saves.join("sample-corpus-lead.ron").exists(),
        "nothing was adjudicated into the lead's own save"
    );
    let fresh = app(StartOptions {
        project: Some(gold),
        ..opts
    });
    let session = fresh.state().session.as_ref().expect("session");
    assert_eq!(session.project.mention_count(), 2, "the gold save reloads");
    let provenance: Vec<usize> = session
        .project
        .documents
        .values()
        .flat_map(|d| &d.mentions)
        .map(|m| m.provenance.as_ref().map_or(0, |p| p.annotators.len()))
        .collect();
    assert_eq!(
        provenance,
        [2, 1],
        "Norvik Chemicals (in the title) from both, Aasheim from ana"
    );
}

/// Ana's and Ben's saves with two mentions each, a relation both made,
/// and a quotation each: Ana's attributed to Aasheim, Ben's unattributed.
fn layered_saves(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    use stancemark::model::{
        Evidence, MentionId, Quotation, QuotationId, QuoteKind, Relation, RelationId,
    };
    let corpus = load_corpus(&sample_corpus(), u64::MAX, &()).expect("corpus");
    let doc = corpus
        .document("coastal-ledger/2026-03-16-norvik-denies.txt")
        .expect("doc");
    let span_of = |word: &str| {
        let byte = doc.text.find(word).expect("word");
        let start = stancemark::model::span::char_count_before(&doc.text, byte);
        CharSpan::new(start, start + word.chars().count())
    };
    let mut paths = Vec::new();
    for (name, speaker) in [("ana", Some(MentionId(1))), ("ben", None)] {
        let mut p = Project::new(name, Schema::builtin());
        p.attach(&corpus.documents);
        let mut edits = vec![
            Edit::AddMention {
                doc: doc.path.clone(),
                mention: Mention::new(doc, MentionId(1), span_of("Mr Aasheim"), "PER"),
            },
            Edit::AddMention {
                doc: doc.path.clone(),
                mention: Mention::new(doc, MentionId(2), span_of("Coastal Ledger"), "ORG"),
            },
            Edit::AddRelation {
                doc: doc.path.clone(),
                relation: Relation::new(RelationId(1), "meets", MentionId(1), MentionId(2)),
            },
        ];
        let mut q = Quotation::new(
            QuotationId(1),
            speaker,
            vec![Evidence::new(doc, span_of("Our tanks are intact"))],
            QuoteKind::Direct,
        );
        q.cue = Some(Evidence::new(doc, span_of("told")));
        edits.push(Edit::AddQuotation {
            doc: doc.path.clone(),
            quotation: q,
        });
        for e in edits {
            apply(&mut p, e).expect("edit");
        }
        let path = dir.join(format!("{name}.ron"));
        save_project(&path, &p, &sample_corpus()).expect("save");
        paths.push(path);
    }
    (paths[0].clone(), paths[1].clone())
}

#[test]
fn relations_and_quotations_are_adjudicated_version_by_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = layered_saves(dir.path());
    let opts = StartOptions {
        annotator: Some("lead".into()),
        ..options(&dir.path().join("saves"))
    };
    let mut harness = app(opts);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Review saves…").click();
    harness.run_ok();
    harness.get_by_label("Project files to review").focus();
    harness.run_ok();
    harness
        .get_by_label("Project files to review")
        .type_text(&format!("{}\n{}", a.display(), b.display()));
    harness.run_ok();
    harness.get_by_label("Open for review").click();
    harness.run_ok();
    // The gold project (made in the saves folder) opens, then the review.
    wait_for_label(&mut harness, "Diff and adjudication");
    harness.get_by_label("Diff and adjudication").click();
    harness.run_ok();
    // The relation first: refused until its mentions are in gold.
    let relation = "Accept Mr Aasheim meets ➡ Coastal Ledger";
    harness.get_by_label(relation).click();
    harness.run_ok();
    let gold = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        h.state().session.as_ref().expect("session").project.clone()
    };
    assert_eq!(gold(&harness).relation_count(), 0, "mentions first");
    harness
        .get_by_label("Accept all agreed (this document)")
        .click();
    harness.run_ok();
    harness.get_by_label(relation).click();
    harness.run_ok();
    let p = gold(&harness);
    assert_eq!(p.relation_count(), 1);
    let r = p
        .documents
        .values()
        .flat_map(|d| &d.relations)
        .next()
        .expect("relation");
    assert_eq!(
        r.provenance.as_ref().map(|x| x.annotators.clone()),
        Some(vec!["ana".to_owned(), "ben".to_owned()])
    );
    // Two versions of the quotation; take Ana's (attributed).
    harness
        .get_by_label_contains("Accept Mr Aasheim: “Our tanks are intact")
        .click();
    harness.run_ok();
    let p = gold(&harness);
    let entry = p
        .documents
        .values()
        .find(|d| !d.quotations.is_empty())
        .expect("a quotation in gold");
    let q = &entry.quotations[0];
    assert_eq!(
        q.speaker
            .and_then(|m| entry.mention(m))
            .map(|m| m.quote.exact.as_str()),
        Some("Mr Aasheim")
    );
    assert_eq!(q.cue.as_ref().map(|c| c.quote.exact.as_str()), Some("told"));
    assert_eq!(
        q.provenance.as_ref().map(|x| x.annotators.clone()),
        Some(vec!["ana".to_owned()])
    );
    harness.get_by_label_contains("Accept unattributed: “Our tanks are intact");
    // Undo takes the quotation back out.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(gold(&harness).quotation_count(), 0);
}
