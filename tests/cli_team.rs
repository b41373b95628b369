//! `stancemark team init|assign|status` (issue 18): the team file, a
//! balanced assignment with overlap, re-assignment when someone leaves, and
//! the dashboard over three saves made for the test.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::stancemark;
use stancemark::io::{load_corpus, save_project};
use stancemark::model::{CharSpan, DocStatus, Edit, Mention, MentionId, Project, Schema, apply};

fn corpus(dir: &Path) -> PathBuf {
    let root = dir.join("corpus");
    for (path, text) in [
        (
            "north/a.txt",
            "Anna Berg met Jonas Holm in Lyon on Monday. 🐟",
        ),
        (
            "north/b.txt",
            "Norvik Chemicals denied it. 佐藤美咲 disagreed.",
        ),
        ("south/c.txt", "The river turned white. Anna Berg spoke."),
        (
            "south/d.txt",
            "Lyon is far from Port Avel. Jonas Holm said so.",
        ),
    ] {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(file, text).expect("write");
    }
    root
}

fn team_file(corpus: &Path) -> serde_json::Value {
    // The assignment, read back through the status JSON's counts is
    // indirect; the file itself is RON, so read the lines that matter.
    let text = std::fs::read_to_string(corpus.join("team.ron")).expect("team.ron");
    let mut map = serde_json::Map::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| l.ends_with("],") && l.starts_with('"'))
    {
        let (path, coders) = line.split_once(": ").expect("pair");
        let coders: Vec<String> = coders
            .trim_end_matches(',')
            .trim_matches(['[', ']'])
            .split(", ")
            .map(|c| c.trim_matches('"').to_owned())
            .collect();
        map.insert(path.trim_matches('"').to_owned(), serde_json::json!(coders));
    }
    serde_json::Value::Object(map)
}

/// A save by `who`: the given words of each document as PER mentions, and
/// the documents' statuses.
fn save(
    corpus: &Path,
    saves: &Path,
    who: &str,
    words: &[(&str, &str)],
    status: &[(&str, DocStatus)],
) {
    let c = load_corpus(corpus, u64::MAX, &()).expect("corpus");
    let mut p = Project::new(who, Schema::builtin());
    p.attach(&c.documents);
    for (n, (path, word)) in words.iter().enumerate() {
        let doc = c.documents.iter().find(|d| d.path == *path).expect("doc");
        let at = doc.text.find(word).expect("word");
        let start = doc.text[..at].chars().count();
        let span = CharSpan::new(start, start + word.chars().count());
        let mention = Mention::new(doc, MentionId(n as u64 + 1), span, "PER");
        apply(
            &mut p,
            Edit::AddMention {
                doc: doc.path.clone(),
                mention,
            },
        )
        .expect("mention");
    }
    for (path, s) in status {
        apply(
            &mut p,
            Edit::SetStatus {
                doc: (*path).to_owned(),
                status: *s,
            },
        )
        .expect("status");
    }
    std::fs::create_dir_all(saves).expect("mkdir");
    save_project(&saves.join(format!("{who}.ron")), &p, corpus).expect("save");
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8")
}

