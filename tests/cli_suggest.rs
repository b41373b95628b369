//! `stancemark suggest` (issue 17, part 3): a model command given the
//! documents as JSON lines answers spans that become suggestions; a command
//! that exits 1, prints garbage, names a document it was not sent, or hangs
//! leaves the project byte-identical and explains itself.

mod cli_common;

use cli_common::stancemark;
use stancemark::io::load_project;

/// A corpus of two documents and an empty project over it; returns the
/// project path.
fn setup(dir: &std::path::Path) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("a.txt"), "🐟 Norvik Chemicals denied it.").expect("a");
    std::fs::write(corpus.join("b.txt"), "佐藤美咲 met Lavrov.").expect("b");
    let project = dir.join("p.ron");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        corpus.to_str().expect("utf8"),
        "--format",
        "spacy",
        "--from",
        write(dir, "empty.jsonl", "").to_str().expect("utf8"),
        "--out",
        project.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    project
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// A model script: reads every request (saving them for the test to look
/// at), then prints `answer`.
fn script(dir: &std::path::Path, answer: &str, tail: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let requests = dir.join("requests.jsonl");
    let name = format!("answers-{}.jsonl", N.fetch_add(1, Ordering::Relaxed));
    let answers = write(dir, &name, answer);
    format!(
        "cat > '{}'; cat '{}'; {tail}",
        requests.display(),
        answers.display()
    )
}

#[test]
fn a_model_command_adds_suggestions_with_entities() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = setup(dir.path());
    // Offsets in code points: the fish is one.
    let answer = concat!(
        r#"{"path": "a.txt", "spans": [{"start": 2, "end": 18, "label": "ORG", "score": 0.9, "kb_id": "Q42", "entity": "Norvik Chemicals"}, {"start": 19, "end": 25, "label": "MISC", "score": 0.2}]}"#,
        "\n\n",
        r#"{"path": "b.txt", "spans": [{"start": 0, "end": 4, "label": "PER"}]}"#,
        "\n"
    );
    let command = script(dir.path(), answer, "exit 0");
    let (code, out, err) = stancemark(&[
        "suggest",
        project.to_str().expect("utf8"),
        "--command",
        &command,
        "--min-score",
        "0.5",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("2 suggestion(s) added from 2 document(s) sent; 1 below --min-score 0.5"),
        "{out}"
    );
    // What the command was sent: path, text and the schema's types.
    let sent = std::fs::read_to_string(dir.path().join("requests.jsonl")).expect("requests");
    let first: serde_json::Value =
        serde_json::from_str(sent.lines().next().expect("a line")).expect("json");
    assert_eq!(first["path"], "a.txt");
    assert_eq!(first["text"], "🐟 Norvik Chemicals denied it.");
    assert!(
        first["types"]
            .as_array()
            .expect("types")
            .iter()
            .any(|t| t == "PER")
    );
    let p = load_project(&project).expect("load").project;
    let a = &p.documents["a.txt"];
    assert!(a.mentions.is_empty(), "proposals, not mentions");
    let prop = &a.proposals[0];
    assert_eq!(
        (prop.text.as_str(), prop.label.as_str(), prop.score),
        ("Norvik Chemicals", "ORG", Some(900))
    );
    assert_eq!(&*prop.source, command.as_str());
    let entity = &p.entities[&prop.entity.expect("linked")];
    assert_eq!(
        (entity.name.as_str(), entity.kb_id.as_deref()),
        ("Norvik Chemicals", Some("Q42"))
    );
    assert_eq!(p.documents["b.txt"].proposals[0].text, "佐藤美咲");
    // The suggester offers them (with no score, 1.0), and a second run
    // adds nothing new.
    let corpus = stancemark::io::load_corpus(&dir.path().join("corpus"), u64::MAX, &())
        .expect("corpus")
        .documents;
    let s = stancemark::model::suggest::Suggester::build(&p, &corpus);
    let offered = s.suggestions(0, &p.documents["a.txt"]);
    assert_eq!(offered.len(), 1);
    assert!((offered[0].score - 0.9).abs() < 1e-9);
    let (code, out, err) = stancemark(&[
        "suggest",
        project.to_str().expect("utf8"),
        "--command",
        &command,
        "--min-score",
        "0.5",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 suggestion(s) added"), "{out}");
    assert!(out.contains("2 already there"), "{out}");
    // --docs sends only those.
    let (code, out, err) = stancemark(&[
        "suggest",
        project.to_str().expect("utf8"),
        "--command",
        &script(dir.path(), "", "exit 0"),
        "--docs",
        "b.txt",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let sent = std::fs::read_to_string(dir.path().join("requests.jsonl")).expect("requests");
    assert_eq!(sent.lines().count(), 1);
    assert!(sent.contains("\"path\":\"b.txt\""), "{sent}");
}

#[test]
fn a_failing_or_garbled_model_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = setup(dir.path());
    let before = std::fs::read(&project).expect("read");
    let good = r#"{"path": "a.txt", "spans": [{"start": 2, "end": 18, "label": "ORG"}]}"#;
    let cases: [(String, &str); 5] = [
        (
            script(
                dir.path(),
                &format!("{good}\n"),
                "echo 'model not found' >&2; exit 1",
            ),
            "exited with exit status: 1; it said: model not found",
        ),
        (
            script(dir.path(), &format!("{good}\nthis is not json\n"), "exit 0"),
            "output line 2: not valid JSON",
        ),
        (
            script(dir.path(), r#"{"path": "zzz.txt", "spans": []}"#, "exit 0"),
            "output line 1: document \"zzz.txt\" was not sent",
        ),
        (
            script(
                dir.path(),
                r#"{"path": "a.txt", "spans": [{"start": 5, "end": 500, "label": "ORG"}]}"#,
                "exit 0",
            ),
            "output line 1: span 1: [5, 500) is empty or past the end of the text (29 code points)",
        ),
        (
            "cat > /dev/null; sleep 30".to_owned(),
            "did not finish within 1 s",
        ),
    ];
    for (command, says) in cases {
        let (code, out, err) = stancemark(&[
            "suggest",
            project.to_str().expect("utf8"),
            "--command",
            &command,
            "--timeout",
            "1",
        ]);
        assert_eq!(code, 2, "{command}: {out}{err}");
        assert!(err.contains(says), "{command}: {err}");
        assert_eq!(
            std::fs::read(&project).expect("read"),
            before,
            "{command}: byte-identical"
        );
    }
}

#[test]
fn a_file_not_sent_is_listed_and_a_held_project_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = setup(dir.path());
    // A corpus file whose name is not UTF-8 cannot be read, so it is not
    // sent: listed, exit 1.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(dir.path().join("corpus").join(name), "Lavrov said no.").expect("odd");
        let (code, out, err) = stancemark(&[
            "suggest",
            project.to_str().expect("utf8"),
            "--command",
            "cat > /dev/null",
        ]);
        assert_eq!(code, 1, "{out}{err}");
        assert!(
            out.contains("not sent to the model: the file name is not valid UTF-8"),
            "{out}"
        );
    }
    // While another Stancemark holds the project, suggest writes nothing.
    let before = std::fs::read(&project).expect("read");
    let held = stancemark::io::lock::lock_for_writing(&project).expect("lock");
    let (code, out, err) = stancemark(&[
        "suggest",
        project.to_str().expect("utf8"),
        "--command",
        "cat > /dev/null",
    ]);
    drop(held);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("is open in Stancemark") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(std::fs::read(&project).expect("read"), before);
}
