//! The project: one annotator's annotations of a corpus, with its schema.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::annotation::{Entity, EntityId, Mention, MentionId};
use super::document::Document;
use super::quotation::{Quotation, QuotationId};
use super::relation::{Relation, RelationId};
use super::schema::Schema;
use super::stance::{Claim, ClaimId, Holder, Stance, StanceId, Target};

/// Where an annotator is with a document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocStatus {
    /// Not started.
    #[default]
    Todo,
    /// Started, not finished.
    InProgress,
    /// Finished.
    Done,
}

impl DocStatus {
    /// All statuses in workflow order.
    pub const ALL: [Self; 3] = [Self::Todo, Self::InProgress, Self::Done];

    /// Label shown to the user.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Todo => "todo",
            Self::InProgress => "in progress",
            Self::Done => "done",
        }
    }
}

/// One document's annotations and the project's facts about it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DocAnnotations {
    /// Hash of the text these annotations were made against.
    pub hash: String,
    /// Title as last seen in the text.
    pub title: String,
    /// Date as last seen in the text.
    pub date: Option<String>,
    /// Outlet set by the annotator; `None` means the document's default.
    pub outlet: Option<String>,
    /// Workflow status.
    pub status: DocStatus,
    /// Mentions in reading order (see [`Mention::order_key`]).
    pub mentions: Vec<Mention>,
    /// Stances, by id.
    pub stances: Vec<Stance>,
    /// Relations between this document's mentions, by id.
    pub relations: Vec<Relation>,
    /// Quotations, by id.
    pub quotations: Vec<Quotation>,
    /// Annotations that could not be re-anchored after the text changed,
    /// kept with their old text.
    pub orphans: Vec<Orphan>,
    /// The annotator's free-text note on the document (empty: none).
    pub note: String,
    /// Suggestions rejected here: not offered again at their place, and
    /// counted against their words (see [`crate::model::suggest`]).
    pub rejections: Vec<Rejection>,
    /// Spans a model proposed here, offered as suggestions with their
    /// scores until accepted or rejected.
    pub proposals: Vec<Proposal>,
    /// The document codebook's values, by variable name.
    pub codes: BTreeMap<String, super::codebook::Code>,
    /// The text was made from a token file (CoNLL): its tokens are the
    /// words between spaces and its sentences its lines, which token exports
    /// keep so the tokens go back out as they came in.
    pub token_lines: bool,
}

/// A span a model proposed (`stancemark suggest`, Project › Run a model…).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Proposal {
    /// Where.
    pub span: super::span::CharSpan,
    /// Entity type.
    pub label: String,
    /// The words it covers.
    pub text: String,
    /// The entity, if the model named one.
    pub entity: Option<EntityId>,
    /// The model's score in thousandths (0–1000), if it gave one.
    pub score: Option<u16>,
    /// Which model: the command that proposed it.
    pub source: std::sync::Arc<str>,
}

/// A suggestion the annotator rejected.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rejection {
    /// Where it was offered.
    pub span: super::span::CharSpan,
    /// The type it offered.
    pub label: String,
    /// The words it covered.
    pub text: String,
}

/// An annotation that lost its place in a changed text, kept with its old quote.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Orphan {
    /// What it was.
    pub kind: OrphanKind,
    /// Why it could not be placed.
    pub reason: String,
}

/// What an orphan was.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OrphanKind {
    /// A mention.
    Mention(Mention),
    /// One evidence span of a stance (the stance itself stayed).
    Evidence {
        /// The stance it belonged to.
        stance: StanceId,
        /// The evidence with its old span and quote.
        evidence: super::stance::Evidence,
    },
    /// A span-level stance whose evidence was all lost.
    Stance(Stance),
    /// A relation one of whose mentions became an orphan; it names its
    /// mentions by their old ids and comes back when both are placed.
    Relation(Relation),
    /// A quotation one of whose spans or mentions lost its place; it names
    /// its mentions by their old ids.
    Quotation(Quotation),
}

