//! `stancemark agree` and `stancemark merge`: comparing saves, making a gold one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use crate::io::Corpus;
use crate::io::project_and_corpus::load_projects_and_corpus;
use crate::io::save_project;

/// Loads saves for review: names are the annotators (with the file name when
/// two share one); the corpus is the first save's.
fn load_review(
    files: &[PathBuf],
) -> anyhow::Result<(Vec<crate::review::agreement::ReviewSave>, Corpus)> {
    let first = files.first().context("no saves given")?;
    // Every save and the corpus are read at the same time.
    let (loaded, corpus) = load_projects_and_corpus(files, None)?;
    let mut saves: Vec<_> = loaded
        .into_iter()
        .map(|loaded| crate::review::agreement::ReviewSave {
            name: loaded.project.annotator.clone(),
            project: loaded.project,
        })
        .collect();
    crate::review::agreement::disambiguate_names(&mut saves, files);
    crate::review::entity_identity::align_entities(&mut saves);
    let corpus = corpus.with_context(|| format!("corpus of {}", first.display()))?;
    Ok((saves, corpus))
}

/// `stancemark agree`.
///
/// # Errors
/// When a save or the corpus cannot be read.
pub fn agree(
    files: &[PathBuf],
    json: bool,
    scope: crate::review::agreement::Scope,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let (saves, corpus) = load_review(files)?;
    let report = crate::review::agreement::agreement_in(&saves, &corpus.documents, scope);
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
    let r = &report.relations;
    writeln!(out, "Relations: {} in all", r.relations)?;
    for (name, f) in [("F1 exact", &r.f1_exact), ("F1 partial", &r.f1_partial)] {
        writeln!(out, "  {name:<30} {:>12}  ({} items)", f.display(), f.items)?;
    }
    let q = &report.quotations;
    writeln!(out, "Quotations: {} in all", q.quotations)?;
    for (name, f) in [
        ("F1 (found by both)", &q.f1),
        ("content overlap", &q.content_overlap),
        ("same speaker", &q.speaker),
        ("same kind", &q.kind),
    ] {
        writeln!(out, "  {name:<30} {:>12}  ({} items)", f.display(), f.items)?;
    }
    if !report.codebook.is_empty() {
        writeln!(
            out,
            "Codebook, per variable (Krippendorff's alpha with its metric; percent agreement; documents)"
        )?;
        for v in &report.codebook {
            let jaccard = v
                .alpha_jaccard
                .as_ref()
                .map(|j| format!(", Jaccard {}", j.display()))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<20} alpha ({}) {}{jaccard}  percent {}  ({} document(s))",
                v.variable,
                v.metric,
                v.alpha.display(),
                v.percent.display(),
                v.documents
            )?;
        }
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
    let _lock = crate::io::lock::lock_for_writing(out)?;
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
        "{}: kept {} mention(s), {} relation(s), {} quotation(s), {} stance(s) and {} codebook value(s); left out {} mention(s), {} relation(s), {} quotation(s), {} stance(s) and {} codebook value(s)",
        out.display(),
        report.mentions,
        report.relations,
        report.quotations,
        report.stances,
        report.codes,
        report.mentions_dropped,
        report.relations_dropped,
        report.quotations_dropped,
        report.stances_dropped,
        report.codes_dropped
    )?;
    for l in &report.left_out {
        writeln!(report_to, "  document left out: {l}")?;
    }
    Ok(ExitCode::SUCCESS)
}
