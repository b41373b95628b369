//! Exports of labeled datasets: one file per format. Every offset written is
//! in Unicode code points unless a format says otherwise (CoNLL and Hugging
//! Face use tokens).

mod brat;
mod brat_quotations;
mod carried;
mod conll;
mod content;
pub mod csv_safe;
mod doccano;
mod documents;
mod hf;
mod json_stream;
mod labelstudio;
mod parallel;
mod quotations;
mod spacy;
mod stances;
mod w3c;
mod webanno;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use content::Content;

use crate::model::{DocAnnotations, Document, Mention, MentionId, Project};

use super::atomic::write_atomic_content;
use super::corpus::Progress;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// spaCy-style JSONL (`text`, `spans`, `meta`).
    Spacy,
    /// doccano JSONL (`text`, `label`).
    Doccano,
    /// CoNLL-2003 style IOB2.
    Conll,
    /// Hugging Face token classification JSONL plus `labels.json`.
    Hf,
    /// brat standoff (`.txt` + `.ann`).
    Brat,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// One JSON line per stance.
    StancesJsonl,
    /// One CSV row per stance.
    StancesCsv,
    /// Label Studio's JSON export: tasks with annotation results.
    LabelStudio,
    /// Label Studio's JSON-MIN export: one flat record per task.
    LabelStudioMin,
    /// WebAnno TSV 3.3 (INCEpTION): one file per document.
    WebAnno,
    /// One JSON line per quotation: speaker, cue, contents, kind.
    QuotationsJsonl,
    /// One CSV row per document: its codebook values and counts, with
    /// `codebook.csv` beside it (a folder of the two).
    DocumentsCsv,
    /// One JSON line per document: its codebook values and counts.
    DocumentsJsonl,
}

impl ExportFormat {
    /// All formats, in the order shown to users.
    pub const ALL: [Self; 14] = [
        Self::Spacy,
        Self::Doccano,
        Self::Conll,
        Self::Hf,
        Self::Brat,
        Self::LabelStudio,
        Self::LabelStudioMin,
        Self::WebAnno,
        Self::W3c,
        Self::StancesJsonl,
        Self::StancesCsv,
        Self::QuotationsJsonl,
        Self::DocumentsCsv,
        Self::DocumentsJsonl,
    ];

    /// Name on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Spacy => "spacy",
            Self::Doccano => "doccano",
            Self::Conll => "conll",
            Self::Hf => "hf",
            Self::Brat => "brat",
            Self::W3c => "w3c",
            Self::StancesJsonl => "stances-jsonl",
            Self::StancesCsv => "stances-csv",
            Self::LabelStudio => "labelstudio",
            Self::LabelStudioMin => "labelstudio-min",
            Self::WebAnno => "webanno",
            Self::QuotationsJsonl => "quotations-jsonl",
            Self::DocumentsCsv => "documents-csv",
            Self::DocumentsJsonl => "documents-jsonl",
        }
    }

    /// The format called `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// True when the output is a folder rather than a file.
    #[must_use]
    pub fn writes_folder(self) -> bool {
        matches!(
            self,
            Self::Brat | Self::Hf | Self::WebAnno | Self::DocumentsCsv
        )
    }

    /// The offset unit the tool behind the format uses, where there is a
    /// choice (`--offsets`): doccano's web interface counts UTF-16 units;
    /// Label Studio (1.23) counts code points.
    #[must_use]
    pub fn default_offsets(self) -> Option<crate::model::units::OffsetUnit> {
        use crate::model::units::OffsetUnit;
        match self {
            Self::Doccano => Some(OffsetUnit::Utf16),
            Self::LabelStudio | Self::LabelStudioMin => Some(OffsetUnit::CodePoints),
            _ => None,
        }
    }

    /// A usual file or folder name for this format.
    #[must_use]
    pub fn default_file_name(self) -> &'static str {
        match self {
            Self::Spacy => "spacy.jsonl",
            Self::Doccano => "doccano.jsonl",
            Self::Conll => "conll.txt",
            Self::Hf => "hf",
            Self::Brat => "brat",
            Self::W3c => "annotations.jsonld",
            Self::StancesJsonl => "stances.jsonl",
            Self::StancesCsv => "stances.csv",
            Self::LabelStudio => "labelstudio.json",
            Self::LabelStudioMin => "labelstudio-min.json",
            Self::WebAnno => "webanno",
            Self::QuotationsJsonl => "quotations.jsonl",
            Self::DocumentsCsv => "documents",
            Self::DocumentsJsonl => "documents.jsonl",
        }
    }
}

