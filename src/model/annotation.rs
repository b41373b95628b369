//! Annotations on a document: mentions and the quotes that anchor them.

use serde::{Deserialize, Serialize};

use super::document::Document;
use super::span::CharSpan;

/// Identifier of a mention, unique within its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MentionId(pub u64);

impl std::fmt::Display for MentionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "m{}", self.0)
    }
}

/// The text a span covered when it was made, with a little context, as in
/// W3C's `TextQuoteSelector`. It lets a mention be checked against the text
/// and re-anchored if the text changes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quote {
    /// Exactly the covered text.
    pub exact: String,
    /// Up to [`Quote::CONTEXT`] code points before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`Quote::CONTEXT`] code points after it.
    #[serde(default)]
    pub suffix: String,
}

impl Quote {
    /// Code points of context kept on each side.
    pub const CONTEXT: usize = 24;

    /// The quote of `span` in `doc` (empty parts where the span is out of range).
    #[must_use]
    pub fn of(doc: &Document, span: CharSpan) -> Self {
        Self {
            exact: doc.slice(span).unwrap_or_default().to_owned(),
            prefix: doc.prefix(span.start, Self::CONTEXT).to_owned(),
            suffix: doc.suffix(span.end, Self::CONTEXT).to_owned(),
        }
    }
}

/// Identifier of a corpus-wide entity, unique within the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub u64);

impl std::fmt::Display for EntityId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "e{}", self.0)
    }
}

/// A corpus-wide entity ("Vladimir Putin"), to which mentions in any
/// document ("Mr Putin", "the Russian President") are linked.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entity {
    /// Identifier, unique within the project.
    pub id: EntityId,
    /// Canonical name.
    pub name: String,
    /// Entity type from the schema.
    pub label: String,
    /// Other names it goes by (used when propagating).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Knowledge-base id: a Wikidata QID such as `Q7747`.
    #[serde(default)]
    pub kb_id: Option<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: String,
}

impl Entity {
    /// A new entity with just a name and a type.
    #[must_use]
    pub fn new(id: EntityId, name: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            label: label.into(),
            aliases: Vec::new(),
            kb_id: None,
            note: String::new(),
        }
    }

    /// The canonical name followed by the aliases, without duplicates or blanks.
    #[must_use]
    pub fn names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for n in std::iter::once(&self.name).chain(&self.aliases) {
            let n = n.trim();
            if !n.is_empty() && !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
}

/// True for a valid Wikidata item id: `Q` followed by digits, no leading zero.
#[must_use]
pub fn is_valid_qid(qid: &str) -> bool {
    qid.strip_prefix('Q').is_some_and(|digits| {
        !digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Where an adjudicated (gold) annotation came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Provenance {
    /// The annotators whose saves had it.
    pub annotators: Vec<String>,
    /// Who accepted it into the gold save.
    pub adjudicator: String,
}

/// A mention: a span of text labelled with an entity type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mention {
    /// Identifier, unique within the document.
    pub id: MentionId,
    /// Code-point span into the document text.
    pub span: CharSpan,
    /// Entity type name from the schema.
    pub label: String,
    /// The anchoring quote taken when the mention was made.
    pub quote: Quote,
    /// The corpus-wide entity it refers to, if linked.
    pub entity: Option<EntityId>,
    /// A pre-annotation (e.g. from a gazetteer) not yet accepted by the annotator.
    pub suggested: bool,
    /// For gold annotations: which annotators had it and who adjudicated.
    pub provenance: Option<Provenance>,
    /// The annotator's free-text note (empty: none).
    pub note: String,
}

impl Mention {
    /// A new mention of `span` in `doc`, quoting the text it covers.
    #[must_use]
    pub fn new(doc: &Document, id: MentionId, span: CharSpan, label: impl Into<String>) -> Self {
        Self {
            id,
            span,
            label: label.into(),
            quote: Quote::of(doc, span),
            entity: None,
            suggested: false,
            provenance: None,
            note: String::new(),
        }
    }

    /// True when the document's text at the mention's span is the quoted text.
    #[must_use]
    pub fn matches(&self, doc: &Document) -> bool {
        doc.slice(self.span) == Some(self.quote.exact.as_str())
    }

    /// Sort key giving a stable reading order: start, longer first, label, id.
    #[must_use]
    pub fn order_key(&self) -> (usize, std::cmp::Reverse<usize>, &str, MentionId) {
        (
            self.span.start,
            std::cmp::Reverse(self.span.end),
            &self.label,
            self.id,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qids_are_q_and_digits() {
        for (qid, ok) in [
            ("Q7747", true),
            ("Q1", true),
            ("Q", false),
            ("q7747", false),
            ("Q07", false),
            ("Q77a", false),
            ("P31", false),
            ("", false),
        ] {
            assert_eq!(is_valid_qid(qid), ok, "{qid}");
        }
    }

    #[test]
    fn entity_names_include_aliases_once() {
        let mut e = Entity::new(EntityId(1), "Vladimir Putin", "PER");
        e.aliases = vec![
            "Putin".into(),
            " ".into(),
            "Vladimir Putin".into(),
            "Mr Putin".into(),
        ];
        assert_eq!(e.names(), ["Vladimir Putin", "Putin", "Mr Putin"]);
    }

    #[test]
    fn quotes_carry_context_and_match() {
        let doc = Document::new("a.txt", "Engineer 佐藤美咲 🌊 warned the mayor.", "UTF-8");
        let span = CharSpan::new(9, 13);
        let mention = Mention::new(&doc, MentionId(1), span, "PER");
        assert_eq!(mention.quote.exact, "佐藤美咲");
        assert_eq!(mention.quote.prefix, "Engineer ");
        assert!(mention.quote.suffix.starts_with(" 🌊 warned"));
        assert!(mention.matches(&doc));
        let changed = Document::new("a.txt", "Engineer Sato 🌊 warned the mayor.", "UTF-8");
        assert!(!mention.matches(&changed));
    }
}
