//! A model's answers (`stancemark suggest`, Project › Run a model…) made
//! into proposals: one edit, linear in the number of spans, and every span
//! not taken listed with its reason, as an import lists what it leaves out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::ImportOptions;
use super::records::ImportedEntity;
use super::resolver::Resolver;
use crate::model::document::Document;
use crate::model::edit::Edit;
use crate::model::project::{Project, Proposal};
use crate::model::span::CharSpan;

/// One suggested span of an answer.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Entity type.
    pub label: String,
    /// The model's confidence, if it gives one.
    pub score: Option<f64>,
    /// An entity name, if it gives one.
    pub entity: Option<String>,
    /// A Wikidata id, if it gives one.
    pub kb_id: Option<String>,
}

/// One answer line: a document and its spans.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelAnswer {
    /// The document's path, as sent.
    pub path: String,
    /// Its spans.
    pub spans: Vec<ModelSpan>,
}

/// How a model's answers become proposals.
#[derive(Clone, Debug, Default)]
pub struct AnswerOptions {
    /// Spans scoring below this are not added.
    pub min_score: f64,
    /// The model's type names and the schema types they become (`--map`).
    pub type_map: BTreeMap<String, String>,
    /// Types in neither the schema nor the map join the schema instead of
    /// being left out (`--add-types`).
    pub add_types: bool,
}

/// What adding a model's answers as proposals did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProposalReport {
    /// Proposals added.
    pub added: usize,
    /// Spans below the score asked, not added.
    pub below: usize,
    /// Spans the project has already (as a mention of that type, or as the
    /// same model's proposal).
    pub already: usize,
    /// Spans the model gave more than once in this run, kept once: one line
    /// each (document, place, type).
    pub repeated: Vec<String>,
    /// Entities created for the names the model gave.
    pub entities_created: usize,
    /// Types added to the schema (`--add-types`).
    pub types_added: Vec<String>,
    /// Everything left out, with its reason: answers about documents the
    /// project does not have or that changed, types the schema lacks,
    /// scores outside 0–1, entity names that could not be used.
    pub problems: Vec<String>,
}

/// The edit adding `answers` (of the model run as `source`) to `project`
/// over `corpus` as proposals: offered by the learning suggester with
/// their scores until accepted or rejected. Entities named by a Wikidata
/// id or a name are found, else created. One undo step.
#[must_use]
pub fn proposals_edit(
    project: &Project,
    corpus: &[Document],
    answers: Vec<ModelAnswer>,
    source: &str,
    options: &AnswerOptions,
) -> (Edit, ProposalReport) {
    let import_options = ImportOptions {
        as_suggestions: true,
        source: source.to_owned(),
        type_map: options.type_map.clone(),
        add_types: options.add_types,
    };
    let mut resolver = Resolver::new(project, &import_options);
    // One copy of the command for every proposal of the run.
    let source: Arc<str> = source.into();
    let mut report = ProposalReport::default();
    let docs: HashMap<&str, &Document> = corpus.iter().map(|d| (d.path.as_str(), d)).collect();
    let mut added: BTreeMap<String, Vec<Proposal>> = BTreeMap::new();
    // Per document: what is there already (mentions by span and type, this
    // model's proposals), and what this run gave.
    let mut known: HashMap<String, HashSet<(CharSpan, String)>> = HashMap::new();
    let mut given: HashMap<String, HashSet<(CharSpan, String)>> = HashMap::new();
    for a in answers {
        let (Some(doc), Some(entry)) = (docs.get(a.path.as_str()), project.documents.get(&a.path))
        else {
            report.problems.push(format!(
                "{}: not a document of the project; left out",
                a.path
            ));
            continue;
        };
        if entry.hash != doc.hash {
            report.problems.push(format!(
                "{}: its text changed since it was annotated; left out",
                a.path
            ));
            continue;
        }
        let known = known.entry(a.path.clone()).or_insert_with(|| {
            entry
                .mentions
                .iter()
                .map(|m| (m.span, m.label.clone()))
                .chain(
                    entry
                        .proposals
                        .iter()
                        .filter(|p| *p.source == *source)
                        .map(|p| (p.span, p.label.clone())),
                )
                .collect()
        });
        let given = given.entry(a.path.clone()).or_default();
        for s in a.spans {
            let span = CharSpan::new(s.start, s.end);
            let at = format!("{} {span} {:?}", a.path, s.label);
            if let Some(x) = s.score.filter(|x| !(0.0..=1.0).contains(x)) {
                report.problems.push(format!(
                    "{at}: score {x} is outside 0–1 (scores are probabilities); left out"
                ));
                continue;
            }
            if s.score.is_some_and(|x| x < options.min_score) {
                report.below += 1;
                continue;
            }
            let label = match resolver.label(&s.label) {
                Ok(label) => label,
                Err(why) => {
                    report.problems.push(format!("{at}: {why}; left out"));
                    continue;
                }
            };
            if !given.insert((span, label.clone())) {
                report
                    .repeated
                    .push(format!("{at}: given again by the model; kept once"));
                continue;
            }
            if known.contains(&(span, label.clone())) {
                report.already += 1;
                continue;
            }
            let text = doc.slice(span).unwrap_or_default().to_owned();
            let entity = if s.entity.is_some() || s.kb_id.is_some() {
                let named = ImportedEntity {
                    name: s.entity,
                    kb_id: s.kb_id,
                    key: None,
                    label: None,
                };
                match resolver.entity(&named, &label, &text) {
                    Ok(id) => Some(id),
                    Err(why) => {
                        report
                            .problems
                            .push(format!("{at}: {why}; suggested without its entity"));
                        None
                    }
                }
            } else {
                None
            };
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let score = s.score.map(|x| (x * 1000.0).round() as u16);
            added.entry(a.path.clone()).or_default().push(Proposal {
                span,
                label,
                text,
                entity,
                score,
                source: Arc::clone(&source),
            });
        }
    }
    report.added = added.values().map(Vec::len).sum();
    report.entities_created = resolver.new_entities.len();
    report.types_added = resolver.new_types.iter().map(|t| t.name.clone()).collect();
    let mut edits = resolver.take_entity_type_edits();
    edits.extend(
        resolver
            .new_entities
            .into_iter()
            .map(|entity| Edit::AddEntity { entity }),
    );
    edits.extend(
        added
            .into_iter()
            .map(|(doc, proposals)| Edit::AddProposals { doc, proposals }),
    );
    (Edit::Batch(edits), report)
}
