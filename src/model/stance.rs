//! Stances: who (holder) takes which position (polarity) toward what
//! (target), with the evidence that shows it; and the claims they target.

use serde::{Deserialize, Serialize};

use super::annotation::{EntityId, Quote};
use super::document::Document;
use super::span::CharSpan;

/// Identifier of a claim, unique within the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClaimId(pub u64);

/// A short proposition kept project-wide, so every article and outlet can be
/// compared on the same claims ("Syrian government forces carried out the attack").
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Claim {
    /// Identifier.
    pub id: ClaimId,
    /// The proposition.
    pub text: String,
    /// Free-text note.
    #[serde(default)]
    pub note: String,
}

/// Identifier of a stance, unique within its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StanceId(pub u64);

impl std::fmt::Display for StanceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s{}", self.0)
    }
}

/// Who takes the stance.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Holder {
    /// A corpus entity (a person, an organisation…).
    Entity(EntityId),
    /// The article's author or outlet.
    Author,
}

/// What the stance is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    /// A corpus entity.
    Entity(EntityId),
    /// A claim from the project's claims list.
    Claim(ClaimId),
    /// A free topic.
    Topic(String),
}

/// Whether a stance rests on evidence spans or on the document as a whole.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Backed by evidence spans.
    #[default]
    Span,
    /// About the whole document.
    Document,
}

/// How strongly the position is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Intensity {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl Intensity {
    /// All, weakest first.
    pub const ALL: [Self; 3] = [Self::Low, Self::Medium, Self::High];

    /// Label for the user and for exports.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

/// How the article conveys the stance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportedAs {
    /// A direct quote of the holder.
    DirectQuote,
    /// A paraphrase of the holder.
    Paraphrase,
    /// The author's own voice.
    AuthorVoice,
}

impl ReportedAs {
    /// All.
    pub const ALL: [Self; 3] = [Self::DirectQuote, Self::Paraphrase, Self::AuthorVoice];

    /// Label for the user and for exports.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::DirectQuote => "direct quote",
            Self::Paraphrase => "paraphrase",
            Self::AuthorVoice => "author's own voice",
        }
    }
}

/// One span of evidence, anchored like a mention.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Code-point span.
    pub span: CharSpan,
    /// The quoted text with context.
    pub quote: Quote,
}

impl Evidence {
    /// Evidence for `span` of `doc`.
    #[must_use]
    pub fn new(doc: &Document, span: CharSpan) -> Self {
        Self {
            span,
            quote: Quote::of(doc, span),
        }
    }

    /// True when the document's text at the span is the quoted text.
    #[must_use]
    pub fn matches(&self, doc: &Document) -> bool {
        doc.slice(self.span) == Some(self.quote.exact.as_str())
    }
}

/// A stance in one document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stance {
    /// Identifier, unique within the document.
    pub id: StanceId,
    /// Who.
    pub holder: Holder,
    /// Toward what.
    pub target: Target,
    /// Polarity name from the schema's stance scale.
    pub polarity: String,
    /// Span or document level.
    pub level: Level,
    /// Evidence spans in reading order (empty for document level).
    pub evidence: Vec<Evidence>,
    /// Optional intensity.
    pub intensity: Option<Intensity>,
    /// Optional way it is reported.
    pub reported_as: Option<ReportedAs>,
    /// Free-text note.
    pub note: String,
    /// For gold stances: which annotators had it and who adjudicated.
    pub provenance: Option<super::annotation::Provenance>,
    /// The quotation of the same document the stance rests on: its
    /// evidence is the quotation's words and its holder the speaker's
    /// entity when made from it.
    pub quotation: Option<super::quotation::QuotationId>,
}

impl Stance {
    /// A stance with no optional attributes.
    #[must_use]
    pub fn new(
        id: StanceId,
        holder: Holder,
        target: Target,
        polarity: impl Into<String>,
        evidence: Vec<Evidence>,
    ) -> Self {
        let level = if evidence.is_empty() {
            Level::Document
        } else {
            Level::Span
        };
        let mut s = Self {
            id,
            holder,
            target,
            polarity: polarity.into(),
            level,
            evidence,
            intensity: None,
            reported_as: None,
            note: String::new(),
            provenance: None,
            quotation: None,
        };
        s.sort_evidence();
        s
    }

    /// Puts the evidence in reading order.
    pub fn sort_evidence(&mut self) {
        self.evidence.sort_by_key(|e| (e.span.start, e.span.end));
    }

    /// The first evidence span, if any.
    #[must_use]
    pub fn first_span(&self) -> Option<CharSpan> {
        self.evidence.first().map(|e| e.span)
    }

    /// True when the stance refers to `entity` as holder or target.
    #[must_use]
    pub fn refers_to_entity(&self, entity: EntityId) -> bool {
        self.holder == Holder::Entity(entity) || self.target == Target::Entity(entity)
    }
}
