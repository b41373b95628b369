//! Reading and writing project files: versioned, validated, atomic.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::Project;

use super::atomic::{PreparedWrite, write_atomic};
use super::save_format::{FORMAT_NAME, FORMAT_VERSION, SaveFile};

/// Project files larger than this are refused (256 MiB).
pub const MAX_PROJECT_BYTES: u64 = 256 * 1024 * 1024;

/// Deepest nesting accepted while parsing (a valid file needs 6).
const RECURSION_LIMIT: usize = 32;

/// Why a project file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The file is not a regular file (a FIFO, a device, a folder).
    #[error("{0}")]
    Unreadable(String),
    /// The file is implausibly large.
    #[error("{path}: {size} bytes is larger than the {limit}-byte limit for project files")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Writing would make a file this Stancemark refuses to open.
    #[error(
        "{path}: the project would take {size} bytes, more than the {limit} bytes a project file may have (Stancemark would refuse to open it); nothing was written, the file on disk is unchanged"
    )]
    WouldBeTooLarge {
        /// The file.
        path: PathBuf,
        /// The size it would have.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not valid RON, or not shaped like a project.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file holds git conflict markers: it was merged line by line.
    #[error(
        "{path}:{line}: the file holds git conflict markers (<<<<<<< ======= >>>>>>>): it was merged line by line, without Stancemark's merge driver, so it is not a project file any more. It is left untouched. To recover, take one side whole (`git checkout --ours -- FILE` or `git checkout --theirs -- FILE`), or merge both sides per annotation: `git show :1:FILE > base.ron && git show :2:FILE > ours.ron && git show :3:FILE > theirs.ron && stancemark merge-file base.ron ours.ron theirs.ron`, then copy ours.ron over FILE and `git add FILE` (the user guide's \"Working as a team\", docs/src/team.md, sets the driver up so this does not happen again)"
    )]
    ConflictMarkers {
        /// The file.
        path: PathBuf,
        /// The first marker's line (1-based).
        line: usize,
    },
    /// The file is RON but not a Stancemark project.
    #[error(
        "{path}: not a Stancemark project file (format is {found:?}, expected {FORMAT_NAME:?})"
    )]
    NotAProject {
        /// The file.
        path: PathBuf,
        /// The format field found.
        found: String,
    },
    /// The file was written by a newer Stancemark.
    #[error(
        "{path}: written in project format version {found}, but this Stancemark reads versions up to {FORMAT_VERSION}; update Stancemark to open it (the file is left untouched)"
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
    },
    /// The file parses but its content is inconsistent.
    #[error("{path}: {}{}", problems.join("; "), more_problems(*more))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The first problems (at most [`crate::model::bounded::KEPT_PROBLEMS`]).
        problems: Vec<String>,
        /// How many more there are.
        more: usize,
    },
    /// Another Stancemark holds the file's lock.
    #[error(
        "{path} is open in another Stancemark ({holder}); it was opened read-only here. Use Save As to keep your changes in another file"
    )]
    Locked {
        /// The file.
        path: PathBuf,
        /// Who holds it.
        holder: crate::io::lock::LockInfo,
    },
    /// Refused to overwrite a file that failed to load.
    #[error(
        "{0}: this file failed to load, so it is never overwritten; use Save As to save elsewhere"
    )]
    Protected(PathBuf),
    /// The thread writing the file stopped before finishing.
    #[error("{0}: the save stopped unexpectedly; the previous file is unchanged")]
    Interrupted(PathBuf),
    /// Serialisation failed (should not happen).
    #[error("could not serialise the project: {0}")]
    Serialise(String),
}

/// "; and N more problem(s)" when some were only counted.
fn more_problems(more: usize) -> String {
    if more == 0 {
        String::new()
    } else {
        format!("; and {more} more problem(s) of the same kinds")
    }
}

/// A project read from disk.
#[derive(Clone, Debug)]
pub struct LoadedProject {
    /// The project.
    pub project: Project,
    /// The corpus folder, resolved against the project file's folder.
    pub corpus: PathBuf,
    /// The `corpus` field as written in the file.
    pub corpus_field: String,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u32,
}

