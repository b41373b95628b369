//! The command line: open the GUI, or run a headless command.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::io::corpus::DEFAULT_MAX_FILE_BYTES;
use crate::io::export::{ExportFormat, ExportOptions};
use crate::io::import::{ImportFormat, read_records};
use crate::io::save_project;
use crate::io::schema_file::default_schema;
use crate::io::{Corpus, load_corpus, load_project};
use crate::model::check::check_project;
use crate::model::import_merge::merge_records;
use crate::ui::{StartOptions, run_gui};

/// Stancemark: annotate entities and stances in news corpora.
#[derive(Debug, Parser)]
#[command(name = "stancemark", version, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Corpus folder to open (default: the bundled sample corpus).
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
        /// spacy, doccano, conll, hf, brat, w3c, stances-jsonl or stances-csv.
        #[arg(long)]
        format: String,
        /// Output file (a folder for brat and hf).
        #[arg(long)]
        out: PathBuf,
        /// Only documents marked done.
        #[arg(long)]
        only_done: bool,
        /// Include suggestions not yet accepted.
        #[arg(long)]
        include_suggestions: bool,
        /// Replace an existing output.
        #[arg(long)]
        force: bool,
    },
    /// Import annotations (spacy, doccano, brat, stances-jsonl) into a project.
    Import {
        /// The corpus folder the annotations belong to.
        #[arg(long)]
        corpus: PathBuf,
        /// spacy, doccano, brat or stances-jsonl.
        #[arg(long)]
        format: String,
        /// The file (a folder for brat) to read.
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
    },
    /// Agreement between annotators' saves of the same corpus.
    Agree {
        /// Two or more project files.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
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
        }) => generate(
            &out,
            &Generated {
                docs,
                words,
                mentions,
                stances,
                seed,
            },
            &mut std::io::stdout(),
        )
        .map(|()| ExitCode::SUCCESS),
        Some(CliCommand::Stats { file, json }) => {
            stats(&file, json, &mut std::io::stdout()).map(|()| ExitCode::SUCCESS)
        }
        Some(CliCommand::Agree { files, json }) => agree(&files, json, &mut std::io::stdout()),
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
        }) => {
            let options = ExportOptions {
                only_done,
                include_suggestions,
            };
            export(
                &project,
                &format,
                &out,
                options,
                force,
                &mut std::io::stdout(),
            )
        }
        Some(CliCommand::Import {
            corpus,
            format,
            from,
            out,
            annotator,
            as_suggestions,
        }) => import(
            &corpus,
            &format,
            &from,
            &out,
            annotator.as_deref(),
            as_suggestions,
            &mut std::io::stdout(),
        ),
    };
    match result {
        Ok(code) => code,
        // The reader of our output went away (`stancemark … | head`): the
        // work is done, there is just no one left to tell.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stancemark: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// True when `e` comes from writing to a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `stancemark validate`: prints each problem; returns exit code 1 if any.
///
/// # Errors
/// When the file or its corpus cannot be read at all.
pub fn validate(
    file: &Path,
    corpus: Option<&Path>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let loaded = load_project(file)?;
    let root = corpus.map_or(loaded.corpus.clone(), Path::to_path_buf);
    let corpus = load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &())
        .with_context(|| format!("corpus of {}", file.display()))?;
    let problems = check_project(&loaded.project, &corpus.documents);
    for p in &problems {
        writeln!(out, "{}: {p}", file.display())?;
    }
    for s in &corpus.skipped {
        writeln!(
            out,
            "{}: corpus file skipped: {}: {}",
            file.display(),
            s.path,
            s.reason
        )?;
    }
    // Information, not problems: who has the file open, unsaved work.
    if let Some(holder) = crate::io::lock::read_lock(file) {
        let state = if crate::io::lock::is_stale(&holder) {
            "a stale lock was left by"
        } else {
            "open in another Stancemark:"
        };
        writeln!(out, "{}: {state} {holder}", file.display())?;
    }
    let recovery = crate::ui::session::recovery_path(file);
    if recovery.is_file() {
        writeln!(
            out,
            "{}: unsaved work from an interrupted session is in {} (opening the project offers it)",
            file.display(),
            recovery.display()
        )?;
    }
    if problems.is_empty() {
        writeln!(
            out,
            "{}: OK ({} documents, {} mentions)",
            file.display(),
            loaded.project.documents.len(),
            loaded.project.mention_count()
        )?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{}: {} problem(s)", file.display(), problems.len())?;
        Ok(ExitCode::from(1))
    }
}

