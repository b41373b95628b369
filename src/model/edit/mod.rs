//! Every change to a project is an [`Edit`]; applying one returns its inverse.

mod apply;
mod conflict_edits;
mod progress;
mod quotation_edits;
mod rejected;
mod relation_edits;

pub use apply::apply;
pub use conflict_edits::schema_gaps;
pub use progress::with_progress;
pub use rejected::EditRejected;

use super::annotation::{Entity, EntityId, Mention, MentionId};
use super::project::{DocStatus, LexiconEntry, Orphan, Proposal, Rejection};
use super::quotation::{Quotation, QuotationId};
use super::relation::{Relation, RelationId, RelationType};
use super::schema::{EntityType, Polarity};
use super::stance::{Claim, ClaimId, Stance, StanceId};

/// One change to a project. [`apply`] returns the edit that undoes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Add a mention to a document.
    AddMention {
        /// Document path.
        doc: String,
        /// The mention; its id must be free in the document.
        mention: Mention,
    },
    /// Remove a mention.
    RemoveMention {
        /// Document path.
        doc: String,
        /// Which mention.
        id: MentionId,
    },
    /// Change a mention's entity type.
    RelabelMention {
        /// Document path.
        doc: String,
        /// Which mention.
        id: MentionId,
        /// New type name (must be in the schema).
        label: String,
    },
    /// Move a mention's boundaries, keeping its id, type, entity link and
    /// note. The quote is that of the new span (taken by the caller, who has
    /// the text); the inverse restores the old span and quote.
    ResizeMention {
        /// Document path.
        doc: String,
        /// Which mention.
        id: MentionId,
        /// The new span (not empty).
        span: super::span::CharSpan,
        /// The quote of the new span.
        quote: super::annotation::Quote,
    },
    /// Mark (or unmark) a document as made from a token file: its tokens
    /// are the words between spaces and its sentences its lines.
    SetTokenLines {
        /// Document path.
        doc: String,
        /// The new value.
        on: bool,
    },
    /// Set a document's workflow status.
    SetStatus {
        /// Document path.
        doc: String,
        /// New status.
        status: DocStatus,
    },
    /// Remove orphan `index` of a document (it was placed again, by hand).
    RemoveOrphan {
        /// Document path.
        doc: String,
        /// Its position in the document's orphan list.
        index: usize,
    },
    /// Put an orphan back at `index` of a document's orphan list.
    InsertOrphan {
        /// Document path.
        doc: String,
        /// Position in the orphan list.
        index: usize,
        /// The orphan.
        orphan: Orphan,
    },
    /// Replace a mention's note (empty: no note).
    SetMentionNote {
        /// Document path.
        doc: String,
        /// Which mention.
        id: MentionId,
        /// The new note.
        note: String,
    },
    /// Add a model's proposals to a document.
    AddProposals {
        /// Document path.
        doc: String,
        /// The proposals.
        proposals: Vec<Proposal>,
    },
    /// Remove proposals from a document (the inverse of `AddProposals`).
    RemoveProposals {
        /// Document path.
        doc: String,
        /// The proposals.
        proposals: Vec<Proposal>,
    },
    /// Teach the suggester names from a list (appended to the lexicon).
    AddLexicon {
        /// The names.
        entries: Vec<LexiconEntry>,
    },
    /// Take the last `count` names off the lexicon (the inverse of
    /// `AddLexicon`).
    RemoveLexicon {
        /// How many.
        count: usize,
    },
    /// Add to (or, negative, take from) the project's tally of decisions on
    /// learned suggestions; the inverse takes the same numbers back.
    CountSuggestions {
        /// Accepted.
        accepted: i64,
        /// Rejected.
        rejected: i64,
        /// Made by hand.
        hand_made: i64,
        /// Made by hand where suggested beforehand.
        recalled: i64,
    },
    /// Remember a rejected suggestion.
    RejectSuggestion {
        /// Document path.
        doc: String,
        /// What was rejected, and where.
        rejection: Rejection,
    },
    /// Forget a rejected suggestion (the inverse of `RejectSuggestion`).
    UnrejectSuggestion {
        /// Document path.
        doc: String,
        /// The rejection.
        rejection: Rejection,
    },
    /// Replace a document's note (empty: no note).
    SetDocumentNote {
        /// Document path.
        doc: String,
        /// The new note.
        note: String,
    },
    /// Set (or with `None`, reset to the default) a document's outlet.
    SetOutlet {
        /// Document path.
        doc: String,
        /// New outlet.
        outlet: Option<String>,
    },
    /// Insert an entity type into the schema.
    InsertEntityType {
        /// Position in the schema's list.
        index: usize,
        /// The new type.
        entity_type: EntityType,
    },
    /// Remove an unused entity type.
    RemoveEntityType {
        /// Its name.
        name: String,
    },
    /// Replace an entity type's definition; a new name relabels its mentions.
    UpdateEntityType {
        /// Current name.
        name: String,
        /// New definition.
        entity_type: EntityType,
    },
    /// Add an entity to the registry.
    AddEntity {
        /// The entity; its id must be free.
        entity: Entity,
    },
    /// Remove an entity no mention links to.
    RemoveEntity {
        /// Which entity.
        id: EntityId,
    },
    /// Replace an entity's name, type, aliases, knowledge-base id and note.
    UpdateEntity {
        /// The new definition (its id says which entity).
        entity: Entity,
    },
    /// Link a mention to an entity, or unlink it with `None`.
    LinkMention {
        /// Document path.
        doc: String,
        /// Which mention.
        id: MentionId,
        /// The entity.
        entity: Option<EntityId>,
    },
    /// Mark a mention as a suggestion, or accept it (`false`).
    SetSuggested {
        /// Document path.
        doc: String,
        /// Which mention.
        id: MentionId,
        /// Suggestion or not.
        suggested: bool,
    },
    /// Add a stance to a document.
    AddStance {
        /// Document path.
        doc: String,
        /// The stance; its id must be free in the document.
        stance: Stance,
    },
    /// Remove a stance.
    RemoveStance {
        /// Document path.
        doc: String,
        /// Which stance.
        id: StanceId,
    },
    /// Replace a stance (holder, target, polarity, evidence, attributes).
    UpdateStance {
        /// Document path.
        doc: String,
        /// The new stance (its id says which).
        stance: Stance,
    },
    /// Add a claim.
    AddClaim {
        /// The claim; its id must be free.
        claim: Claim,
    },
    /// Remove a claim no stance targets.
    RemoveClaim {
        /// Which claim.
        id: ClaimId,
    },
    /// Replace a claim's text and note.
    UpdateClaim {
        /// The new claim (its id says which).
        claim: Claim,
    },
    /// Add a relation between two mentions of a document.
    AddRelation {
        /// Document path.
        doc: String,
        /// The relation; its id must be free in the document, its mentions
        /// there, and their types allowed by its type.
        relation: Relation,
    },
    /// Remove a relation.
    RemoveRelation {
        /// Document path.
        doc: String,
        /// Which relation.
        id: RelationId,
    },
    /// Replace a relation (type, direction, note).
    UpdateRelation {
        /// Document path.
        doc: String,
        /// The new relation (its id says which).
        relation: Relation,
    },
    /// Add a quotation to a document.
    AddQuotation {
        /// Document path.
        doc: String,
        /// The quotation; its id must be free in the document, its
        /// mentions there, its contents not empty.
        quotation: Quotation,
    },
    /// Remove a quotation.
    RemoveQuotation {
        /// Document path.
        doc: String,
        /// Which quotation.
        id: QuotationId,
    },
    /// Replace a quotation (speaker, cue, contents, kind, sources, note).
    UpdateQuotation {
        /// Document path.
        doc: String,
        /// The new quotation (its id says which).
        quotation: Quotation,
    },
    /// Replace the schema's relation types; a type relations use cannot go.
    SetRelationTypes {
        /// The new list, in display order.
        types: Vec<RelationType>,
    },
    /// Insert a polarity into the stance scale.
    InsertPolarity {
        /// Position.
        index: usize,
        /// The polarity.
        polarity: Polarity,
    },
    /// Remove an unused polarity.
    RemovePolarity {
        /// Its name.
        name: String,
    },
    /// Replace a polarity; a new name is applied to its stances.
    UpdatePolarity {
        /// Current name.
        name: String,
        /// New definition.
        polarity: Polarity,
    },
    /// Replace a mention (same id) whole: span, quote, type, entity, note.
    ReplaceMention {
        /// Document path.
        doc: String,
        /// The new version.
        mention: Mention,
    },
    /// Set (or with `None` clear) a document's value of a codebook variable.
    SetCode {
        /// Document path.
        doc: String,
        /// The variable's name.
        variable: String,
        /// The value.
        value: Option<super::codebook::Code>,
    },
    /// Replace the whole schema (the team's, say). Refused when an entity
    /// type, polarity or relation type in use would be missing.
    ReplaceSchema {
        /// The new schema (boxed: schemas are large).
        schema: Box<super::schema::Schema>,
    },
    /// Record a merge conflict at `index` of the project's list.
    InsertConflict {
        /// Position.
        index: usize,
        /// The conflict (boxed: it holds two versions of an annotation).
        conflict: Box<super::conflict::Conflict>,
    },
    /// Drop the merge conflict at `index` (the user decided).
    RemoveConflict {
        /// Position.
        index: usize,
    },
    /// Several edits as one undo step, applied in order.
    Batch(Vec<Edit>),
}

