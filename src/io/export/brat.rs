//! brat standoff: per document `NAME.txt` (the exact text) and `NAME.ann`
//! (`T1<TAB>PER 0 5<TAB>Putin`; a mention spanning a line break becomes a
//! discontinuous span `0 5;6 10`), Wikidata links as normalisations
//! (`N1<TAB>Reference T1 Wikidata:Q7747<TAB>Vladimir Putin`), mentions of one
//! entity in a document as `Equiv` relations, mention notes as
//! `#1<TAB>AnnotatorNotes T1<TAB>text`, relations as
//! `R1<TAB>member_of Arg1:T1 Arg2:T2<TAB>` (their notes as notes on `R1`),
//! quotations as `Quotation` events (see `brat_quotations.rs`);
//! plus `annotation.conf`, which declares the relation types.
//! Offsets are code points.

use std::collections::BTreeMap;

use crate::model::{CharSpan, Project};

use super::{ExportDoc, ExportReport, Output};

/// The `.txt`/`.ann` base name for a document path (its relative path
/// without the extension; folders are kept).
pub(crate) fn base_name(path: &str) -> String {
    path.strip_suffix(".txt").unwrap_or(path).to_owned()
}

/// Fragments of `span` that contain no line break (brat cannot span lines).
/// Only the span's own text is walked, so this costs its length, not the
/// document's.
pub(super) fn fragments(doc: &crate::model::Document, span: CharSpan) -> Vec<CharSpan> {
    let mut out = Vec::new();
    let mut start = None;
    let text = doc.slice(span).unwrap_or_default();
    for (i, c) in (span.start..).zip(text.chars()) {
        if c == '\n' || c == '\r' {
            if let Some(s) = start.take() {
                out.push(CharSpan::new(s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(CharSpan::new(s, span.end));
    }
    out
}

/// Output names for the documents' `.txt`/`.ann` pairs: the document path
/// without `.txt`, unless that pair's name (compared without case, as
/// case-insensitive file systems do) is taken by another document or by
/// `annotation.conf`; then `NAME~2`, `NAME~3`, … Each renaming is reported.
fn unique_bases(docs: &[ExportDoc<'_>], report: &mut ExportReport) -> Vec<String> {
    let mut taken: std::collections::BTreeSet<String> =
        std::iter::once("annotation.conf".to_owned()).collect();
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        let wanted = base_name(&d.doc.path);
        let free = |base: &str, taken: &std::collections::BTreeSet<String>| {
            ["txt", "ann"]
                .iter()
                .all(|ext| !taken.contains(&format!("{base}.{ext}").to_lowercase()))
        };
        let base = if free(&wanted, &taken) {
            wanted
        } else {
            let base = (2..)
                .map(|n| format!("{wanted}~{n}"))
                .find(|b| free(b, &taken))
                .unwrap_or_else(|| wanted.clone());
            report.notes.push(format!(
                "{}: written as {base}.txt and {base}.ann, because {wanted}.txt/.ann is another document's name (or differs from one only in case)",
                d.doc.path
            ));
            base
        };
        for ext in ["txt", "ann"] {
            taken.insert(format!("{base}.{ext}").to_lowercase());
        }
        out.push(base);
    }
    out
}

pub(crate) fn render(
    project: &Project,
    docs: &[ExportDoc<'_>],
    report: &mut ExportReport,
) -> Output {
    let mut files = Vec::new();
    let bases = unique_bases(docs, report);
    for (d, base) in docs.iter().zip(bases) {
        let mut ann = String::new();
        let mut by_entity: BTreeMap<u64, Vec<String>> = BTreeMap::new();
        let mut n = 0;
        let mut notes = 0;
        let mut written: Vec<(crate::model::MentionId, String)> = Vec::new();
        for (i, m) in d.mentions.iter().enumerate() {
            let t = format!("T{}", i + 1);
            let parts = fragments(d.doc, m.span);
            let what = format!("mention {} {} {:?}", m.id, m.label, m.quote.exact);
            if parts.is_empty() {
                report.left_out.push(format!(
                    "{}: {what} has only line breaks; left out",
                    d.doc.path
                ));
                continue;
            }
            if m.quote.exact.contains('\t') {
                report.left_out.push(format!(
                    "{}: {what} holds a tab, which no brat line can; left out",
                    d.doc.path
                ));
                continue;
            }
            if parts.first().map(|p| p.start) != Some(m.span.start)
                || parts.last().map(|p| p.end) != Some(m.span.end)
            {
                report.left_out.push(format!(
                    "{}: {what} starts or ends with a line break, which brat cannot mark; written without it",
                    d.doc.path
                ));
            }
            let offsets = parts
                .iter()
                .map(|p| format!("{} {}", p.start, p.end))
                .collect::<Vec<_>>()
                .join(";");
            let text = parts
                .iter()
                .map(|p| d.doc.slice(*p).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(" ");
            ann.push_str(&format!("{t}\t{} {offsets}\t{text}\n", m.label));
            written.push((m.id, t.clone()));
            report.mentions += 1;
            if !m.note.trim().is_empty() {
                notes += 1;
                let one_line = m.note.trim().replace(['\t', '\n', '\r'], " ");
                if one_line != m.note {
                    report.left_out.push(format!(
                        "{}: the note of {what} is written as {one_line:?}: a brat note is one line, without tabs or surrounding spaces",
                        d.doc.path
                    ));
                }
                ann.push_str(&format!("#{notes}\tAnnotatorNotes {t}\t{one_line}\n"));
            }
            if let Some(e) = m.entity.and_then(|e| project.entities.get(&e)) {
                by_entity.entry(e.id.0).or_default().push(t.clone());
                if let Some(qid) = &e.kb_id {
                    n += 1;
                    ann.push_str(&format!(
                        "N{n}\tReference {t} Wikidata:{qid}\t{}\n",
                        e.name.replace(['\t', '\n'], " ")
                    ));
                }
            }
        }
        for ids in by_entity.values().filter(|ids| ids.len() > 1) {
            ann.push_str(&format!("*\tEquiv {}\n", ids.join(" ")));
        }
        // Relations between written mentions (what is not written, the
        // report of carried.rs or the lines above already name).
        let t_of = |id| written.iter().find(|(m, _)| *m == id).map(|(_, t)| t);
        for (k, r) in d.entry.relations.iter().enumerate() {
            let (Some(a), Some(b)) = (t_of(r.source), t_of(r.target)) else {
                let exported = |id| d.mentions.iter().any(|m| m.id == id);
                if exported(r.source) && exported(r.target) {
                    report.left_out.push(format!(
                        "{}: relation {} {}: one of its mentions could not be written (see above); left out",
                        d.doc.path, r.id, r.label
                    ));
                }
                continue;
            };
            let id = format!("R{}", k + 1);
            // The argument names the relation type came with (brat's own
            // `source:`/`target:`), else Arg1/Arg2.
            let (ra, rb) = project
                .schema
                .relation_type(&r.label)
                .map_or(("Arg1", "Arg2"), |t| t.role_names());
            ann.push_str(&format!("{id}\t{} {ra}:{a} {rb}:{b}\t\n", r.label));
            if !r.note.trim().is_empty() {
                notes += 1;
                let one_line = r.note.trim().replace(['\t', '\n', '\r'], " ");
                if one_line != r.note {
                    report.left_out.push(format!(
                        "{}: the note of relation {} is written as {one_line:?}: a brat note is one line, without tabs or surrounding spaces",
                        d.doc.path, r.id
                    ));
                }
                ann.push_str(&format!("#{notes}\tAnnotatorNotes {id}\t{one_line}\n"));
            }
        }
        let mut counters = super::brat_quotations::AnnCounters {
            t: d.mentions.len(),
            notes,
        };
        super::brat_quotations::write_quotations(d, &written, &mut ann, &mut counters, report);
        files.push((format!("{base}.txt"), d.doc.text.clone().into()));
        files.push((format!("{base}.ann"), ann.into()));
    }
    let mut conf = String::from("# Written by Stancemark.\n[entities]\n");
    for t in &project.schema.entity_types {
        conf.push_str(&t.name);
        conf.push('\n');
    }
    conf.push_str(super::brat_quotations::CONF_ENTITIES);
    conf.push_str(
        "\n[relations]\nEquiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n",
    );
    let types = |l: &[String]| {
        if l.is_empty() {
            "<ENTITY>".to_owned()
        } else {
            l.join("|")
        }
    };
    for r in &project.schema.relation_types {
        let (ra, rb) = r.role_names();
        conf.push_str(&format!(
            "{}\t{ra}:{}, {rb}:{}{}\n",
            r.name,
            types(&r.sources),
            types(&r.targets),
            if r.symmetric {
                ", <REL-TYPE>:symmetric"
            } else {
                ""
            }
        ));
    }
    conf.push_str("\n[events]\n");
    conf.push_str(super::brat_quotations::CONF_EVENTS);
    conf.push_str("\n[attributes]\n");
    conf.push_str(super::brat_quotations::CONF_ATTRIBUTES);
    files.push(("annotation.conf".to_owned(), conf.into()));
    Output::Folder(files)
}
