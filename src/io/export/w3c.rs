//! W3C Web Annotation JSON-LD: an `AnnotationCollection` whose items are the
//! mentions (tagged with their type, identified by their Wikidata entity) and
//! the stance evidence (described by holder, polarity and target), each with a
//! `TextPositionSelector` (code points) and a `TextQuoteSelector`. Notes on
//! mentions and stances are `commenting` bodies; a document's note is an
//! annotation of its own with motivation `commenting`. A relation is a
//! `linking` annotation whose targets are its two mention annotations
//! (source first) and whose body tags its type. A quotation is a `linking`
//! annotation too: its cue and each part of its words are annotations of
//! their own (`…#quotation-1-cue`, `…#quotation-1-content-1`, tagged
//! `cue` and `quoted`), and the quotation links its speaker's mention, its
//! cue and its parts, the role of each mention said by a `classifying` body
//! (`speaker:mention-3`, `source:mention-4`), its kind by another
//! (`kind:direct`).

use serde_json::{Value, json};

use crate::model::{Project, Quote, Target};

use super::content::Content;
use super::json_stream::{close_array, push_item};
use super::{ExportDoc, ExportReport, Output};

fn selectors(source: &str, start: usize, end: usize, quote: &Quote) -> Value {
    json!({
        "source": source,
        "selector": [
            { "type": "TextPositionSelector", "start": start, "end": end },
            { "type": "TextQuoteSelector", "exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix },
        ],
    })
}

pub(crate) fn render(
    project: &Project,
    docs: &[ExportDoc<'_>],
    report: &mut ExportReport,
) -> Output {
    // Streamed: each document's annotations are turned into JSON and
    // printed at once, into a piece of their own, and dropped; the whole
    // collection is never one tree in memory (1.3 GB for 20,000 articles
    // with 100,000 mentions when it was). The bytes are what
    // `to_string_pretty` gives for the whole collection (tested).
    let mut pieces: Vec<Vec<u8>> =
        vec![b"{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n  \"items\": [".to_vec()];
    let mut total = 0usize;
    for d in docs {
        let mut items = Vec::new();
        let source = d.doc.path.as_str();
        if !d.entry.note.is_empty() {
            items.push(json!({
                "id": format!("urn:stancemark:{source}#note"),
                "type": "Annotation",
                "motivation": "commenting",
                "creator": project.annotator,
                "body": { "type": "TextualBody", "purpose": "commenting", "value": d.entry.note },
                "target": { "source": source },
            }));
        }
        for m in &d.mentions {
            let mut body =
                vec![json!({ "type": "TextualBody", "purpose": "tagging", "value": m.label })];
            if let Some(e) = m.entity.and_then(|e| project.entities.get(&e)) {
                let mut identify =
                    json!({ "type": "TextualBody", "purpose": "identifying", "value": e.name });
                if let Some(qid) = &e.kb_id {
                    identify = json!({ "purpose": "identifying", "source": format!("http://www.wikidata.org/entity/{qid}") });
                }
                body.push(identify);
            }
            if !m.note.is_empty() {
                body.push(
                    json!({ "type": "TextualBody", "purpose": "commenting", "value": m.note }),
                );
            }
            items.push(json!({
                "id": format!("urn:stancemark:{source}#mention-{}", m.id.0),
                "type": "Annotation",
                "motivation": "tagging",
                "creator": project.annotator,
                "body": body,
                "target": selectors(source, m.span.start, m.span.end, &m.quote),
            }));
            report.mentions += 1;
        }
        // A relation links the two mention annotations: its targets are
        // their ids, source first.
        for r in &d.entry.relations {
            let exported = |id| d.mentions.iter().any(|m| m.id == id);
            if !exported(r.source) || !exported(r.target) {
                continue;
            }
            let mut body =
                vec![json!({ "type": "TextualBody", "purpose": "tagging", "value": r.label })];
            if !r.note.is_empty() {
                body.push(
                    json!({ "type": "TextualBody", "purpose": "commenting", "value": r.note }),
                );
            }
            items.push(json!({
                "id": format!("urn:stancemark:{source}#relation-{}", r.id.0),
                "type": "Annotation",
                "motivation": "linking",
                "creator": project.annotator,
                "body": body,
                "target": [
                    format!("urn:stancemark:{source}#mention-{}", r.source.0),
                    format!("urn:stancemark:{source}#mention-{}", r.target.0),
                ],
            }));
        }
        for q in &d.entry.quotations {
            let exported = |id| d.mentions.iter().any(|m| m.id == id);
            if q.mentions().any(|m| !exported(m)) {
                report.left_out.push(format!(
                    "{source}: quotation {}: its speaker or a source is a mention this export leaves out; left out",
                    q.id
                ));
                continue;
            }
            let base = format!("urn:stancemark:{source}#quotation-{}", q.id.0);
            let mut targets = Vec::new();
            let mut body = vec![
                json!({ "type": "TextualBody", "purpose": "tagging", "value": "quotation" }),
                json!({ "type": "TextualBody", "purpose": "classifying", "value": format!("kind:{}", q.kind.label()) }),
            ];
            if let Some(m) = q.speaker {
                targets.push(json!(format!("urn:stancemark:{source}#mention-{}", m.0)));
                body.push(json!({ "type": "TextualBody", "purpose": "classifying", "value": format!("speaker:mention-{}", m.0) }));
            }
            for m in &q.sources {
                targets.push(json!(format!("urn:stancemark:{source}#mention-{}", m.0)));
                body.push(json!({ "type": "TextualBody", "purpose": "classifying", "value": format!("source:mention-{}", m.0) }));
            }
            let mut part = |id: String, tag: &str, e: &crate::model::Evidence| {
                items.push(json!({
                    "id": id,
                    "type": "Annotation",
                    "motivation": "tagging",
                    "creator": project.annotator,
                    "body": { "type": "TextualBody", "purpose": "tagging", "value": tag },
                    "target": selectors(source, e.span.start, e.span.end, &e.quote),
                }));
                targets.push(json!(id));
            };
            if let Some(cue) = &q.cue {
                part(format!("{base}-cue"), "cue", cue);
            }
            for (i, e) in q.contents.iter().enumerate() {
                part(format!("{base}-content-{}", i + 1), "quoted", e);
            }
            if !q.note.is_empty() {
                body.push(
                    json!({ "type": "TextualBody", "purpose": "commenting", "value": q.note }),
                );
            }
            items.push(json!({
                "id": base,
                "type": "Annotation",
                "motivation": "linking",
                "creator": project.annotator,
                "body": body,
                "target": targets,
            }));
            report.quotations += 1;
        }
        for s in &d.entry.stances {
            let description = format!(
                "{} {} {}",
                project.holder_name(&s.holder, &d.outlet),
                s.polarity,
                project.target_name(&s.target)
            );
            let target_kind = match s.target {
                Target::Entity(_) => "entity",
                Target::Claim(_) => "claim",
                Target::Topic(_) => "topic",
            };
            let mut body = vec![
                json!({ "type": "TextualBody", "purpose": "assessing", "value": s.polarity }),
                json!({ "type": "TextualBody", "purpose": "describing", "value": description }),
                json!({ "type": "TextualBody", "purpose": "classifying", "value": format!("target:{target_kind}") }),
            ];
            if !s.note.is_empty() {
                body.push(
                    json!({ "type": "TextualBody", "purpose": "commenting", "value": s.note }),
                );
            }
            let targets: Vec<Value> = if s.evidence.is_empty() {
                vec![json!({ "source": source })]
            } else {
                s.evidence
                    .iter()
                    .map(|e| selectors(source, e.span.start, e.span.end, &e.quote))
                    .collect()
            };
            items.push(json!({
                "id": format!("urn:stancemark:{source}#stance-{}", s.id.0),
                "type": "Annotation",
                "motivation": "assessing",
                "creator": project.annotator,
                "body": body,
                "target": targets,
            }));
            report.stances += 1;
        }
        let mut piece = String::new();
        for item in items {
            // Items sit two levels deep in the collection.
            push_item(&mut piece, &item, 2, total == 0);
            total += 1;
        }
        pieces.push(piece.into_bytes());
    }
    let end = close_array(2, total);
    pieces.push(
        format!(
            "{end},\n  \"label\": \"Stancemark export\",\n  \"total\": {total},\n  \"type\": \"AnnotationCollection\"\n}}\n"
        )
        .into_bytes(),
    );
    Output::File(Content::from_pieces(pieces))
}
