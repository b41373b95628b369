//! `stancemark validate` and `stancemark stats`: checking and counting a project.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use std::collections::HashMap;

use crate::io::corpus::list_corpus;
use crate::io::load_project;
use crate::io::project_and_corpus::load_project_and_corpus;
use crate::model::EntityId;
use crate::model::check::{Problem, check_project_into};
use crate::model::wording::plural;

/// `stancemark validate`: prints each problem; returns exit code 1 if any.
///
/// # Errors
/// When the file or its corpus cannot be read at all.
pub fn validate(
    file: &Path,
    corpus: Option<&Path>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let (loaded, corpus) = load_project_and_corpus(file, corpus)?;
    let corpus = corpus.with_context(|| format!("corpus of {}", file.display()))?;
    // Printed as found, not collected: a project with millions of problems
    // is checked in bounded memory.
    let mut printer = Printer {
        out: &mut *out,
        file,
        count: 0,
        error: None,
    };
    check_project_into(&loaded.project, &corpus.documents, &mut printer);
    let problems = printer.count;
    if let Some(e) = printer.error {
        return Err(e.into());
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
    match crate::io::lock::lock_state(file) {
        crate::io::lock::LockState::Held(holder) => {
            writeln!(
                out,
                "{}: open in another Stancemark: {holder}",
                file.display()
            )?;
        }
        crate::io::lock::LockState::Stale(Some(holder)) => {
            writeln!(out, "{}: a stale lock was left by {holder}", file.display())?;
        }
        crate::io::lock::LockState::Stale(None) => {
            writeln!(out, "{}: a stale lock file was left", file.display())?;
        }
        crate::io::lock::LockState::Free | crate::io::lock::LockState::Mine => {}
    }
    for found in crate::io::recovery::scan_recoveries(file, Some(&loaded.project)) {
        use crate::io::recovery::Found;
        let line = match &found {
            Found::Offer { .. } => {
                "holds unsaved work the project file lacks; opening the project offers it".to_owned()
            }
            Found::Same { .. } => {
                "holds nothing the project file lacks; it is removed when the project is next opened".to_owned()
            }
            Found::Unreadable { error, .. } => {
                format!("a recovery file that cannot be read ({error}); it is left untouched")
            }
            Found::Live { owner, .. } => {
                format!("the recovery file of the Stancemark running as {owner}; never offered elsewhere")
            }
        };
        writeln!(
            out,
            "{}: {}: {line}",
            file.display(),
            found.path().display()
        )?;
    }
    if problems == 0 {
        writeln!(
            out,
            "{}: OK ({}, {})",
            file.display(),
            plural(loaded.project.documents.len(), "document"),
            plural(loaded.project.mention_count(), "mention")
        )?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{}: {problems} problem(s)", file.display())?;
        Ok(ExitCode::from(1))
    }
}

/// Prints each problem handed to it, counting them.
struct Printer<'a> {
    out: &'a mut dyn std::io::Write,
    file: &'a Path,
    count: usize,
    error: Option<std::io::Error>,
}

impl Extend<Problem> for Printer<'_> {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, problems: I) {
        for p in problems {
            self.count += 1;
            if self.error.is_none()
                && let Err(e) = writeln!(self.out, "{}: {p}", self.file.display())
            {
                self.error = Some(e);
            }
        }
    }
}

/// `stancemark stats`.
///
/// # Errors
/// When the file cannot be read.
pub fn stats(file: &Path, json: bool, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let loaded = load_project(file)?;
    let project = &loaded.project;
    // The corpus is listed, not read: its `.txt` files are counted.
    let corpus_files: Option<usize> = list_corpus(&loaded.corpus).ok().map(|l| l.files.len());
    let mut linked: HashMap<EntityId, usize> = HashMap::new();
    for m in project.documents.values().flat_map(|d| &d.mentions) {
        if let Some(e) = m.entity {
            *linked.entry(e).or_default() += 1;
        }
    }
    let mentions_of = |e: EntityId| linked.get(&e).copied().unwrap_or(0);
    let per_type: BTreeMap<String, usize> = project.mentions_per_label().into_iter().collect();
    if json {
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
                    "relations": d.relations.len(),
                    "quotations": d.quotations.len(),
                    "per_type": types,
                })
            })
            .collect();
        let value = serde_json::json!({
            "file": file.display().to_string(),
            "annotator": project.annotator,
            "corpus": loaded.corpus.display().to_string(),
            "corpus_documents": corpus_files,
            "documents": project.documents.len(),
            "mentions": project.mention_count(),
            "mentions_per_type": per_type,
            "quotations": project.quotation_count(),
            "relations": project.relation_count(),
            "relations_per_type": relations_per_type(project).into_iter().collect::<BTreeMap<_, _>>(),
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
                "mentions": mentions_of(e.id),
            })).collect::<Vec<_>>(),
            "per_document": per_document,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    writeln!(out, "Project:    {}", file.display())?;
    writeln!(out, "Annotator:  {}", project.annotator)?;
    writeln!(out, "Corpus:     {}", loaded.corpus.display())?;
    match corpus_files {
        Some(n) => writeln!(
            out,
            "Documents:  {} in the project, {n} in the corpus",
            project.documents.len(),
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
    writeln!(out, "Quotations: {}", project.quotation_count())?;
    writeln!(out, "Relations:  {}", project.relation_count())?;
    for (label, n) in relations_per_type(project) {
        writeln!(out, "  {label:<10} {n}")?;
    }
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
            mentions_of(e.id)
        )?;
    }
    writeln!(out, "Per document:")?;
    for (path, d) in &project.documents {
        writeln!(
            out,
            "  {:>5} mentions {:>4} relations {:>4} stances  {:<12} {path}",
            d.mentions.len(),
            d.relations.len(),
            d.stances.len(),
            d.status.label()
        )?;
    }
    Ok(())
}

/// Relations per type, in schema order (then unknown ones).
fn relations_per_type(project: &crate::model::Project) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = project
        .schema
        .relation_types
        .iter()
        .map(|t| (t.name.clone(), project.relation_use_count(&t.name)))
        .collect();
    for r in project.documents.values().flat_map(|d| &d.relations) {
        if !out.iter().any(|(t, _)| *t == r.label) {
            out.push((r.label.clone(), project.relation_use_count(&r.label)));
        }
    }
    out
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