/// Reads, version-checks and validates a project file.
///
/// # Errors
/// [`StoreError`] naming the file and what is wrong (with line and column for
/// syntax errors).
pub fn load_project(path: &Path) -> Result<LoadedProject, StoreError> {
    use super::safe_file::{ReadError, ReadRules, read_file};
    // Only a regular file is read (a FIFO or /dev/zero is refused before
    // reading), and never more than the limit.
    let bytes = read_file(path, MAX_PROJECT_BYTES, ReadRules::default()).map_err(|e| match e {
        ReadError::TooLarge { size, limit, .. } => StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        },
        ReadError::Io { source, .. } => StoreError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => StoreError::Unreadable(other.to_string()),
    })?;
    let mut text = String::from_utf8(bytes).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("not UTF-8 text ({e})"),
    })?;
    // A byte-order mark (some editors add one) is not part of the RON.
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    let file = parse_project(path, &text)?;
    // The text is not needed past here: freed before the project is built
    // from the parsed file, so the two are never held together with it.
    drop(text);
    let corpus = resolve_corpus(path, &file.corpus);
    let corpus_field = file.corpus.clone();
    Ok(LoadedProject {
        project: file.into_project(),
        corpus,
        corpus_field,
    })
}

/// Parses and checks the text of a project file (`path` names it in errors).
///
/// # Errors
/// As for [`load_project`].
pub fn parse_project(path: &Path, text: &str) -> Result<SaveFile, StoreError> {
    if let Some(line) = conflict_marker_line(text) {
        return Err(StoreError::ConflictMarkers {
            path: path.to_path_buf(),
            line,
        });
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let parse_error = |e: ron::error::SpannedError| StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    };
    // One parse in the common case; only a file that does not parse as a
    // project is probed for its format and version, for the clearer error.
    // A file laid out as Stancemark writes it is parsed by documents, on
    // every core (`save_split`); any other, or any that does not parse that
    // way, is parsed whole.
    let split = super::save_split::parse_by_documents(text, &options);
    let file: SaveFile = match split.map_or_else(|| options.from_str::<SaveFile>(text), Ok) {
        Ok(file) => file,
        Err(e) => {
            let probe: Probe = options.from_str(text).map_err(parse_error)?;
            check_header(path, &probe.format, probe.version)?;
            return Err(parse_error(e));
        }
    };
    check_header(path, &file.format, file.version)?;
    let problems = file.problems();
    if !problems.is_empty() {
        let (problems, more) = problems.into_parts();
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            problems,
            more,
        });
    }
    Ok(file)
}

/// Refuses a file that is not a project, or is from a newer Stancemark.
fn check_header(path: &Path, format: &str, version: u32) -> Result<(), StoreError> {
    if format != FORMAT_NAME {
        return Err(StoreError::NotAProject {
            path: path.to_path_buf(),
            found: format.to_owned(),
        });
    }
    if version > FORMAT_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
        });
    }
    Ok(())
}

/// The RON text of `project`, pretty-printed in a stable order (documents by
/// path, mentions in reading order, one mention per line).
///
/// # Errors
/// Only if serialisation fails, which the model's types do not cause.
pub fn project_to_ron(project: &Project, corpus_field: String) -> Result<String, StoreError> {
    project_to_ron_with_lineage(project, corpus_field, String::new())
}

