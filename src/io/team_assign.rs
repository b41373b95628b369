//! Making or changing a team's assignment and writing the team file: the
//! one path the CLI (`stancemark team assign`) and the app's Team window
//! share. A fresh split, or, once there is one, moving the unfinished
//! documents of annotators who left.

use std::collections::BTreeSet;
use std::path::Path;

use super::team_file::{read_team, write_team};
use super::team_saves::read_saves;
use crate::model::team::{AssignOptions, Team, TeamDoc, assign, reassign};
use crate::model::{DocStatus, Document};

/// The documents of `corpus` as the assignment sees them: path and outlet.
#[must_use]
pub fn team_docs(corpus: &[Document]) -> Vec<TeamDoc> {
    corpus
        .iter()
        .map(|d| TeamDoc {
            path: d.path.clone(),
            outlet: d.default_outlet.clone(),
        })
        .collect()
}

/// What an assignment did.
#[derive(Clone, Debug)]
pub struct Assigned {
    /// The team as written.
    pub team: Team,
    /// A new split was made (else documents of leavers were moved).
    pub fresh: bool,
    /// One line per document moved (re-assignment), empty for a fresh split.
    pub moved: Vec<String>,
    /// Saves that could not be read (their finished documents could not
    /// be known), each with why.
    pub unreadable: Vec<String>,
}

/// Assigns `docs` as `options` says and writes the team file
/// at `team_path`. With an assignment already there (and not `fresh`),
/// leaving annotators out moves only their unfinished documents (finished
/// ones are read from the saves in `saves_dir`).
///
/// # Errors
/// A message for the user: the team file cannot be read or written, the
/// options are refused, or the change needs `fresh`.
pub fn assign_and_write(
    team_path: &Path,
    docs: &[TeamDoc],
    options: &AssignOptions,
    saves_dir: &Path,
    fresh: bool,
) -> Result<Assigned, String> {
    let mut t = read_team(team_path).map_err(|e| e.to_string())?;
    if t.assignment.is_empty() || fresh {
        t.assignment = assign(docs, options).map_err(|e| e.to_string())?;
        t.annotators.clone_from(&options.annotators);
        t.overlap = options.overlap;
        t.per_doc = options.per_doc;
        t.seed = options.seed;
        write_team(team_path, &t).map_err(|e| e.to_string())?;
        return Ok(Assigned {
            team: t,
            fresh: true,
            moved: Vec::new(),
            unreadable: Vec::new(),
        });
    }
    let added: Vec<&str> = options
        .annotators
        .iter()
        .filter(|a| !t.annotators.contains(a))
        .map(String::as_str)
        .collect();
    if !added.is_empty() {
        return Err(format!(
            "{} already has an assignment and {} is new to it; a fresh split (--fresh) shares everything out again, and finished documents may move",
            team_path.display(),
            added.join(", ")
        ));
    }
    if options.annotators.len() == t.annotators.len() {
        return Err(format!(
            "{} already has this assignment; a fresh split (--fresh) makes a new one, and leaving someone out moves their unfinished documents",
            team_path.display()
        ));
    }
    let folder = read_saves(saves_dir, &[]);
    let mut done = BTreeSet::new();
    for s in &folder.saves {
        for (p, d) in &s.project.documents {
            if d.status == DocStatus::Done {
                done.insert((p.clone(), s.annotator.clone()));
            }
        }
    }
    let (assignment, moved) = reassign(&t.assignment, &options.annotators, &done, options.seed)
        .map_err(|e| e.to_string())?;
    t.assignment = assignment;
    t.annotators.clone_from(&options.annotators);
    write_team(team_path, &t).map_err(|e| e.to_string())?;
    Ok(Assigned {
        team: t,
        fresh: false,
        moved,
        unreadable: folder.problems,
    })
}
