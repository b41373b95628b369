//! Carrying a passage's annotations over to another rendering of it: each
//! span goes through the word alignment ([`carry_span`]); what lands becomes
//! a suggestion (mentions as proposals the suggester offers, stances and
//! quotations as items to accept or reject), what does not is listed with
//! why, never guessed.

use super::carry_span;
use crate::model::annotation::{Mention, MentionId};
use crate::model::document::Document;
use crate::model::edit::Edit;
use crate::model::project::{DocAnnotations, Proposal};
use crate::model::quotation::{Quotation, QuoteKind};
use crate::model::span::CharSpan;
use crate::model::stance::{Evidence, Stance, StanceId};

/// A mention a carried stance or quotation needs in the target document:
/// one already there with this span and type, else made on accepting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeededMention {
    /// Where, in the target document.
    pub span: CharSpan,
    /// Entity type.
    pub label: String,
    /// Its entity.
    pub entity: Option<crate::model::annotation::EntityId>,
}

/// A quotation carried over, waiting to be accepted or rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CarriedQuotation {
    /// The speaker, if attributed.
    pub speaker: Option<NeededMention>,
    /// The cue, in the target document.
    pub cue: Option<CharSpan>,
    /// The quoted words, in the target document.
    pub contents: Vec<CharSpan>,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The source chain.
    pub sources: Vec<NeededMention>,
    /// Note.
    pub note: String,
}

/// A stance or quotation carried over, waiting to be accepted or rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CarriedItem {
    /// A stance, its evidence in the target document (its id is given on
    /// accepting).
    Stance(Stance),
    /// A quotation.
    Quotation(CarriedQuotation),
}

/// What carrying a passage over would add.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CarryPlan {
    /// The mentions, as proposals (offered like a model's suggestions).
    pub proposals: Vec<Proposal>,
    /// Mentions the target has already (same span and type) or has been
    /// offered already.
    pub already: usize,
    /// Stances and quotations to accept or reject one by one.
    pub items: Vec<CarriedItem>,
    /// What could not be carried, each with why.
    pub not_carried: Vec<String>,
}

/// One rendering of a passage: its document, annotations and span.
#[derive(Clone, Copy)]
pub struct Rendering<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its annotations.
    pub entry: &'a DocAnnotations,
    /// The passage.
    pub span: CharSpan,
}

