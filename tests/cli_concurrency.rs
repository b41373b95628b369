//! Writers racing for one project file: every command that exits 0 has its
//! work in the file, and a command that cannot take the lock says so and
//! writes nothing. Many trials, through the real binary.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use stancemark::io::{load_corpus, load_project, save_project};
use stancemark::model::{Project, Schema};

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Four `import --out` on one project at once, each adding one mention on a
/// word of its own; half the trials start over a stale lock file (one whose
/// holder ended). Run many times: a lock two writers can both take loses a
/// mention in some of them.
#[test]
fn racing_imports_never_lose_a_mention() {
    let corpus = common::sample_corpus();
    let loaded = load_corpus(&corpus, u64::MAX, &()).expect("corpus");
    let doc = &loaded.documents[0];
    // Four distinct words of the first document, as code-point spans.
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in doc.text.chars().chain([' ']).enumerate() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= 4 && words.len() < 4 {
                    words.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    assert_eq!(words.len(), 4);
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs: Vec<_> = words
        .iter()
        .enumerate()
        .map(|(k, (s, e))| {
            let path = dir.path().join(format!("in{k}.jsonl"));
            let line = serde_json::json!({
                "text": doc.text,
                "meta": {"path": doc.path},
                "spans": [{"start": s, "end": e, "label": "MISC"}],
            });
            std::fs::write(&path, format!("{line}\n")).expect("write");
            path
        })
        .collect();
    let mut ended = Command::new("true").spawn().expect("spawn");
    let ended_pid = ended.id();
    ended.wait().expect("wait");
    let host = stancemark::io::lock::this_host();
    let file = dir.path().join("p.ron");
    let mut refused_total = 0;
    for trial in 0..40 {
        save_project(&file, &Project::new("ana", Schema::builtin()), &corpus).expect("save");
        if trial % 2 == 1 {
            std::fs::write(
                stancemark::io::lock::lock_path(&file),
                format!("pid {ended_pid}\nhost {host}\nsince 1700000000\n"),
            )
            .expect("stale lock");
        }
        let children: Vec<_> = inputs
            .iter()
            .map(|input| {
                Command::new(env!("CARGO_BIN_EXE_stancemark"))
                    .args(["import", "--corpus", arg(&corpus), "--format", "spacy"])
                    .args(["--from", arg(input), "--out", arg(&file)])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        let outcomes: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().expect("wait"))
            .collect();
        let project = load_project(&file).expect("the file loads").project;
        let spans: Vec<_> = project
            .documents
            .values()
            .flat_map(|d| d.mentions.iter())
            .map(|m| (m.span.start, m.span.end))
            .collect();
        for (k, out) in outcomes.iter().enumerate() {
            let err = String::from_utf8_lossy(&out.stderr);
            let (s, e) = words[k];
            match out.status.code() {
                Some(0) => assert!(
                    spans.contains(&(s, e)),
                    "trial {trial}: import {k} exited 0 but its mention is not in the file ({spans:?}); {err}"
                ),
                Some(2) => {
                    assert!(
                        err.contains("is open in Stancemark"),
                        "trial {trial}: {err}"
                    );
                    assert!(
                        !spans.contains(&(s, e)),
                        "trial {trial}: refused yet written"
                    );
                    refused_total += 1;
                }
                other => panic!("trial {trial}: import {k} exited {other:?}: {err}"),
            }
        }
        assert!(
            !stancemark::io::lock::lock_path(&file).exists(),
            "trial {trial}: every lock released"
        );
        assert_eq!(
            project.documents[&doc.path].status,
            stancemark::model::DocStatus::InProgress,
            "an import that adds work starts the document"
        );
    }
    eprintln!("{refused_total} of 160 imports were refused while another held the lock");
}