/// What to include, and how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only documents marked done.
    pub only_done: bool,
    /// Include suggestions not yet accepted (left out by default).
    pub include_suggestions: bool,
    /// How token formats cut plain text into tokens (documents made from a
    /// token file keep their own tokens).
    pub tokens: crate::model::tokens::TokenMode,
    /// The offset unit for formats that have a choice (doccano, Label
    /// Studio); `None`: the unit that tool uses.
    pub offsets: Option<crate::model::units::OffsetUnit>,
}

/// What an export wrote, and what it could not carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Documents written.
    pub documents: usize,
    /// Mentions written.
    pub mentions: usize,
    /// Stances written.
    pub stances: usize,
    /// Quotations written.
    pub quotations: usize,
    /// Annotations (and notes, links) the format cannot carry, one line
    /// each with the reason: the command line then exits with status 1.
    pub left_out: Vec<String>,
    /// Things worth knowing that lose nothing (suggestions left out on
    /// request, a renamed file), one line each.
    pub notes: Vec<String>,
}

impl ExportReport {
    /// Counts of what was left out, by reason (the text after the item's
    /// description), most frequent first: for a short summary.
    #[must_use]
    pub fn left_out_by_reason(&self) -> Vec<(String, usize)> {
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for line in &self.left_out {
            let reason = line.rsplit_once(": ").map_or(line.as_str(), |(_, r)| r);
            *counts.entry(reason).or_default() += 1;
        }
        let mut out: Vec<(String, usize)> =
            counts.into_iter().map(|(r, n)| (r.to_owned(), n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// Why an export failed. Nothing is left half-written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The user cancelled: nothing was written.
    #[error("cancelled; nothing was written")]
    Cancelled,
    /// The target exists and `force` was not given.
    #[error("{0} already exists; choose another path or use --force to replace it")]
    Exists(PathBuf),
    /// The target folder holds files this export would not write: they are
    /// never deleted, so the export is refused even with `--force`.
    #[error(
        "{path} holds {count} file(s) this export does not write (e.g. {example}); nothing was changed. Export to a new or empty folder, or to one holding only an earlier export of this kind"
    )]
    ForeignFiles {
        /// The folder.
        path: PathBuf,
        /// How many such files.
        count: usize,
        /// One of them, relative to the folder.
        example: String,
    },
    /// The target is a Stancemark project file: an export never replaces one.
    #[error(
        "{0} is a Stancemark project file; an export never replaces one, not even with --force"
    )]
    IsProject(PathBuf),
    /// The target is a folder where a file is written, or a file where a folder is.
    #[error("{path} is {what}; choose another path")]
    WrongKind {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: &'static str,
    },
    /// Writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// One document to export, with the mentions that go out.
pub(crate) struct ExportDoc<'a> {
    pub doc: &'a Document,
    pub entry: &'a DocAnnotations,
    pub outlet: String,
    pub mentions: Vec<&'a Mention>,
    /// The scores of the suggestions among `mentions` that were a model's
    /// or an import's proposals (in thousandths).
    pub scores: BTreeMap<MentionId, u16>,
    /// Where each of those proposals came from (the model run's command,
    /// or the import).
    pub sources: BTreeMap<MentionId, std::sync::Arc<str>>,
}

/// Each document's proposals (model or import suggestions) as suggestion
/// mentions, numbered after its mentions, with their scores: what an
/// export with suggestions writes beside the legacy suggested mentions.
type Offered = BTreeMap<String, OfferedHere>;

