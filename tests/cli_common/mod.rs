//! Helpers shared by the tests that run the `stancemark` binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use stancemark::model::{CharSpan, Edit, Mention, Project, apply};

/// Runs `stancemark` with `args`: (exit code, stdout, stderr).
pub fn stancemark(args: &[&str]) -> (i32, String, String) {
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

/// A project over `corpus` with every occurrence of each `(word, label)` annotated.
pub fn annotate_all(corpus: &Path, words: &[(&str, &str)]) -> Project {
    let corpus = stancemark::io::load_corpus(corpus, u64::MAX, &()).expect("corpus");
    let mut project = Project::new("cli-test", stancemark::model::Schema::builtin());
    project.attach(&corpus.documents);
    for doc in &corpus.documents {
        for (word, label) in words {
            for (byte, _) in doc.text.match_indices(word) {
                let start = stancemark::model::span::char_count_before(&doc.text, byte);
                let span = CharSpan::new(start, start + word.chars().count());
                let id = project.documents[&doc.path].next_mention_id();
                let mention = Mention::new(doc, id, span, *label);
                apply(
                    &mut project,
                    Edit::AddMention {
                        doc: doc.path.clone(),
                        mention,
                    },
                )
                .expect("add");
            }
        }
    }
    project
}
