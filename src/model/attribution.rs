//! Suggesting who is quoted and with which cue, for a quotation being made
//! from its content spans:
//!
//! * **speaker**: the PER or ORG mention nearest to the content in the
//!   sentence(s) holding it, before or after ("'…,' Álvarez said"), else
//!   in the sentence before, else in the sentence after. A pronoun mention
//!   ("He told Mir TV") is suggested as it is, with the entity of its
//!   antecedent, the nearest earlier PER mention. With no mention in the
//!   quote's sentence but an unmarked "he" or "she" beside the quote, the
//!   antecedent itself is suggested, before any organisation of the
//!   sentence before ("they" only when no sentence has a speaker). A
//!   mention inside a relative clause (", who chairs the guild,") that does
//!   not hold the quote comes after the subject of the cue verb.
//! * **cue**: the nearest reporting word or phrase of the schema's list
//!   ("said", "according to", …) in the same sentence(s), outside the
//!   content.

use super::annotation::{EntityId, Mention, MentionId};
use super::document::Document;
use super::project::DocAnnotations;
use super::span::CharSpan;
use super::tokens::{Layout, TokenMode, segment_flat};

/// Reporting verbs and phrases a schema starts with, for cue suggestions.
pub const DEFAULT_CUES: [&str; 24] = [
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "according to",
    "claimed",
    "claims",
    "denied",
    "denies",
    "stated",
    "insisted",
    "warned",
    "argued",
    "explained",
    "noted",
    "announced",
    "asked",
    "replied",
    "wrote",
    "declared",
    "admitted",
    "stressed",
];

/// Words that make a mention a pronoun, for finding its antecedent.
const PRONOUNS: [&str; 10] = [
    "he", "she", "they", "him", "her", "them", "his", "hers", "their", "we",
];

/// A suggested speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpeakerSuggestion {
    /// The mention suggested as speaker.
    pub mention: MentionId,
    /// Its entity: its own link, or for a pronoun its antecedent's.
    pub entity: Option<EntityId>,
    /// The antecedent of a pronoun speaker, when there is one.
    pub antecedent: Option<MentionId>,
}

/// True when `text` is a pronoun.
fn is_pronoun(text: &str) -> bool {
    PRONOUNS.contains(&text.trim().to_lowercase().as_str())
}

/// The code-point spans of `doc`'s sentences.
fn sentences(doc: &Document) -> Vec<CharSpan> {
    segment_flat(&doc.text, Layout::Text(TokenMode::Unicode), &[], &[])
        .sentences
        .into_iter()
        .map(|s| s.span)
        .collect()
}

/// The sentences holding `contents` (first to last, as one span), and the
/// sentences just before and after them.
fn zones(
    doc: &Document,
    contents: &[CharSpan],
) -> Option<(CharSpan, Option<CharSpan>, Option<CharSpan>)> {
    let first = contents.iter().map(|c| c.start).min()?;
    let last = contents.iter().map(|c| c.end).max()?;
    let all = sentences(doc);
    let at = |offset: usize| all.iter().position(|s| s.start <= offset && offset < s.end);
    let (a, b) = (at(first)?, at(last.saturating_sub(1).max(first))?);
    let same = CharSpan::new(all[a].start, all[b].end);
    let before = a.checked_sub(1).map(|i| all[i]);
    let after = all.get(b + 1).copied();
    Some((same, before, after))
}

/// Code points between `m` and the nearest of `contents`.
fn distance(m: CharSpan, contents: &[CharSpan]) -> usize {
    contents
        .iter()
        .map(|c| {
            if m.end <= c.start {
                c.start - m.end
            } else {
                m.start.saturating_sub(c.end)
            }
        })
        .min()
        .unwrap_or(usize::MAX)
}

/// The entity a speaker mention stands for: its own link, or for an
/// unlinked pronoun the link of the nearest earlier named PER mention.
#[must_use]
pub fn speaker_entity(entry: &DocAnnotations, speaker: MentionId) -> Option<EntityId> {
    let m = entry.mention(speaker)?;
    if m.entity.is_some() || !is_pronoun(&m.quote.exact) {
        return m.entity;
    }
    entry
        .mentions
        .iter()
        .filter(|a| a.label == "PER" && a.span.end <= m.span.start && !is_pronoun(&a.quote.exact))
        .max_by_key(|a| a.span.end)?
        .entity
}

