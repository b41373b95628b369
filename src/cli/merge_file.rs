//! `stancemark merge-file BASE OURS THEIRS`: the semantic three-way merge
//! of two versions of one project file, usable as a git merge driver
//! (`driver = stancemark merge-file %O %A %B`). The result replaces OURS;
//! conflicts are recorded in it and the exit status is 1, as git expects;
//! a file that would not load again is never written.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::io::safe_file::read_text;
use crate::io::store::{MAX_PROJECT_BYTES, parse_project, project_to_ron};
use crate::model::Project;
use crate::review::three_way::merge_three;

fn read(path: &Path) -> anyhow::Result<(Option<Project>, String)> {
    let text = read_text(path, MAX_PROJECT_BYTES)?;
    if text.trim().is_empty() {
        // git gives an empty base when both sides added the file.
        return Ok((None, String::new()));
    }
    let file = parse_project(path, &text)?;
    let corpus = file.corpus.clone();
    Ok((Some(file.into_project()), corpus))
}

/// Runs the merge; `report` gets what was merged and every conflict.
///
/// # Errors
/// When a version cannot be read, or the result cannot be written.
pub fn merge_file(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    report: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    let (o, corpus) = read(ours)?;
    let o = o.with_context(|| format!("{}: empty, nothing to merge into", ours.display()))?;
    let (t, _) = read(theirs)?;
    let t = t.with_context(|| format!("{}: empty, nothing to merge", theirs.display()))?;
    let b = read(base)?
        .0
        .unwrap_or_else(|| Project::new(o.annotator.clone(), o.schema.clone()));
    let merged = merge_three(&b, &o, &t);
    let text = project_to_ron(&merged.project, corpus)?;
    // Never write what would not load again.
    parse_project(ours, &text)
        .context("the merged project did not check out; nothing was written")?;
    let _lock = crate::io::lock::lock_for_writing(ours)?;
    crate::io::atomic::remove_abandoned_temporaries(
        ours.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    );
    crate::io::atomic::write_atomic(ours, text.as_bytes())
        .with_context(|| format!("{}: could not write the merged project", ours.display()))?;
    for n in &merged.notes {
        writeln!(report, "stancemark merge-file: {n}")?;
    }
    let fresh = &merged.project.conflicts[merged.project.conflicts.len() - merged.new_conflicts..];
    for c in fresh {
        writeln!(report, "stancemark merge-file: {}", c.describe())?;
    }
    if merged.new_conflicts == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        report,
        "stancemark merge-file: {} conflict(s) recorded in the project; open it in Stancemark (Problems) or run `stancemark validate` to see them, then settle each one",
        merged.new_conflicts
    )?;
    Ok(ExitCode::from(1))
}
