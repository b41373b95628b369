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
pub use crate::model::import_merge::model_answers::{
    AnswerOptions, ModelAnswer, ModelSpan, ProposalReport, proposals_edit,
};

/// Longest answer line read (bytes): a longer one is an error, so a
/// runaway command cannot fill the memory.
pub const MAX_LINE_BYTES: usize = 16 << 20;

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

/// How much of a command's standard error is kept for its error message.
const STDERR_KEPT: usize = 64 * 1024;

/// The environment variable every process a model command starts inherits,
/// naming its run: how the processes that left its group (`setsid`, a
/// daemon) are found and stopped with it.
pub const RUN_MARKER: &str = "STANCEMARK_MODEL_RUN";

/// Stops `child`, every process of its group, and every process that
/// carries the run's marker in its environment (Linux).
fn stop(child: &mut std::process::Child, marker: &str) {
    #[cfg(unix)]
    {
        // The command runs in a group of its own, whose id is its pid.
        let group = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
    kill_marked(marker);
}

/// Kills the processes whose environment holds `RUN_MARKER=marker`: those
/// a command started that moved to a session or group of their own.
fn kill_marked(marker: &str) {
    #[cfg(target_os = "linux")]
    {
        let needle = format!("{RUN_MARKER}={marker}");
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<i32>().ok())
            else {
                continue;
            };
            if pid == i32::try_from(std::process::id()).unwrap_or(-1) {
                continue;
            }
            let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
                continue;
            };
            let marked = environ
                .split(|&b| b == 0)
                .any(|var| var == needle.as_bytes());
            if let (true, Some(pid)) = (marked, rustix::process::Pid::from_raw(pid)) {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = marker;
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
    static RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let marker = format!(
        "{}-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    );
    shell.env(RUN_MARKER, &marker);
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
    // Read to the end, whatever its length (progress bars write megabytes):
    // a pipe nobody reads would stop the command, or kill it with SIGPIPE.
    // Only the last 64 KiB are kept, for the error message.
    let stderr_reader = std::thread::spawn(move || {
        let mut kept: std::collections::VecDeque<u8> = std::collections::VecDeque::new();
        if let Some(err) = stderr.as_mut() {
            let mut buf = [0u8; 8192];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                kept.extend(&buf[..n]);
                let over = kept.len().saturating_sub(STDERR_KEPT);
                kept.drain(..over);
            }
        }
        String::from_utf8_lossy(kept.make_contiguous()).into_owned()
    });
    let started = Instant::now();
    let mut answers = Vec::new();
    let mut line = 0;
    let fail = |child: &mut std::process::Child, e: ModelError| {
        stop(child, &marker);
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