/// [`project_to_ron`] with a lineage (see [`super::lineage`]).
///
/// # Errors
/// When the project cannot be serialised.
pub fn project_to_ron_with_lineage(
    project: &Project,
    corpus_field: String,
    lineage: String,
) -> Result<String, StoreError> {
    let mut file = SaveFile::from_project(project, corpus_field);
    file.lineage = lineage;
    let pretty = ron::ser::PrettyConfig::new()
        .depth_limit(4)
        .struct_names(false)
        .indentor("  ");
    let mut text = ron::Options::default()
        .to_string_pretty(&file, pretty)
        .map_err(|e| StoreError::Serialise(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Writes `project` to `path` atomically, recording `corpus_root` relative to
/// the file's folder where possible. A file that already holds exactly this
/// text is left alone (no write, no backup), so backups are kept for saves
/// that changed something.
///
/// The new file is written and synced in full before anything else moves:
/// only then does the current file become `.bak1` (the others move down one,
/// the oldest goes). A failed write (a full disk) leaves the file and every
/// backup as they were.
///
/// # Errors
/// [`StoreError::Io`] when the file cannot be written; the previous file is
/// then byte-for-byte unchanged.
pub fn save_project(path: &Path, project: &Project, corpus_root: &Path) -> Result<(), StoreError> {
    save_project_with(path, project, corpus_root, true)
}

/// [`save_project`] over a file another program changed since this
/// project was read from it: the new file does not claim to descend from
/// that version (it holds none of its changes), so `merge-file
/// --find-base` never takes it as the base of a merge with it.
///
/// # Errors
/// As [`save_project`].
pub fn save_project_over_foreign(
    path: &Path,
    project: &Project,
    corpus_root: &Path,
) -> Result<(), StoreError> {
    save_project_with(path, project, corpus_root, false)
}

fn save_project_with(
    path: &Path,
    project: &Project,
    corpus_root: &Path,
    descends: bool,
) -> Result<(), StoreError> {
    // The version this save replaces: its revision heads the new lineage.
    let previous = std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file() && m.len() <= MAX_PROJECT_BYTES)
        .and_then(|_| std::fs::read(path).ok());
    let lineage = previous
        .as_deref()
        .filter(|_| descends)
        .map(super::lineage::saved_over)
        .unwrap_or_default();
    let text = project_to_ron_with_lineage(project, corpus_field(path, corpus_root), lineage)?;
    check_openable(path, &text)?;
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    if previous
        .as_deref()
        .is_some_and(|old| super::lineage::same_but_lineage(old, text.as_bytes()))
    {
        return Ok(());
    }
    // What an earlier writer killed mid-write left beside the file.
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    super::atomic::remove_abandoned_temporaries(folder);
    let prepared = PreparedWrite::new(path, text.as_bytes()).map_err(io)?;
    let kept = keep_current(path).map_err(io)?;
    if let Err(e) = prepared.commit() {
        if let Some(kept) = kept {
            let _ = std::fs::remove_file(kept);
        }
        return Err(io(e));
    }
    if let Some(kept) = kept {
        // Best effort: the new file is in place whatever happens here.
        let _ = rotate_backups(path, &kept);
    }
    Ok(())
}

/// Never writes a file that [`load_project`] would refuse for its size.
fn check_openable(path: &Path, text: &str) -> Result<(), StoreError> {
    let size = text.len() as u64;
    if size > MAX_PROJECT_BYTES {
        return Err(StoreError::WouldBeTooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_PROJECT_BYTES,
        });
    }
    Ok(())
}

/// Writes a recovery copy of `project` to `path` atomically, without the
/// backups a save keeps.
///
/// # Errors
/// When it cannot be written.
pub fn write_recovery_file(
    path: &Path,
    project: &Project,
    corpus_root: &Path,
) -> Result<(), StoreError> {
    let text = project_to_ron(project, corpus_field(path, corpus_root))?;
    check_openable(path, &text)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    write_atomic(path, text.as_bytes()).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Backups kept next to a project file (`NAME.ron.bak1` newest … `bak3`).
pub const BACKUPS: usize = 3;

/// The path of backup `n` of `path`.
#[must_use]
pub fn backup_path(path: &Path, n: usize) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(format!(".bak{n}"));
    path.with_file_name(name)
}

/// Before a project file is replaced: keeps what it holds now as
/// `NAME.ron.bak-next` (and, for a file written by an older format version,
/// once as `NAME.ron.vN.bak`, so a migrated file is only ever written with
/// the original kept). Returns the kept file, or `None` when there is no
/// file yet.
fn keep_current(path: &Path) -> std::io::Result<Option<PathBuf>> {
    if !path.is_file() {
        return Ok(None);
    }
    if let Some(version) = stored_version(path)
        && version < FORMAT_VERSION
    {
        let mut name = path
            .file_name()
            .map(std::ffi::OsStr::to_os_string)
            .unwrap_or_default();
        name.push(format!(".v{version}.bak"));
        let original = path.with_file_name(name);
        if !original.exists() {
            write_atomic(&original, &std::fs::read(path)?)?;
        }
    }
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".bak-next");
    let next = path.with_file_name(name);
    keep_as(path, &next)?;
    Ok(Some(next))
}

