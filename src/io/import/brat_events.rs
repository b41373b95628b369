//! brat events that are quotations: an event whose arguments are a
//! `Speaker` (optional), one or more `Content`, `Content2`, … and any
//! `Source`, `Source2`, … becomes a quotation, its trigger the cue (unless
//! the event has the attribute `NoCue`), its `Kind` attribute the kind
//! (`direct` when absent). This is the shape Stancemark's brat export
//! writes and brat's own speech-event examples use. Every other event, and
//! every attribute that is not `Kind` or `NoCue` on such an event, is
//! reported and left out.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::QuoteKind;

/// An `E` line: id, trigger `T` id, (role, `T` id) arguments, where.
pub(super) struct Event {
    pub id: String,
    /// The line's second field, as written.
    pub head: String,
    pub trigger: String,
    pub args: Vec<(String, String)>,
    pub at: String,
}

/// An `A` line: id, name, the annotation it is on, its value, where.
pub(super) struct Attribute {
    pub id: String,
    pub name: String,
    pub target: String,
    pub value: Option<String>,
    pub at: String,
}

/// A quotation read from an event, its spans and mentions as `T` ids.
pub(super) struct QuotationEvent {
    pub id: String,
    pub cue: Option<String>,
    pub speaker: Option<String>,
    pub contents: Vec<String>,
    pub sources: Vec<String>,
    pub kind: QuoteKind,
    pub at: String,
}

/// Parses `E1<TAB>Type:T1 Role:T2 …`.
pub(super) fn parse_event(id: &str, head: &str, at: &str) -> Result<Event, String> {
    let mut parts = head.split(' ').filter(|p| !p.is_empty());
    let (_, trigger) = parts
        .next()
        .and_then(|p| p.split_once(':'))
        .ok_or("expected \"TYPE:T… ROLE:T…\"")?;
    let args = parts
        .map(|p| {
            p.split_once(':')
                .map(|(r, t)| (r.to_owned(), t.to_owned()))
                .ok_or_else(|| format!("argument {p:?} is not ROLE:ID"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Event {
        id: id.to_owned(),
        head: head.to_owned(),
        trigger: trigger.to_owned(),
        args,
        at: at.to_owned(),
    })
}

/// Parses `A1<TAB>Name E1 [Value]`.
pub(super) fn parse_attribute(id: &str, head: &str, at: &str) -> Option<Attribute> {
    let mut parts = head.split(' ').filter(|p| !p.is_empty());
    let name = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    Some(Attribute {
        id: id.to_owned(),
        name,
        target,
        value: parts.next().map(str::to_owned),
        at: at.to_owned(),
    })
}

/// The role without its number: `Content2` is `Content`.
fn base_role(role: &str) -> &str {
    role.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// The quotations among `events`, and the `T` ids they take as their own
/// spans (trigger and contents, which are then no mentions). Every event
/// and attribute that does not map is reported in `problems`.
pub(super) fn quotation_events(
    events: &[Event],
    attributes: &[Attribute],
    problems: &mut Vec<String>,
) -> (Vec<QuotationEvent>, BTreeSet<String>) {
    let mut out = Vec::new();
    let mut spans = BTreeSet::new();
    let mut on: BTreeMap<&str, Vec<&Attribute>> = BTreeMap::new();
    for a in attributes {
        on.entry(a.target.as_str()).or_default().push(a);
    }
    let mut used_attributes = BTreeSet::new();
    for e in events {
        let unknown: Vec<&str> = e
            .args
            .iter()
            .map(|(r, _)| r.as_str())
            .filter(|r| !matches!(base_role(r), "Speaker" | "Content" | "Source"))
            .collect();
        let speakers = e.args.iter().filter(|(r, _)| r == "Speaker").count();
        let contents: Vec<String> = e
            .args
            .iter()
            .filter(|(r, _)| base_role(r) == "Content")
            .map(|(_, t)| t.clone())
            .collect();
        if !unknown.is_empty() || contents.is_empty() || speakers > 1 {
            problems.push(format!(
                "{}: {} {:?}: an event that is no quotation (a quotation has Content, Content2, …, one Speaker at most and Source, Source2, …): Stancemark has no other events; left out",
                e.at, e.id, e.head
            ));
            continue;
        }
        let mut kind = QuoteKind::Direct;
        let mut cue = Some(e.trigger.clone());
        for a in on.get(e.id.as_str()).into_iter().flatten() {
            match (a.name.as_str(), a.value.as_deref()) {
                ("Kind", Some(v)) if QuoteKind::from_label(&v.to_lowercase()).is_some() => {
                    kind = QuoteKind::from_label(&v.to_lowercase()).unwrap_or_default();
                }
                ("NoCue", None) => cue = None,
                _ => continue,
            }
            used_attributes.insert(a.id.as_str());
        }
        spans.insert(e.trigger.clone());
        spans.extend(contents.iter().cloned());
        out.push(QuotationEvent {
            id: e.id.clone(),
            cue,
            speaker: e
                .args
                .iter()
                .find(|(r, _)| r == "Speaker")
                .map(|(_, t)| t.clone()),
            contents,
            sources: e
                .args
                .iter()
                .filter(|(r, _)| base_role(r) == "Source")
                .map(|(_, t)| t.clone())
                .collect(),
            kind,
            at: e.at.clone(),
        });
    }
    for a in attributes {
        if !used_attributes.contains(a.id.as_str()) {
            problems.push(format!(
                "{}: {} \"{} {}{}\": an attribute Stancemark does not keep (only Kind and NoCue on a quotation event); left out",
                a.at,
                a.id,
                a.name,
                a.target,
                a.value.as_deref().map(|v| format!(" {v}")).unwrap_or_default()
            ));
        }
    }
    (out, spans)
}