/// One document's proposals as suggestion mentions, their scores and
/// their sources.
#[derive(Default)]
struct OfferedHere {
    mentions: Vec<Mention>,
    scores: BTreeMap<MentionId, u16>,
    sources: BTreeMap<MentionId, std::sync::Arc<str>>,
}

fn offered(project: &Project, corpus: &[Document]) -> Offered {
    let mut out = Offered::new();
    for (path, entry) in project
        .documents
        .iter()
        .filter(|(_, e)| !e.proposals.is_empty())
    {
        let Ok(at) = corpus.binary_search_by(|d| d.path.as_str().cmp(path)) else {
            continue;
        };
        let mut next = entry.next_mention_id().0;
        let here = out.entry(path.clone()).or_default();
        for p in &entry.proposals {
            if entry
                .mentions
                .iter()
                .any(|m| m.span == p.span && m.label == p.label)
            {
                continue;
            }
            let mut m = Mention::new(&corpus[at], MentionId(next), p.span, p.label.clone());
            next += 1;
            m.entity = p.entity;
            m.suggested = true;
            if let Some(score) = p.score {
                here.scores.insert(m.id, score);
            }
            here.sources.insert(m.id, std::sync::Arc::clone(&p.source));
            here.mentions.push(m);
        }
    }
    out
}

/// What a format produces.
pub(crate) enum Output {
    File(Content),
    Folder(Vec<(String, Content)>),
}

/// Exports `project` over `corpus` (sorted by path) to `out`.
///
/// # Errors
/// [`ExportError`] when `out` exists (without `force`) or cannot be written.
pub fn export(
    format: ExportFormat,
    project: &Project,
    corpus: &[Document],
    options: ExportOptions,
    out: &Path,
    force: bool,
    progress: &dyn Progress,
) -> Result<ExportReport, ExportError> {
    check_target(format, out, force)?;
    let (output, report) = render(format, project, corpus, options, progress);
    if progress.cancelled() {
        return Err(ExportError::Cancelled);
    }
    write_output(out, output)?;
    Ok(report)
}

/// Refuses a target that exists without `force`, a project file, and a
/// path of the wrong kind (a folder for a file format, or the reverse).
fn check_target(format: ExportFormat, out: &Path, force: bool) -> Result<(), ExportError> {
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    let folder = format.writes_folder();
    if meta.is_dir() != folder {
        return Err(ExportError::WrongKind {
            path: out.to_path_buf(),
            what: if meta.is_dir() {
                "a folder, but this format writes one file"
            } else {
                "a file, but this format writes a folder"
            },
        });
    }
    if !folder && is_project_file(out) {
        return Err(ExportError::IsProject(out.to_path_buf()));
    }
    let empty_folder =
        folder && std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
    if !force && !empty_folder {
        return Err(ExportError::Exists(out.to_path_buf()));
    }
    Ok(())
}

/// True when `path` starts like a Stancemark project file.
fn is_project_file(path: &Path) -> bool {
    super::safe_file::read_head(path, 4096)
        .is_ok_and(|head| String::from_utf8_lossy(&head).contains(super::save_format::FORMAT_NAME))
}