/// After a project file was replaced: the oldest backup goes, the others
/// move down one, and `kept` (the file as it was) becomes `.bak1`.
fn rotate_backups(path: &Path, kept: &Path) -> std::io::Result<()> {
    for n in (1..BACKUPS).rev() {
        let from = backup_path(path, n);
        if from.exists() {
            std::fs::rename(&from, backup_path(path, n + 1))?;
        }
    }
    std::fs::rename(kept, backup_path(path, 1))
}

/// Makes `backup` hold what `path` holds now, atomically. A hard link costs
/// no copy: the next save replaces `path` with a new file, so the linked one
/// keeps the old bytes. Where links are not possible, the bytes are copied.
fn keep_as(path: &Path, backup: &Path) -> std::io::Result<()> {
    let mut name = backup
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".link");
    let link = backup.with_file_name(name);
    let _ = std::fs::remove_file(&link);
    if std::fs::hard_link(path, &link).is_ok() {
        return std::fs::rename(&link, backup);
    }
    write_atomic(backup, &std::fs::read(path)?)
}

/// The format version a project file says it has, read from its first few
/// kilobytes (Stancemark writes `version` near the top); a file laid out
/// otherwise is parsed whole. `None` when it is not a readable project.
fn stored_version(path: &Path) -> Option<u32> {
    let head = super::safe_file::read_head(path, 4096).ok()?;
    let head = String::from_utf8_lossy(&head);
    if let Some(at) = head.find("version:") {
        let digits: String = head[at + "version:".len()..]
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(v) = digits.parse() {
            return Some(v);
        }
    }
    let text = super::safe_file::read_text(path, MAX_PROJECT_BYTES).ok()?;
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str::<Probe>(&text)
        .ok()
        .map(|p| p.version)
}

/// How the corpus folder is written in a project file at `project_path`:
/// relative to the file's folder when the two share a top-level folder (as
/// `saves/` and `assets/` in one checkout do), else absolute.
#[must_use]
pub fn corpus_field(project_path: &Path, corpus_root: &Path) -> String {
    let dir = project_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (Ok(dir), Ok(corpus)) = (std::path::absolute(dir), std::path::absolute(corpus_root)) else {
        return slashes(corpus_root);
    };
    let path = match pathdiff::diff_paths(&corpus, &dir) {
        Some(rel) if top(&dir) == top(&corpus) => rel,
        _ => corpus,
    };
    let text = slashes(&path);
    if text.is_empty() {
        ".".to_owned()
    } else {
        text
    }
}

/// The first folder below the root (e.g. `home` in `/home/ana/saves`).
fn top(path: &Path) -> Option<std::path::Component<'_>> {
    path.components()
        .find(|c| matches!(c, std::path::Component::Normal(_)))
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

pub(crate) fn resolve_corpus(project_path: &Path, field: &str) -> PathBuf {
    let corpus = Path::new(field);
    if corpus.is_absolute() {
        return corpus.to_path_buf();
    }
    project_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(corpus)
}

/// The first line (1-based) that is a git conflict marker. A project file
/// never has one: its strings escape their line breaks.
#[must_use]
pub fn conflict_marker_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.starts_with("<<<<<<< ")
                || l.starts_with(">>>>>>> ")
                || l.starts_with("||||||| ")
                || l == "======="
                || l == "<<<<<<<"
                || l == ">>>>>>>"
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project too large to open again is never written: the run that
    /// made it is refused with the reason, and the file on disk stays.
    #[test]
    fn a_file_this_program_would_refuse_is_never_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "the file as it was").expect("write");
        let limit = usize::try_from(MAX_PROJECT_BYTES).expect("fits");
        assert!(check_openable(&path, &"a".repeat(limit)).is_ok());
        let error = check_openable(&path, &"a".repeat(limit + 1)).expect_err("too large");
        let text = error.to_string();
        assert!(text.contains("p.ron: the project would take 268435457 bytes, more than the 268435456 bytes a project file may have"), "{text}");
        assert!(text.contains("nothing was written"), "{text}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "the file as it was"
        );
    }
}