#[test]
fn init_assign_status_and_reassign() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus(dir.path());
    let saves = dir.path().join("saves");
    let (code, out, err) = stancemark(&[
        "team",
        "init",
        "--corpus",
        s(&corpus),
        "--annotators",
        "ana,ben,cleo",
        "--guidelines",
        "https://example.org/codebook",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    // Not replaced without --force.
    let (code, _, err) = stancemark(&["team", "init", "--corpus", s(&corpus), "--annotators", "x"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("team.ron exists; --force replaces it"),
        "{err}"
    );
    let (code, out, err) = stancemark(&[
        "team",
        "assign",
        "--corpus",
        s(&corpus),
        "--annotators",
        "ana,ben,cleo",
        "--overlap",
        "0.5",
        "--seed",
        "4",
        "--saves",
        s(&saves),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Assigned 4 document(s) to 3 annotator(s), 2 of them to 2 each"),
        "{out}"
    );
    let assignment = team_file(&corpus);
    let obj = assignment.as_object().expect("map");
    assert_eq!(obj.len(), 4, "{assignment}");
    assert_eq!(
        obj.values()
            .filter(|v| v.as_array().map_or(0, Vec::len) == 2)
            .count(),
        2
    );
    // The same seed again (fresh) gives the same file.
    let before = std::fs::read_to_string(corpus.join("team.ron")).expect("read");
    let (code, _, err) = stancemark(&[
        "team",
        "assign",
        "--corpus",
        s(&corpus),
        "--annotators",
        "ana,ben,cleo",
        "--overlap",
        "0.5",
        "--seed",
        "4",
        "--saves",
        s(&saves),
        "--fresh",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(corpus.join("team.ron")).expect("read"),
        before
    );

    // Three saves: both coders of each overlap document finish it, with
    // the same mentions on one and different ones on the other.
    let overlap: Vec<String> = obj
        .iter()
        .filter(|(_, v)| v.as_array().map_or(0, Vec::len) == 2)
        .map(|(p, _)| p.clone())
        .collect();
    let word_of = |path: &str| match path {
        "north/a.txt" => "Anna Berg",
        "north/b.txt" => "佐藤美咲",
        "south/c.txt" => "Anna Berg",
        _ => "Jonas Holm",
    };
    for who in ["ana", "ben", "cleo"] {
        let mine: Vec<String> = obj
            .iter()
            .filter(|(_, v)| v.as_array().is_some_and(|a| a.iter().any(|c| c == who)))
            .map(|(p, _)| p.clone())
            .collect();
        let words: Vec<(&str, &str)> = mine.iter().map(|p| (p.as_str(), word_of(p))).collect();
        let status: Vec<(&str, DocStatus)> =
            mine.iter().map(|p| (p.as_str(), DocStatus::Done)).collect();
        save(&corpus, &saves, who, &words, &status);
    }
    let (code, out, err) = stancemark(&[
        "team",
        "status",
        "--corpus",
        s(&corpus),
        "--saves",
        s(&saves),
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let annotators = v["annotators"].as_array().expect("annotators");
    assert_eq!(annotators.len(), 3);
    let total_assigned: u64 = annotators
        .iter()
        .map(|a| a["assigned"].as_u64().unwrap_or(0))
        .sum();
    let total_done: u64 = annotators
        .iter()
        .map(|a| a["done"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!((total_assigned, total_done), (6, 6), "{out}");
    assert!(
        annotators.iter().all(|a| a["last_change"].is_string()),
        "{out}"
    );
    let outlets: Vec<&str> = v["outlets"]
        .as_array()
        .expect("outlets")
        .iter()
        .map(|o| o["outlet"].as_str().expect("name"))
        .collect();
    assert_eq!(outlets, ["north", "south"]);
    // Identical mentions on the finished overlap documents: full agreement.
    let pairs = v["agreement"].as_array().expect("agreement");
    let compared: u64 = pairs
        .iter()
        .map(|p| p["documents"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(compared, 2, "{out}");
    for p in pairs {
        assert_eq!(p["mentions_f1"]["value"].as_f64(), Some(1.0), "{out}");
        assert_eq!(p["reading"], "good", "{out}");
    }
    let mut waiting: Vec<String> = v["waiting_for_adjudication"]
        .as_array()
        .expect("waiting")
        .iter()
        .map(|w| w.as_str().expect("path").to_owned())
        .collect();
    waiting.sort();
    let mut expected = overlap.clone();
    expected.sort();
    assert_eq!(waiting, expected);
    // Text form: the reading and its thresholds.
    let (code, out, _) = stancemark(&[
        "team",
        "status",
        "--corpus",
        s(&corpus),
        "--saves",
        s(&saves),
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Krippendorff: ≥ 0.800 good, ≥ 0.667 tentative"),
        "{out}"
    );
    assert!(out.contains("(good)"), "{out}");

    // Ben leaves: only his unfinished documents move. He finished all of
    // his, so mark one of them unfinished first.
    let bens: Vec<String> = coders_of(obj, "ben");
    let words: Vec<(&str, &str)> = bens.iter().map(|p| (p.as_str(), word_of(p))).collect();
    let status: Vec<(&str, DocStatus)> = bens
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                p.as_str(),
                if i == 0 {
                    DocStatus::InProgress
                } else {
                    DocStatus::Done
                },
            )
        })
        .collect();
    save(&corpus, &saves, "ben", &words, &status);
    let (code, out, err) = stancemark(&[
        "team",
        "assign",
        "--corpus",
        s(&corpus),
        "--annotators",
        "ana,cleo",
        "--saves",
        s(&saves),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Moved 1 document(s)"), "{out}");
    let after = team_file(&corpus);
    for (path, before) in obj {
        let now = &after[path];
        if path == &bens[0] {
            assert!(
                !now.as_array().expect("list").iter().any(|c| c == "ben"),
                "{path}: {now}"
            );
        } else {
            assert_eq!(now, before, "{path}");
        }
    }
}

fn coders_of(obj: &serde_json::Map<String, serde_json::Value>, who: &str) -> Vec<String> {
    obj.iter()
        .filter(|(_, v)| v.as_array().is_some_and(|a| a.iter().any(|c| c == who)))
        .map(|(p, _)| p.clone())
        .collect()
}

#[test]
fn a_broken_team_file_or_save_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus(dir.path());
    let saves = dir.path().join("saves");
    std::fs::write(
        corpus.join("team.ron"),
        "(format: \"something-else\", version: 1, annotators: [])",
    )
    .expect("write");
    let (code, _, err) = stancemark(&[
        "team",
        "status",
        "--corpus",
        s(&corpus),
        "--saves",
        s(&saves),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("team.ron: not a team file (format \"something-else\""),
        "{err}"
    );
    let (code, _, _) = stancemark(&[
        "team",
        "init",
        "--corpus",
        s(&corpus),
        "--annotators",
        "ana,ben",
        "--force",
    ]);
    assert_eq!(code, 0);
    std::fs::create_dir_all(&saves).expect("mkdir");
    std::fs::write(saves.join("broken.ron"), "(not a project").expect("write");
    let (code, out, _) = stancemark(&[
        "team",
        "status",
        "--corpus",
        s(&corpus),
        "--saves",
        s(&saves),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Could not read: ") && out.contains("broken.ron"),
        "{out}"
    );
}

#[test]
fn the_team_schema_may_live_in_a_file_of_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus(dir.path());
    let schema = dir.path().join("shared/schema.ron");
    std::fs::create_dir_all(schema.parent().expect("parent")).expect("mkdir");
    std::fs::write(&schema, stancemark::io::schema_file::DEFAULT_SCHEMA_RON).expect("write");
    let team = dir.path().join("shared/team.ron");
    let (code, out, err) = stancemark(&[
        "team",
        "init",
        "--corpus",
        s(&corpus),
        "--annotators",
        "ana,ben",
        "--schema",
        s(&schema),
        "--team",
        s(&team),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(&team).expect("team");
    assert!(
        text.contains("schema: Some(File(\"schema.ron\"))"),
        "{text}"
    );
    let read = stancemark::io::team_file::read_team(&team).expect("reads");
    assert_eq!(
        read.schema,
        Some(stancemark::io::schema_file::default_schema())
    );
    assert_eq!(read.schema_file.as_deref(), Some("schema.ron"));
    // A broken schema file is named.
    std::fs::write(&schema, "(entity_types: [").expect("write");
    let e = stancemark::io::team_file::read_team(&team).expect_err("refused");
    assert!(e.to_string().contains("schema.ron"), "{e}");
}

#[test]
fn documents_straight_in_the_corpus_folder_are_under_no_outlet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    for name in ["a.txt", "b:c.txt"] {
        std::fs::write(corpus.join(name), "Anna Berg spoke.").expect("write");
    }
    let saves = dir.path().join("saves");
    let team = saves.join("team.ron");
    let (code, out, err) = stancemark(&[
        "team",
        "init",
        "--corpus",
        s(&corpus),
        "--annotators",
        "ana,ben",
        "--team",
        s(&team),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = stancemark(&[
        "team",
        "assign",
        "--corpus",
        s(&corpus),
        "--annotators",
        "ana,ben",
        "--overlap",
        "0.5",
        "--team",
        s(&team),
        "--saves",
        s(&saves),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = stancemark(&[
        "team",
        "status",
        "--corpus",
        s(&corpus),
        "--saves",
        s(&saves),
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["outlets"][0]["outlet"], "(no outlet)");
    assert_eq!(v["outlets"][0]["assigned"], 3, "b:c.txt is assigned too");
}

/// Team input that would leave documents to nobody, print control
/// characters to a terminal, name people twice, assign documents the corpus
/// lacks, or read a file outside the team's folder is refused or reported.
#[test]
fn team_input_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus(dir.path());
    let team = corpus.join("team.ron");
    let init = |names: &str| {
        stancemark(&[
            "team",
            "init",
            "--corpus",
            s(&corpus),
            "--annotators",
            names,
            "--force",
        ])
    };
    // Control characters in a name are refused, and printed escaped.
    let (code, _, err) = init("ana,b\u{1b}[2Jen\u{7}");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("control character"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    let (code, out, err) = init("ana,ben");
    assert_eq!(code, 0, "{out}{err}");
    // --per-doc 0 would leave documents to nobody.
    let assign = |per_doc: &str, overlap: &str| {
        stancemark(&[
            "team",
            "assign",
            "--corpus",
            s(&corpus),
            "--annotators",
            "ana,ben",
            "--per-doc",
            per_doc,
            "--overlap",
            overlap,
            "--saves",
            s(&dir.path().join("saves")),
            "--team",
            s(&team),
        ])
    };
    for (per_doc, overlap) in [("0", "0.5"), ("0", "0"), ("1", "0.5")] {
        let (code, _, err) = assign(per_doc, overlap);
        assert_eq!(code, 2, "--per-doc {per_doc} --overlap {overlap}: {err}");
        assert!(err.contains("at least 2 annotators"), "{err}");
    }
    let (code, out, err) = assign("2", "0.5");
    assert_eq!(code, 0, "{out}{err}");
    let good = std::fs::read_to_string(&team).expect("team");
    let status = || {
        stancemark(&[
            "team",
            "status",
            "--corpus",
            s(&corpus),
            "--saves",
            s(&dir.path().join("saves")),
            "--team",
            s(&team),
        ])
    };
    // Hand edits: a name twice, an empty name.
    for (text, said) in [
        (
            good.replacen("        \"ben\",\n", "        \"ana\",\n", 1),
            "named twice",
        ),
        (
            good.replacen("        \"ben\",\n", "        \"\",\n", 1),
            "named twice or is empty",
        ),
    ] {
        assert_ne!(text, good, "the edit applies");
        std::fs::write(&team, &text).expect("write");
        let (code, _, err) = status();
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(said), "{err}");
    }
    // A schema file outside the team's folder is never read.
    let mut outside = stancemark::io::team_file::read_team(&{
        std::fs::write(&team, &good).expect("restore");
        team.clone()
    })
    .expect("reads");
    outside.schema_file = Some("/etc/passwd".into());
    stancemark::io::team_file::write_team(&team, &outside).expect("write");
    let (code, _, err) = status();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not beside the team file"), "{err}");
    std::fs::write(&team, &good).expect("restore");
    // A document the corpus lacks is reported (exit 1).
    let with_extra = good.replacen(
        "assignment: {",
        "assignment: {\n    \"gone/x.txt\": [\"ana\"],",
        1,
    );
    assert_ne!(with_extra, good);
    std::fs::write(&team, &with_extra).expect("write");
    let (code, out, err) = status();
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("assigns \"gone/x.txt\", which is not in the corpus"),
        "{out}"
    );
    assert!(stancemark::io::team_file::is_beside("schema.ron"));
    assert!(stancemark::io::team_file::is_beside("schemas/team.ron"));
    for outside in ["/etc/passwd", "../schema.ron", "a/../../b.ron", ""] {
        assert!(!stancemark::io::team_file::is_beside(outside), "{outside}");
    }
}
