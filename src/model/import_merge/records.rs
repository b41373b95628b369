//! The records an import reads: documents with their mentions, relations,
//! quotations and stances, as the file describes them (offsets in the
//! record's unit, entities by name, Wikidata id or a key).

use super::super::stance::{Intensity, Level, ReportedAs};
use super::super::units::OffsetUnit;
use super::quotations::ImportedQuotation;

/// An entity as an import describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedEntity {
    /// Name, if given.
    pub name: Option<String>,
    /// Wikidata QID, if given.
    pub kb_id: Option<String>,
    /// A key that groups mentions of one entity within the import (e.g. an id).
    pub key: Option<String>,
    /// Its type, if the format says (mentions use their own type).
    pub label: Option<String>,
}

/// A mention as an import describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedMention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Entity type.
    pub label: String,
    /// The text it claims to cover, if the format carries it.
    pub text: Option<String>,
    /// Its entity, if linked.
    pub entity: Option<ImportedEntity>,
    /// The annotator's note (brat `AnnotatorNotes`), empty if none.
    pub note: String,
    /// A suggestion to review rather than an annotation (a model's
    /// prediction, or marked so in the file).
    pub suggested: bool,
    /// The score the file gives a suggestion, in thousandths (0–1000).
    pub score: Option<u16>,
    /// The model run a suggestion came from, when the file names one
    /// (Label Studio's `model_version`): kept as the proposal's source, so
    /// an export names it again. `None`: the import itself.
    pub run: Option<String>,
}

/// A relation as an import describes it: between two of its record's
/// mentions, by their index in [`ImportRecord::mentions`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedRelation {
    /// Relation type name.
    pub label: String,
    /// Index of the source mention.
    pub source: usize,
    /// Index of the target mention.
    pub target: usize,
    /// Note.
    pub note: String,
    /// Where it is in the file, for messages (`file:line R1`).
    pub origin: String,
    /// Its argument names when the file gives others than `Arg1`/`Arg2`
    /// (brat's `source:T1 target:T2`).
    pub roles: Option<(String, String)>,
}

/// A stance holder as imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportedHolder {
    /// The author/outlet.
    Author,
    /// An entity.
    Entity(ImportedEntity),
}

/// A stance target as imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportedTarget {
    /// An entity.
    Entity(ImportedEntity),
    /// A claim, by its text.
    Claim(String),
    /// A topic.
    Topic(String),
}

/// A stance as imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedStance {
    /// Holder.
    pub holder: ImportedHolder,
    /// Target.
    pub target: ImportedTarget,
    /// Polarity name.
    pub polarity: String,
    /// Level.
    pub level: Level,
    /// Intensity.
    pub intensity: Option<Intensity>,
    /// Reported as.
    pub reported_as: Option<ReportedAs>,
    /// Evidence: start, end and the text it claims to cover.
    pub evidence: Vec<(usize, usize, Option<String>)>,
    /// Note.
    pub note: String,
}

/// One imported record (usually a document).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportRecord {
    /// Where it came from, for messages (`file:line`).
    pub origin: String,
    /// The document path it names, if any.
    pub path: Option<String>,
    /// The document text it carries, if any.
    pub text: Option<String>,
    /// Its mentions.
    pub mentions: Vec<ImportedMention>,
    /// Its stances.
    pub stances: Vec<ImportedStance>,
    /// Relations between its mentions.
    pub relations: Vec<ImportedRelation>,
    /// Quotations, their speakers and sources among its mentions.
    pub quotations: Vec<ImportedQuotation>,
    /// The document's note, if the record carries one.
    pub note: Option<String>,
    /// The unit of every offset in the record.
    pub unit: OffsetUnit,
    /// The unit is known for sure (the file or the user said so); if not,
    /// a span that the two units would place differently is taken only
    /// where its quoted text decides.
    pub unit_known: bool,
    /// Tokens the record claims, `(start, end, text)` in `unit`: each must
    /// be found at its place (a record without its text is matched by them).
    pub anchors: Vec<(usize, usize, String)>,
    /// A token file's sentences, each token with its tag (CoNLL): the
    /// record goes to the document these tokens are found in, in order, and
    /// its mentions are read from the tags.
    pub token_sentences: Vec<Vec<(String, String)>>,
}