/// The export as text (files and their contents), without writing anything.
#[must_use]
pub(crate) fn render(
    format: ExportFormat,
    project: &Project,
    corpus: &[Document],
    options: ExportOptions,
    progress: &dyn Progress,
) -> (Output, ExportReport) {
    let mut report = ExportReport::default();
    let offered = if options.include_suggestions {
        offered(project, corpus)
    } else {
        Offered::new()
    };
    let docs = select(project, corpus, &offered, options, &mut report);
    carried::report_losses(format, project, &docs, &mut report);
    let output = match format {
        ExportFormat::Spacy => spacy::render(project, &docs, &mut report),
        ExportFormat::Doccano => doccano::render(&docs, options, &mut report),
        ExportFormat::Conll => conll::render(
            &docs,
            options,
            &project.schema.abbreviations,
            &mut report,
            progress,
        ),
        ExportFormat::Hf => hf::render(project, &docs, options, &mut report, progress),
        ExportFormat::Brat => brat::render(project, &docs, &mut report),
        ExportFormat::W3c => w3c::render(project, &docs, &mut report),
        ExportFormat::StancesJsonl => stances::render_jsonl(project, &docs, &mut report),
        ExportFormat::StancesCsv => stances::render_csv(project, &docs, &mut report),
        ExportFormat::LabelStudio => {
            labelstudio::render(project, &docs, options, false, &mut report)
        }
        ExportFormat::LabelStudioMin => {
            labelstudio::render(project, &docs, options, true, &mut report)
        }
        ExportFormat::WebAnno => webanno::render(project, &docs, options, &mut report, progress),
        ExportFormat::QuotationsJsonl => quotations::render(project, &docs, &mut report),
        ExportFormat::DocumentsCsv => documents::render_csv(project, &docs),
        ExportFormat::DocumentsJsonl => documents::render_jsonl(project, &docs),
    };
    progress.report(docs.len(), docs.len());
    report.documents = docs.len();
    (output, report)
}

/// The export as it would be written, without writing anything: each
/// file's name relative to the target (empty for a one-file format) and its
/// content.
#[must_use]
pub fn render_contents(
    format: ExportFormat,
    project: &Project,
    corpus: &[Document],
    options: ExportOptions,
) -> (Vec<(String, Content)>, ExportReport) {
    let (output, report) = render(format, project, corpus, options, &());
    let files = match output {
        Output::File(content) => vec![(String::new(), content)],
        Output::Folder(files) => files,
    };
    (files, report)
}

/// [`render_contents`] as text, for tests and the CLI's dry runs.
#[must_use]
pub fn render_files(
    format: ExportFormat,
    project: &Project,
    corpus: &[Document],
    options: ExportOptions,
) -> (Vec<(String, String)>, ExportReport) {
    let (files, report) = render_contents(format, project, corpus, options);
    let files = files
        .into_iter()
        .map(|(name, content)| (name, content.into_string()))
        .collect();
    (files, report)
}

fn select<'a>(
    project: &'a Project,
    corpus: &'a [Document],
    offered: &'a Offered,
    options: ExportOptions,
    report: &mut ExportReport,
) -> Vec<ExportDoc<'a>> {
    let mut out = Vec::new();
    for (path, entry) in &project.documents {
        if options.only_done && entry.status != crate::model::DocStatus::Done {
            continue;
        }
        let Ok(at) = corpus.binary_search_by(|d| d.path.as_str().cmp(path)) else {
            if !entry.mentions.is_empty() || !entry.stances.is_empty() {
                report.left_out.push(format!(
                    "{path}: {} mention(s) and {} stance(s): the document is not in the corpus",
                    entry.mentions.len(),
                    entry.stances.len()
                ));
            }
            continue;
        };
        let doc = &corpus[at];
        if doc.hash != entry.hash {
            report.left_out.push(format!(
                "{path}: {} mention(s) and {} stance(s): the text changed since it was annotated (open the project to re-anchor them)",
                entry.mentions.len(),
                entry.stances.len()
            ));
            continue;
        }
        let mentions: Vec<&Mention> = entry
            .mentions
            .iter()
            .filter(|m| options.include_suggestions || !m.suggested)
            .collect();
        let suggestions = entry.mentions.len() - mentions.len()
            + if options.include_suggestions {
                0
            } else {
                entry.proposals.len()
            };
        let mut mentions = mentions;
        let mut scores = BTreeMap::new();
        let mut sources = BTreeMap::new();
        if let Some(here) = offered.get(path) {
            mentions.extend(&here.mentions);
            mentions.sort_by_key(|m| m.order_key());
            scores.clone_from(&here.scores);
            sources.clone_from(&here.sources);
        }
        if suggestions > 0 {
            report.notes.push(format!(
                "{path}: {suggestions} suggestion(s) not yet accepted left out (--include-suggestions exports them)"
            ));
        }
        let outlet = entry
            .outlet
            .clone()
            .unwrap_or_else(|| doc.default_outlet.clone());
        out.push(ExportDoc {
            doc,
            entry,
            outlet,
            mentions,
            scores,
            sources,
        });
    }
    out
}

