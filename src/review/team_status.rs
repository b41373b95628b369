//! The lead's view of a team: per annotator and per outlet, what is
//! assigned, done and in progress; agreement so far on the overlap
//! documents both coders have finished, with a plain-language reading; and
//! the documents waiting for adjudication.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::agreement::{ReviewSave, agreement};
use super::report::Figure;
use crate::model::team::Team;
use crate::model::{DocStatus, Document, Project};

/// One annotator's save as the dashboard reads it.
#[derive(Clone, Debug)]
pub struct TeamSave {
    /// The annotator (as in the save).
    pub annotator: String,
    /// The project.
    pub project: Project,
    /// When the save was last written, for display ("2026-12-01 10:42").
    pub last_change: Option<String>,
}

/// Progress of one annotator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AnnotatorProgress {
    /// Name.
    pub annotator: String,
    /// Documents assigned.
    pub assigned: usize,
    /// Of those, marked done in their save.
    pub done: usize,
    /// Of those, marked in progress.
    pub in_progress: usize,
    /// When their save was last written; `None`: no save yet.
    pub last_change: Option<String>,
}

/// Progress of one outlet, over (document, annotator) assignments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OutletProgress {
    /// Outlet.
    pub outlet: String,
    /// Assignments (a document coded by two counts twice).
    pub assigned: usize,
    /// Of those, done.
    pub done: usize,
    /// Of those, in progress.
    pub in_progress: usize,
}

/// Agreement of two coders over the overlap documents both finished.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairAgreement {
    /// The coders.
    pub annotators: [String; 2],
    /// Documents compared.
    pub documents: usize,
    /// Mentions: Krippendorff's unitizing alpha on characters.
    pub mentions_alpha: Figure,
    /// Mentions: F1, exact matching.
    pub mentions_f1: Figure,
    /// Stances: Krippendorff's alpha on polarity.
    pub stances_alpha: Figure,
    /// "good", "tentative" or "poor" for the mentions' alpha (see
    /// [`reading`]); `None` when it is not defined.
    pub reading: Option<&'static str>,
    /// The document codebook, per variable.
    pub codebook: Vec<super::codebook_agreement::VariableFigures>,
}

/// The whole dashboard.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TeamStatus {
    /// Per annotator, in the team's order.
    pub annotators: Vec<AnnotatorProgress>,
    /// Per outlet.
    pub outlets: Vec<OutletProgress>,
    /// Per pair of coders sharing finished overlap documents.
    pub agreement: Vec<PairAgreement>,
    /// Overlap documents every coder has finished that gold has not
    /// settled (marked done in the gold project).
    pub waiting_for_adjudication: Vec<String>,
    /// Things worth knowing: saves of people not in the team, assigned
    /// documents missing from the corpus.
    pub notes: Vec<String>,
}

/// Krippendorff's reading of an alpha: at least 0.800 "good" (reliable
/// conclusions), at least 0.667 "tentative" (tentative conclusions only),
/// below that "poor" (Krippendorff 2004, *Content Analysis*, §11.4.4).
#[must_use]
pub fn reading(alpha: f64) -> &'static str {
    if alpha >= 0.800 {
        "good"
    } else if alpha >= 0.667 {
        "tentative"
    } else {
        "poor"
    }
}

fn status_of(save: Option<&TeamSave>, path: &str) -> Option<DocStatus> {
    save.and_then(|s| s.project.documents.get(path))
        .map(|d| d.status)
}

/// What the dashboard needs of the corpus: each document's default outlet
/// by path, and the overlap documents themselves (sorted by path), for the
/// agreement figures. Made from the corpus by [`TeamCorpus::of`].
#[derive(Clone, Debug, Default)]
pub struct TeamCorpus {
    /// Path → outlet from the path.
    pub outlets: BTreeMap<String, String>,
    /// The documents coded by several annotators.
    pub overlap: Vec<Document>,
}

impl TeamCorpus {
    /// What the dashboard of `team` needs of `corpus`.
    #[must_use]
    pub fn of(team: &Team, corpus: &[Document]) -> Self {
        Self {
            outlets: corpus
                .iter()
                .map(|d| (d.path.clone(), d.default_outlet.clone()))
                .collect(),
            overlap: corpus
                .iter()
                .filter(|d| team.is_overlap(&d.path))
                .cloned()
                .collect(),
        }
    }
}

