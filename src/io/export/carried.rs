//! What each export format can carry, and the report of everything a
//! project holds that it cannot: each item on a line of its own, with the
//! reason, so nothing is lost silently.

use crate::model::{Project, Stance};

use super::{ExportDoc, ExportFormat, ExportReport};

/// How a format keeps a mention's link to its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Links {
    /// Not at all.
    No,
    /// The entity's id, name and Wikidata id.
    Full,
    /// Only a Wikidata id.
    Qid,
    /// A Wikidata id, or else the grouping of two or more mentions of one
    /// entity in a document (brat's `Equiv`).
    QidOrGroup,
}

/// What a format can hold.
#[derive(Clone, Copy, Debug)]
struct Carries {
    mentions: bool,
    links: Links,
    mention_notes: bool,
    document_notes: bool,
    stances: bool,
    /// Relations between mentions.
    relations: bool,
    /// Quotations.
    quotations: bool,
    /// Marks a suggestion as one (exported with `--include-suggestions`).
    suggestions: bool,
    /// The document codebook's values.
    codes: bool,
}

fn carries(format: ExportFormat) -> Carries {
    let c = |mentions, links, mention_notes, document_notes, stances| Carries {
        mentions,
        links,
        mention_notes,
        document_notes,
        stances,
        relations: matches!(
            format,
            ExportFormat::Brat
                | ExportFormat::Spacy
                | ExportFormat::LabelStudio
                | ExportFormat::W3c
        ),
        quotations: matches!(
            format,
            ExportFormat::QuotationsJsonl | ExportFormat::Brat | ExportFormat::W3c
        ),
        suggestions: matches!(format, ExportFormat::Spacy | ExportFormat::LabelStudio),
        codes: matches!(
            format,
            ExportFormat::DocumentsCsv | ExportFormat::DocumentsJsonl
        ),
    };
    match format {
        ExportFormat::Spacy => c(true, Links::Full, true, true, false),
        ExportFormat::Doccano | ExportFormat::LabelStudio => c(true, Links::No, true, true, false),
        ExportFormat::Conll | ExportFormat::Hf | ExportFormat::LabelStudioMin => {
            c(true, Links::No, false, false, false)
        }
        ExportFormat::Brat => c(true, Links::QidOrGroup, true, false, false),
        ExportFormat::W3c => c(true, Links::Qid, true, true, true),
        ExportFormat::WebAnno => c(true, Links::Qid, false, false, false),
        ExportFormat::StancesJsonl | ExportFormat::StancesCsv => {
            c(false, Links::No, false, false, true)
        }
        ExportFormat::QuotationsJsonl => c(false, Links::No, false, false, false),
        ExportFormat::DocumentsCsv | ExportFormat::DocumentsJsonl => {
            c(false, Links::No, false, false, false)
        }
    }
}