fn write_output(out: &Path, output: Output) -> Result<(), ExportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The suggested folder (e.g. saves/exports) may not exist yet.
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    // What an export killed mid-write left beside its target.
    crate::io::atomic::remove_abandoned_temporaries(parent);
    match output {
        Output::File(content) => write_atomic_content(out, &content).map_err(io(out)),
        Output::Folder(files) if out.is_dir() => {
            // Into an existing folder: only the files this export writes are
            // replaced, and only if the folder holds nothing else.
            let ours: std::collections::BTreeSet<PathBuf> =
                files.iter().map(|(name, _)| PathBuf::from(name)).collect();
            let foreign: Vec<String> = walkdir::WalkDir::new(out)
                .min_depth(1)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| !e.file_type().is_dir())
                .filter_map(|e| e.path().strip_prefix(out).ok().map(Path::to_path_buf))
                .filter(|rel| !ours.contains(rel))
                .map(|rel| rel.display().to_string())
                .collect();
            if let Some(example) = foreign.first() {
                return Err(ExportError::ForeignFiles {
                    path: out.to_path_buf(),
                    count: foreign.len(),
                    example: example.clone(),
                });
            }
            // The new folder is written beside the old one and the two are
            // swapped at once (the old one holds only this export's files,
            // checked above): one rename each, not one atomic write per
            // file, which cost 60–80 × reading the corpus on 20,000
            // documents and grew with every run.
            let linked = std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
            if !linked && swap_folder(parent, out, &files)? {
                return Ok(());
            }
            // A folder reached through a link, or one that cannot be moved
            // (a mount point): file by file, each atomically.
            for (name, text) in &files {
                let path = out.join(name);
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(io(dir))?;
                }
                write_atomic_content(&path, text).map_err(io(&path))?;
            }
            Ok(())
        }
        Output::Folder(files) => {
            // A new folder appears whole or not at all.
            let staged = stage_folder(parent, &files)?;
            std::fs::rename(&staged, out).map_err(|source| ExportError::Io {
                path: out.to_path_buf(),
                source,
            })
        }
    }
}

/// Replaces folder `out` (in `parent`) by a new one holding `files`,
/// written beside it and swapped in with two renames; false (nothing
/// changed) when `out` cannot be moved.
fn swap_folder(
    parent: &Path,
    out: &Path,
    files: &[(String, Content)],
) -> Result<bool, ExportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    let staged = stage_folder(parent, files)?;
    let old = tempfile::Builder::new()
        .prefix(&format!(
            "{}export-old-",
            crate::io::atomic::writer_prefix()
        ))
        .tempdir_in(parent)
        .map_err(io(parent))?
        .keep();
    // `old` is an empty folder: the old export takes its place.
    std::fs::remove_dir(&old).map_err(io(&old))?;
    if std::fs::rename(out, &old).is_err() {
        let _ = std::fs::remove_dir_all(&staged);
        return Ok(false);
    }
    if let Err(e) = std::fs::rename(&staged, out) {
        // Put the old export back; nothing else changed.
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(&staged);
        return Err(io(out)(e));
    }
    std::fs::remove_dir_all(&old).map_err(io(&old))?;
    Ok(true)
}

/// Writes `files` into a new hidden folder in `parent`; returns its path.
fn stage_folder(parent: &Path, files: &[(String, Content)]) -> Result<PathBuf, ExportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    let tmp = tempfile::Builder::new()
        .prefix(&format!("{}export-", crate::io::atomic::writer_prefix()))
        .tempdir_in(parent)
        .map_err(io(parent))?;
    for (name, text) in files {
        let path = tmp.path().join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::File::create(&path)
            .and_then(|mut file| text.write_to(&mut file))
            .map_err(io(&path))?;
    }
    Ok(tmp.keep())
}
