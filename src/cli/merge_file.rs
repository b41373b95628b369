//! `stancemark merge-file BASE OURS THEIRS`: the semantic three-way merge
//! of two versions of one project file, usable as a git merge driver
//! (`driver = stancemark merge-file %O %A %B`). The result replaces OURS;
//! conflicts are recorded in it and the exit status is 1, as git expects;
//! a file that would not load again is never written.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::io::lineage;
use crate::io::parallel::map_ordered;
use crate::io::safe_file::read_text;
use crate::io::store::{MAX_PROJECT_BYTES, parse_project, project_to_ron_with_lineage};
use crate::model::Project;
use crate::review::three_way::{merge_three, no_base};

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

/// The newest version both `ours` and `theirs` were saved over, among the
/// files beside them (see [`crate::io::lineage`]); `None` when none is kept.
fn find_base(ours: &Path, theirs: &Path) -> anyhow::Result<Option<std::path::PathBuf>> {
    let bytes =
        |p: &Path| -> anyhow::Result<Vec<u8>> { Ok(read_text(p, MAX_PROJECT_BYTES)?.into_bytes()) };
    let (o, t) = (bytes(ours)?, bytes(theirs)?);
    let mut paths = lineage::versions_beside(ours);
    paths.extend(lineage::versions_beside(theirs));
    paths.sort();
    paths.dedup();
    // A file that cannot be read is no candidate; the others are enough.
    let candidates: Vec<(std::path::PathBuf, Vec<u8>)> = paths
        .into_iter()
        .filter_map(|p| bytes(&p).ok().map(|b| (p, b)))
        .collect();
    Ok(lineage::common_base(&o, &t, &candidates))
}

/// Runs the merge; `report` gets what was merged and every conflict.
/// Without `base`, the base is found beside the two files
/// ([`crate::io::lineage`]), or the merge is made without one (and says
/// so).
///
/// # Errors
/// When a version cannot be read, or the result cannot be written.
pub fn merge_file(
    base: Option<&Path>,
    ours: &Path,
    theirs: &Path,
    report: &mut dyn std::io::Write,
) -> anyhow::Result<ExitCode> {
    // The file the merge is written to must not be open in the app: asked
    // first, so nothing is reported as merged that will not be written.
    let _lock = crate::io::lock::lock_for_writing(ours)?;
    let base = match base {
        Some(b) => Some(b.to_path_buf()),
        None => {
            let found = find_base(ours, theirs)?;
            match &found {
                Some(b) => writeln!(
                    report,
                    "stancemark merge-file: base: {} (the newest version both were saved over)",
                    b.display()
                )?,
                None => writeln!(
                    report,
                    "stancemark merge-file: no version both were saved over is kept beside them: merged without a base (nothing is lost, but what one side deleted comes back and what both changed is kept in both versions; check the result)"
                )?,
            }
            found
        }
    };
    // The three versions are read at the same time.
    let paths: Vec<std::path::PathBuf> =
        [Some(ours.to_path_buf()), Some(theirs.to_path_buf()), base]
            .into_iter()
            .flatten()
            .collect();
    let mut versions = map_ordered(&paths, |p| read(p)).into_iter();
    let mut next = || versions.next().transpose().map(Option::unwrap_or_default);
    let (o, corpus) = next()?;
    let o = o.with_context(|| format!("{}: empty, nothing to merge into", ours.display()))?;
    let (t, _) = next()?;
    let t = t.with_context(|| format!("{}: empty, nothing to merge", theirs.display()))?;
    let b = next()?.0.unwrap_or_else(|| no_base(&o));
    let merged = merge_three(&b, &o, &t);
    let lineage = lineage::merged_from(
        read_text(ours, MAX_PROJECT_BYTES)?.as_bytes(),
        read_text(theirs, MAX_PROJECT_BYTES)?.as_bytes(),
    );
    let text = project_to_ron_with_lineage(&merged.project, corpus, lineage)?;
    // Never write what would not load again.
    parse_project(ours, &text)
        .context("the merged project did not check out; nothing was written")?;
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
