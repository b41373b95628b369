//! Why an edit was refused.

use crate::model::annotation::{EntityId, MentionId};
use crate::model::quotation::QuotationId;
use crate::model::relation::RelationId;
use crate::model::stance::{ClaimId, StanceId};

/// Why an edit was refused. The project is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditRejected {
    /// The orphan does not exist.
    #[error("document {doc:?} has no orphan {index}")]
    NoSuchOrphan {
        /// Document path.
        doc: String,
        /// Missing position.
        index: usize,
    },
    /// The document has no entry in the project.
    #[error("document {0:?} is not in the project")]
    NoSuchDocument(String),
    /// The mention does not exist.
    #[error("document {doc:?} has no mention {id}")]
    NoSuchMention {
        /// Document path.
        doc: String,
        /// Missing id.
        id: MentionId,
    },
    /// The id is taken.
    #[error("document {doc:?} already has a mention {id}")]
    DuplicateMention {
        /// Document path.
        doc: String,
        /// Taken id.
        id: MentionId,
    },
    /// The type is not in the schema.
    #[error("the schema has no entity type {0:?}")]
    NoSuchType(String),
    /// The new type clashes with an existing one.
    #[error("{0}")]
    InvalidSchema(String),
    /// Removing the type would orphan mentions.
    #[error("entity type {name} is used by {count} mention(s); change their type first")]
    TypeInUse {
        /// Type name.
        name: String,
        /// Mentions using it.
        count: usize,
    },
    /// The span is empty.
    #[error("a mention cannot be empty")]
    EmptySpan,
    /// The entity does not exist.
    #[error("there is no entity {0}")]
    NoSuchEntity(EntityId),
    /// The entity id is taken.
    #[error("entity {0} already exists")]
    DuplicateEntity(EntityId),
    /// Mentions still link to the entity.
    #[error("{count} mention(s) are linked to entity {name:?}; unlink or move them first")]
    EntityInUse {
        /// Entity name.
        name: String,
        /// Linked mentions.
        count: usize,
    },
    /// The entity's fields are not acceptable.
    #[error("{0}")]
    InvalidEntity(String),
    /// Stances still refer to the entity, claim or polarity.
    #[error("{count} stance(s) refer to {what}; change or delete them first")]
    ReferencedByStances {
        /// What is referred to.
        what: String,
        /// How many stances.
        count: usize,
    },
    /// The stance does not exist.
    #[error("document {doc:?} has no stance {id}")]
    NoSuchStance {
        /// Document path.
        doc: String,
        /// Missing id.
        id: StanceId,
    },
    /// The stance id is taken.
    #[error("document {doc:?} already has a stance {id}")]
    DuplicateStance {
        /// Document path.
        doc: String,
        /// Taken id.
        id: StanceId,
    },
    /// The stance's fields are not acceptable.
    #[error("{0}")]
    InvalidStance(String),
    /// Relations start or end at the mention.
    #[error("mention {id} in {doc:?} is used by {count} relation(s); delete them first")]
    MentionInRelations {
        /// Document path.
        doc: String,
        /// The mention.
        id: MentionId,
        /// How many relations use it.
        count: usize,
    },
    /// Quotations name the mention as speaker or source.
    #[error(
        "mention {id} in {doc:?} is the speaker or a source of {count} quotation(s); change them first"
    )]
    MentionQuoted {
        /// Document path.
        doc: String,
        /// The mention.
        id: MentionId,
        /// How many quotations use it.
        count: usize,
    },
    /// A rejection that cannot be added or removed.
    #[error("{0}")]
    InvalidRejection(String),
    /// Stances rest on the quotation.
    #[error("quotation {id} in {doc:?} is the evidence of {count} stance(s); change them first")]
    QuotationInStances {
        /// Document path.
        doc: String,
        /// The quotation.
        id: QuotationId,
        /// How many stances rest on it.
        count: usize,
    },
    /// The quotation does not exist.
    #[error("document {doc:?} has no quotation {id}")]
    NoSuchQuotation {
        /// Document path.
        doc: String,
        /// Missing id.
        id: QuotationId,
    },
    /// The quotation id is taken.
    #[error("document {doc:?} already has a quotation {id}")]
    DuplicateQuotation {
        /// Document path.
        doc: String,
        /// Taken id.
        id: QuotationId,
    },
    /// The quotation's fields are not acceptable.
    #[error("{0}")]
    InvalidQuotation(String),
    /// The relation does not exist.
    #[error("document {doc:?} has no relation {id}")]
    NoSuchRelation {
        /// Document path.
        doc: String,
        /// Missing id.
        id: RelationId,
    },
    /// The relation id is taken.
    #[error("document {doc:?} already has a relation {id}")]
    DuplicateRelation {
        /// Document path.
        doc: String,
        /// Taken id.
        id: RelationId,
    },
    /// The relation does not fit its mentions or its type.
    #[error("{0}")]
    InvalidRelation(String),
    /// The claim does not exist.
    #[error("there is no claim {}", .0.0)]
    NoSuchClaim(ClaimId),
    /// The merge conflict does not exist.
    #[error("there is no merge conflict {0}")]
    NoSuchConflict(usize),
}
