//! The hook for any model, with no server (issue 17, part 3): a command the
//! user names (a spaCy pipeline, GLiNER, a local LLM behind a script) is run
//! with JSON lines on its standard input, one document per line:
//!
//! ```json
//! {"path": "nordwire/lab.txt", "text": "…", "types": ["PER", "ORG", "GPE"]}
//! ```
//!
//! and answers JSON lines on its standard output, one per document it has
//! something for, offsets in Unicode code points of `text`:
//!
//! ```json
//! {"path": "nordwire/lab.txt", "spans": [{"start": 0, "end": 16, "label": "ORG", "score": 0.93, "kb_id": "Q1", "entity": "Norvik Chemicals"}]}
//! ```
//!
//! `score`, `kb_id` and `entity` are optional. A command that exits with a
//! failure, runs past the timeout, or writes a line that is not such an
//! answer fails the whole run with a message naming the line; nothing of
//! its output is used then.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::model::Document;

/// Longest answer line read (bytes): a longer one is an error, so a
/// runaway command cannot fill the memory.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// One suggested span of an answer.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Entity type.
    pub label: String,
    /// The model's confidence, if it gives one.
    pub score: Option<f64>,
    /// An entity name, if it gives one.
    pub entity: Option<String>,
    /// A Wikidata id, if it gives one.
    pub kb_id: Option<String>,
}

/// One answer line: a document and its spans.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelAnswer {
    /// The document's path, as sent.
    pub path: String,
    /// Its spans.
    pub spans: Vec<ModelSpan>,
}

/// Why a run gave nothing.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The command could not be started.
    #[error("could not start {command:?}: {source}")]
    Start {
        /// The command line.
        command: String,
        /// The error.
        source: std::io::Error,
    },
    /// The command exited with a failure.
    #[error("{command:?} exited with {status}{stderr}")]
    Failed {
        /// The command line.
        command: String,
        /// How it ended.
        status: String,
        /// The end of what it wrote to its standard error, if anything.
        stderr: String,
    },
    /// The command ran past the timeout and was stopped.
    #[error("{command:?} did not finish within {seconds} s and was stopped")]
    Timeout {
        /// The command line.
        command: String,
        /// The timeout.
        seconds: u64,
    },
    /// The run was cancelled.
    #[error("cancelled; {command:?} was stopped")]
    Cancelled {
        /// The command line.
        command: String,
    },
    /// An answer line is not what the protocol says.
    #[error("{command:?}, output line {line}: {why}")]
    BadLine {
        /// The command line.
        command: String,
        /// Line number (from 1).
        line: usize,
        /// What is wrong.
        why: String,
    },
}

/// Stops `child` and every process of its group.
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        // The command runs in a group of its own, whose id is its pid.
        let group = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The request line for `doc`.
fn request(doc: &Document, types: &[String]) -> String {
    json!({ "path": doc.path, "text": doc.text, "types": types }).to_string()
}

fn opt_string(v: &Value, key: &str) -> Result<Option<String>, String> {
    match &v[key] {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(format!("\"{key}\" is not a string")),
    }
}

/// Parses one answer line; `sent` are the paths sent with their lengths in
/// code points.
fn answer(line: &str, sent: &[(String, usize)]) -> Result<ModelAnswer, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let path = v["path"].as_str().ok_or("no \"path\"")?;
    let len = sent
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, n)| *n)
        .ok_or_else(|| format!("document {path:?} was not sent"))?;
    let spans = v["spans"].as_array().ok_or("no \"spans\" list")?;
    let mut out = Vec::with_capacity(spans.len());
    for (i, s) in spans.iter().enumerate() {
        let at = |why: &str| format!("span {}: {why}", i + 1);
        let offset = |key: &str| {
            s[key]
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| at(&format!("\"{key}\" is not a non-negative integer")))
        };
        let (start, end) = (offset("start")?, offset("end")?);
        if start >= end || end > len {
            return Err(at(&format!(
                "[{start}, {end}) is empty or past the end of the text ({len} code points)"
            )));
        }
        let label = s["label"]
            .as_str()
            .filter(|l| !l.trim().is_empty())
            .ok_or_else(|| at("no \"label\""))?
            .to_owned();
        let score = match &s["score"] {
            Value::Null => None,
            x => Some(x.as_f64().ok_or_else(|| at("\"score\" is not a number"))?),
        };
        out.push(ModelSpan {
            start,
            end,
            label,
            score,
            entity: opt_string(s, "entity").map_err(|e| at(&e))?,
            kb_id: opt_string(s, "kb_id").map_err(|e| at(&e))?,
        });
    }
    Ok(ModelAnswer {
        path: path.to_owned(),
        spans: out,
    })
}

