//! The team in the session: which documents are the annotator's own (the
//! document list filters on them, "next unfinished" stays within them,
//! the progress counts them), whether the project's schema is the team's,
//! and pulling the team's schema in as one undo step.

use std::path::PathBuf;

use super::Session;
use crate::model::team::Team;
use crate::model::{DocStatus, Edit};

/// The team file as the session knows it.
#[derive(Clone, Debug)]
pub struct TeamView {
    /// The team file.
    pub path: PathBuf,
    /// Its content.
    pub team: Team,
    /// Per corpus document (by index): assigned to this annotator.
    pub mine: Vec<bool>,
    /// How many documents are assigned to this annotator.
    pub mine_count: usize,
    /// Mark the documents coded by several annotators in the list (the
    /// lead's switch; hidden from annotators by default).
    pub show_overlap: bool,
}

impl TeamView {
    /// The team of `session`'s corpus, for its annotator.
    #[must_use]
    pub fn new(path: PathBuf, team: Team, session: &Session) -> Self {
        let me = &session.project.annotator;
        let mine: Vec<bool> = session
            .corpus
            .documents
            .iter()
            .map(|d| {
                team.assignment
                    .get(&d.path)
                    .is_some_and(|who| who.iter().any(|a| a == me))
            })
            .collect();
        let mine_count = mine.iter().filter(|m| **m).count();
        Self {
            path,
            team,
            mine,
            mine_count,
            show_overlap: false,
        }
    }
}

impl Session {
    /// True when a team file assigns documents to this annotator.
    #[must_use]
    pub fn has_assignment(&self) -> bool {
        self.team.as_ref().is_some_and(|t| t.mine_count > 0)
    }

    /// True when document `index` is this annotator's (always, without an
    /// assignment).
    #[must_use]
    pub fn is_mine(&self, index: usize) -> bool {
        match &self.team {
            Some(t) if t.mine_count > 0 => t.mine.get(index).copied().unwrap_or(false),
            _ => true,
        }
    }

    /// Uses `view` as the team (or none), and counts this annotator's
    /// documents.
    pub fn set_team(&mut self, view: Option<TeamView>) {
        self.team = view;
        self.recount();
    }

    /// Of this annotator's documents: (done, in progress, all), counted
    /// with the project's other counts after each change (not per frame).
    #[must_use]
    pub fn mine_progress(&self) -> (usize, usize, usize) {
        self.mine_counts
    }

    /// Counts this annotator's documents by status (every document when
    /// the team assigns none).
    pub(super) fn count_mine(&self) -> (usize, usize, usize) {
        let mut done = 0;
        let mut progress = 0;
        let mut all = 0;
        for (i, d) in self.corpus.documents.iter().enumerate() {
            if !self.is_mine(i) {
                continue;
            }
            all += 1;
            match self.project.documents.get(&d.path).map(|e| e.status) {
                Some(DocStatus::Done) => done += 1,
                Some(DocStatus::InProgress) => progress += 1,
                _ => {}
            }
        }
        (done, progress, all)
    }

    /// The first of this annotator's documents not done (else the first of
    /// them), to open on.
    #[must_use]
    pub fn first_mine(&self) -> Option<usize> {
        if !self.has_assignment() {
            return None;
        }
        let mine = || (0..self.corpus.documents.len()).filter(|&i| self.is_mine(i));
        mine()
            .find(|&i| {
                self.project
                    .documents
                    .get(&self.corpus.documents[i].path)
                    .is_none_or(|d| d.status != DocStatus::Done)
            })
            .or_else(|| mine().next())
    }

    /// True when the team has a schema and the project's differs from it.
    #[must_use]
    pub fn schema_differs(&self) -> bool {
        self.team
            .as_ref()
            .and_then(|t| t.team.schema.as_ref())
            .is_some_and(|s| *s != self.project.schema)
    }

    /// Replaces the project's schema with the team's (one undo step).
    ///
    /// # Errors
    /// When there is no team schema, or annotations use what it lacks.
    pub fn pull_team_schema(&mut self) -> Result<(), String> {
        let schema = self
            .team
            .as_ref()
            .and_then(|t| t.team.schema.clone())
            .ok_or("the team file has no schema")?;
        self.apply(Edit::ReplaceSchema {
            schema: Box::new(schema),
        })
        .map_err(|e| format!("The team schema was not taken: {e}"))
    }
}
