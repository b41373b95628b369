//! Quotations: who is quoted (a speaker mention, or nobody named), with
//! which cue ("said", "told Mir TV", "according to"), in which words (one
//! or more content spans: a quote split by "he added" is one quotation),
//! directly, indirectly or mixed, and through whom (a source chain for
//! "Reuters reported that Lavrov said…").

use serde::{Deserialize, Serialize};

use super::annotation::{MentionId, Provenance};
use super::stance::Evidence;

/// Identifier of a quotation, unique within its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QuotationId(pub u64);

impl std::fmt::Display for QuotationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "q{}", self.0)
    }
}

/// How the speaker's words are given.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum QuoteKind {
    /// In the speaker's own words, in quotation marks.
    #[default]
    Direct,
    /// Reported in the writer's words ("he said that…").
    Indirect,
    /// A paraphrase with quoted fragments.
    Mixed,
}

impl QuoteKind {
    /// All kinds.
    pub const ALL: [Self; 3] = [Self::Direct, Self::Indirect, Self::Mixed];

    /// Label for the user and for exports.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Indirect => "indirect",
            Self::Mixed => "mixed",
        }
    }

    /// The kind labelled `label`.
    #[must_use]
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.label() == label)
    }
}

/// A quotation in one document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Quotation {
    /// Identifier, unique within the document.
    pub id: QuotationId,
    /// The speaker's mention (a pronoun mention is fine); `None`:
    /// unattributed.
    pub speaker: Option<MentionId>,
    /// The cue span ("said", "according to"), if marked.
    pub cue: Option<Evidence>,
    /// The quoted words: one span or more, in reading order; never empty.
    pub contents: Vec<Evidence>,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Nested attribution, outermost first ("Reuters" in "Reuters reported
    /// that Lavrov said…"); empty when the speaker is quoted first-hand.
    pub sources: Vec<MentionId>,
    /// Free-text note.
    pub note: String,
    /// For gold quotations: which annotators had it and who adjudicated.
    pub provenance: Option<Provenance>,
}

impl Quotation {
    /// A quotation with no cue, sources or note; contents in reading order.
    #[must_use]
    pub fn new(
        id: QuotationId,
        speaker: Option<MentionId>,
        contents: Vec<Evidence>,
        kind: QuoteKind,
    ) -> Self {
        let mut q = Self {
            id,
            speaker,
            cue: None,
            contents,
            kind,
            sources: Vec::new(),
            note: String::new(),
            provenance: None,
        };
        q.sort_contents();
        q
    }

    /// Puts the content spans in reading order.
    pub fn sort_contents(&mut self) {
        self.contents.sort_by_key(|e| (e.span.start, e.span.end));
    }

    /// True when `mention` is its speaker or one of its sources.
    #[must_use]
    pub fn uses(&self, mention: MentionId) -> bool {
        self.speaker == Some(mention) || self.sources.contains(&mention)
    }

    /// Its mentions: the speaker, then the sources.
    pub fn mentions(&self) -> impl Iterator<Item = MentionId> + '_ {
        self.speaker.into_iter().chain(self.sources.iter().copied())
    }

    /// Its spans: the cue, then the contents.
    pub fn spans(&self) -> impl Iterator<Item = &Evidence> {
        self.cue.iter().chain(&self.contents)
    }

    /// The words quoted (see [`crate::model::word_runs`]: "people’s" is
    /// one word).
    #[must_use]
    pub fn words(&self) -> usize {
        self.contents
            .iter()
            .map(|e| super::word_runs::word_count(&e.quote.exact))
            .sum()
    }
}
