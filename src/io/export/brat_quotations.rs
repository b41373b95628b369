//! Quotations in brat standoff, as one event each (the shape of brat's own
//! speech-event examples): the cue is the event's trigger, a text span of
//! type `Quotation`; each part of the quoted words is a text span of type
//! `Content`; the speaker and the source chain are the mentions' own `T`
//! lines:
//!
//! ```text
//! T7 ⇥ Quotation 52 56 ⇥ told
//! T8 ⇥ Content 70 98 ⇥ Every permit is under review
//! E1 ⇥ Quotation:T7 Speaker:T3 Content:T8 Content2:T9 Source:T4
//! A1 ⇥ Kind E1 direct
//! #3 ⇥ AnnotatorNotes E1 ⇥ the note
//! ```
//!
//! (⇥ stands for a tab.)
//!
//! A quotation without a cue takes its first part as trigger and carries
//! the attribute `NoCue`, so that reading it back gives no cue.

use crate::model::{CharSpan, MentionId};

use super::brat::fragments;
use super::{ExportDoc, ExportReport};

/// The numbering of a document's `.ann` lines, shared with the mentions
/// and relations written before.
pub(super) struct AnnCounters {
    /// The last `T` number used.
    pub t: usize,
    /// The last `#` note number used.
    pub notes: usize,
}

/// A `T` line for `span` of type `label`, or why it cannot be written.
fn text_line(
    d: &ExportDoc<'_>,
    t: &str,
    label: &str,
    span: CharSpan,
) -> Result<String, &'static str> {
    let parts = fragments(d.doc, span);
    if parts.is_empty() {
        return Err("a span of only line breaks");
    }
    let text = parts
        .iter()
        .map(|p| d.doc.slice(*p).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ");
    if text.contains('\t') {
        return Err("a span holding a tab, which no brat line can");
    }
    let offsets = parts
        .iter()
        .map(|p| format!("{} {}", p.start, p.end))
        .collect::<Vec<_>>()
        .join(";");
    Ok(format!("{t}\t{label} {offsets}\t{text}\n"))
}

/// Appends the quotations of `d` to `ann`; `written` maps the mentions
/// already written to their `T` ids. Anything that cannot be written is
/// reported.
pub(super) fn write_quotations(
    d: &ExportDoc<'_>,
    written: &[(MentionId, String)],
    ann: &mut String,
    n: &mut AnnCounters,
    report: &mut ExportReport,
) {
    let t_of = |id: MentionId| written.iter().find(|(m, _)| *m == id).map(|(_, t)| t);
    let mut attributes = 0;
    for (k, q) in d.entry.quotations.iter().enumerate() {
        let what = format!("{}: quotation {}", d.doc.path, q.id);
        let mut lines = String::new();
        let mut t = n.t;
        let mut next_t = || {
            t += 1;
            format!("T{t}")
        };
        let trigger_span = q.cue.as_ref().unwrap_or(&q.contents[0]).span;
        let trigger = next_t();
        let mut args = Vec::new();
        let mut failed = None;
        match text_line(d, &trigger, "Quotation", trigger_span) {
            Ok(line) => lines.push_str(&line),
            Err(why) => failed = Some(why),
        }
        if let Some(s) = q.speaker {
            match t_of(s) {
                Some(t) => args.push(format!("Speaker:{t}")),
                None => failed = Some("its speaker is a mention this export leaves out"),
            }
        }
        for (i, c) in q.contents.iter().enumerate() {
            let t = next_t();
            match text_line(d, &t, "Content", c.span) {
                Ok(line) => lines.push_str(&line),
                Err(why) => failed = Some(why),
            }
            let role = if i == 0 {
                "Content".to_owned()
            } else {
                format!("Content{}", i + 1)
            };
            args.push(format!("{role}:{t}"));
        }
        for (i, s) in q.sources.iter().enumerate() {
            let role = if i == 0 {
                "Source".to_owned()
            } else {
                format!("Source{}", i + 1)
            };
            match t_of(*s) {
                Some(t) => args.push(format!("{role}:{t}")),
                None => {
                    failed = Some("a mention of its source chain is one this export leaves out")
                }
            }
        }
        if let Some(why) = failed {
            report.left_out.push(format!("{what}: {why}; left out"));
            continue;
        }
        n.t = t;
        let e = format!("E{}", k + 1);
        ann.push_str(&lines);
        ann.push_str(&format!("{e}\tQuotation:{trigger} {}\n", args.join(" ")));
        attributes += 1;
        ann.push_str(&format!("A{attributes}\tKind {e} {}\n", q.kind.label()));
        if q.cue.is_none() {
            attributes += 1;
            ann.push_str(&format!("A{attributes}\tNoCue {e}\n"));
        }
        if !q.note.trim().is_empty() {
            n.notes += 1;
            let one_line = q.note.trim().replace(['\t', '\n', '\r'], " ");
            if one_line != q.note {
                report.left_out.push(format!(
                    "{what}: its note is written as {one_line:?}: a brat note is one line, without tabs or surrounding spaces"
                ));
            }
            ann.push_str(&format!("#{}\tAnnotatorNotes {e}\t{one_line}\n", n.notes));
        }
        report.quotations += 1;
    }
}

/// The lines `annotation.conf` needs for quotations, by section.
pub(super) const CONF_ENTITIES: &str = "Content\n";
/// The event type.
pub(super) const CONF_EVENTS: &str =
    "Quotation\tSpeaker?:<ENTITY>, Content+:Content, Source*:<ENTITY>\n";
/// The attributes.
pub(super) const CONF_ATTRIBUTES: &str =
    "Kind\tArg:Quotation, Value:direct|indirect|mixed\nNoCue\tArg:Quotation\n";