/// Runs `command` (through `sh -c`) over `docs`, the schema's `types`
/// offered; stops it after `timeout` or when `cancel` is set. `progress`
/// is told how many answer lines have come.
///
/// # Errors
/// [`ModelError`]: the command failed, ran too long, was cancelled, or
/// wrote a line that is not an answer. Nothing of the output is returned
/// then.
pub fn run_model(
    command: &str,
    docs: &[&Document],
    types: &[String],
    timeout: Duration,
    cancel: &AtomicBool,
    progress: &dyn Fn(usize),
) -> Result<Vec<ModelAnswer>, ModelError> {
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(command);
    // Its own process group, so that stopping it stops what it started
    // (a pipeline, a Python interpreter), not only the shell.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut shell, 0);
    let mut child = shell
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| ModelError::Start {
            command: command.to_owned(),
            source,
        })?;
    let requests: Vec<String> = docs.iter().map(|d| request(d, types)).collect();
    let sent: Vec<(String, usize)> = docs
        .iter()
        .map(|d| (d.path.clone(), d.char_len()))
        .collect();
    let mut stdin = child.stdin.take();
    // Writing and reading run beside each other, so a command that answers
    // as it reads never blocks on a full pipe.
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            for r in requests {
                if writeln!(stdin, "{r}").is_err() {
                    break;
                }
            }
        }
    });
    let (tx, rx) = mpsc::channel::<Result<String, String>>();
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let Some(stdout) = stdout else { return };
        let mut lines = BufReader::new(stdout);
        loop {
            let mut buf = Vec::new();
            match lines
                .by_ref()
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut buf)
            {
                Ok(0) => break,
                Ok(_) if buf.len() > MAX_LINE_BYTES => {
                    let _ = tx.send(Err(format!("longer than {MAX_LINE_BYTES} bytes")));
                    break;
                }
                Ok(_) => {
                    let line = String::from_utf8(buf)
                        .map_err(|_| "not UTF-8".to_owned())
                        .map(|l| l.trim_end_matches(['\n', '\r']).to_owned());
                    if tx.send(line).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(format!("could not be read ({e})")));
                    break;
                }
            }
        }
    });
    let mut stderr = child.stderr.take();
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(err) = stderr.as_mut() {
            let _ = err.take(64 * 1024).read_to_string(&mut text);
        }
        text
    });
    let started = Instant::now();
    let mut answers = Vec::new();
    let mut line = 0;
    let fail = |child: &mut std::process::Child, e: ModelError| {
        stop(child);
        Err(e)
    };
    loop {
        if cancel.load(Ordering::Relaxed) {
            return fail(
                &mut child,
                ModelError::Cancelled {
                    command: command.to_owned(),
                },
            );
        }
        let left = timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            return fail(
                &mut child,
                ModelError::Timeout {
                    command: command.to_owned(),
                    seconds: timeout.as_secs(),
                },
            );
        }
        match rx.recv_timeout(left.min(Duration::from_millis(100))) {
            Ok(Ok(text)) => {
                line += 1;
                if text.trim().is_empty() {
                    continue;
                }
                match answer(&text, &sent) {
                    Ok(a) => {
                        answers.push(a);
                        progress(answers.len());
                    }
                    Err(why) => {
                        return fail(
                            &mut child,
                            ModelError::BadLine {
                                command: command.to_owned(),
                                line,
                                why,
                            },
                        );
                    }
                }
            }
            Ok(Err(why)) => {
                return fail(
                    &mut child,
                    ModelError::BadLine {
                        command: command.to_owned(),
                        line: line + 1,
                        why,
                    },
                );
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    let _ = writer.join();
    let _ = reader.join();
    // The output has ended; the command gets the rest of the timeout to exit.
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < timeout && !cancel.load(Ordering::Relaxed) => {
                std::thread::sleep(Duration::from_millis(10));
            }
            _ => {
                return fail(
                    &mut child,
                    ModelError::Timeout {
                        command: command.to_owned(),
                        seconds: timeout.as_secs(),
                    },
                );
            }
        }
    };
    let stderr = stderr_reader.join().unwrap_or_default();
    if !status.success() {
        let tail: String = stderr
            .trim()
            .chars()
            .rev()
            .take(500)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Err(ModelError::Failed {
            command: command.to_owned(),
            status: status.to_string(),
            stderr: if tail.is_empty() {
                String::new()
            } else {
                format!("; it said: {tail}")
            },
        });
    }
    Ok(answers)
}

