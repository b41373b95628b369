//! Identities that let different annotators' projects be compared: entities
//! by Wikidata id or name, claims and topics by their text.

use crate::model::{EntityId, Holder, Project, Target};

/// A key for an entity that means the same in every annotator's project:
/// `wd:Q…` when it has a QID, else its lower-cased name.
#[must_use]
pub fn entity_key(project: &Project, id: EntityId) -> String {
    match project.entities.get(&id) {
        Some(e) => match &e.kb_id {
            Some(q) => format!("wd:{q}"),
            None => format!("name:{}", e.name.trim().to_lowercase()),
        },
        None => format!("missing:{}", id.0),
    }
}

/// A mention's place: (start, end, type); what matches mentions across
/// annotators.
pub type MentionKey = (usize, usize, String);

/// A key for a relation of document `entry` that means the same in every
/// annotator's project: its type and its two mentions' places, the two in
/// span order when the type is symmetric (`project`'s schema says). `None`
/// when a mention it names is missing.
#[must_use]
pub fn relation_key(
    project: &Project,
    entry: &crate::model::DocAnnotations,
    relation: &crate::model::Relation,
) -> Option<(String, MentionKey, MentionKey)> {
    let place = |id| {
        entry
            .mention(id)
            .map(|m| (m.span.start, m.span.end, m.label.clone()))
    };
    let (mut a, mut b) = (place(relation.source)?, place(relation.target)?);
    let symmetric = project
        .schema
        .relation_type(&relation.label)
        .is_some_and(|t| t.symmetric);
    if symmetric && b < a {
        std::mem::swap(&mut a, &mut b);
    }
    Some((relation.label.clone(), a, b))
}

/// What makes two annotators' quotations the same: the places of the
/// contents and the cue, the kind, and the places of the speaker and the
/// source mentions.
pub type QuotationKey = (
    Vec<(usize, usize)>,
    Option<(usize, usize)>,
    crate::model::QuoteKind,
    Option<MentionKey>,
    Vec<MentionKey>,
);

/// The key of quotation `q` of document `entry`; `None` when a mention it
/// names is missing.
#[must_use]
pub fn quotation_key(
    entry: &crate::model::DocAnnotations,
    q: &crate::model::Quotation,
) -> Option<QuotationKey> {
    let mention = |id| {
        entry
            .mention(id)
            .map(|m| (m.span.start, m.span.end, m.label.clone()))
    };
    let speaker = match q.speaker {
        Some(id) => Some(mention(id)?),
        None => None,
    };
    let sources = q
        .sources
        .iter()
        .map(|&id| mention(id))
        .collect::<Option<Vec<_>>>()?;
    let place = |s: crate::model::CharSpan| (s.start, s.end);
    Some((
        q.contents.iter().map(|e| place(e.span)).collect(),
        q.cue.as_ref().map(|c| place(c.span)),
        q.kind,
        speaker,
        sources,
    ))
}

/// A key for a holder.
#[must_use]
pub fn holder_key(project: &Project, holder: &Holder) -> String {
    match holder {
        Holder::Author => "author".to_owned(),
        Holder::Entity(e) => entity_key(project, *e),
    }
}

/// A key for a target.
#[must_use]
pub fn target_key(project: &Project, target: &Target) -> String {
    match target {
        Target::Entity(e) => format!("entity:{}", entity_key(project, *e)),
        Target::Claim(c) => format!(
            "claim:{}",
            project.claims.get(c).map_or_else(
                || format!("missing {}", c.0),
                |c| c.text.trim().to_lowercase()
            )
        ),
        Target::Topic(t) => format!("topic:{}", t.trim().to_lowercase()),
    }
}
