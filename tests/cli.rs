//! The headless commands end to end, through the real binary.

mod common;

mod cli_common;

use cli_common::{annotate_all, stancemark};

use std::path::Path;
use std::process::Command;

use stancemark::io::{load_corpus, save_project};
use stancemark::model::{Edit, Project, Schema, apply};

#[test]
fn validate_and_stats_on_the_sample_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = common::copy_sample_corpus(dir.path());
    let mut project = annotate_all(
        &corpus,
        &[
            ("Aasheim", "PER"),
            ("佐藤美咲", "PER"),
            ("Port Avel", "GPE"),
        ],
    );
    // One entity for every "Aasheim" mention.
    let aasheim =
        stancemark::model::Entity::new(stancemark::model::EntityId(1), "Bjørn Aasheim", "PER");
    apply(&mut project, Edit::AddEntity { entity: aasheim }).expect("entity");
    let links: Vec<Edit> = project
        .documents
        .iter()
        .flat_map(|(path, d)| d.mentions.iter().map(move |m| (path.clone(), m)))
        .filter(|(_, m)| m.quote.exact == "Aasheim")
        .map(|(doc, m)| Edit::LinkMention {
            doc,
            id: m.id,
            entity: Some(stancemark::model::EntityId(1)),
        })
        .collect();
    apply(&mut project, Edit::Batch(links)).expect("links");
    // One claim and one stance held by that entity.
    let claim = stancemark::model::Claim {
        id: stancemark::model::ClaimId(1),
        text: "The sewer caused the spill".into(),
        note: String::new(),
    };
    apply(&mut project, Edit::AddClaim { claim }).expect("claim");
    let stance = stancemark::model::Stance::new(
        stancemark::model::StanceId(1),
        stancemark::model::Holder::Entity(stancemark::model::EntityId(1)),
        stancemark::model::Target::Claim(stancemark::model::ClaimId(1)),
        "support",
        vec![],
    );
    apply(
        &mut project,
        Edit::AddStance {
            doc: "coastal-ledger/2026-03-16-norvik-denies.txt".into(),
            stance,
        },
    )
    .expect("stance");
    let file = dir.path().join("saves/p.ron");
    save_project(&file, &project, &corpus).expect("save");
    let file_arg = file.to_str().expect("utf-8 path");

    let (code, out, err) = stancemark(&["validate", file_arg]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(": OK (6 documents, "), "{out}");

    // A lock held by a running process and recovery files are reported as
    // information; they are not problems.
    let lock = stancemark::io::lock::lock_path(&file);
    let holder =
        stancemark::io::lock::hold_as(&file, "pid 1\nhost some-other-host\nsince 1700000000\n")
            .expect("lock");
    let recovery = stancemark::io::recovery::recovery_path(&file);
    std::fs::write(&recovery, "x").expect("recovery");
    let (code, out, _) = stancemark(&["validate", file_arg]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "p.ron: open in another Stancemark: process 1 on some-other-host since 2023-11-14 22:13 UTC"
        ),
        "{out}"
    );
    assert!(
        out.contains("p.ron.recovery: the recovery file of the Stancemark running as process 1 on some-other-host"),
        "{out}"
    );
    drop(holder);
    let (_, out, _) = stancemark(&["validate", file_arg]);
    assert!(
        out.contains("p.ron: a stale lock was left by process 1 on some-other-host"),
        "a lock nobody holds (here: from another machine) is stale: {out}"
    );
    std::fs::remove_file(&lock).expect("unlock");
    let (_, out, _) = stancemark(&["validate", file_arg]);
    assert!(
        out.contains("p.ron.recovery: a recovery file that cannot be read ("),
        "{out}"
    );
    // An annotator's name is not work: nothing to recover.
    let mut renamed = project.clone();
    renamed.annotator = "changed".to_owned();
    stancemark::io::store::write_recovery_file(&recovery, &renamed, &corpus).expect("recovery");
    let (_, out, _) = stancemark(&["validate", file_arg]);
    assert!(
        out.contains("p.ron.recovery: holds nothing the project file lacks"),
        "{out}"
    );
    let mut changed = project.clone();
    let (path, entry) = changed.documents.iter().next().expect("a document");
    let (path, mut entry) = (path.clone(), (**entry).clone());
    entry.note = "only in the recovery file".to_owned();
    changed.documents.insert(path, std::sync::Arc::new(entry));
    stancemark::io::store::write_recovery_file(&recovery, &changed, &corpus).expect("recovery");
    let (_, out, _) = stancemark(&["validate", file_arg]);
    assert!(
        out.contains("p.ron.recovery: holds unsaved work the project file lacks; opening the project offers it"),
        "{out}"
    );
    std::fs::remove_file(&recovery).expect("rm");

    let (code, out, _) = stancemark(&["stats", file_arg, "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let aasheim = 4;
    let sato = 1;
    let port_avel = project
        .mentions_per_label()
        .iter()
        .find(|(l, _)| l == "GPE")
        .map_or(0, |(_, n)| *n);
    assert!(port_avel >= 5);
    assert_eq!(json["mentions"], aasheim + sato + port_avel);
    assert_eq!(json["mentions_per_type"]["PER"], aasheim + sato);
    assert_eq!(json["documents"], 6);
    assert_eq!(json["entities"], 1);
    assert_eq!(json["stances"], 1);
    assert_eq!(json["stances_per_polarity"]["support"], 1);
    assert_eq!(json["claims"][0]["stances"], 1);
    assert_eq!(json["linked_mentions"], aasheim);
    assert_eq!(json["entities_list"][0]["name"], "Bjørn Aasheim");
    assert_eq!(json["entities_list"][0]["mentions"], aasheim);
    assert_eq!(json["per_document"].as_array().map(Vec::len), Some(6));

    let (code, out, _) = stancemark(&["stats", file_arg]);
    assert_eq!(code, 0);
    assert!(out.contains("Mentions:   "), "{out}");
    assert!(out.contains("Entities:   1 (4 of "), "{out}");
    assert!(out.contains("Stances:    1 (1 claim(s))"), "{out}");

    // Change a document: validate names the file, the document and each problem.
    let article = corpus.join("nordwire/2026-03-16-lab-results.txt");
    let text = std::fs::read_to_string(&article).expect("read");
    std::fs::write(&article, text.replace("Dr 佐藤美咲", "Dr Sato")).expect("write");
    let (code, out, _) = stancemark(&["validate", file_arg]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "nordwire/2026-03-16-lab-results.txt: text changed since the annotations were made"
        ),
        "{out}"
    );
    assert!(out.contains("quotes \"佐藤美咲\""), "{out}");
    assert!(out.contains("problem(s)"), "{out}");
}