/// What carrying the annotations of passage `from` over to `to` would add:
/// mentions inside the passage, stances whose evidence is all inside it,
/// and quotations whose words are all inside it.
#[must_use]
pub fn plan_carry(from: Rendering<'_>, to: Rendering<'_>) -> CarryPlan {
    let mut plan = CarryPlan::default();
    let (Some(a), Some(b)) = (from.doc.slice(from.span), to.doc.slice(to.span)) else {
        plan.not_carried
            .push("the passage is not in the text".to_owned());
        return plan;
    };
    let land = |span: CharSpan| -> Option<CharSpan> {
        if span.start < from.span.start || span.end > from.span.end {
            return None;
        }
        let rel = CharSpan::new(span.start - from.span.start, span.end - from.span.start);
        carry_span(a, rel, b).map(|l| CharSpan::new(to.span.start + l.start, to.span.start + l.end))
    };
    let inside = |span: CharSpan| from.span.start <= span.start && span.end <= from.span.end;
    let source: std::sync::Arc<str> = format!("carried from {}", from.doc.path).into();
    for m in from
        .entry
        .mentions
        .iter()
        .filter(|m| !m.suggested && inside(m.span))
    {
        let Some(span) = land(m.span) else {
            plan.not_carried.push(format!(
                "“{}” ({}): the words differ there",
                m.quote.exact, m.label
            ));
            continue;
        };
        let offered = to
            .entry
            .mentions
            .iter()
            .any(|x| x.span == span && x.label == m.label)
            || to
                .entry
                .proposals
                .iter()
                .chain(&plan.proposals)
                .any(|x| x.span == span && x.label == m.label);
        if offered {
            plan.already += 1;
            continue;
        }
        plan.proposals.push(Proposal {
            span,
            label: m.label.clone(),
            text: to.doc.slice(span).unwrap_or_default().to_owned(),
            entity: m.entity,
            score: None,
            source: source.clone(),
        });
    }
    for s in &from.entry.stances {
        if s.evidence.is_empty() || !s.evidence.iter().all(|e| inside(e.span)) {
            continue;
        }
        let what = format!("stance “{}” ({})", s.evidence[0].quote.exact, s.polarity);
        let Some(evidence) = s
            .evidence
            .iter()
            .map(|e| land(e.span))
            .collect::<Option<Vec<_>>>()
        else {
            plan.not_carried
                .push(format!("{what}: the words of its evidence differ there"));
            continue;
        };
        let same = |x: &Stance| {
            x.holder == s.holder
                && x.target == s.target
                && x.polarity == s.polarity
                && x.evidence
                    .iter()
                    .map(|e| e.span)
                    .eq(evidence.iter().copied())
        };
        if to.entry.stances.iter().any(same) {
            plan.already += 1;
            continue;
        }
        let mut carried = s.clone();
        carried.id = StanceId(0);
        carried.evidence = evidence.iter().map(|&e| Evidence::new(to.doc, e)).collect();
        carried.provenance = None;
        if carried.quotation.take().is_some() {
            plan.not_carried.push(format!(
                "{what}: carried without its link to a quotation (accept the carried quotation, then make the stance from it)"
            ));
        }
        plan.items.push(CarriedItem::Stance(carried));
    }
    for q in &from.entry.quotations {
        if q.contents.is_empty() || !q.contents.iter().all(|e| inside(e.span)) {
            continue;
        }
        let what = format!("quotation “{}”", q.contents[0].quote.exact);
        match carry_quotation(from, to, q, &land) {
            Ok(carried) => {
                let known = to.entry.quotations.iter().any(|x| {
                    x.contents
                        .iter()
                        .map(|e| e.span)
                        .eq(carried.contents.iter().copied())
                });
                if known {
                    plan.already += 1;
                } else {
                    plan.items.push(CarriedItem::Quotation(carried));
                }
            }
            Err(why) => plan.not_carried.push(format!("{what}: {why}")),
        }
    }
    plan
}

