//! `stancemark export` and `stancemark import`: datasets in and out.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::io::corpus::DEFAULT_MAX_FILE_BYTES;
use crate::io::export::{ExportFormat, ExportOptions};
use crate::io::import::{ImportFormat, read_records};
use crate::io::save_project;
use crate::io::schema_file::default_schema;
use crate::io::{load_corpus, load_project};
use crate::model::import_merge::merge_records;

/// `stancemark export`.
///
/// # Errors
/// When the project, its corpus or the output cannot be read or written.
pub fn export(
    project: &Path,
    format: &str,
    out: &Path,
    options: ExportOptions,
    force: bool,
    report_to: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let format = ExportFormat::from_name(format).with_context(|| {
        let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown export format {format:?}; use one of {}",
            names.join(", ")
        )
    })?;
    let loaded = load_project(project)?;
    let corpus = load_corpus(&loaded.corpus, DEFAULT_MAX_FILE_BYTES, &())
        .with_context(|| format!("corpus of {}", project.display()))?;
    let report = crate::io::export::export(
        format,
        &loaded.project,
        &corpus.documents,
        options,
        out,
        force,
        &(),
    )?;
    writeln!(
        report_to,
        "{}: {} document(s), {} mention(s), {} stance(s) written as {}",
        out.display(),
        report.documents,
        report.mentions,
        report.stances,
        format.name()
    )?;
    for w in &report.warnings {
        writeln!(report_to, "  note: {w}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `stancemark import`: exit 0 when everything was imported, 1 when something
/// was left out (the rest is saved and every omission is listed).
///
/// # Errors
/// When the corpus, the input or the project cannot be read or written.
pub fn import(
    corpus: &Path,
    format: &str,
    from: &Path,
    out: &Path,
    annotator: Option<&str>,
    as_suggestions: bool,
    report_to: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let format = ImportFormat::from_name(format).with_context(|| {
        let names: Vec<&str> = ImportFormat::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown import format {format:?}; use one of {}",
            names.join(", ")
        )
    })?;
    // Held until the project is written: the app never overwrites it meanwhile.
    let _lock = crate::io::lock::lock_for_writing(out)?;
    let corpus = load_corpus(corpus, DEFAULT_MAX_FILE_BYTES, &())?;
    let mut project = if out.exists() {
        load_project(out)?.project
    } else {
        crate::model::Project::new(annotator.unwrap_or("import"), default_schema())
    };
    project.attach(&corpus.documents);
    let read = read_records(format, from).map_err(anyhow::Error::msg)?;
    let (edit, report) = merge_records(&project, &corpus.documents, &read.records, as_suggestions);
    crate::model::apply(&mut project, edit)
        .map_err(|e| anyhow::anyhow!("the import could not be applied: {e}"))?;
    save_project(out, &project, &corpus.root)?;
    writeln!(report_to, "{}: {}", out.display(), report.summary())?;
    let problems: Vec<&String> = read.problems.iter().chain(&report.problems).collect();
    for p in &problems {
        writeln!(report_to, "  left out: {p}")?;
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