#[test]
fn unreadable_files_give_clear_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: \"stancemark-project\", version: 1, annotator: 7)",
    )
    .expect("write");
    let (code, _, err) = stancemark(&["validate", bad.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.ron:1:"), "{err}");
    let (code, _, err) = stancemark(&["stats", "/nonexistent/x.ron"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/x.ron"), "{err}");
}

#[test]
fn real_news_corpus_stats() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/news-2017-04-12");
    if !root.is_dir() {
        eprintln!(
            "skipping: {} is absent (it exists only beside the CI checkout)",
            root.display()
        );
        return;
    }
    let project = annotate_all(
        &root,
        &[("Putin", "PER"), ("Tillerson", "PER"), ("Moscow", "GPE")],
    );
    let putin = project
        .documents
        .values()
        .flat_map(|d| &d.mentions)
        .filter(|m| m.quote.exact == "Putin")
        .count();
    assert!(putin >= 5, "Putin appears in every article");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("news.ron");
    save_project(&file, &project, &root).expect("save");
    let file_arg = file.to_str().expect("utf-8");
    let (code, out, err) = stancemark(&["validate", file_arg]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = stancemark(&["stats", file_arg, "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["corpus_documents"], 5);
    assert_eq!(json["mentions"], project.mention_count());
}

/// The CLI end to end on the real news corpus: import a hand-written spaCy
/// JSONL of a few mentions, then export to every format.
#[test]
fn import_then_export_every_format_on_the_news_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/news-2017-04-12");
    if !root.is_dir() {
        eprintln!(
            "skipping: {} is absent (it exists only beside the CI checkout)",
            root.display()
        );
        return;
    }
    let corpus = load_corpus(&root, u64::MAX, &()).expect("corpus");
    let dir = tempfile::tempdir().expect("tempdir");
    // A few mentions per article, by path and quoted text (no article text is copied here).
    let mut lines = Vec::new();
    for d in &corpus.documents {
        let mut spans = Vec::new();
        for (word, label, qid) in [
            ("Putin", "PER", Some("Q7747")),
            ("Tillerson", "PER", None),
            ("Moscow", "GPE", Some("Q649")),
        ] {
            if let Some(byte) = d.text.find(word) {
                let start = stancemark::model::span::char_count_before(&d.text, byte);
                let mut span = serde_json::json!({"start": start, "end": start + word.chars().count(), "label": label, "text": word});
                if let Some(q) = qid {
                    span["kb_id"] = serde_json::json!(q);
                    span["entity_name"] = serde_json::json!(word);
                }
                spans.push(span);
            }
        }
        lines.push(serde_json::json!({"meta": {"path": d.path}, "spans": spans}).to_string());
    }
    let input = dir.path().join("hand.jsonl");
    std::fs::write(&input, lines.join("\n") + "\n").expect("write");
    let project = dir.path().join("news.ron");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        root.to_str().expect("utf-8"),
        "--format",
        "spacy",
        "--from",
        input.to_str().expect("utf-8"),
        "--out",
        project.to_str().expect("utf-8"),
        "--annotator",
        "ci",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("5 of 5 record(s) matched"), "{out}");
    let loaded = stancemark::io::load_project(&project).expect("project");
    assert!(loaded.project.mention_count() >= 10);
    assert_eq!(
        loaded
            .project
            .entities
            .values()
            .filter(|e| e.kb_id.is_some())
            .count(),
        2
    );

    for format in stancemark::io::export::ExportFormat::ALL {
        let target = dir.path().join(format.default_file_name());
        let (code, out, err) = stancemark(&[
            "export",
            project.to_str().expect("utf-8"),
            "--format",
            format.name(),
            "--out",
            target.to_str().expect("utf-8"),
        ]);
        // A format that cannot carry something (doccano has no entity
        // links) still writes the rest, lists each item and exits 1.
        let lossy = code == 1 && out.contains("cannot carry were left out");
        assert!(code == 0 || lossy, "{}: {out}{err}", format.name());
        if format.name() == "spacy" {
            assert_eq!(code, 0, "spaCy carries links: {out}{err}");
        }
        assert!(
            target.exists(),
            "{} wrote {}",
            format.name(),
            target.display()
        );
        match format.name() {
            "spacy" | "doccano" | "stances-jsonl" => {
                for line in std::fs::read_to_string(&target).expect("read").lines() {
                    serde_json::from_str::<serde_json::Value>(line).expect("every line is JSON");
                }
            }
            "w3c" => {
                serde_json::from_str::<serde_json::Value>(
                    &std::fs::read_to_string(&target).expect("read"),
                )
                .expect("JSON-LD");
            }
            "hf" => {
                assert!(
                    target.join("data.jsonl").is_file() && target.join("labels.json").is_file()
                );
            }
            "brat" => {
                assert_eq!(
                    std::fs::read_dir(&target)
                        .expect("ls")
                        .filter_map(Result::ok)
                        .filter(|e| e.path().extension().is_some_and(|x| x == "ann"))
                        .count(),
                    5
                );
            }
            "conll" => assert!(
                std::fs::read_to_string(&target)
                    .expect("read")
                    .starts_with("-DOCSTART- O")
            ),
            _ => {}
        }
        // An existing target is not replaced without --force.
        let (refused, _, err) = stancemark(&[
            "export",
            project.to_str().expect("utf-8"),
            "--format",
            format.name(),
            "--out",
            target.to_str().expect("utf-8"),
        ]);
        assert_eq!(refused, 2);
        assert!(err.contains("already exists"), "{err}");
        let (again, _, _) = stancemark(&[
            "export",
            project.to_str().expect("utf-8"),
            "--format",
            format.name(),
            "--out",
            target.to_str().expect("utf-8"),
            "--force",
        ]);
        assert_eq!(again, code, "{}: --force writes as before", format.name());
    }
}

/// `generate` writes a valid synthetic corpus and project, the same for the
/// same seed, and never writes into an existing folder.
#[test]
fn generate_writes_a_reproducible_valid_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = |name: &str| dir.path().join(name);
    let args = |o: &Path, seed: &str| {
        let (code, stdout, stderr) = stancemark(&[
            "generate",
            o.to_str().expect("utf-8"),
            "--docs",
            "30",
            "--words",
            "200",
            "--mentions",
            "300",
            "--stances",
            "30",
            "--seed",
            seed,
        ]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        stdout
    };
    let report = args(&out("a"), "5");
    assert!(report.contains("30 articles"), "{report}");
    args(&out("b"), "5");
    args(&out("c"), "6");
    let corpus = load_corpus(&out("a").join("corpus"), 1 << 20, &()).expect("corpus");
    assert_eq!(corpus.documents.len(), 30);
    let bytes = |o: &Path| std::fs::read(o.join("project.ron")).expect("project");
    assert_eq!(bytes(&out("a")), bytes(&out("b")), "same seed, same files");
    assert_ne!(bytes(&out("a")), bytes(&out("c")));
    let (code, stdout, stderr) = stancemark(&[
        "validate",
        out("a").join("project.ron").to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "the generated project is valid: {stdout}{stderr}");
    let (code, _, stderr) = stancemark(&["generate", out("a").to_str().expect("utf-8")]);
    assert_eq!(code, 2, "an error, as for any command that cannot run");
    assert!(stderr.contains("already exists"), "{stderr}");
}

/// `stancemark stats … | head -0`: the reader is gone before anything is
/// written; the command still does its work and says nothing about pipes.
#[test]
fn a_closed_output_pipe_is_not_an_error() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus");
    let dir = tempfile::tempdir().expect("tempdir");
    let project = annotate_all(&sample, &[("Norvik Chemicals", "ORG")]);
    let file = dir.path().join("p.ron");
    stancemark::io::save_project(&file, &project, &sample).expect("save");
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_stancemark"))
        .args(["stats", file.to_str().expect("utf-8")])
        .stdout(writer)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// An error names the file and says what is wrong once.
#[test]
fn a_missing_file_is_named_once() {
    let (code, _, err) = stancemark(&["stats", "/nonexistent-dir-9/p.ron"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "stancemark: /nonexistent-dir-9/p.ron: No such file or directory (os error 2)"
    );
}

/// `agree` reports the codebook per variable, in text and JSON.
#[test]
fn agree_reports_the_codebook_per_variable() {
    use stancemark::model::codebook::{Code, example_codebook};
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    for (name, text) in [("a.txt", "One 🐟."), ("b.txt", "Two."), ("c.txt", "Three.")] {
        std::fs::write(corpus.join(name), text).expect("write");
    }
    let loaded = load_corpus(&corpus, u64::MAX, &()).expect("corpus");
    let mut files = Vec::new();
    for (who, frames) in [
        ("ana", ["legal", "economic", "legal"]),
        ("ben", ["legal", "economic", "political"]),
    ] {
        let mut schema = Schema::builtin();
        schema.variables = example_codebook();
        let mut p = Project::new(who, schema);
        p.attach(&loaded.documents);
        for (doc, frame) in ["a.txt", "b.txt", "c.txt"].iter().zip(frames) {
            apply(
                &mut p,
                Edit::SetCode {
                    doc: (*doc).into(),
                    variable: "frame".into(),
                    value: Some(Code::Choice(frame.into())),
                },
            )
            .expect("code");
        }
        let file = dir.path().join(format!("{who}.ron"));
        save_project(&file, &p, &corpus).expect("save");
        files.push(file);
    }
    let args = |json: bool| {
        let mut a = vec!["agree".to_owned()];
        a.extend(files.iter().map(|f| f.display().to_string()));
        if json {
            a.push("--json".into());
        }
        a
    };
    let text_args = args(false);
    let (code, out, err) = stancemark(&text_args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Codebook, per variable"), "{out}");
    assert!(
        out.contains("frame") && out.contains("alpha (nominal)") && out.contains("(3 document(s))"),
        "{out}"
    );
    let json_args = args(true);
    let (code, out, err) = stancemark(&json_args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let frame = v["codebook"]
        .as_array()
        .expect("codebook")
        .iter()
        .find(|x| x["variable"] == "frame")
        .expect("frame")
        .clone();
    assert_eq!(frame["metric"], "nominal");
    assert_eq!(frame["documents"], 3);
    let percent = frame["percent"].as_f64().expect("percent");
    assert!((percent - 2.0 / 3.0).abs() < 1e-9, "{frame}");
    assert!(frame["alpha"].is_number(), "{frame}");
}