/// `q` in the target document: its words and cue through the alignment,
/// its speaker and sources through the alignment when inside the passage,
/// else the target's nearest mention of the same entity before the words.
fn carry_quotation(
    from: Rendering<'_>,
    to: Rendering<'_>,
    q: &Quotation,
    land: &dyn Fn(CharSpan) -> Option<CharSpan>,
) -> Result<CarriedQuotation, String> {
    let contents = q
        .contents
        .iter()
        .map(|e| land(e.span))
        .collect::<Option<Vec<_>>>()
        .ok_or("its words differ there")?;
    let cue = match &q.cue {
        None => None,
        Some(c) => Some(land(c.span).ok_or_else(|| {
            format!(
                "its cue “{}” is outside the passage or its words differ there",
                c.quote.exact
            )
        })?),
    };
    let first = contents.first().map_or(to.span.start, |c| c.start);
    let needed = |id: MentionId, role: &str| -> Result<NeededMention, String> {
        let m = from
            .entry
            .mention(id)
            .ok_or_else(|| format!("its {role} is not in the document"))?;
        if let Some(span) = land(m.span) {
            return Ok(NeededMention {
                span,
                label: m.label.clone(),
                entity: m.entity,
            });
        }
        let nearest = m.entity.and_then(|e| {
            to.entry
                .mentions
                .iter()
                .filter(|x| !x.suggested && x.entity == Some(e))
                .min_by_key(|x| {
                    // Before the words first, the closest; then after.
                    (x.span.start > first, x.span.start.abs_diff(first))
                })
        });
        nearest
            .map(|x| NeededMention {
                span: x.span,
                label: x.label.clone(),
                entity: x.entity,
            })
            .ok_or_else(|| {
                format!(
                    "its {role} “{}” is outside the passage and {} has no mention of that entity",
                    m.quote.exact, to.doc.path
                )
            })
    };
    let speaker = q.speaker.map(|id| needed(id, "speaker")).transpose()?;
    let sources = q
        .sources
        .iter()
        .map(|&id| needed(id, "source"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CarriedQuotation {
        speaker,
        cue,
        contents,
        kind: q.kind,
        sources,
        note: q.note.clone(),
    })
}

/// The edit that accepts `item` into the target document (`doc`, annotated
/// as `entry`): the mentions it needs are reused when there, else made;
/// then the stance or quotation is added. One undo step.
///
/// # Errors
/// When a span no longer fits the text.
pub fn accept_carried(
    doc: &Document,
    entry: &DocAnnotations,
    item: &CarriedItem,
) -> Result<Edit, String> {
    let fits = |span: CharSpan| {
        doc.slice(span).map(|_| ()).ok_or_else(|| {
            format!(
                "[{}, {}) is not in the text of {}",
                span.start, span.end, doc.path
            )
        })
    };
    let mut edits = Vec::new();
    match item {
        CarriedItem::Stance(s) => {
            for e in &s.evidence {
                fits(e.span)?;
            }
            let mut stance = s.clone();
            stance.id = entry.next_stance_id();
            edits.push(Edit::AddStance {
                doc: doc.path.clone(),
                stance,
            });
        }
        CarriedItem::Quotation(q) => {
            let mut next = entry.next_mention_id().0;
            let mut made: Vec<Mention> = Vec::new();
            let mut id_of = |n: &NeededMention| -> Result<MentionId, String> {
                fits(n.span)?;
                if let Some(m) = entry
                    .mentions
                    .iter()
                    .chain(&made)
                    .find(|m| m.span == n.span && m.label == n.label)
                {
                    return Ok(m.id);
                }
                let mut m = Mention::new(doc, MentionId(next), n.span, n.label.clone());
                next += 1;
                m.entity = n.entity;
                let id = m.id;
                made.push(m);
                Ok(id)
            };
            let speaker = q.speaker.as_ref().map(&mut id_of).transpose()?;
            let sources = q
                .sources
                .iter()
                .map(&mut id_of)
                .collect::<Result<Vec<_>, _>>()?;
            for &c in q.contents.iter().chain(&q.cue) {
                fits(c)?;
            }
            let mut quotation = Quotation::new(
                entry.next_quotation_id(),
                speaker,
                q.contents.iter().map(|&c| Evidence::new(doc, c)).collect(),
                q.kind,
            );
            quotation.cue = q.cue.map(|c| Evidence::new(doc, c));
            quotation.sources = sources;
            quotation.note.clone_from(&q.note);
            edits.extend(made.into_iter().map(|mention| Edit::AddMention {
                doc: doc.path.clone(),
                mention,
            }));
            edits.push(Edit::AddQuotation {
                doc: doc.path.clone(),
                quotation,
            });
        }
    }
    Ok(Edit::Batch(edits))
}

/// A line describing `item` for the list of carried annotations.
#[must_use]
pub fn describe(item: &CarriedItem) -> String {
    match item {
        CarriedItem::Stance(s) => format!(
            "Stance ({}) resting on “{}”",
            s.polarity,
            s.evidence.first().map_or("", |e| e.quote.exact.as_str())
        ),
        CarriedItem::Quotation(q) => format!(
            "Quotation ({}) of {} part(s){}",
            q.kind.label(),
            q.contents.len(),
            if q.speaker.is_some() {
                ", with its speaker"
            } else {
                ", unattributed"
            }
        ),
    }
}