/// What adding a model's answers as proposals did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProposalReport {
    /// Proposals added.
    pub added: usize,
    /// Spans below the score asked, not added.
    pub below: usize,
    /// Spans the project has already (as a mention of that type, or as the
    /// same proposal).
    pub already: usize,
    /// Entities created for the names the model gave.
    pub entities_created: usize,
    /// Answers about documents the project does not have, or that changed.
    pub problems: Vec<String>,
}

/// The edit adding `answers` (of the model run as `source`) to `project`
/// over `corpus` as proposals: offered by the learning suggester with
/// their scores until accepted or rejected. Entities named by a Wikidata
/// id or a name are found, else created. One undo step.
#[must_use]
pub fn proposals_edit(
    project: &crate::model::Project,
    corpus: &[Document],
    answers: Vec<ModelAnswer>,
    source: &str,
    min_score: f64,
) -> (crate::model::Edit, ProposalReport) {
    use crate::model::{CharSpan, Edit, Entity, EntityId, Proposal};
    let mut report = ProposalReport::default();
    let mut new_entities: Vec<Entity> = Vec::new();
    let mut next_entity = project.next_entity_id().0;
    let mut doc_edits = Vec::new();
    for a in answers {
        let (Some(doc), Some(entry)) = (
            corpus.iter().find(|d| d.path == a.path),
            project.documents.get(&a.path),
        ) else {
            report.problems.push(format!(
                "{}: not a document of the project; left out",
                a.path
            ));
            continue;
        };
        if entry.hash != doc.hash {
            report.problems.push(format!(
                "{}: its text changed since it was annotated; left out",
                a.path
            ));
            continue;
        }
        let mut proposals = Vec::new();
        for s in a.spans {
            if s.score.is_some_and(|x| x < min_score) {
                report.below += 1;
                continue;
            }
            let span = CharSpan::new(s.start, s.end);
            let text = doc.slice(span).unwrap_or_default().to_owned();
            let mut entity = None;
            if s.entity.is_some() || s.kb_id.is_some() {
                let found = project.entities.values().chain(&new_entities).find(|e| {
                    (s.kb_id.is_some() && e.kb_id == s.kb_id)
                        || (s.entity.as_deref() == Some(e.name.as_str()) && e.label == s.label)
                });
                entity = Some(match found {
                    Some(e) => e.id,
                    None => {
                        let id = EntityId(next_entity);
                        next_entity += 1;
                        let mut e = Entity::new(
                            id,
                            s.entity.clone().unwrap_or_else(|| text.clone()),
                            s.label.clone(),
                        );
                        e.kb_id.clone_from(&s.kb_id);
                        new_entities.push(e);
                        id
                    }
                });
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let score = s.score.map(|x| (x.clamp(0.0, 1.0) * 1000.0).round() as u16);
            let p = Proposal {
                span,
                label: s.label,
                text,
                entity,
                score,
                source: source.to_owned(),
            };
            let known = entry
                .mentions
                .iter()
                .any(|m| m.span == p.span && m.label == p.label)
                || entry
                    .proposals
                    .iter()
                    .chain(&proposals)
                    .any(|x| x.span == p.span && x.label == p.label && x.source == p.source);
            if known {
                report.already += 1;
                continue;
            }
            proposals.push(p);
        }
        report.added += proposals.len();
        if !proposals.is_empty() {
            doc_edits.push(Edit::AddProposals {
                doc: a.path,
                proposals,
            });
        }
    }
    report.entities_created = new_entities.len();
    let mut edits: Vec<Edit> = new_entities
        .into_iter()
        .map(|entity| Edit::AddEntity { entity })
        .collect();
    edits.extend(doc_edits);
    (Edit::Batch(edits), report)
}