impl Edit {
    /// The document this edit changes, if it is about one document.
    #[must_use]
    pub fn document(&self) -> Option<&str> {
        match self {
            Self::AddMention { doc, .. }
            | Self::RemoveMention { doc, .. }
            | Self::RelabelMention { doc, .. }
            | Self::ResizeMention { doc, .. }
            | Self::SetTokenLines { doc, .. }
            | Self::SetStatus { doc, .. }
            | Self::SetOutlet { doc, .. }
            | Self::SetMentionNote { doc, .. }
            | Self::RemoveOrphan { doc, .. }
            | Self::InsertOrphan { doc, .. }
            | Self::SetDocumentNote { doc, .. }
            | Self::RejectSuggestion { doc, .. }
            | Self::AddProposals { doc, .. }
            | Self::RemoveProposals { doc, .. }
            | Self::UnrejectSuggestion { doc, .. }
            | Self::LinkMention { doc, .. }
            | Self::SetSuggested { doc, .. }
            | Self::AddStance { doc, .. }
            | Self::RemoveStance { doc, .. }
            | Self::UpdateStance { doc, .. }
            | Self::AddRelation { doc, .. }
            | Self::RemoveRelation { doc, .. }
            | Self::UpdateRelation { doc, .. }
            | Self::AddQuotation { doc, .. }
            | Self::RemoveQuotation { doc, .. }
            | Self::UpdateQuotation { doc, .. }
            | Self::ReplaceMention { doc, .. }
            | Self::SetCode { doc, .. } => Some(doc),
            Self::Batch(edits) => edits.iter().find_map(Self::document),
            _ => None,
        }
    }
}
