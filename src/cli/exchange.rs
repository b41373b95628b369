//! `stancemark export` and `stancemark import`: datasets in and out.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::io::corpus::DEFAULT_MAX_FILE_BYTES;
use crate::io::export::{ExportFormat, ExportOptions};
use crate::io::import::{ImportFormat, ReadOptions, read_records, write_token_corpus};
use crate::io::load_corpus;
use crate::io::project_and_corpus::{load_project_and_corpus, load_projects_and_corpus};
use crate::io::save_project;
use crate::io::schema_file::default_schema;
use crate::model::import_merge::{ImportOptions, merge_records};
use crate::model::units::OffsetUnit;

/// `stancemark export`: exit 0 when everything was written, 1 when
/// something the format cannot carry was left out (each listed).
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
    let (loaded, corpus) = load_project_and_corpus(project, None)?;
    let corpus = corpus.with_context(|| format!("corpus of {}", project.display()))?;
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
        "{}: {} document(s), {} mention(s), {} quotation(s), {} stance(s) written as {}",
        out.display(),
        report.documents,
        report.mentions,
        report.quotations,
        report.stances,
        format.name()
    )?;
    for w in &report.notes {
        writeln!(report_to, "  note: {w}")?;
    }
    for w in &report.left_out {
        writeln!(report_to, "  left out: {w}")?;
    }
    if report.left_out.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        report_to,
        "{} item(s) the {} format cannot carry were left out:",
        report.left_out.len(),
        format.name()
    )?;
    for (reason, n) in report.left_out_by_reason() {
        writeln!(report_to, "  {n} × {reason}")?;
    }
    Ok(ExitCode::from(1))
}

/// `--tokens` and `--offsets` as options.
///
/// # Errors
/// When either names no mode or unit.
pub fn export_options(
    tokens: &str,
    offsets: Option<&str>,
) -> anyhow::Result<(
    crate::model::tokens::TokenMode,
    Option<crate::model::units::OffsetUnit>,
)> {
    use crate::model::tokens::TokenMode;
    use crate::model::units::OffsetUnit;
    let tokens = TokenMode::from_name(tokens)
        .with_context(|| format!("unknown --tokens {tokens:?}; use unicode or whitespace"))?;
    let offsets = match offsets {
        None => None,
        Some(name) => Some(
            OffsetUnit::from_name(name)
                .with_context(|| format!("unknown --offsets {name:?}; use codepoints or utf16"))?,
        ),
    };
    Ok((tokens, offsets))
}

/// What `stancemark import` is asked to do.
#[derive(Debug)]
pub struct ImportRequest<'a> {
    /// The corpus folder (for CoNLL, made from the file when it holds no
    /// documents yet).
    pub corpus: &'a Path,
    /// Format name.
    pub format: &'a str,
    /// The file or folder to read.
    pub from: &'a Path,
    /// The project file to write or add to.
    pub out: &'a Path,
    /// Annotator name for a new project.
    pub annotator: Option<&'a str>,
    /// Suggestions, type map, new types.
    pub options: ImportOptions,
    /// `--offsets`: the unit the file counts in, when it does not say.
    pub offsets: Option<OffsetUnit>,
}

/// `stancemark import`: exit 0 when everything was imported, 1 when something
/// was left out (the rest is saved and every omission is listed).
///
/// # Errors
/// When the corpus, the input or the project cannot be read or written.
pub fn import(
    request: ImportRequest<'_>,
    report_to: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let ImportRequest {
        corpus,
        format,
        from,
        out,
        annotator,
        options,
        offsets,
    } = request;
    let format = ImportFormat::from_name(format).with_context(|| {
        let names: Vec<&str> = ImportFormat::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown import format {format:?}; use one of {}",
            names.join(", ")
        )
    })?;
    // Held until the project is written: the app never overwrites it meanwhile.
    let _lock = crate::io::lock::lock_for_writing(out)?;
    let read_file = || read_records(format, from, ReadOptions { offsets });
    let writes_the_corpus = format == ImportFormat::Conll && !holds_documents(corpus);
    // The file, the corpus and the project it goes into are read at the same
    // time, unless the file is to write the corpus first.
    let (read, loaded) = if writes_the_corpus {
        (read_file(), None)
    } else {
        let existing: Vec<std::path::PathBuf> = out
            .exists()
            .then(|| out.to_path_buf())
            .into_iter()
            .collect();
        std::thread::scope(|scope| {
            let reading = scope.spawn(read_file);
            let loaded = load_projects_and_corpus(&existing, Some(corpus));
            let read = reading
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (read, Some(loaded))
        })
    };
    let mut read = read.map_err(anyhow::Error::msg)?;
    if writes_the_corpus {
        let source = from
            .file_name()
            .map_or_else(|| "conll".to_owned(), |n| n.to_string_lossy().into_owned());
        let written =
            write_token_corpus(corpus, &source, &mut read.records).map_err(anyhow::Error::msg)?;
        writeln!(
            report_to,
            "{}: wrote {written} document(s) from the token file",
            corpus.display()
        )?;
    }
    let (mut existing, corpus) = match loaded {
        Some(loaded) => loaded?,
        None => (Vec::new(), load_corpus(corpus, DEFAULT_MAX_FILE_BYTES, &())),
    };
    let corpus = corpus?;
    let mut project = match existing.pop() {
        Some(loaded) => loaded.project,
        None => crate::model::Project::new(annotator.unwrap_or("import"), default_schema()),
    };
    project.attach(&corpus.documents);
    let mut options = options;
    if options.source.is_empty() {
        options.source = crate::io::import::suggestion_source(from);
    }
    let (edit, report) = merge_records(&project, &corpus.documents, &read.records, &options);
    crate::model::apply(&mut project, edit)
        .map_err(|e| anyhow::anyhow!("the import could not be applied: {e}"))?;
    save_project(out, &project, &corpus.root)?;
    writeln!(report_to, "{}: {}", out.display(), report.summary())?;
    let problems: Vec<&String> = read.problems.iter().chain(&report.problems).collect();
    for p in &problems {
        writeln!(report_to, "  left out: {p}")?;
    }
    if problems.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        report_to,
        "{} item(s) were left out (listed above); everything else was imported",
        problems.len()
    )?;
    Ok(ExitCode::from(1))
}

/// True when `dir` holds at least one `.txt` document.
fn holds_documents(dir: &Path) -> bool {
    dir.is_dir()
        && walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| {
                e.file_type().is_file()
                    && e.path()
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("txt"))
            })
}

/// `--as-suggestions`, `--map`, `--add-types` and `--offsets` as options.
///
/// # Errors
/// When the map is malformed or the unit unknown.
pub fn import_options(
    as_suggestions: bool,
    map: Option<&str>,
    add_types: bool,
    offsets: Option<&str>,
) -> anyhow::Result<(ImportOptions, Option<OffsetUnit>)> {
    let type_map = match map {
        Some(text) => ImportOptions::parse_map(text).map_err(|e| anyhow::anyhow!("--map {e}"))?,
        None => std::collections::BTreeMap::new(),
    };
    let offsets = match offsets {
        None => None,
        Some(name) => Some(
            OffsetUnit::from_name(name)
                .with_context(|| format!("unknown --offsets {name:?}; use codepoints or utf16"))?,
        ),
    };
    Ok((
        ImportOptions {
            as_suggestions,
            type_map,
            add_types,
            source: String::new(),
        },
        offsets,
    ))
}
