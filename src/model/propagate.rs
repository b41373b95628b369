//! "Annotate all occurrences": candidates for new mentions of an entity (or
//! of a type) wherever its names occur, without touching existing mentions.

use super::annotation::{EntityId, Mention, MentionId};
use super::document::Document;
use super::edit::Edit;
use super::occurrences::{MatchOptions, find_occurrences};
use super::project::{DocStatus, Project};
use super::span::CharSpan;

/// What is being propagated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropagationSource {
    /// The entity new mentions link to (`None`: unlinked mentions).
    pub entity: Option<EntityId>,
    /// Type of the new mentions.
    pub label: String,
    /// Texts to look for.
    pub names: Vec<String>,
}

impl PropagationSource {
    /// Propagate `entity`: its names, aliases and the texts of its accepted mentions.
    #[must_use]
    pub fn entity(project: &Project, entity: EntityId) -> Option<Self> {
        let e = project.entities.get(&entity)?;
        let mut names: Vec<String> = e.names().into_iter().map(str::to_owned).collect();
        for (_, m) in project.mentions_of(entity) {
            if !m.suggested && !names.contains(&m.quote.exact) {
                names.push(m.quote.exact.clone());
            }
        }
        Some(Self {
            entity: Some(entity),
            label: e.label.clone(),
            names,
        })
    }

    /// Propagate a mention: its entity if linked (plus its own text), else its
    /// text and type.
    #[must_use]
    pub fn mention(project: &Project, mention: &Mention) -> Self {
        let mut source = mention
            .entity
            .and_then(|e| Self::entity(project, e))
            .unwrap_or_else(|| Self {
                entity: None,
                label: mention.label.clone(),
                names: Vec::new(),
            });
        if !source.names.contains(&mention.quote.exact) {
            source.names.insert(0, mention.quote.exact.clone());
        }
        source
    }
}

/// What accepting a candidate does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CandidateAction {
    /// Add a new mention.
    AddMention,
    /// Link the unlinked mention that already covers exactly this text.
    LinkExisting(MentionId),
}

/// One place where a name occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Document path.
    pub doc: String,
    /// Where.
    pub span: CharSpan,
    /// The text found.
    pub text: String,
    /// What accepting does.
    pub action: CandidateAction,
    /// Other mentions overlapping this place. A candidate with conflicts is
    /// only accepted on the user's explicit say-so, and even then the
    /// existing mentions stay as they are.
    pub conflicts: Vec<MentionId>,
}

/// Every candidate for `source` in `docs` (all of them, or only `scope`).
/// Places overlapping a mention already linked to the entity (or, when
/// unlinked, an identical mention of the type) are never proposed.
#[must_use]
pub fn propagation_candidates(
    project: &Project,
    docs: &[Document],
    source: &PropagationSource,
    scope: Option<&str>,
    options: MatchOptions,
) -> Vec<Candidate> {
    let names: Vec<&str> = source.names.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    for doc in docs.iter().filter(|d| scope.is_none_or(|s| s == d.path)) {
        let Some(entry) = project.documents.get(&doc.path) else {
            continue;
        };
        if entry.hash != doc.hash {
            continue; // changed text: offsets cannot be trusted
        }
        for span in find_occurrences(&doc.text, &names, options) {
            let overlapping: Vec<&Mention> = entry
                .mentions
                .iter()
                .filter(|m| m.span.overlaps(span))
                .collect();
            let already = overlapping.iter().any(|m| match source.entity {
                Some(e) => m.entity == Some(e),
                None => m.span == span && m.label == source.label,
            });
            if already {
                continue;
            }
            let same = overlapping.iter().find(|m| {
                m.span == span
                    && m.label == source.label
                    && m.entity.is_none()
                    && source.entity.is_some()
            });
            let (action, conflicts) = match same {
                Some(m) => (
                    CandidateAction::LinkExisting(m.id),
                    overlapping
                        .iter()
                        .filter(|o| o.id != m.id)
                        .map(|o| o.id)
                        .collect(),
                ),
                None => (
                    CandidateAction::AddMention,
                    overlapping.iter().map(|m| m.id).collect(),
                ),
            };
            out.push(Candidate {
                doc: doc.path.clone(),
                span,
                text: doc.slice(span).unwrap_or_default().to_owned(),
                action,
                conflicts,
            });
        }
    }
    out
}

/// The edit that accepts `candidates` (as one undo step). New mentions get
/// fresh ids per document. `docs` must be sorted by path, as a corpus is.
#[must_use]
pub fn accept_candidates(
    project: &Project,
    docs: &[Document],
    source: &PropagationSource,
    candidates: &[Candidate],
) -> Edit {
    let mut edits = Vec::new();
    let mut next_ids: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for c in candidates {
        match &c.action {
            CandidateAction::LinkExisting(id) => edits.push(Edit::LinkMention {
                doc: c.doc.clone(),
                id: *id,
                entity: source.entity,
            }),
            CandidateAction::AddMention => {
                let Ok(at) = docs.binary_search_by(|d| d.path.as_str().cmp(&c.doc)) else {
                    continue;
                };
                let doc = &docs[at];
                let next = next_ids.entry(c.doc.as_str()).or_insert_with(|| {
                    let entry = project.documents.get(&c.doc);
                    // A document that gains a mention is being annotated.
                    if entry.is_some_and(|d| d.status == DocStatus::Todo) {
                        edits.push(Edit::SetStatus {
                            doc: c.doc.clone(),
                            status: DocStatus::InProgress,
                        });
                    }
                    entry.map_or(1, |d| d.next_mention_id().0)
                });
                let mut mention = Mention::new(doc, MentionId(*next), c.span, source.label.clone());
                *next += 1;
                mention.entity = source.entity;
                edits.push(Edit::AddMention {
                    doc: c.doc.clone(),
                    mention,
                });
            }
        }
    }
    Edit::Batch(edits)
}