/// Adds to `report` a line for every annotation, link and note of `docs`
/// that `format` cannot carry (what a format can only partly carry, such as
/// nested mentions in IOB, its renderer reports).
pub(super) fn report_losses(
    format: ExportFormat,
    project: &Project,
    docs: &[ExportDoc<'_>],
    report: &mut ExportReport,
) {
    let can = carries(format);
    let name = format.name();
    let mut nameless_entities = std::collections::BTreeSet::new();
    for d in docs {
        let path = &d.doc.path;
        for o in &d.entry.orphans {
            report.left_out.push(format!(
                "{path}: orphan {:?}: an orphan has no place in the text, so no export carries it",
                o.old_text()
            ));
        }
        if !can.codes {
            for (variable, code) in &d.entry.codes {
                report.left_out.push(format!(
                    "{path}: codebook value {variable} = {:?}: {name} holds no codebook values (documents-csv does)",
                    short(&code.display())
                ));
            }
        }
        if !can.document_notes && !d.entry.note.is_empty() {
            report.left_out.push(format!(
                "{path}: document note {:?}: {name} holds no document notes",
                short(&d.entry.note)
            ));
        }
        for m in &d.mentions {
            let what = format!("mention {} {} {:?}", m.id, m.label, m.quote.exact);
            if !can.mentions {
                let only = if can.codes {
                    "per-document codes and counts only (the mention is counted)"
                } else if can.quotations {
                    "quotations (with their speakers and sources) only"
                } else {
                    "stances only"
                };
                if !(can.quotations && d.entry.quotations.iter().any(|q| q.uses(m.id))) {
                    report
                        .left_out
                        .push(format!("{path}: {what}: {name} holds {only}"));
                }
                continue;
            }
            if m.suggested && !can.suggestions {
                let score = d
                    .scores
                    .get(&m.id)
                    .map(|s| format!(" (its score {:.3} is not written)", f64::from(*s) / 1000.0))
                    .unwrap_or_default();
                report.left_out.push(format!(
                    "{path}: that {what} is a suggestion: {name} cannot mark suggestions, so it is written as an annotation{score}"
                ));
            }
            if !can.mention_notes && !m.note.is_empty() {
                report
                    .left_out
                    .push(format!("{path}: note of {what}: {name} holds no notes"));
            }
            let Some(entity) = m.entity.and_then(|e| project.entities.get(&e)) else {
                continue;
            };
            let kept = match can.links {
                Links::Full => true,
                Links::No => false,
                Links::Qid => entity.kb_id.is_some(),
                Links::QidOrGroup => {
                    if entity.kb_id.is_none() {
                        nameless_entities.insert(entity.name.clone());
                    }
                    entity.kb_id.is_some()
                        || d.mentions.iter().filter(|x| x.entity == m.entity).count() > 1
                }
            };
            if !kept {
                let why = match can.links {
                    Links::No => format!("{name} has no entity links"),
                    _ => {
                        format!("{name} links entities by Wikidata id only, and this one has none")
                    }
                };
                report.left_out.push(format!(
                    "{path}: link of {what} to entity {:?}: {why}",
                    entity.name
                ));
            }
        }
        for r in &d.entry.relations {
            let end = |id| {
                d.entry
                    .mention(id)
                    .map_or_else(|| id.to_string(), |m| format!("{:?}", m.quote.exact))
            };
            let what = format!(
                "relation {} {} ({} ➡ {})",
                r.id,
                r.label,
                end(r.source),
                end(r.target)
            );
            if !can.relations {
                report
                    .left_out
                    .push(format!("{path}: {what}: {name} holds no relations"));
            } else if let Some(missing) = [r.source, r.target]
                .into_iter()
                .find(|id| !d.mentions.iter().any(|m| m.id == *id))
            {
                report.left_out.push(format!(
                    "{path}: {what}: its mention {missing} is a suggestion this export leaves out"
                ));
            }
        }
        for q in d.entry.quotations.iter().filter(|_| !can.quotations) {
            let speaker = q.speaker.and_then(|m| d.entry.mention(m)).map_or_else(
                || "unattributed".to_owned(),
                |m| format!("{:?}", m.quote.exact),
            );
            report.left_out.push(format!(
                "{path}: quotation {} ({speaker}: {:?}): {name} holds no quotations",
                q.id,
                short(q.contents.first().map_or("", |e| e.quote.exact.as_str()))
            ));
        }
        for s in &d.entry.stances {
            if !can.stances {
                let counted = if can.codes { " (it is counted)" } else { "" };
                report.left_out.push(format!(
                    "{path}: stance {}: {name} holds no stances{counted}",
                    stance_name(project, s, &d.outlet)
                ));
            } else if let Some(q) = s.quotation {
                report.left_out.push(format!(
                    "{path}: link of stance {} to quotation {q}: {name} cannot carry it back (stances-jsonl writes the quotation's id, for analysis only)",
                    stance_name(project, s, &d.outlet)
                ));
            }
        }
    }
    for entity in nameless_entities {
        report.left_out.push(format!(
            "entity {entity:?}: {name} keeps which mentions belong together, not the name of an entity without a Wikidata id"
        ));
    }
}

fn stance_name(project: &Project, s: &Stance, outlet: &str) -> String {
    format!(
        "s{} ({} ➡ {} ➡ {})",
        s.id.0,
        project.holder_name(&s.holder, outlet),
        s.polarity,
        project.target_name(&s.target)
    )
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}
