//! Conversions between the model's annotations and their on-disk shapes
//! in a project file ([`super::save_format`]): one function each way per
//! kind of annotation, used by the file as a whole and by the merge
//! conflicts it records.

use super::save_format::{
    SavedEvidence, SavedMention, SavedOrphan, SavedQuotation, SavedRelation, SavedStance,
};
use crate::model::{
    CharSpan, EntityId, Evidence, Mention, MentionId, Orphan, OrphanKind, Quotation, QuotationId,
    Quote, Relation, RelationId, Stance, StanceId,
};

pub(crate) fn saved_mention(m: &Mention) -> SavedMention {
    SavedMention {
        id: m.id.0,
        start: m.span.start,
        end: m.span.end,
        label: m.label.clone(),
        exact: m.quote.exact.clone(),
        prefix: m.quote.prefix.clone(),
        suffix: m.quote.suffix.clone(),
        entity: m.entity.map(|e| e.0),
        suggested: m.suggested,
        from: m.provenance.clone().map(Box::new),
        note: m.note.clone(),
    }
}

pub(crate) fn mention_of(m: SavedMention) -> Mention {
    Mention {
        id: MentionId(m.id),
        span: CharSpan::new(m.start, m.end),
        label: m.label,
        quote: Quote {
            exact: m.exact,
            prefix: m.prefix,
            suffix: m.suffix,
        },
        entity: m.entity.map(EntityId),
        suggested: m.suggested,
        provenance: m.from.map(|p| *p),
        note: m.note,
    }
}

pub(crate) fn saved_relation(r: &Relation) -> SavedRelation {
    SavedRelation {
        id: r.id.0,
        label: r.label.clone(),
        source: r.source.0,
        target: r.target.0,
        note: r.note.clone(),
        from: r.provenance.clone(),
    }
}

pub(crate) fn relation_of(r: SavedRelation) -> Relation {
    Relation {
        id: RelationId(r.id),
        label: r.label,
        source: MentionId(r.source),
        target: MentionId(r.target),
        note: r.note,
        provenance: r.from,
    }
}

pub(crate) fn saved_quotation(q: &Quotation) -> SavedQuotation {
    SavedQuotation {
        id: q.id.0,
        speaker: q.speaker.map(|m| m.0),
        cue: q.cue.as_ref().map(saved_evidence),
        contents: q.contents.iter().map(saved_evidence).collect(),
        kind: q.kind,
        sources: q.sources.iter().map(|m| m.0).collect(),
        note: q.note.clone(),
        from: q.provenance.clone(),
    }
}

pub(crate) fn quotation_of(q: SavedQuotation) -> Quotation {
    let mut quotation = Quotation {
        id: QuotationId(q.id),
        speaker: q.speaker.map(MentionId),
        cue: q.cue.map(evidence_of),
        contents: q.contents.into_iter().map(evidence_of).collect(),
        kind: q.kind,
        sources: q.sources.into_iter().map(MentionId).collect(),
        note: q.note,
        provenance: q.from,
    };
    quotation.sort_contents();
    quotation
}

fn saved_evidence(e: &Evidence) -> SavedEvidence {
    SavedEvidence {
        start: e.span.start,
        end: e.span.end,
        exact: e.quote.exact.clone(),
        prefix: e.quote.prefix.clone(),
        suffix: e.quote.suffix.clone(),
    }
}

fn evidence_of(e: SavedEvidence) -> Evidence {
    Evidence {
        span: CharSpan::new(e.start, e.end),
        quote: Quote {
            exact: e.exact,
            prefix: e.prefix,
            suffix: e.suffix,
        },
    }
}

pub(crate) fn saved_stance(st: &Stance) -> SavedStance {
    SavedStance {
        id: st.id.0,
        holder: st.holder.clone(),
        target: st.target.clone(),
        polarity: st.polarity.clone(),
        level: st.level,
        evidence: st.evidence.iter().map(saved_evidence).collect(),
        intensity: st.intensity,
        reported_as: st.reported_as,
        note: st.note.clone(),
        from: st.provenance.clone(),
        quotation: st.quotation.map(|q| q.0),
    }
}

pub(crate) fn stance_of(st: SavedStance) -> Stance {
    let mut stance = Stance {
        id: StanceId(st.id),
        holder: st.holder,
        target: st.target,
        polarity: st.polarity,
        level: st.level,
        evidence: st.evidence.into_iter().map(evidence_of).collect(),
        intensity: st.intensity,
        reported_as: st.reported_as,
        note: st.note,
        provenance: st.from,
        quotation: st.quotation.map(QuotationId),
    };
    stance.sort_evidence();
    stance
}

pub(crate) fn saved_orphan(o: &Orphan) -> SavedOrphan {
    let reason = o.reason.clone();
    match &o.kind {
        OrphanKind::Mention(m) => SavedOrphan::Mention {
            reason,
            mention: saved_mention(m),
        },
        OrphanKind::Evidence { stance, evidence } => SavedOrphan::Evidence {
            reason,
            stance: stance.0,
            evidence: saved_evidence(evidence),
        },
        OrphanKind::Stance(st) => SavedOrphan::Stance {
            reason,
            stance: saved_stance(st),
        },
        OrphanKind::Relation(r) => SavedOrphan::Relation {
            reason,
            relation: saved_relation(r),
        },
        OrphanKind::Quotation(q) => SavedOrphan::Quotation {
            reason,
            quotation: saved_quotation(q),
        },
    }
}

pub(crate) fn orphan_of(o: SavedOrphan) -> Orphan {
    match o {
        SavedOrphan::Mention { reason, mention } => Orphan {
            kind: OrphanKind::Mention(mention_of(mention)),
            reason,
        },
        SavedOrphan::Evidence {
            reason,
            stance,
            evidence,
        } => Orphan {
            kind: OrphanKind::Evidence {
                stance: StanceId(stance),
                evidence: evidence_of(evidence),
            },
            reason,
        },
        SavedOrphan::Stance { reason, stance } => Orphan {
            kind: OrphanKind::Stance(stance_of(stance)),
            reason,
        },
        SavedOrphan::Relation { reason, relation } => Orphan {
            kind: OrphanKind::Relation(relation_of(relation)),
            reason,
        },
        SavedOrphan::Quotation { reason, quotation } => Orphan {
            kind: OrphanKind::Quotation(quotation_of(quotation)),
            reason,
        },
    }
}