/// `stancemark stats`.
///
/// # Errors
/// When the file cannot be read.
pub fn stats(file: &Path, json: bool, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let loaded = load_project(file)?;
    let project = &loaded.project;
    let corpus: Option<Corpus> = load_corpus(&loaded.corpus, DEFAULT_MAX_FILE_BYTES, &()).ok();
    let per_type: BTreeMap<String, usize> = project.mentions_per_label().into_iter().collect();
    let per_document: Vec<serde_json::Value> = project
        .documents
        .iter()
        .map(|(path, d)| {
            let mut types: BTreeMap<&str, usize> = BTreeMap::new();
            for m in &d.mentions {
                *types.entry(m.label.as_str()).or_default() += 1;
            }
            serde_json::json!({
                "path": path,
                "title": d.title,
                "status": d.status.label(),
                "mentions": d.mentions.len(),
                "stances": d.stances.len(),
                "per_type": types,
            })
        })
        .collect();
    if json {
        let value = serde_json::json!({
            "file": file.display().to_string(),
            "annotator": project.annotator,
            "corpus": loaded.corpus.display().to_string(),
            "corpus_documents": corpus.as_ref().map(|c| c.documents.len()),
            "documents": project.documents.len(),
            "mentions": project.mention_count(),
            "mentions_per_type": per_type,
            "stances": project.stance_count(),
            "stances_per_polarity": stances_per_polarity(project).into_iter().collect::<BTreeMap<_, _>>(),
            "claims": project.claims.values().map(|c| serde_json::json!({
                "id": c.id.0,
                "text": c.text,
                "stances": project.stances_on_claim(c.id).len(),
            })).collect::<Vec<_>>(),
            "entities": project.entities.len(),
            "linked_mentions": project.linked_mention_count(),
            "suggestions": project.suggestion_count(),
            "entities_list": project.entities.values().map(|e| serde_json::json!({
                "id": e.id.0,
                "name": e.name,
                "type": e.label,
                "kb_id": e.kb_id,
                "mentions": project.mentions_of(e.id).len(),
            })).collect::<Vec<_>>(),
            "per_document": per_document,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    writeln!(out, "Project:    {}", file.display())?;
    writeln!(out, "Annotator:  {}", project.annotator)?;
    writeln!(out, "Corpus:     {}", loaded.corpus.display())?;
    match &corpus {
        Some(c) => writeln!(
            out,
            "Documents:  {} in the project, {} in the corpus",
            project.documents.len(),
            c.documents.len()
        )?,
        None => writeln!(
            out,
            "Documents:  {} in the project (corpus not readable)",
            project.documents.len()
        )?,
    }
    writeln!(out, "Mentions:   {}", project.mention_count())?;
    for (label, n) in &per_type {
        writeln!(out, "  {label:<8} {n}")?;
    }
    writeln!(
        out,
        "Entities:   {} ({} of {} mentions linked; {} suggestion(s) not yet accepted)",
        project.entities.len(),
        project.linked_mention_count(),
        project.mention_count(),
        project.suggestion_count()
    )?;
    writeln!(
        out,
        "Stances:    {} ({} claim(s))",
        project.stance_count(),
        project.claims.len()
    )?;
    for (polarity, n) in stances_per_polarity(project) {
        writeln!(out, "  {polarity:<8} {n}")?;
    }
    for e in project.entities.values() {
        let kb = e
            .kb_id
            .as_deref()
            .map(|q| format!(" {q}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<8} {}{kb}: {} mention(s)",
            e.label,
            e.name,
            project.mentions_of(e.id).len()
        )?;
    }
    writeln!(out, "Per document:")?;
    for (path, d) in &project.documents {
        writeln!(
            out,
            "  {:>5} mentions {:>4} stances  {:<12} {path}",
            d.mentions.len(),
            d.stances.len(),
            d.status.label()
        )?;
    }
    Ok(())
}

/// Stances per polarity, in the order of the stance scale (then unknown ones).
fn stances_per_polarity(project: &crate::model::Project) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = project
        .schema
        .polarities
        .iter()
        .map(|p| (p.name.clone(), project.polarity_use_count(&p.name)))
        .collect();
    for (_, s) in project.stances() {
        if !out.iter().any(|(p, _)| *p == s.polarity) {
            out.push((s.polarity.clone(), project.polarity_use_count(&s.polarity)));
        }
    }
    out
}

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
    writeln!(
        report_to,
        "{}: {} of {} record(s) matched; added {} mention(s), {} stance(s), {} entit(y/ies), {} claim(s); {} duplicate(s) skipped",
        out.display(),
        report.matched,
        report.records,
        report.mentions,
        report.stances,
        report.entities,
        report.claims,
        report.duplicates
    )?;
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

/// Loads saves for review: names are the annotators (with the file name when
/// two share one); the corpus is the first save's.
fn load_review(
    files: &[PathBuf],
) -> anyhow::Result<(Vec<crate::review::agreement::ReviewSave>, Corpus)> {
    let mut saves = Vec::new();
    let mut corpus_root = None;
    for f in files {
        let loaded = load_project(f)?;
        corpus_root.get_or_insert(loaded.corpus.clone());
        saves.push(crate::review::agreement::ReviewSave {
            name: loaded.project.annotator.clone(),
            project: loaded.project,
        });
    }
    crate::review::agreement::disambiguate_names(&mut saves, files);
    let root = corpus_root.context("no saves given")?;
    let corpus = load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &())
        .with_context(|| format!("corpus of {}", files[0].display()))?;
    Ok((saves, corpus))
}

/// `stancemark agree`.
///
/// # Errors
/// When a save or the corpus cannot be read.
pub fn agree(
    files: &[PathBuf],
    json: bool,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let (saves, corpus) = load_review(files)?;
    let report = crate::review::agreement::agreement(&saves, &corpus.documents);
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&crate::review::agreement::report_json(&report))?
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "Annotators: {}", report.annotators.join(", "))?;
    writeln!(out, "Documents compared: {}", report.compared.len())?;
    for l in &report.left_out {
        writeln!(out, "  left out: {l}")?;
    }
    let m = &report.mentions;
    writeln!(out, "Mentions")?;
    for (name, f) in [
        ("F1 exact", &m.f1_exact),
        ("F1 partial", &m.f1_partial),
        ("Cohen's kappa (tokens)", &m.cohen_kappa),
        ("Fleiss' kappa (tokens)", &m.fleiss_kappa),
        ("Krippendorff's alpha (tokens)", &m.alpha_nominal),
        ("unitizing alpha (characters)", &m.alpha_unitizing),
        ("entity linking", &m.linking),
    ] {
        writeln!(
            out,
            "  {name:<30} {:>12}  ({} items){}",
            f.display(),
            f.items,
            f.note
                .as_ref()
                .map(|n| format!("  {n}"))
                .unwrap_or_default()
        )?;
    }
    writeln!(out, "Per type (F1 exact / F1 partial / unitizing alpha)")?;
    for (t, f) in &report.per_type {
        writeln!(
            out,
            "  {t:<8} {} / {} / {}",
            f.f1_exact.display(),
            f.f1_partial.display(),
            f.alpha_unitizing.display()
        )?;
    }
    let s = &report.stances;
    writeln!(out, "Stances: {} unit(s)", s.units)?;
    for (name, f) in [
        ("alpha (polarity)", &s.alpha_nominal),
        ("Cohen's kappa", &s.cohen_kappa),
        ("Fleiss' kappa", &s.fleiss_kappa),
        ("evidence overlap", &s.evidence_overlap),
    ] {
        writeln!(out, "  {name:<30} {:>12}  ({} items)", f.display(), f.items)?;
    }
    writeln!(
        out,
        "Per document, most disagreement first (disagreements, F1 exact)"
    )?;
    for d in &report.per_document {
        writeln!(
            out,
            "  {:>4}  {:>11}  {}",
            d.disagreements,
            d.f1_exact.display(),
            d.path
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `stancemark merge`.
///
/// # Errors
/// When a save, the corpus or the output cannot be read or written.
pub fn merge(
    files: &[PathBuf],
    strategy: &str,
    out: &Path,
    adjudicator: &str,
    force: bool,
    report_to: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let strategy = match strategy {
        "agreed" => crate::review::merge::Strategy::Agreed,
        "majority" => crate::review::merge::Strategy::Majority,
        other => anyhow::bail!("unknown strategy {other:?}; use agreed or majority"),
    };
    if out.exists() && !force {
        anyhow::bail!(
            "{} already exists; choose another path or use --force",
            out.display()
        );
    }
    let (saves, corpus) = load_review(files)?;
    let (gold, report) =
        crate::review::merge::merge(&saves, &corpus.documents, strategy, adjudicator);
    save_project(out, &gold, &corpus.root)?;
    writeln!(
        report_to,
        "{}: kept {} mention(s) and {} stance(s); left out {} mention(s) and {} stance(s)",
        out.display(),
        report.mentions,
        report.stances,
        report.mentions_dropped,
        report.stances_dropped
    )?;
    for l in &report.left_out {
        writeln!(report_to, "  document left out: {l}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Sizes for `stancemark generate`.
#[derive(Clone, Copy, Debug)]
pub struct Generated {
    /// Articles.
    pub docs: usize,
    /// Words per article.
    pub words: usize,
    /// Mentions in the project (0: none written).
    pub mentions: usize,
    /// Stances in the project.
    pub stances: usize,
    /// Generator seed.
    pub seed: u64,
}

/// `stancemark generate`: a synthetic corpus under `out/corpus` and, when
/// mentions are asked for, `out/project.ron`. Refuses a folder that exists.
///
/// # Errors
/// When `out` exists or a file cannot be written.
pub fn generate(
    out: &Path,
    sizes: &Generated,
    report: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    use crate::model::synthetic;
    if out.exists() {
        anyhow::bail!("{} already exists; choose a new folder", out.display());
    }
    let root = out.join("corpus");
    let corpus = synthetic::corpus(sizes.seed, sizes.docs, sizes.words);
    let mut bytes = 0;
    for doc in &corpus {
        let file = root.join(&doc.path);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&file, &doc.text).with_context(|| format!("writing {}", file.display()))?;
        bytes += doc.text.len();
    }
    writeln!(
        report,
        "{}: {} articles, {bytes} bytes of text",
        root.display(),
        corpus.len()
    )?;
    if sizes.mentions > 0 {
        let project = synthetic::project(
            sizes.seed.wrapping_add(1),
            &corpus,
            sizes.mentions,
            sizes.stances,
        );
        let file = out.join("project.ron");
        save_project(&file, &project, &root)?;
        writeln!(
            report,
            "{}: {} mentions, {} stances",
            file.display(),
            project.mention_count(),
            project.stance_count()
        )?;
    }
    Ok(())
}
