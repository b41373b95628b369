//! The command line: open the GUI, or run a headless command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::export::ExportOptions;
use crate::ui::{StartOptions, run_gui};

mod exchange;
mod generate;
mod inspect;
mod merge_file;
mod review;
mod suggest;
mod team;

pub use exchange::{export, import};
pub use generate::{Generated, generate};
pub use inspect::{stats, validate};
pub use merge_file::merge_file;
pub use review::{agree, merge};
pub use suggest::{SuggestRequest, suggest};
pub use team::{TeamCommand, team};

/// Stancemark: annotate entities and stances in news corpora.
#[derive(Debug, Parser)]
#[command(name = "stancemark", version, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Corpus folder to open (default: your last project, else the bundled
    /// sample corpus).
    pub corpus: Option<PathBuf>,
    /// Project file to open (its corpus is used unless CORPUS is given).
    #[arg(long)]
    pub project: Option<PathBuf>,
    /// Annotator name (default: the one given last time, else asked).
    #[arg(long)]
    pub annotator: Option<String>,
    /// Folder for project files.
    #[arg(long, default_value = "saves")]
    pub saves: PathBuf,
    /// A headless command instead of the GUI.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Check a project file against its corpus; print every problem; exit 1 if any.
    Validate {
        /// The project file.
        file: PathBuf,
        /// Corpus folder (default: the one recorded in the file).
        #[arg(long)]
        corpus: Option<PathBuf>,
    },
    /// Export a labeled dataset (code-point offsets unless the format is token-based).
    Export {
        /// The project file.
        project: PathBuf,
        /// spacy, doccano, conll, hf, brat, labelstudio, labelstudio-min,
        /// webanno, w3c, stances-jsonl, stances-csv, quotations-jsonl,
        /// documents-csv (a folder: documents.csv and codebook.csv) or
        /// documents-jsonl.
        #[arg(long)]
        format: String,
        /// Output file (a folder for brat, hf and webanno).
        #[arg(long)]
        out: PathBuf,
        /// Only documents marked done.
        #[arg(long)]
        only_done: bool,
        /// Include suggestions not yet accepted.
        #[arg(long)]
        include_suggestions: bool,
        /// Replace an existing output (only the files the export writes).
        #[arg(long)]
        force: bool,
        /// How token formats (conll, hf, webanno) cut plain text: unicode
        /// (UAX #29 words, dictionary words in Thai, Chinese, Japanese…),
        /// whitespace, or uax29 (UAX #29 alone).
        #[arg(long, default_value = "unicode")]
        tokens: String,
        /// Offsets for doccano and Label Studio: codepoints or utf16
        /// (default: what that tool uses, utf16 for doccano, codepoints for
        /// Label Studio).
        #[arg(long)]
        offsets: Option<String>,
    },
    /// Import annotations into a project; every item left out is listed and
    /// the exit code is then 1.
    Import {
        /// The corpus folder the annotations belong to. For conll, a folder
        /// without documents gets one document per `-DOCSTART-` section.
        #[arg(long)]
        corpus: PathBuf,
        /// spacy, doccano, brat, conll, labelstudio (JSON or JSON-MIN),
        /// webanno or stances-jsonl.
        #[arg(long)]
        format: String,
        /// The file (a folder for brat; a file or folder for webanno) to read.
        #[arg(long)]
        from: PathBuf,
        /// The project file to write; if it exists, annotations are added to it.
        #[arg(long)]
        out: PathBuf,
        /// Annotator name for a new project.
        #[arg(long)]
        annotator: Option<String>,
        /// Import mentions as suggestions to review.
        #[arg(long)]
        as_suggestions: bool,
        /// Rename the file's entity types: `Person=PER,Organization=ORG`.
        #[arg(long)]
        map: Option<String>,
        /// Add entity types the schema lacks instead of leaving their
        /// mentions out.
        #[arg(long)]
        add_types: bool,
        /// The unit the file's offsets count (doccano, Label Studio):
        /// codepoints or utf16 (default: that tool's).
        #[arg(long)]
        offsets: Option<String>,
    },
    /// Run a model command over the documents and add its spans as
    /// suggestions to review (the protocol is in the user guide, docs/src/suggestions.md).
    Suggest {
        /// The project file to add suggestions to.
        project: PathBuf,
        /// The command, run through `sh -c`: JSON lines in (one document
        /// each), JSON lines out (its spans).
        #[arg(long)]
        command: String,
        /// Only these documents (paths relative to the corpus, comma-separated).
        #[arg(long, value_delimiter = ',')]
        docs: Vec<String>,
        /// Stop the command after this many seconds.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
        /// Spans scoring below this are not added.
        #[arg(long, default_value_t = 0.0)]
        min_score: f64,
        /// The model's type names as schema types: `PERSON=PER,ORG=ORG`.
        #[arg(long)]
        map: Option<String>,
        /// Add the model's types the schema lacks instead of leaving their
        /// spans out.
        #[arg(long)]
        add_types: bool,
    },
    /// Agreement between annotators' saves of the same corpus.
    Agree {
        /// Two or more project files.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Also compare documents a coder has not started (as empty); by
        /// default only documents every coder started are compared.
        #[arg(long)]
        all_documents: bool,
    },
    /// Merge annotators' saves into a gold project.
    Merge {
        /// Two or more project files.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// `agreed` (items every annotator has) or `majority` (more than half).
        #[arg(long)]
        strategy: String,
        /// The gold project file to write.
        #[arg(long)]
        out: PathBuf,
        /// Who adjudicates (recorded on every gold item).
        #[arg(long, default_value = "merge")]
        adjudicator: String,
        /// Replace an existing output.
        #[arg(long)]
        force: bool,
    },
    /// Write a synthetic corpus (and a project over it) for trying
    /// Stancemark at scale; the same seed gives the same files.
    Generate {
        /// Folder to create: the corpus goes to `OUT/corpus`, the project to
        /// `OUT/project.ron`.
        out: PathBuf,
        /// Number of articles.
        #[arg(long, default_value_t = 1_000)]
        docs: usize,
        /// Words per article.
        #[arg(long, default_value_t = 600)]
        words: usize,
        /// Mentions in the project (0: no project file).
        #[arg(long, default_value_t = 0)]
        mentions: usize,
        /// Span-level stances in the project.
        #[arg(long, default_value_t = 0)]
        stances: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Further coders' versions of the project, `OUT/coder-2.ron`…,
        /// for trying agreement and merging at scale (each keeps nine in
        /// ten mentions and retypes one in ten).
        #[arg(long, default_value_t = 0)]
        coders: usize,
    },
    /// Merge two versions of one project file against their common base,
    /// per annotation (a git merge driver: `stancemark merge-file %O %A
    /// %B`). The result replaces OURS; exit 1 when conflicts were recorded.
    /// With `--find-base OURS THEIRS` (a sync tool's conflicted copy beside
    /// the file), the base is the newest version both were saved over,
    /// found among the files beside them by the lineage each save records.
    MergeFile {
        /// Find the base among the versions beside OURS and THEIRS (their
        /// backups, and a sync tool's conflicted copies of them); then give
        /// only OURS and THEIRS.
        #[arg(long)]
        find_base: bool,
        /// BASE OURS THEIRS (BASE may be empty), or OURS THEIRS with
        /// `--find-base`; the merge is written to OURS.
        #[arg(num_args = 2..=3, required = true)]
        files: Vec<PathBuf>,
    },
    /// Team work: the team file, assignments, the lead's dashboard.
    Team {
        /// What to do.
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// Print documents, mentions per type and per-document counts.
    Stats {
        /// The project file.
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Runs the parsed command line.
#[must_use]
pub fn main(args: Args) -> ExitCode {
    let result = match args.command {
        None => run_gui(StartOptions {
            corpus: args.corpus,
            project: args.project,
            annotator: args.annotator,
            saves_dir: args.saves,
            ..StartOptions::default()
        })
        .map(|()| ExitCode::SUCCESS)
        .map_err(|e| anyhow::anyhow!("could not open the window: {e}")),
        Some(CliCommand::Validate { file, corpus }) => {
            validate(&file, corpus.as_deref(), &mut std::io::stdout())
        }
        Some(CliCommand::Generate {
            out,
            docs,
            words,
            mentions,
            stances,
            seed,
            coders,
        }) => generate(
            &out,
            &Generated {
                docs,
                words,
                mentions,
                stances,
                seed,
                coders,
            },
            &mut std::io::stdout(),
        )
        .map(|()| ExitCode::SUCCESS),
        Some(CliCommand::Stats { file, json }) => {
            stats(&file, json, &mut std::io::stdout()).map(|()| ExitCode::SUCCESS)
        }
        Some(CliCommand::MergeFile { find_base, files }) => match (find_base, files.as_slice()) {
            (false, [base, ours, theirs]) => {
                merge_file(Some(base), ours, theirs, &mut std::io::stderr())
            }
            (true, [ours, theirs]) => merge_file(None, ours, theirs, &mut std::io::stderr()),
            (false, _) => Err(anyhow::anyhow!(
                "merge-file takes BASE OURS THEIRS, or --find-base OURS THEIRS"
            )),
            (true, _) => Err(anyhow::anyhow!(
                "merge-file --find-base takes OURS THEIRS (the base is found beside them)"
            )),
        },
        Some(CliCommand::Team { command }) => team(command, &mut std::io::stdout()),
        Some(CliCommand::Agree {
            files,
            json,
            all_documents,
        }) => agree(
            &files,
            json,
            crate::review::agreement::Scope {
                include_unstarted: all_documents,
            },
            &mut std::io::stdout(),
        ),
        Some(CliCommand::Merge {
            files,
            strategy,
            out,
            adjudicator,
            force,
        }) => merge(
            &files,
            &strategy,
            &out,
            &adjudicator,
            force,
            &mut std::io::stdout(),
        ),
        Some(CliCommand::Export {
            project,
            format,
            out,
            only_done,
            include_suggestions,
            force,
            tokens,
            offsets,
        }) => {
            exchange::export_options(&tokens, offsets.as_deref()).and_then(|(tokens, offsets)| {
                let options = ExportOptions {
                    only_done,
                    include_suggestions,
                    tokens,
                    offsets,
                };
                export(
                    &project,
                    &format,
                    &out,
                    options,
                    force,
                    &mut std::io::stdout(),
                )
            })
        }
        Some(CliCommand::Suggest {
            project,
            command,
            docs,
            timeout,
            min_score,
            map,
            add_types,
        }) => suggest(
            &SuggestRequest {
                project: &project,
                command: &command,
                docs: &docs,
                timeout: std::time::Duration::from_secs(timeout),
                min_score,
                map: map.as_deref(),
                add_types,
            },
            &mut std::io::stdout(),
        ),
        Some(CliCommand::Import {
            corpus,
            format,
            from,
            out,
            annotator,
            as_suggestions,
            map,
            add_types,
            offsets,
        }) => exchange::import_options(
            as_suggestions,
            map.as_deref(),
            add_types,
            offsets.as_deref(),
        )
        .and_then(|(options, offsets)| {
            import(
                exchange::ImportRequest {
                    corpus: &corpus,
                    format: &format,
                    from: &from,
                    out: &out,
                    annotator: annotator.as_deref(),
                    options,
                    offsets,
                },
                &mut std::io::stdout(),
            )
        }),
    };
    match result {
        Ok(code) => code,
        // The reader of our output went away (`stancemark … | head`): the
        // work is done, there is just no one left to tell.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stancemark: {}", error_text(&e));
            ExitCode::from(2)
        }
    }
}

/// `e` and its causes, each once: a cause whose text the message already
/// holds (an error that names its source, and keeps it as its source too)
/// is not repeated.
fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// True when `e` comes from writing to a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
