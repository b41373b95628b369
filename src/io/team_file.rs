//! The team file (`team.ron`): annotators, the shared schema (held in the
//! file or named by a path beside it), guidelines, and the assignment of
//! documents to annotators. Written atomically, read with a size limit.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Schema;
use crate::model::team::Team;

/// The `format` field of a team file.
pub const TEAM_FORMAT: &str = "stancemark-team";
/// The version written.
pub const TEAM_VERSION: u32 = 1;
/// The name looked for in the saves folder, then the corpus folder.
pub const TEAM_FILE_NAME: &str = "team.ron";
/// The largest team file read.
const MAX_TEAM_BYTES: u64 = 64 * 1024 * 1024;

/// Why a team file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum TeamFileError {
    /// Reading failed (missing, not a regular file, too large, not UTF-8).
    #[error("{0}")]
    Read(#[from] super::safe_file::ReadError),
    /// Not a team file, or malformed.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong (with line and column).
        message: String,
    },
    /// Writing failed.
    #[error("{path}: could not write: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// The shared schema, as the file gives it.
#[derive(Clone, Debug, Serialize, Deserialize)]
enum SchemaSource {
    /// Held in the team file.
    Inline(Schema),
    /// A schema file, relative to the team file.
    File(String),
}

#[derive(Serialize, Deserialize)]
struct TeamFile {
    format: String,
    version: u32,
    annotators: Vec<String>,
    #[serde(default)]
    schema: Option<SchemaSource>,
    #[serde(default)]
    guidelines: Option<String>,
    #[serde(default)]
    overlap: f64,
    #[serde(default = "two")]
    per_doc: usize,
    #[serde(default)]
    seed: u64,
    #[serde(default)]
    assignment: BTreeMap<String, Vec<String>>,
}

fn two() -> usize {
    2
}

/// Where the team file of a project is: `team.ron` in the saves folder, else
/// in the corpus folder; `None` when neither has one.
#[must_use]
pub fn find_team_file(saves: Option<&Path>, corpus: &Path) -> Option<PathBuf> {
    saves
        .into_iter()
        .chain(std::iter::once(corpus))
        .map(|d| d.join(TEAM_FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads a team file (and the schema file it names).
///
/// # Errors
/// [`TeamFileError`] naming the file and what is wrong.
pub fn read_team(path: &Path) -> Result<Team, TeamFileError> {
    let text = super::safe_file::read_text(path, MAX_TEAM_BYTES)?;
    let parse = |message: String| TeamFileError::Parse {
        path: path.to_path_buf(),
        message,
    };
    let file: TeamFile = ron::from_str(&text).map_err(|e| parse(e.to_string()))?;
    if file.format != TEAM_FORMAT {
        return Err(parse(format!(
            "not a team file (format {:?}, expected {TEAM_FORMAT:?})",
            file.format
        )));
    }
    if file.version > TEAM_VERSION {
        return Err(parse(format!(
            "team file version {} is newer than this Stancemark reads ({TEAM_VERSION}); update Stancemark",
            file.version
        )));
    }
    if !(0.0..=1.0).contains(&file.overlap) {
        return Err(parse(format!(
            "overlap {} is not a share between 0 and 1",
            file.overlap
        )));
    }
    crate::model::team::check_annotators(&file.annotators).map_err(|e| parse(e.to_string()))?;
    for (doc, who) in &file.assignment {
        if let Some(a) = who.iter().find(|a| !file.annotators.contains(a)) {
            return Err(parse(format!(
                "document {doc:?} is assigned to {a:?}, who is not one of the annotators"
            )));
        }
    }
    let (schema, schema_file) = match file.schema {
        None => (None, None),
        Some(SchemaSource::Inline(s)) => (Some(s), None),
        Some(SchemaSource::File(name)) if !is_beside(&name) => {
            return Err(parse(format!(
                "its schema file {name:?} is not beside the team file; only a file in the team file's folder (or below it) is read"
            )));
        }
        Some(SchemaSource::File(name)) => {
            let at = path.parent().unwrap_or(Path::new(".")).join(&name);
            let text = super::safe_file::read_text(&at, MAX_TEAM_BYTES)?;
            let schema = super::schema_file::parse_schema(&text)
                .map_err(|e| parse(format!("its schema file {}: {e}", at.display())))?;
            (Some(schema), Some(name))
        }
    };
    Ok(Team {
        annotators: file.annotators,
        schema,
        schema_file,
        guidelines: file.guidelines,
        overlap: file.overlap,
        per_doc: file.per_doc,
        seed: file.seed,
        assignment: file.assignment,
    })
}

/// True when `name` names a file in the team file's folder or below it: a
/// relative path with no `..`, root or drive.
#[must_use]
pub fn is_beside(name: &str) -> bool {
    let path = Path::new(name);
    !name.trim().is_empty()
        && path.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
}

/// The team file's text: one line per assigned document, so a change to
/// the assignment is a readable diff.
///
/// # Errors
/// When the team cannot be serialised (should not happen).
pub fn team_text(team: &Team) -> Result<String, String> {
    let file = TeamFile {
        format: TEAM_FORMAT.to_owned(),
        version: TEAM_VERSION,
        annotators: team.annotators.clone(),
        schema: match (&team.schema_file, &team.schema) {
            (Some(name), _) => Some(SchemaSource::File(name.clone())),
            (None, Some(s)) => Some(SchemaSource::Inline(s.clone())),
            (None, None) => None,
        },
        guidelines: team.guidelines.clone(),
        overlap: team.overlap,
        per_doc: team.per_doc,
        seed: team.seed,
        assignment: team.assignment.clone(),
    };
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .separate_tuple_members(false);
    ron::ser::to_string_pretty(&file, config).map_err(|e| e.to_string())
}

/// Writes `team` to `path` atomically.
///
/// # Errors
/// [`TeamFileError::Write`].
pub fn write_team(path: &Path, team: &Team) -> Result<(), TeamFileError> {
    let write = |source| TeamFileError::Write {
        path: path.to_path_buf(),
        source,
    };
    let text = team_text(team).map_err(|e| write(std::io::Error::other(e)))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(write)?;
    }
    super::atomic::write_atomic(path, (text + "\n").as_bytes()).map_err(write)
}
