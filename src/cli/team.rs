//! `stancemark team init|assign|status`: the team file, the assignment of
//! documents to annotators, and the lead's dashboard, without a server.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;

use crate::io::corpus::DEFAULT_MAX_FILE_BYTES;
use crate::io::team_file::{TEAM_FILE_NAME, find_team_file, read_team, write_team};
use crate::io::team_saves::read_saves;
use crate::io::{Corpus, load_corpus, load_project};
use crate::model::team::{AssignOptions, Team};
use crate::review::team_status::{TeamStatus, team_status};

/// `stancemark team …`.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Write a team file: its annotators, shared schema and guidelines.
    Init {
        /// The corpus folder.
        #[arg(long)]
        corpus: PathBuf,
        /// The annotators, as named in their saves: `ana,ben,cleo`.
        #[arg(long, value_delimiter = ',', required = true)]
        annotators: Vec<String>,
        /// A schema file the team shares (named in the team file, relative
        /// to it); default: the team file holds the default schema.
        #[arg(long)]
        schema: Option<PathBuf>,
        /// Guidelines: a path or URL shown in the app.
        #[arg(long)]
        guidelines: Option<String>,
        /// The team file (default: `team.ron` in the corpus folder).
        #[arg(long)]
        team: Option<PathBuf>,
        /// Replace an existing team file.
        #[arg(long)]
        force: bool,
    },
    /// Assign the corpus's documents to annotators, with overlap.
    Assign {
        /// The corpus folder.
        #[arg(long)]
        corpus: PathBuf,
        /// The annotators. With an assignment already made, leaving someone
        /// out moves only their unfinished documents to the others.
        #[arg(long, value_delimiter = ',', required = true)]
        annotators: Vec<String>,
        /// Share of documents coded by several annotators (0–1).
        #[arg(long, default_value_t = 0.0)]
        overlap: f64,
        /// Annotators per overlap document.
        #[arg(long, default_value_t = 2)]
        per_doc: usize,
        /// Seed: the same seed gives the same split.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The saves folder (for which documents are finished).
        #[arg(long, default_value = "saves")]
        saves: PathBuf,
        /// Make a new split even though one exists (finished documents may
        /// move to someone else).
        #[arg(long)]
        fresh: bool,
        /// The team file (default: found in the saves, else corpus, folder).
        #[arg(long)]
        team: Option<PathBuf>,
    },
    /// The lead's dashboard: progress per annotator and per outlet,
    /// agreement on finished overlap documents, what waits for adjudication.
    Status {
        /// The corpus folder.
        #[arg(long)]
        corpus: PathBuf,
        /// The saves folder.
        #[arg(long, default_value = "saves")]
        saves: PathBuf,
        /// The gold project, if there is one (never counted as an annotator).
        #[arg(long)]
        gold: Option<PathBuf>,
        /// The team file (default: found in the saves, else corpus, folder).
        #[arg(long)]
        team: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn team_path(
    team: Option<PathBuf>,
    saves: Option<&Path>,
    corpus: &Path,
) -> anyhow::Result<PathBuf> {
    match team {
        Some(t) => Ok(t),
        None => find_team_file(saves, corpus).with_context(|| {
            format!(
                "no {TEAM_FILE_NAME} in {} or {}; run `stancemark team init` first",
                saves.map_or_else(
                    || "the saves folder".to_owned(),
                    |s| s.display().to_string()
                ),
                corpus.display()
            )
        }),
    }
}

fn corpus_of(dir: &Path) -> anyhow::Result<Corpus> {
    load_corpus(dir, DEFAULT_MAX_FILE_BYTES, &())
        .with_context(|| format!("corpus {}", dir.display()))
}

/// Lists the files that stay on each machine in `folder`'s `.gitignore`,
/// and says so when it changed.
fn say_gitignore(folder: &Path, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    if let Some(file) = crate::io::local_files::ensure_gitignore(folder)
        .with_context(|| format!("{}: could not write .gitignore", folder.display()))?
    {
        writeln!(
            out,
            "Wrote {}: locks, backups, recovery and temporary files stay out of git",
            file.display()
        )?;
    }
    Ok(())
}

/// Runs a team command.
///
/// # Errors
/// When a file cannot be read or written, or the options are refused.
pub fn team(command: TeamCommand, out: &mut dyn std::io::Write) -> anyhow::Result<ExitCode> {
    match command {
        TeamCommand::Init {
            corpus,
            annotators,
            schema,
            guidelines,
            team,
            force,
        } => {
            let path = team.unwrap_or_else(|| corpus.join(TEAM_FILE_NAME));
            if path.exists() && !force {
                anyhow::bail!(
                    "{} exists; --force replaces it (its assignment too)",
                    path.display()
                );
            }
            crate::model::team::check_annotators(&annotators)?;
            let (schema, schema_file) = match schema {
                None => (Some(crate::io::schema_file::default_schema()), None),
                Some(file) => {
                    let text = crate::io::safe_file::read_text(&file, 16 * 1024 * 1024)?;
                    let parsed = crate::io::schema_file::parse_schema(&text)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
                    let base = path.parent().unwrap_or(Path::new("."));
                    let name = pathdiff::diff_paths(
                        std::path::absolute(&file)?,
                        std::path::absolute(base)?,
                    )
                    .unwrap_or(file.clone());
                    let name = name.to_string_lossy().into_owned();
                    // Only a file beside the team file is read back; one
                    // elsewhere is kept inline.
                    let beside = crate::io::team_file::is_beside(&name);
                    (Some(parsed), beside.then_some(name))
                }
            };
            let team = Team {
                annotators,
                schema,
                schema_file,
                guidelines,
                ..Team::default()
            };
            write_team(&path, &team)?;
            writeln!(
                out,
                "Wrote {} ({} annotator(s)); next: stancemark team assign",
                path.display(),
                team.annotators.len()
            )?;
            let folder = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            say_gitignore(folder, out)?;
            Ok(ExitCode::SUCCESS)
        }
        TeamCommand::Assign {
            corpus,
            annotators,
            overlap,
            per_doc,
            seed,
            saves,
            fresh,
            team,
        } => {
            let path = team_path(team, Some(&saves), &corpus)?;
            let docs = corpus_of(&corpus)?;
            let options = AssignOptions {
                annotators,
                overlap,
                per_doc,
                seed,
            };
            let done = crate::io::team_assign::assign_and_write(
                &path,
                &crate::io::team_assign::team_docs(&docs.documents),
                &options,
                &saves,
                fresh,
            )
            .map_err(anyhow::Error::msg)?;
            // The saves are what a team shares: what stays on each machine
            // is kept out of git there.
            say_gitignore(&saves, out)?;
            let t = &done.team;
            if done.fresh {
                let overlap_docs = t.overlap_documents().len();
                writeln!(
                    out,
                    "Assigned {} document(s) to {} annotator(s), {overlap_docs} of them to {per_doc} each (seed {seed}); wrote {}",
                    t.assignment.len(),
                    t.annotators.len(),
                    path.display()
                )?;
                for a in &t.annotators {
                    writeln!(out, "  {a}: {} document(s)", t.documents_of(a).len())?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            writeln!(
                out,
                "Moved {} document(s); wrote {}",
                done.moved.len(),
                path.display()
            )?;
            for m in &done.moved {
                writeln!(out, "  {m}")?;
            }
            for p in &done.unreadable {
                writeln!(out, "  could not read: {p}")?;
            }
            Ok(if done.unreadable.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        TeamCommand::Status {
            corpus,
            saves,
            gold,
            team,
            json,
        } => {
            let path = team_path(team, Some(&saves), &corpus)?;
            let t = read_team(&path)?;
            let docs = corpus_of(&corpus)?;
            let gold_project = match &gold {
                Some(g) => Some(load_project(g)?.project),
                None => None,
            };
            let except: Vec<&Path> = gold.iter().map(PathBuf::as_path).collect();
            let mut folder = read_saves(&saves, &except);
            // A hand-edited team file may name documents the corpus lacks.
            for doc in t.assignment.keys() {
                if docs.document(doc).is_none() {
                    folder.problems.push(format!(
                        "{}: assigns {doc:?}, which is not in the corpus {}",
                        path.display(),
                        corpus.display()
                    ));
                }
            }
            let corpus = crate::review::team_status::TeamCorpus::of(&t, &docs.documents);
            let status = team_status(&t, &folder.saves, &corpus, gold_project.as_ref());
            if json {
                let mut value = serde_json::to_value(&status)?;
                value["unreadable_saves"] = serde_json::json!(folder.problems);
                writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
            } else {
                print_status(&status, &folder.problems, out)?;
            }
            Ok(if folder.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

fn print_status(
    s: &TeamStatus,
    problems: &[String],
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "Per annotator (assigned, done, in progress, last change)"
    )?;
    for a in &s.annotators {
        writeln!(
            out,
            "  {:<20} {:>5} {:>5} {:>5}  {}",
            a.annotator,
            a.assigned,
            a.done,
            a.in_progress,
            a.last_change.as_deref().unwrap_or("no save yet")
        )?;
    }
    writeln!(out, "Per outlet (assigned, done, in progress)")?;
    for o in &s.outlets {
        writeln!(
            out,
            "  {:<20} {:>5} {:>5} {:>5}",
            o.outlet, o.assigned, o.done, o.in_progress
        )?;
    }
    writeln!(
        out,
        "Agreement on finished overlap documents (Krippendorff: ≥ 0.800 good, ≥ 0.667 tentative, below poor)"
    )?;
    if s.agreement.is_empty() {
        writeln!(
            out,
            "  none yet: no overlap document is finished by both of its coders"
        )?;
    }
    for p in &s.agreement {
        writeln!(
            out,
            "  {} & {}: {} document(s); mentions alpha {} ({}), F1 {}; stances alpha {}",
            p.annotators[0],
            p.annotators[1],
            p.documents,
            p.mentions_alpha.display(),
            p.reading.unwrap_or("no reading"),
            p.mentions_f1.display(),
            p.stances_alpha.display()
        )?;
        for v in &p.codebook {
            writeln!(
                out,
                "    {}: alpha ({}) {}{}, percent {}",
                v.variable,
                v.metric,
                v.alpha.display(),
                v.alpha
                    .value
                    .map(|a| format!(" ({})", crate::review::team_status::reading(a)))
                    .unwrap_or_default(),
                v.percent.display()
            )?;
        }
    }
    writeln!(
        out,
        "Waiting for adjudication: {}",
        s.waiting_for_adjudication.len()
    )?;
    for d in &s.waiting_for_adjudication {
        writeln!(out, "  {d}")?;
    }
    for n in &s.notes {
        writeln!(out, "Note: {n}")?;
    }
    for p in problems {
        writeln!(out, "Could not read: {p}")?;
    }
    Ok(())
}