/// The dashboard of `team` from its members' `saves` over `corpus`; `gold`
/// settles which finished overlap documents still wait.
#[must_use]
pub fn team_status(
    team: &Team,
    saves: &[TeamSave],
    corpus: &TeamCorpus,
    gold: Option<&Project>,
) -> TeamStatus {
    let mut status = TeamStatus::default();
    let save_of = |name: &str| saves.iter().find(|s| s.annotator == name);
    for s in saves {
        if !team.annotators.contains(&s.annotator) {
            status.notes.push(format!(
                "a save by {:?} is not in the team; it is left out",
                s.annotator
            ));
        }
    }
    let outlet_of = |path: &str| -> Option<String> {
        let default = corpus.outlets.get(path)?;
        let from_save = saves
            .iter()
            .find_map(|s| s.project.documents.get(path).and_then(|d| d.outlet.clone()));
        let outlet = from_save.unwrap_or_else(|| default.clone());
        // Files straight in the corpus folder have no outlet from their path.
        Some(if outlet.trim().is_empty() {
            "(no outlet)".to_owned()
        } else {
            outlet
        })
    };
    let mut outlets: BTreeMap<String, OutletProgress> = BTreeMap::new();
    for name in &team.annotators {
        let save = save_of(name);
        let mut row = AnnotatorProgress {
            annotator: name.clone(),
            last_change: save.and_then(|s| s.last_change.clone()),
            ..AnnotatorProgress::default()
        };
        for path in team.documents_of(name) {
            let Some(outlet) = outlet_of(path) else {
                continue;
            };
            let o = outlets
                .entry(outlet.clone())
                .or_insert_with(|| OutletProgress {
                    outlet,
                    ..OutletProgress::default()
                });
            row.assigned += 1;
            o.assigned += 1;
            match status_of(save, path) {
                Some(DocStatus::Done) => {
                    row.done += 1;
                    o.done += 1;
                }
                Some(DocStatus::InProgress) => {
                    row.in_progress += 1;
                    o.in_progress += 1;
                }
                _ => {}
            }
        }
        status.annotators.push(row);
    }
    status.outlets = outlets.into_values().collect();
    for path in team.assignment.keys() {
        if !corpus.outlets.contains_key(path) {
            status
                .notes
                .push(format!("{path} is assigned but not in the corpus"));
        }
    }
    // Finished overlap documents, and the pairs of coders sharing them.
    let mut pairs: BTreeMap<(String, String), BTreeSet<&str>> = BTreeMap::new();
    for (path, coders) in team.assignment.iter().filter(|(_, v)| v.len() > 1) {
        let finished = coders
            .iter()
            .all(|c| status_of(save_of(c), path) == Some(DocStatus::Done));
        if !finished {
            continue;
        }
        let settled = gold
            .and_then(|g| g.documents.get(path))
            .is_some_and(|d| d.status == DocStatus::Done);
        if !settled {
            status.waiting_for_adjudication.push(path.clone());
        }
        for (i, a) in coders.iter().enumerate() {
            for b in &coders[i + 1..] {
                pairs
                    .entry((a.clone(), b.clone()))
                    .or_default()
                    .insert(path.as_str());
            }
        }
    }
    for ((a, b), paths) in pairs {
        let (Some(sa), Some(sb)) = (save_of(&a), save_of(&b)) else {
            continue;
        };
        let docs: Vec<Document> = corpus
            .overlap
            .iter()
            .filter(|d| paths.contains(d.path.as_str()))
            .cloned()
            .collect();
        let mut review = [
            ReviewSave {
                name: a.clone(),
                project: sa.project.clone(),
            },
            ReviewSave {
                name: b.clone(),
                project: sb.project.clone(),
            },
        ];
        super::entity_identity::align_entities(&mut review);
        let report = agreement(&review, &docs);
        status.agreement.push(PairAgreement {
            annotators: [a, b],
            documents: report.compared.len(),
            reading: report.mentions.alpha_unitizing.value.map(reading),
            mentions_alpha: report.mentions.alpha_unitizing,
            mentions_f1: report.mentions.f1_exact,
            stances_alpha: report.stances.alpha_nominal,
            codebook: report.codebook,
        });
    }
    status
}
