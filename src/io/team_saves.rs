//! The saves of a team: every project file (`*.ron`) in the saves folder
//! but the team file and the gold file, each with when it was last written.

use std::path::{Path, PathBuf};

use crate::review::team_status::TeamSave;

/// What reading a saves folder found.
#[derive(Debug, Default)]
pub struct SavesFolder {
    /// The saves read, by file name.
    pub saves: Vec<TeamSave>,
    /// Their files, in the same order.
    pub files: Vec<PathBuf>,
    /// Files that could not be read, each with why.
    pub problems: Vec<String>,
}

/// `time` to the minute, as "2026-12-01 10:42 UTC".
#[must_use]
pub fn minute_text(time: std::time::SystemTime) -> String {
    // "2026-12-01T10:42:07Z" -> "2026-12-01 10:42 UTC".
    let text = humantime::format_rfc3339_seconds(time).to_string();
    let minutes = text.get(..16).unwrap_or(&text);
    format!("{} UTC", minutes.replacen('T', " ", 1))
}

/// When `path` was last written, as "2026-12-01 10:42 UTC".
#[must_use]
pub fn modified_at(path: &Path) -> Option<String> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(minute_text(modified))
}

/// The saves folder a team's figures come from: the team file's folder when
/// it holds saves, else the open project file's folder, else `fallback`
/// (the app's `--saves`). A project opened from a clone is read beside its
/// own team file, never beside the folder the app happened to start in.
#[must_use]
pub fn team_saves_dir(
    team_file: Option<&Path>,
    project_file: Option<&Path>,
    fallback: &Path,
) -> PathBuf {
    let parent = |p: &Path| {
        p.parent()
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .map(Path::to_path_buf)
    };
    if let Some(dir) = team_file.and_then(parent)
        && project_files(&dir, &[]).is_ok_and(|f| !f.is_empty())
    {
        return dir;
    }
    project_file
        .and_then(parent)
        .unwrap_or_else(|| fallback.to_path_buf())
}

/// The project files (`*.ron`) of `dir`, sorted, but the team file and
/// those in `except`.
///
/// # Errors
/// When the folder cannot be listed.
pub fn project_files(dir: &Path, except: &[&Path]) -> std::io::Result<Vec<PathBuf>> {
    let same = |a: &Path, b: &Path| {
        a == b
            || a.canonicalize()
                .ok()
                .zip(b.canonicalize().ok())
                .is_some_and(|(x, y)| x == y)
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != super::team_file::TEAM_FILE_NAME)
        })
        .filter(|p| !except.iter().any(|x| same(p, x)))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads every project file in `dir` except those in `except` (the gold
/// file, say) and the team file.
#[must_use]
pub fn read_saves(dir: &Path, except: &[&Path]) -> SavesFolder {
    let mut out = SavesFolder::default();
    let files = match project_files(dir, except) {
        Ok(files) => files,
        // No saves folder yet: no one has saved.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return out,
        Err(e) => {
            out.problems.push(format!(
                "{}: cannot list the saves folder: {e}",
                dir.display()
            ));
            return out;
        }
    };
    for f in files {
        match super::load_project(&f) {
            Ok(loaded) => {
                out.saves.push(TeamSave {
                    annotator: loaded.project.annotator.clone(),
                    project: loaded.project,
                    last_change: modified_at(&f),
                });
                out.files.push(f);
            }
            Err(e) => out.problems.push(format!("{e}; left out")),
        }
    }
    out
}
