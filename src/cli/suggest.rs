//! `stancemark suggest`: runs a model command over the project's documents
//! (see [`crate::io::model_hook`]) and adds its spans to the project as
//! proposals, offered by the learning suggester with their scores. A command that fails, hangs or writes a line
//! that is not an answer changes nothing.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use anyhow::Context;

use crate::io::corpus::DEFAULT_MAX_FILE_BYTES;
use crate::io::model_hook::{AnswerOptions, proposals_edit, run_model};
use crate::io::{load_corpus, load_project, save_project};

/// What to run, over which documents.
pub struct SuggestRequest<'a> {
    /// The project file (written in place).
    pub project: &'a Path,
    /// The command line, run through `sh -c`.
    pub command: &'a str,
    /// Only these documents (paths relative to the corpus); all if empty.
    pub docs: &'a [String],
    /// Stop the command after this long.
    pub timeout: Duration,
    /// Spans scoring below this are not added.
    pub min_score: f64,
    /// `--map`: the model's type names as schema types.
    pub map: Option<&'a str>,
    /// `--add-types`: add the types the schema lacks.
    pub add_types: bool,
}

/// Runs the request; the summary and every span left out go to `report_to`.
///
/// # Errors
/// The project or corpus cannot be read or written, a named document is
/// not in the corpus, or the command fails (the project is then unchanged).
pub fn suggest(
    request: &SuggestRequest<'_>,
    report_to: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let type_map = match request.map {
        Some(text) => crate::model::import_merge::ImportOptions::parse_map(text)
            .map_err(|e| anyhow::anyhow!("--map {e}"))?,
        None => std::collections::BTreeMap::new(),
    };
    if !(0.0..=1.0).contains(&request.min_score) {
        anyhow::bail!(
            "--min-score {} is outside 0–1 (scores are probabilities)",
            request.min_score
        );
    }
    // Held until the project is written: the app never overwrites it meanwhile.
    let _lock = crate::io::lock::lock_for_writing(request.project)?;
    let loaded = load_project(request.project)?;
    let corpus = load_corpus(&loaded.corpus, DEFAULT_MAX_FILE_BYTES, &())?;
    let mut project = loaded.project;
    project.attach(&corpus.documents);
    let docs: Vec<&crate::model::Document> = if request.docs.is_empty() {
        corpus.documents.iter().collect()
    } else {
        request
            .docs
            .iter()
            .map(|p| {
                corpus.document(p).with_context(|| {
                    format!("{p:?} is not a document of {}", loaded.corpus.display())
                })
            })
            .collect::<anyhow::Result<_>>()?
    };
    let types: Vec<String> = project
        .schema
        .entity_types
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let answers = run_model(
        request.command,
        &docs,
        &types,
        request.timeout,
        &AtomicBool::new(false),
        &|_| {},
    )?;
    let (edit, report) = proposals_edit(
        &project,
        &corpus.documents,
        answers,
        request.command,
        &AnswerOptions {
            min_score: request.min_score,
            type_map,
            add_types: request.add_types,
        },
    );
    crate::model::apply(&mut project, edit)
        .map_err(|e| anyhow::anyhow!("the suggestions could not be applied: {e}"))?;
    save_project(request.project, &project, &corpus.root)?;
    writeln!(
        report_to,
        "{}: {} suggestion(s) added from {} document(s) sent; {} below --min-score {}; {} already there; {} entit(y/ies) created",
        request.project.display(),
        report.added,
        docs.len(),
        report.below,
        request.min_score,
        report.already,
        report.entities_created
    )?;
    let mut problems = report.problems;
    if request.docs.is_empty() {
        // Files of the corpus folder that were not read were not sent.
        problems.extend(
            corpus
                .skipped
                .iter()
                .map(|f| format!("{}: not sent to the model: {}", f.path, f.reason)),
        );
    }
    if !report.types_added.is_empty() {
        writeln!(
            report_to,
            "  types added to the schema: {}",
            report.types_added.join(", ")
        )?;
    }
    for r in &report.repeated {
        writeln!(report_to, "  repeated: {r}")?;
    }
    for p in &problems {
        writeln!(report_to, "  left out: {p}")?;
    }
    if problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(
            report_to,
            "{} item(s) were left out (listed above); the rest were added",
            problems.len()
        )?;
        Ok(ExitCode::from(1))
    }
}
