//! What a corpus search knows of the annotations: a hit can be kept only
//! where it falls in quoted words, in a cue, or in a mention that a
//! relation uses; and each hit is described by the quotations and
//! relations it falls in ("quoted: Mr Aasheim, direct").

use super::project::DocAnnotations;
use super::span::CharSpan;

/// Where hits are kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchScope {
    /// Everywhere.
    #[default]
    Anywhere,
    /// Inside the words of a quotation.
    Quoted,
    /// Inside a quotation's cue.
    Cue,
    /// Inside a mention that a relation uses.
    Related,
}

impl SearchScope {
    /// All scopes, in the order shown.
    pub const ALL: [Self; 4] = [Self::Anywhere, Self::Quoted, Self::Cue, Self::Related];

    /// Label for the user.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Anywhere => "anywhere",
            Self::Quoted => "in quoted words",
            Self::Cue => "in a quotation's cue",
            Self::Related => "in a related mention",
        }
    }
}

/// True when `inner` lies within `outer`.
fn within(inner: CharSpan, outer: CharSpan) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// True when a hit at `span` of a document with annotations `entry` (none:
/// not annotated) is in `scope`.
#[must_use]
pub fn in_scope(entry: Option<&DocAnnotations>, span: CharSpan, scope: SearchScope) -> bool {
    if scope == SearchScope::Anywhere {
        return true;
    }
    let Some(entry) = entry else {
        return false;
    };
    match scope {
        SearchScope::Anywhere => true,
        SearchScope::Quoted => entry
            .quotations
            .iter()
            .any(|q| q.contents.iter().any(|e| within(span, e.span))),
        SearchScope::Cue => entry
            .quotations
            .iter()
            .any(|q| q.cue.as_ref().is_some_and(|c| within(span, c.span))),
        SearchScope::Related => entry
            .mentions
            .iter()
            .any(|m| within(span, m.span) && entry.relations_of(m.id).next().is_some()),
    }
}

/// What a hit at `span` falls in: "quoted: Mr Aasheim, direct", "cue of
/// Mr Aasheim", "Bjørn Aasheim member_of ➡ Norvik Chemicals".
#[must_use]
pub fn hit_context(entry: Option<&DocAnnotations>, span: CharSpan) -> Vec<String> {
    let Some(entry) = entry else {
        return Vec::new();
    };
    let name = |id| {
        entry
            .mention(id)
            .map_or_else(|| "?".to_owned(), |m| m.quote.exact.clone())
    };
    let mut out = Vec::new();
    for q in &entry.quotations {
        let speaker = q.speaker.map_or_else(|| "unattributed".to_owned(), name);
        if q.contents.iter().any(|e| e.span.overlaps(span)) {
            out.push(format!("quoted: {speaker}, {}", q.kind.label()));
        }
        if q.cue.as_ref().is_some_and(|c| c.span.overlaps(span)) {
            out.push(format!("cue of {speaker}"));
        }
    }
    for m in entry.mentions.iter().filter(|m| m.span.overlaps(span)) {
        for r in entry.relations_of(m.id) {
            out.push(format!(
                "{} {} ➡ {}",
                name(r.source),
                r.label,
                name(r.target)
            ));
        }
    }
    out
}