impl Orphan {
    /// The old text, for lists.
    #[must_use]
    pub fn old_text(&self) -> &str {
        match &self.kind {
            OrphanKind::Mention(m) => &m.quote.exact,
            OrphanKind::Evidence { evidence, .. } => &evidence.quote.exact,
            OrphanKind::Stance(s) => s.evidence.first().map_or("", |e| e.quote.exact.as_str()),
            OrphanKind::Relation(r) => &r.label,
            OrphanKind::Quotation(q) => q.contents.first().map_or("", |e| e.quote.exact.as_str()),
        }
    }
}

impl DocAnnotations {
    /// Facts about a document that has no annotations yet.
    #[must_use]
    pub fn for_document(doc: &Document) -> Self {
        Self {
            hash: doc.hash.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
            ..Self::default()
        }
    }

    /// The mention with id `id`.
    #[must_use]
    pub fn mention(&self, id: MentionId) -> Option<&Mention> {
        self.mentions.iter().find(|m| m.id == id)
    }

    /// An id no mention of this document has, nor had: ids of orphaned
    /// mentions (which orphaned relations still name) are not given again.
    #[must_use]
    pub fn next_mention_id(&self) -> MentionId {
        let orphaned = self.orphans.iter().flat_map(|o| match &o.kind {
            OrphanKind::Mention(m) => vec![m.id.0],
            OrphanKind::Relation(r) => vec![r.source.0, r.target.0],
            OrphanKind::Quotation(q) => q.mentions().map(|m| m.0).collect(),
            _ => Vec::new(),
        });
        MentionId(
            self.mentions
                .iter()
                .map(|m| m.id.0)
                .chain(orphaned)
                .max()
                .map_or(1, |m| m.saturating_add(1)),
        )
    }

    /// The stance with id `id`.
    #[must_use]
    pub fn stance(&self, id: StanceId) -> Option<&Stance> {
        self.stances.iter().find(|s| s.id == id)
    }

    /// An id no stance of this document has.
    #[must_use]
    pub fn next_stance_id(&self) -> StanceId {
        StanceId(
            self.stances
                .iter()
                .map(|s| s.id.0)
                .max()
                .map_or(1, |m| m + 1),
        )
    }

    /// The relation with id `id`.
    #[must_use]
    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        self.relations.iter().find(|r| r.id == id)
    }

    /// An id no relation of this document has.
    #[must_use]
    pub fn next_relation_id(&self) -> RelationId {
        RelationId(
            self.relations
                .iter()
                .map(|r| r.id.0)
                .max()
                .map_or(1, |m| m + 1),
        )
    }

    /// Inserts a relation keeping the list sorted by id.
    pub fn insert_relation(&mut self, relation: Relation) {
        let at = self.relations.partition_point(|r| r.id < relation.id);
        self.relations.insert(at, relation);
    }

    /// The relations that start or end at `mention`.
    pub fn relations_of(&self, mention: MentionId) -> impl Iterator<Item = &Relation> {
        self.relations.iter().filter(move |r| r.uses(mention))
    }

    /// The quotation with id `id`.
    #[must_use]
    pub fn quotation(&self, id: QuotationId) -> Option<&Quotation> {
        self.quotations.iter().find(|q| q.id == id)
    }

    /// An id no quotation of this document has.
    #[must_use]
    pub fn next_quotation_id(&self) -> QuotationId {
        QuotationId(
            self.quotations
                .iter()
                .map(|q| q.id.0)
                .max()
                .map_or(1, |m| m + 1),
        )
    }

    /// Inserts a quotation keeping the list sorted by id.
    pub fn insert_quotation(&mut self, quotation: Quotation) {
        let at = self.quotations.partition_point(|q| q.id < quotation.id);
        self.quotations.insert(at, quotation);
    }

    /// Inserts a stance keeping the list sorted by id.
    pub fn insert_stance(&mut self, stance: Stance) {
        let at = self.stances.partition_point(|s| s.id < stance.id);
        self.stances.insert(at, stance);
    }

    /// Inserts a mention at its place in reading order.
    pub fn insert_sorted(&mut self, mention: Mention) {
        let at = self
            .mentions
            .partition_point(|m| m.order_key() < mention.order_key());
        self.mentions.insert(at, mention);
    }
}

