//! Agreement and merge through the CLI on two generated saves of the real
//! news corpus that differ in known ways, with hand-computed values.

use std::path::{Path, PathBuf};
use std::process::Command;

use stancemark::io::{load_corpus, load_project, save_project};
use stancemark::model::{
    CharSpan, Claim, ClaimId, Document, Edit, Entity, EntityId, Holder, Mention, Project, Schema,
    Stance, StanceId, Target, apply,
};

fn shared_corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/news-2017-04-12");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "skipping: {} is absent (it exists only beside the CI checkout)",
            path.display()
        );
        None
    }
}

fn span(doc: &Document, text: &str) -> CharSpan {
    let byte = doc.text.find(text).expect("text in the article");
    let start = stancemark::model::span::char_count_before(&doc.text, byte);
    CharSpan::new(start, start + text.chars().count())
}

struct Spec<'a> {
    annotator: &'a str,
    putin_name: &'a str,
    mentions: &'a [(&'a str, &'a str)],
    claim_polarity: &'a str,
}

fn save(root: &Path, spec: &Spec<'_>, file: &Path) {
    let corpus = load_corpus(root, u64::MAX, &()).expect("corpus");
    let doc = &corpus.documents[0];
    let mut p = Project::new(spec.annotator, Schema::builtin());
    p.attach(&corpus.documents);
    let mut putin = Entity::new(EntityId(1), spec.putin_name, "PER");
    putin.kb_id = Some("Q7747".into());
    apply(&mut p, Edit::AddEntity { entity: putin }).expect("entity");
    let claim = Claim {
        id: ClaimId(1),
        text: "Trust has deteriorated".into(),
        note: String::new(),
    };
    apply(&mut p, Edit::AddClaim { claim }).expect("claim");
    for (text, label) in spec.mentions {
        let id = p.documents[&doc.path].next_mention_id();
        let mut m = Mention::new(doc, id, span(doc, text), *label);
        if *text == "Vladimir Putin" {
            m.entity = Some(EntityId(1));
        }
        apply(
            &mut p,
            Edit::AddMention {
                doc: doc.path.clone(),
                mention: m,
            },
        )
        .expect("mention");
    }
    let evidence = vec![stancemark::model::Evidence::new(
        doc,
        span(doc, "has not improved, but rather has deteriorated"),
    )];
    let s1 = Stance::new(
        StanceId(1),
        Holder::Entity(EntityId(1)),
        Target::Claim(ClaimId(1)),
        spec.claim_polarity,
        evidence,
    );
    let s2 = Stance::new(
        StanceId(2),
        Holder::Author,
        Target::Topic("Russia".into()),
        "support",
        vec![],
    );
    for stance in [s1, s2] {
        apply(
            &mut p,
            Edit::AddStance {
                doc: doc.path.clone(),
                stance,
            },
        )
        .expect("stance");
    }
    save_project(file, &p, root).expect("save");
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stancemark"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn agree_and_merge_on_known_differences() {
    let Some(root) = shared_corpus() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    // A: Vladimir Putin, Donald Trump, Washington. B: Vladimir Putin, Trump
    // (overlaps Donald Trump), Russia (A does not have it). Stances: same two
    // units; on the claim A says oppose and B support; on the topic both support.
    save(
        &root,
        &Spec {
            annotator: "ana",
            putin_name: "Vladimir Putin",
            mentions: &[
                ("Vladimir Putin", "PER"),
                ("Donald Trump", "PER"),
                ("Washington", "GPE"),
            ],
            claim_polarity: "oppose",
        },
        &a,
    );
    save(
        &root,
        &Spec {
            annotator: "ben",
            putin_name: "Putin",
            mentions: &[
                ("Vladimir Putin", "PER"),
                ("Trump", "PER"),
                ("Russia", "GPE"),
            ],
            claim_polarity: "support",
        },
        &b,
    );
    let (code, out, err) = run(&[
        "agree",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let num = |x: &serde_json::Value| x.as_f64().expect("a number");
    // Exact: 1 of 3 on each side. Partial: 1 + 0.5 of 3.
    assert!((num(&v["mentions"]["f1_exact"]) - 1.0 / 3.0).abs() < 1e-4);
    assert!((num(&v["mentions"]["f1_partial"]) - 0.5).abs() < 1e-4);
    let kappa = num(&v["mentions"]["cohen_kappa"]);
    assert!(kappa > 0.0 && kappa < 1.0, "{kappa}");
    assert!(v["mentions"]["fleiss_kappa"].is_f64());
    assert!(v["mentions"]["alpha_nominal"].is_f64());
    assert!(v["mentions"]["alpha_unitizing"].is_f64());
    assert_eq!(
        num(&v["mentions"]["linking"]),
        1.0,
        "same QID, different names: same entity"
    );
    // Stances: units (oppose, support) and (support, support): p_o = 0.5 = p_e, so kappa 0; alpha 1 - 3*2/6 = 0.
    assert_eq!(v["stances"]["units"], 2);
    assert!(num(&v["stances"]["cohen_kappa"]).abs() < 1e-9);
    assert!(num(&v["stances"]["alpha_nominal"]).abs() < 1e-9);
    assert!(
        (num(&v["per_type"]["PER"]["f1_exact"]) - 0.5).abs() < 1e-4,
        "PER: 1 of 2 each"
    );
    assert_eq!(num(&v["per_type"]["GPE"]["f1_exact"]), 0.0);
    assert_eq!(
        v["per_document"][0]["disagreements"], 4,
        "the first article has all the differences"
    );
    // Only the article both annotated is compared; the four neither
    // started are listed as left out, not counted as agreement on nothing.
    assert_eq!(v["compared"].as_array().map(Vec::len), Some(1));
    let left_out = v["left_out"].as_array().expect("left out");
    assert_eq!(left_out.len(), 4, "{left_out:?}");
    assert!(
        left_out[0]
            .as_str()
            .is_some_and(|l| l.contains("has not started it")),
        "{left_out:?}"
    );
    let (code, all, err) = run(&[
        "agree",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
        "--json",
        "--all-documents",
    ]);
    assert_eq!(code, 0, "{err}");
    let all: serde_json::Value = serde_json::from_str(&all).expect("json");
    assert_eq!(all["compared"].as_array().map(Vec::len), Some(5));

    let (code, text, _) = run(&[
        "agree",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0);
    assert!(
        text.contains("F1 exact") && text.contains("0.3333"),
        "{text}"
    );

    // The diff of the first article: two stance units, one agreed.
    let saves: Vec<stancemark::review::agreement::ReviewSave> = [&a, &b]
        .iter()
        .map(|f| {
            let p = load_project(f).expect("save").project;
            stancemark::review::agreement::ReviewSave {
                name: p.annotator.clone(),
                project: p,
            }
        })
        .collect();
    let corpus = load_corpus(&root, u64::MAX, &()).expect("corpus");
    let units = stancemark::review::adjudicate::document_stance_items(&saves, &corpus.documents[0]);
    assert_eq!(units.len(), 2);
    assert_eq!(units.iter().filter(|u| u.agreed()).count(), 1);
    let items = stancemark::review::adjudicate::document_items(&saves, &corpus.documents[0]);
    assert_eq!(items.len(), 5);
    assert_eq!(items.iter().filter(|i| i.agreed()).count(), 1);

    let gold = dir.path().join("gold.ron");
    let (code, out, err) = run(&[
        "merge",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
        "--strategy",
        "agreed",
        "--out",
        gold.to_str().expect("utf-8"),
        "--adjudicator",
        "lead",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let gold = load_project(&gold).expect("gold").project;
    let mentions: Vec<&Mention> = gold.documents.values().flat_map(|d| &d.mentions).collect();
    assert_eq!(mentions.len(), 1, "only Vladimir Putin is agreed");
    assert_eq!(mentions[0].quote.exact, "Vladimir Putin");
    let from = mentions[0].provenance.as_ref().expect("provenance");
    assert_eq!(
        (from.annotators.clone(), from.adjudicator.as_str()),
        (vec!["ana".to_owned(), "ben".to_owned()], "lead")
    );
    assert_eq!(
        gold.entities
            .values()
            .next()
            .and_then(|e| e.kb_id.as_deref()),
        Some("Q7747"),
        "linked: both agree on the entity"
    );
    let stances: Vec<&Stance> = gold.documents.values().flat_map(|d| &d.stances).collect();
    assert_eq!(stances.len(), 1, "only the agreed stance");
    assert_eq!(stances[0].target, Target::Topic("Russia".into()));

    let majority = dir.path().join("majority.ron");
    let (code, _, _) = run(&[
        "merge",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
        "--strategy",
        "majority",
        "--out",
        majority.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        load_project(&majority)
            .expect("gold")
            .project
            .mention_count(),
        1,
        "with two annotators a majority is both"
    );
}

#[test]
fn degenerate_cases_say_not_defined() {
    let Some(root) = shared_corpus() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = load_corpus(&root, u64::MAX, &()).expect("corpus");
    let mut empty = Project::new("x", Schema::builtin());
    empty.attach(&corpus.documents);
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    save_project(&a, &empty, &root).expect("save");
    empty.annotator = "y".into();
    save_project(&b, &empty, &root).expect("save");
    let (code, out, _) = run(&[
        "agree",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
        "--json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(v["mentions"]["f1_exact"].is_null());
    assert!(
        v["mentions"]["f1_exact_note"]
            .as_str()
            .expect("note")
            .starts_with("not defined")
    );
    assert!(
        v["mentions"]["cohen_kappa"].is_null(),
        "every token is O: one category only"
    );
    assert!(v["stances"]["alpha_nominal"].is_null());
}