/// The suggested speaker of a quotation whose words are `contents`, among
/// the mentions of `entry` (document `doc`).
#[must_use]
pub fn suggest_speaker(
    doc: &Document,
    entry: &DocAnnotations,
    contents: &[CharSpan],
) -> Option<SpeakerSuggestion> {
    let (same, before, after) = zones(doc, contents)?;
    // Relative clauses (", who chairs the guild,") in the quote's sentence:
    // a mention inside one that does not hold the quote is not the subject
    // of the cue verb ("Zoë, who chairs the guild, said …": Zoë speaks).
    let clauses = relative_clauses(doc, same);
    let aside = |m: CharSpan| {
        clauses.iter().any(|c| {
            c.start <= m.start && m.end <= c.end && !contents.iter().any(|q| c.overlaps(*q))
        })
    };
    let speakerish = |m: &&Mention| {
        matches!(m.label.as_str(), "PER" | "ORG") && !contents.iter().any(|c| c.overlaps(m.span))
    };
    let inside =
        |zone: CharSpan| move |m: &&Mention| zone.start <= m.span.start && m.span.end <= zone.end;
    let nearest = |zone: Option<CharSpan>| {
        let zone = zone?;
        entry
            .mentions
            .iter()
            .filter(speakerish)
            .filter(inside(zone))
            .min_by_key(|m| (aside(m.span), distance(m.span, contents), m.span.start))
    };
    let antecedent = |before: usize| {
        entry
            .mentions
            .iter()
            .filter(|m| m.label == "PER" && m.span.end <= before && !is_pronoun(&m.quote.exact))
            .max_by_key(|m| m.span.end)
    };
    // An unmarked "he" or "she" beside the quote speaks for a person: its
    // antecedent, before any nearer organisation or place of the sentence
    // before ("…, who chairs the guild. “Nobody asked us,” she said.").
    let text = doc.slice(same)?;
    let personal = text
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w.to_lowercase().as_str(), "he" | "she"));
    let first = contents.iter().map(|c| c.start).min()?;
    let in_sentence = nearest(Some(same));
    if in_sentence.is_none()
        && personal
        && let Some(m) = antecedent(first)
    {
        return Some(SpeakerSuggestion {
            mention: m.id,
            entity: m.entity,
            antecedent: None,
        });
    }
    if let Some(m) = in_sentence
        .or_else(|| nearest(before))
        .or_else(|| nearest(after))
    {
        let earlier = is_pronoun(&m.quote.exact)
            .then(|| antecedent(m.span.start))
            .flatten();
        return Some(SpeakerSuggestion {
            mention: m.id,
            entity: m.entity.or(earlier.and_then(|a| a.entity)),
            antecedent: earlier.map(|a| a.id),
        });
    }
    // An unmarked pronoun beside the quote: its antecedent speaks.
    let unmarked = personal
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("they"));
    let m = antecedent(first).filter(|_| unmarked)?;
    Some(SpeakerSuggestion {
        mention: m.id,
        entity: m.entity,
        antecedent: None,
    })
}

/// The relative clauses of `zone` in `doc`: from a comma followed by
/// "who", "whom", "whose" or "which" to the next comma or the zone's end.
fn relative_clauses(doc: &Document, zone: CharSpan) -> Vec<CharSpan> {
    let Some(text) = doc.slice(zone) else {
        return Vec::new();
    };
    let Ok(re) = regex::Regex::new(r"(?i),\s*(?:who|whom|whose|which)\b[^,]*") else {
        return Vec::new();
    };
    re.find_iter(text)
        .map(|m| {
            let start = zone.start + text[..m.start()].chars().count();
            CharSpan::new(start, start + m.as_str().chars().count())
        })
        .collect()
}

/// The suggested cue of a quotation whose words are `contents`: the
/// occurrence of one of `cues` (whole words, any case) nearest to them in
/// their sentence(s), outside them.
#[must_use]
pub fn suggest_cue(doc: &Document, contents: &[CharSpan], cues: &[String]) -> Option<CharSpan> {
    let (same, _, _) = zones(doc, contents)?;
    let mut phrases: Vec<&str> = cues
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    // The longest first, so "according to" wins over a shorter cue in it.
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let pattern = phrases
        .iter()
        .map(|p| regex::escape(p))
        .collect::<Vec<_>>()
        .join("|");
    let re = regex::RegexBuilder::new(&format!(r"\b(?:{pattern})\b"))
        .case_insensitive(true)
        .build()
        .ok()?;
    let text = doc.slice(same)?;
    re.find_iter(text)
        .map(|m| {
            let start = same.start + text[..m.start()].chars().count();
            CharSpan::new(start, start + m.as_str().chars().count())
        })
        .filter(|s| !contents.iter().any(|c| c.overlaps(*s)))
        .min_by_key(|s| (distance(*s, contents), s.start))
}