/// A project: one annotator's work on one corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Project {
    /// Who made these annotations.
    pub annotator: String,
    /// Entity types in use.
    pub schema: Schema,
    /// Annotations per document, keyed by the document's relative path.
    pub documents: BTreeMap<String, Arc<DocAnnotations>>,
    /// Corpus-wide entities, by id.
    pub entities: BTreeMap<EntityId, Entity>,
    /// Project-wide claims, by id.
    pub claims: BTreeMap<ClaimId, Claim>,
    /// How the learning suggester has done on this project so far.
    pub suggestion_tally: SuggestionTally,
    /// Names the learning suggester was taught from a list (a gazetteer),
    /// in the order they came.
    pub lexicon: Vec<LexiconEntry>,
    /// Conflicts a three-way merge recorded, waiting for the user's
    /// decision (see [`super::conflict`]).
    pub conflicts: Vec<super::conflict::Conflict>,
}

/// A name taught from a list: its words, type and entity.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LexiconEntry {
    /// The words, as they stand in the texts.
    pub surface: String,
    /// Entity type.
    pub label: String,
    /// The entity, if the list names one.
    pub entity: Option<EntityId>,
}

/// Decisions on learned suggestions, kept with the project (changed only
/// by [`crate::model::Edit::CountSuggestions`], so undo takes them back).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SuggestionTally {
    /// Suggestions accepted.
    pub accepted: u64,
    /// Suggestions rejected.
    pub rejected: u64,
    /// Mentions made by hand.
    pub hand_made: u64,
    /// Of those, how many had been suggested at that place beforehand.
    pub recalled: u64,
}

