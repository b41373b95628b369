//! Pure data and pure functions: documents, spans, annotations, edits.
//!
//! Invariant: nothing here draws, touches the file system or panics on user
//! data. Every change to a [`project::Project`] is an [`edit::Edit`].

pub mod annotation;
pub mod attribution;
pub mod bounded;
pub mod bulk_annotate;
pub mod caret;
pub mod check;
pub mod codebook;
pub mod conflict;
pub mod document;
pub mod edit;
pub mod entity_ops;
pub mod history;
pub mod holder;
pub mod holds;
pub mod import_merge;
pub mod iob;
pub mod kwic;
pub mod occurrences;
pub mod orphans;
pub mod overview;
pub mod passages;
pub mod preannotate;
pub mod project;
pub mod propagate;
pub mod quotation;
pub mod quote_marks;
pub mod quoted;
pub mod reanchor;
pub mod relation;
pub mod relation_types;
pub mod schema;
pub mod scripts;
pub mod search;
pub mod search_scope;
pub mod snap;
pub mod span;
pub mod stance;
pub mod suggest;
pub mod synthetic;
pub mod team;
pub mod tokens;
pub mod units;
pub mod visual_line;
pub mod word_runs;
pub mod wording;
pub mod words;

pub use annotation::{Entity, EntityId, Mention, MentionId, Provenance, Quote, is_valid_qid};
pub use document::Document;
pub use edit::{Edit, EditRejected, apply};
pub use history::History;
pub use project::{
    DocAnnotations, DocStatus, LexiconEntry, Orphan, OrphanKind, Project, Proposal, Rejection,
    SuggestionTally,
};
pub use quotation::{Quotation, QuotationId, QuoteKind};
pub use relation::{Relation, RelationId, RelationType};
pub use schema::{EntityType, Polarity, Rgb, Schema};
pub use span::CharSpan;
pub use stance::{
    Claim, ClaimId, Evidence, Holder, Intensity, Level, ReportedAs, Stance, StanceId, Target,
};