impl Project {
    /// An empty project for `annotator` with the given schema.
    #[must_use]
    pub fn new(annotator: impl Into<String>, schema: Schema) -> Self {
        Self {
            annotator: annotator.into(),
            schema,
            documents: BTreeMap::new(),
            entities: BTreeMap::new(),
            claims: BTreeMap::new(),
            suggestion_tally: SuggestionTally::default(),
            lexicon: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// The annotations of document `path`, for changing them. Documents are
    /// shared with snapshots (a save in progress) and copied on first write.
    pub fn document_mut(&mut self, path: &str) -> Option<&mut DocAnnotations> {
        self.documents.get_mut(path).map(Arc::make_mut)
    }

    /// Makes sure every corpus document has an entry, and refreshes the title
    /// and date of documents whose text is unchanged. Entries of documents
    /// that are not in the corpus are kept untouched.
    pub fn attach(&mut self, corpus: &[Document]) {
        for doc in corpus {
            let entry = self
                .documents
                .entry(doc.path.clone())
                .or_insert_with(|| DocAnnotations::for_document(doc).into());
            if entry.hash == doc.hash && (entry.title != doc.title || entry.date != doc.date) {
                let entry = Arc::make_mut(entry);
                entry.title.clone_from(&doc.title);
                entry.date.clone_from(&doc.date);
            }
        }
    }

    /// Number of mentions with each label, in schema order, then unknown labels.
    #[must_use]
    pub fn mentions_per_label(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for m in self.documents.values().flat_map(|d| &d.mentions) {
            *counts.entry(&m.label).or_default() += 1;
        }
        let mut out: Vec<(String, usize)> = self
            .schema
            .entity_types
            .iter()
            .map(|t| (t.name.clone(), counts.remove(t.name.as_str()).unwrap_or(0)))
            .collect();
        out.extend(counts.into_iter().map(|(k, v)| (k.to_owned(), v)));
        out
    }

    /// Total number of mentions.
    #[must_use]
    pub fn mention_count(&self) -> usize {
        self.documents.values().map(|d| d.mentions.len()).sum()
    }

    /// How many mentions and entities carry `label`.
    #[must_use]
    pub fn label_use_count(&self, label: &str) -> usize {
        let mentions = self
            .documents
            .values()
            .flat_map(|d| &d.mentions)
            .filter(|m| m.label == label)
            .count();
        mentions + self.entities.values().filter(|e| e.label == label).count()
    }

    /// An id no entity has.
    #[must_use]
    pub fn next_entity_id(&self) -> EntityId {
        EntityId(self.entities.keys().next_back().map_or(1, |id| id.0 + 1))
    }

    /// Every mention linked to `entity`, with its document path, in corpus order.
    #[must_use]
    pub fn mentions_of(&self, entity: EntityId) -> Vec<(&str, &Mention)> {
        self.documents
            .iter()
            .flat_map(|(path, d)| d.mentions.iter().map(move |m| (path.as_str(), m)))
            .filter(|(_, m)| m.entity == Some(entity))
            .collect()
    }

    /// An id no claim has.
    #[must_use]
    pub fn next_claim_id(&self) -> ClaimId {
        ClaimId(self.claims.keys().next_back().map_or(1, |id| id.0 + 1))
    }

    /// Every stance with its document path, in corpus order.
    pub fn stances(&self) -> impl Iterator<Item = (&str, &Stance)> {
        self.documents
            .iter()
            .flat_map(|(path, d)| d.stances.iter().map(move |s| (path.as_str(), s)))
    }

    /// Number of relations.
    #[must_use]
    pub fn relation_count(&self) -> usize {
        self.documents.values().map(|d| d.relations.len()).sum()
    }

    /// How many relations carry `label`.
    #[must_use]
    pub fn relation_use_count(&self, label: &str) -> usize {
        self.documents
            .values()
            .flat_map(|d| &d.relations)
            .filter(|r| r.label == label)
            .count()
    }

    /// Number of quotations.
    #[must_use]
    pub fn quotation_count(&self) -> usize {
        self.documents.values().map(|d| d.quotations.len()).sum()
    }

    /// Number of stances.
    #[must_use]
    pub fn stance_count(&self) -> usize {
        self.documents.values().map(|d| d.stances.len()).sum()
    }

    /// Stances whose holder or target is `entity`.
    #[must_use]
    pub fn stances_about_entity(&self, entity: EntityId) -> Vec<(&str, &Stance)> {
        self.stances()
            .filter(|(_, s)| s.refers_to_entity(entity))
            .collect()
    }

    /// Stances that target `claim`.
    #[must_use]
    pub fn stances_on_claim(&self, claim: ClaimId) -> Vec<(&str, &Stance)> {
        self.stances()
            .filter(|(_, s)| s.target == Target::Claim(claim))
            .collect()
    }

    /// How many stances carry `polarity`.
    #[must_use]
    pub fn polarity_use_count(&self, polarity: &str) -> usize {
        self.stances()
            .filter(|(_, s)| s.polarity == polarity)
            .count()
    }

    /// A display name for a holder in document `doc` (the outlet for the author).
    #[must_use]
    pub fn holder_name(&self, holder: &Holder, outlet: &str) -> String {
        match holder {
            Holder::Entity(e) => self
                .entities
                .get(e)
                .map_or_else(|| format!("missing entity {e}"), |e| e.name.clone()),
            Holder::Author if outlet.is_empty() => "the author".to_owned(),
            Holder::Author => format!("{outlet} (author)"),
        }
    }

    /// A display name for a target.
    #[must_use]
    pub fn target_name(&self, target: &Target) -> String {
        match target {
            Target::Entity(e) => self
                .entities
                .get(e)
                .map_or_else(|| format!("missing entity {e}"), |e| e.name.clone()),
            Target::Claim(c) => self.claims.get(c).map_or_else(
                || format!("missing claim {}", c.0),
                |c| format!("“{}”", c.text),
            ),
            Target::Topic(t) => format!("topic: {t}"),
        }
    }

    /// Number of mentions linked to some entity.
    #[must_use]
    pub fn linked_mention_count(&self) -> usize {
        self.documents
            .values()
            .flat_map(|d| &d.mentions)
            .filter(|m| m.entity.is_some())
            .count()
    }

    /// Number of suggestions not yet accepted.
    #[must_use]
    pub fn suggestion_count(&self) -> usize {
        self.documents
            .values()
            .map(|d| d.mentions.iter().filter(|m| m.suggested).count() + d.proposals.len())
            .sum()
    }
}
