//! Exports with exact code-point offsets (emoji with skin tones and flags,
//! CJK, combining marks, CRLF, a BOM), round trips through import, CoNLL/HF
//! decoding, brat's line format, and the CLI end to end.

use std::path::Path;

use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
use stancemark::io::import::{ImportFormat, ReadOptions, read_records};
use stancemark::io::{Corpus, load_corpus};
use stancemark::model::import_merge::{ImportOptions, merge_records};
use stancemark::model::iob::decode_tags;
use stancemark::model::tokens::{Layout, TokenMode, segment};
use stancemark::model::{
    CharSpan, Claim, ClaimId, Edit, Entity, EntityId, Evidence, Holder, Mention, MentionId,
    Project, Schema, Stance, StanceId, Target, apply,
};

/// Python's `text[start:end]`.
fn py_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

/// A corpus with the hard cases, and a project annotating them.
fn fixture(root: &Path) -> (Corpus, Project) {
    write(
        root,
        "a/emoji.txt",
        "👍🏽🇫🇷 Putin met Ibáñez 🐟 in Moscow.\nThen 佐藤美咲 spoke.".as_bytes(),
    );
    write(root, "b/crlf.txt", b"Mayor Duarte-Lef\xc3\xa8vre said:\r\n\xe2\x80\x9cNo.\xe2\x80\x9d\r\nRene\xcc\x81e Faure agreed.");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice("Norvik Chemicals denied it. 🇯🇵 Tokyo watched.".as_bytes());
    write(root, "c/bom.txt", &bom);
    let corpus = load_corpus(root, u64::MAX, &()).expect("corpus");
    let mut p = Project::new("tester", Schema::builtin());
    p.attach(&corpus.documents);
    for (id, name, label, qid) in [
        (1, "Vladimir Putin", "PER", Some("Q7747")),
        (2, "Moscow", "GPE", None),
    ] {
        let mut e = Entity::new(EntityId(id), name, label);
        e.kb_id = qid.map(Into::into);
        apply(&mut p, Edit::AddEntity { entity: e }).expect("entity");
    }
    let claim = Claim {
        id: ClaimId(1),
        text: "Norvik is to blame".into(),
        note: String::new(),
    };
    apply(&mut p, Edit::AddClaim { claim }).expect("claim");
    let mut add = |doc: usize, word: &str, label: &str, entity: Option<u64>, suggested: bool| {
        let d = &corpus.documents[doc];
        let byte = d.text.find(word).expect("word");
        let start = stancemark::model::span::char_count_before(&d.text, byte);
        let id = p.documents[&d.path].next_mention_id();
        let mut m = Mention::new(
            d,
            id,
            CharSpan::new(start, start + word.chars().count()),
            label,
        );
        m.entity = entity.map(EntityId);
        m.suggested = suggested;
        apply(
            &mut p,
            Edit::AddMention {
                doc: d.path.clone(),
                mention: m,
            },
        )
        .expect("mention");
    };
    add(0, "Putin", "PER", Some(1), false);
    add(0, "Ibáñez", "PER", None, false);
    add(0, "Moscow", "GPE", Some(2), false);
    add(0, "佐藤美咲", "PER", None, false);
    add(0, "Mosc", "LOC", None, false); // misaligned for CoNLL
    add(1, "Duarte-Lefèvre", "PER", None, false);
    add(1, "said:\r\n“No", "MISC", None, false); // crosses a line break
    add(1, "Rene\u{301}e Faure", "PER", None, false);
    add(2, "Norvik Chemicals", "ORG", None, false);
    add(2, "Tokyo", "GPE", None, true); // a suggestion
    let d = &corpus.documents[2];
    let stance = Stance::new(
        StanceId(1),
        Holder::Author,
        Target::Claim(ClaimId(1)),
        "oppose",
        vec![Evidence::new(d, CharSpan::new(0, 27))],
    );
    apply(
        &mut p,
        Edit::AddStance {
            doc: d.path.clone(),
            stance,
        },
    )
    .expect("stance");
    // Notes: on a mention, on the document, on a stance.
    let emoji = corpus.documents[0].path.clone();
    let ibanez = p.documents[&emoji].mentions[1].id;
    for edit in [
        Edit::SetMentionNote {
            doc: emoji.clone(),
            id: ibanez,
            note: NOTE.into(),
        },
        Edit::SetDocumentNote {
            doc: emoji.clone(),
            note: DOC_NOTE.into(),
        },
    ] {
        apply(&mut p, edit).expect("note");
    }
    let d = &corpus.documents[0];
    let mut stance = Stance::new(
        StanceId(1),
        Holder::Entity(EntityId(1)),
        Target::Entity(EntityId(2)),
        "support",
        vec![Evidence::new(d, CharSpan::new(5, 19))],
    );
    stance.note = "sarcastic?".into();
    apply(
        &mut p,
        Edit::AddStance {
            doc: d.path.clone(),
            stance,
        },
    )
    .expect("stance");
    (corpus, p)
}

const NOTE: &str = "spelling: Ibáñez or Ibañez? 🐟";
const DOC_NOTE: &str = "Wire copy — check 佐藤美咲's title";

/// Notes on mentions, stances and documents are in the formats that can
/// carry them: brat `AnnotatorNotes`, W3C `commenting` bodies and
/// annotations, doccano extra keys, the stances table's `note`.
#[test]
fn notes_are_exported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = fixture(dir.path());
    let (brat, _) = render_files(
        ExportFormat::Brat,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    let ann = &brat
        .iter()
        .find(|(n, _)| n == "a/emoji.ann")
        .expect("ann")
        .1;
    let t = ann
        .lines()
        .find(|l| l.ends_with("\tIbáñez"))
        .and_then(|l| l.split('\t').next())
        .expect("Ibáñez line");
    assert!(
        ann.contains(&format!("#1\tAnnotatorNotes {t}\t{NOTE}\n")),
        "{ann}"
    );

    let (w3c, _) = single(ExportFormat::W3c, &corpus, &p);
    let w3c: serde_json::Value = serde_json::from_str(&w3c).expect("json");
    let items = w3c["items"].as_array().expect("items");
    let comments: Vec<String> = items
        .iter()
        .flat_map(|i| {
            i["body"]
                .as_array()
                .cloned()
                .unwrap_or_else(|| vec![i["body"].clone()])
        })
        .filter(|b| b["purpose"] == "commenting")
        .filter_map(|b| b["value"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(comments.len(), 3, "{comments:?}");
    for expected in [NOTE, DOC_NOTE, "sarcastic?"] {
        assert!(comments.iter().any(|c| c == expected), "{comments:?}");
    }
    assert!(
        items
            .iter()
            .any(|i| i["motivation"] == "commenting" && i["target"]["source"] == "a/emoji.txt")
    );

    let (doccano, _) = single(ExportFormat::Doccano, &corpus, &p);
    let first: serde_json::Value =
        serde_json::from_str(doccano.lines().next().expect("line")).expect("json");
    assert_eq!(first["note"], DOC_NOTE);
    assert_eq!(first["mention_notes"][0][3], NOTE);
    let (stances, _) = single(ExportFormat::StancesJsonl, &corpus, &p);
    assert!(stances.contains("\"note\":\"sarcastic?\""), "{stances}");
}

fn text_of<'a>(corpus: &'a Corpus, path: &str) -> &'a str {
    corpus.document(path).map(|d| d.text.as_str()).expect("doc")
}

fn single(
    format: ExportFormat,
    corpus: &Corpus,
    p: &Project,
) -> (String, stancemark::io::export::ExportReport) {
    let (files, report) = render_files(format, p, &corpus.documents, ExportOptions::default());
    (
        files.into_iter().next().map(|(_, t)| t).unwrap_or_default(),
        report,
    )
}

#[test]
fn every_exported_offset_slices_to_the_mention_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = fixture(dir.path());
    assert_eq!(
        corpus.documents[2].text.chars().next(),
        Some('N'),
        "the BOM is not text"
    );

    let (spacy, report) = single(ExportFormat::Spacy, &corpus, &p);
    assert_eq!(report.mentions, 9, "the suggestion is left out");
    assert!(
        report
            .notes
            .iter()
            .any(|w| w.contains("1 suggestion(s) not yet accepted left out"))
    );
    let mut checked = 0;
    for line in spacy.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let text = v["text"].as_str().expect("text");
        assert_eq!(
            text,
            text_of(&corpus, v["meta"]["path"].as_str().expect("path"))
        );
        for s in v["spans"].as_array().expect("spans") {
            let (a, b) = (
                s["start"].as_u64().expect("start") as usize,
                s["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(py_slice(text, a, b), s["text"].as_str().expect("text"));
            checked += 1;
        }
    }
    assert_eq!(checked, 9);
    assert!(spacy.contains("\"kb_id\":\"Q7747\""));

    // doccano counts UTF-16 units (what its browser interface measures).
    let (doccano, _) = single(ExportFormat::Doccano, &corpus, &p);
    let utf16_slice = |text: &str, a: usize, b: usize| {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&units[a..b]).expect("whole characters")
    };
    assert!(doccano.contains("\"offset_unit\":\"utf16\""), "{doccano}");
    for line in doccano.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let text = v["text"].as_str().expect("text");
        let entry = &p.documents[v["path"].as_str().expect("path")];
        for l in v["label"].as_array().expect("labels") {
            let (a, b) = (
                l[0].as_u64().expect("a") as usize,
                l[1].as_u64().expect("b") as usize,
            );
            assert!(
                entry
                    .mentions
                    .iter()
                    .any(|m| m.quote.exact == utf16_slice(text, a, b) && m.label == l[2])
            );
        }
    }

    let (w3c, _) = single(ExportFormat::W3c, &corpus, &p);
    let v: serde_json::Value = serde_json::from_str(&w3c).expect("json-ld");
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    let mut selectors = 0;
    for item in v["items"].as_array().expect("items") {
        let targets = match &item["target"] {
            serde_json::Value::Array(a) => a.clone(),
            t => vec![t.clone()],
        };
        for t in targets {
            let Some(sel) = t["selector"].as_array() else {
                continue;
            };
            let text = text_of(&corpus, t["source"].as_str().expect("source"));
            let (a, b) = (
                sel[0]["start"].as_u64().expect("start") as usize,
                sel[0]["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(sel[0]["type"], "TextPositionSelector");
            assert_eq!(sel[1]["type"], "TextQuoteSelector");
            assert_eq!(
                py_slice(text, a, b),
                sel[1]["exact"].as_str().expect("exact")
            );
            selectors += 1;
        }
    }
    assert_eq!(selectors, 9 + 2, "mentions and stance evidence");

    let (stances, report) = single(ExportFormat::StancesJsonl, &corpus, &p);
    assert_eq!(report.stances, 2);
    for line in stances.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let text = text_of(&corpus, v["document"].as_str().expect("doc"));
        for e in v["evidence"].as_array().expect("evidence") {
            let (a, b) = (
                e["start"].as_u64().expect("a") as usize,
                e["end"].as_u64().expect("b") as usize,
            );
            assert_eq!(py_slice(text, a, b), e["text"].as_str().expect("text"));
        }
    }
    let (csv_text, _) = single(ExportFormat::StancesCsv, &corpus, &p);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    assert_eq!(headers.get(0), Some("document"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    for row in rows {
        let text = text_of(&corpus, &row[0]);
        let (a, b) = row[13].split_once('-').expect("offsets");
        assert_eq!(
            py_slice(text, a.parse().expect("a"), b.parse().expect("b")),
            row[14]
        );
    }
}

#[test]
fn brat_files_pass_a_line_by_line_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = fixture(dir.path());
    let (files, _) = render_files(
        ExportFormat::Brat,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    let t_line =
        regex::Regex::new(r"^T\d+\t[A-Za-z_][\w-]* \d+ \d+(;\d+ \d+)*\t[^\t\n]*$").expect("regex");
    let n_line =
        regex::Regex::new(r"^N\d+\tReference T\d+ Wikidata:Q\d+\t[^\t\n]*$").expect("regex");
    let equiv = regex::Regex::new(r"^\*\tEquiv( T\d+)+$").expect("regex");
    let note = regex::Regex::new(r"^#\d+\tAnnotatorNotes T\d+\t[^\t\n]*$").expect("regex");
    let mut anns = 0;
    for (name, text) in &files {
        if let Some(base) = name.strip_suffix(".ann") {
            anns += 1;
            let doc_text = files
                .iter()
                .find(|(n, _)| *n == format!("{base}.txt"))
                .map(|(_, t)| t.as_str())
                .expect("txt beside ann");
            assert_eq!(
                doc_text,
                text_of(&corpus, &format!("{base}.txt")),
                "the .txt is the exact document text"
            );
            for line in text.lines() {
                assert!(
                    t_line.is_match(line)
                        || n_line.is_match(line)
                        || equiv.is_match(line)
                        || note.is_match(line),
                    "bad brat line {line:?}"
                );
                if t_line.is_match(line) {
                    let fields: Vec<&str> = line.split('\t').collect();
                    let parts: Vec<String> = fields[1]
                        .split_once(' ')
                        .expect("type")
                        .1
                        .split(';')
                        .map(|pair| {
                            let (a, b) = pair.split_once(' ').expect("pair");
                            py_slice(doc_text, a.parse().expect("a"), b.parse().expect("b"))
                        })
                        .collect();
                    assert_eq!(parts.join(" "), fields[2]);
                    assert!(!fields[2].contains('\n'));
                }
            }
        }
    }
    assert_eq!(anns, 3);
    assert!(
        files
            .iter()
            .any(|(n, t)| n == "annotation.conf" && t.contains("[entities]\nPER\n"))
    );
    let crlf = &files
        .iter()
        .find(|(n, _)| n == "b/crlf.ann")
        .expect("ann")
        .1;
    assert!(crlf.contains("\tMISC "), "{crlf}");
    assert!(
        crlf.lines().any(|l| l.starts_with("T") && l.contains(';')),
        "the mention across a line break is discontinuous: {crlf}"
    );
    let emoji = &files
        .iter()
        .find(|(n, _)| n == "a/emoji.ann")
        .expect("ann")
        .1;
    assert!(
        emoji.contains("\tReference T1 Wikidata:Q7747\tVladimir Putin"),
        "{emoji}"
    );
}

#[test]
fn conll_and_hf_tags_decode_back_and_misalignments_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = fixture(dir.path());
    let (conll, report) = single(ExportFormat::Conll, &corpus, &p);
    // Tokens are cut at mention boundaries, so a mention across a line
    // break is tagged; only what IOB and CoNLL cannot hold is left out, each
    // item named: "Mosc" nested in "Moscow", links, notes and stances.
    let nested: Vec<&String> = report
        .left_out
        .iter()
        .filter(|w| w.contains("nested inside a longer mention"))
        .collect();
    assert_eq!(nested.len(), 1, "{:?}", report.left_out);
    assert!(nested[0].contains("\"Mosc\""), "{nested:?}");
    for w in &report.left_out {
        assert!(
            [
                "nested",
                "entity links",
                "no notes",
                "no document notes",
                "no stances"
            ]
            .iter()
            .any(|why| w.contains(why)),
            "{w}"
        );
    }
    assert!(conll.starts_with("-DOCSTART- O\n\n"));
    // Decode per document: tokens come in the same order as the sentences' tokens.
    let docs: Vec<&str> = conll
        .split("-DOCSTART- O\n\n")
        .filter(|d| !d.is_empty())
        .collect();
    assert_eq!(docs.len(), 3);
    for (d, block) in corpus.documents.iter().zip(docs) {
        let spans: Vec<CharSpan> = p.documents[&d.path]
            .mentions
            .iter()
            .filter(|m| !m.suggested)
            .map(|m| m.span)
            .collect();
        let tokens: Vec<CharSpan> = segment(&d.text, Layout::Text(TokenMode::Unicode), &spans, &[])
            .into_iter()
            .flat_map(|s| s.spans())
            .collect();
        let lines: Vec<(&str, String)> = block
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (w, t) = l.rsplit_once(' ').expect("token TAG");
                (w, t.to_owned())
            })
            .collect();
        assert_eq!(lines.len(), tokens.len());
        for ((w, _), t) in lines.iter().zip(&tokens) {
            assert_eq!(*w, py_slice(&d.text, t.start, t.end));
        }
        let tags: Vec<String> = lines.into_iter().map(|(_, t)| t).collect();
        let decoded = decode_tags(&tokens, &tags);
        let expected: Vec<(CharSpan, String)> = p.documents[&d.path]
            .mentions
            .iter()
            .filter(|m| !m.suggested && m.quote.exact != "Mosc")
            .map(|m| (m.span, m.label.clone()))
            .collect();
        let mut expected = expected;
        expected.sort();
        let mut decoded = decoded;
        decoded.sort();
        assert_eq!(decoded, expected, "{}", d.path);
    }
    let (files, _) = render_files(
        ExportFormat::Hf,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    let labels: Vec<String> = serde_json::from_str(
        &files
            .iter()
            .find(|(n, _)| n == "labels.json")
            .expect("labels")
            .1,
    )
    .expect("json");
    assert_eq!(&labels[..3], ["O", "B-PER", "I-PER"]);
    let data = &files
        .iter()
        .find(|(n, _)| n == "data.jsonl")
        .expect("data")
        .1;
    let mut found_putin = false;
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let tokens = v["tokens"].as_array().expect("tokens");
        let tags = v["ner_tags"].as_array().expect("tags");
        assert_eq!(tokens.len(), tags.len());
        for (t, tag) in tokens.iter().zip(tags) {
            if t == "Putin" {
                assert_eq!(labels[tag.as_u64().expect("int") as usize], "B-PER");
                found_putin = true;
            }
        }
    }
    assert!(found_putin);
}

fn round_trip(
    format: ExportFormat,
    import: ImportFormat,
    corpus: &Corpus,
    p: &Project,
    dir: &Path,
) -> Project {
    let out = dir.join(format.default_file_name());
    stancemark::io::export::export(
        format,
        p,
        &corpus.documents,
        ExportOptions::default(),
        &out,
        false,
        &(),
    )
    .expect("export");
    let read = read_records(import, &out, ReadOptions::default()).expect("read");
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let mut fresh = Project::new("tester", Schema::builtin());
    fresh.attach(&corpus.documents);
    let (edit, report) = merge_records(
        &fresh,
        &corpus.documents,
        &read.records,
        &ImportOptions::default(),
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    apply(&mut fresh, edit).expect("apply");
    fresh
}

/// (document, span, type, entity name, QID) of every accepted mention.
type MentionView = (String, CharSpan, String, Option<String>, Option<String>);

fn mention_view(p: &Project) -> Vec<MentionView> {
    let mut out = Vec::new();
    for (path, d) in &p.documents {
        for m in d.mentions.iter().filter(|m| !m.suggested) {
            let e = m.entity.and_then(|e| p.entities.get(&e));
            out.push((
                path.clone(),
                m.span,
                m.label.clone(),
                e.map(|e| e.name.clone()),
                e.and_then(|e| e.kb_id.clone()),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn export_then_import_gives_back_the_annotations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = fixture(&dir.path().join("corpus"));
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");

    let spacy = round_trip(ExportFormat::Spacy, ImportFormat::Spacy, &corpus, &p, &out);
    assert_eq!(
        mention_view(&spacy),
        mention_view(&p),
        "spaCy keeps mentions, entities and QIDs"
    );

    let doccano = round_trip(
        ExportFormat::Doccano,
        ImportFormat::Doccano,
        &corpus,
        &p,
        &out,
    );
    let strip = |v: Vec<MentionView>| {
        v.into_iter()
            .map(|(a, b, c, _, _)| (a, b, c))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(mention_view(&doccano)),
        strip(mention_view(&p)),
        "doccano keeps mentions"
    );

    let brat = round_trip(ExportFormat::Brat, ImportFormat::Brat, &corpus, &p, &out);
    let brat_view: Vec<_> = mention_view(&brat)
        .into_iter()
        .map(|(a, b, c, _, q)| (a, b, c, q))
        .collect();
    let orig_view: Vec<_> = mention_view(&p)
        .into_iter()
        .map(|(a, b, c, _, q)| (a, b, c, q))
        .collect();
    assert_eq!(
        brat_view, orig_view,
        "brat keeps mentions and Wikidata links"
    );
    let notes = |p: &Project| -> Vec<String> {
        p.documents
            .values()
            .flat_map(|d| d.mentions.iter().map(|m| m.note.clone()))
            .filter(|n| !n.is_empty())
            .collect()
    };
    assert_eq!(notes(&brat), [NOTE], "brat keeps mention notes");

    let stances = round_trip(
        ExportFormat::StancesJsonl,
        ImportFormat::StancesJsonl,
        &corpus,
        &p,
        &out,
    );
    let view = |p: &Project| {
        let mut v: Vec<(String, String, String, String, Vec<CharSpan>)> = p
            .stances()
            .map(|(doc, s)| {
                (
                    doc.to_owned(),
                    p.holder_name(&s.holder, ""),
                    p.target_name(&s.target),
                    s.polarity.clone(),
                    s.evidence.iter().map(|e| e.span).collect(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        view(&stances),
        view(&p),
        "stances keep holder, target, polarity and evidence"
    );

    // Importing the same file again adds nothing: duplicates are skipped and counted.
    let spacy_file = out.join("spacy.jsonl");
    let read =
        read_records(ImportFormat::Spacy, &spacy_file, ReadOptions::default()).expect("read");
    let (_, report) = merge_records(
        &spacy,
        &corpus.documents,
        &read.records,
        &ImportOptions::default(),
    );
    assert_eq!(report.mentions, 0);
    assert_eq!(report.duplicates, 9);
}

#[test]
fn bad_import_lines_and_unmatched_records_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = fixture(&dir.path().join("corpus"));
    let text = text_of(&corpus, "a/emoji.txt");
    let lines = [
        serde_json::json!({"text": text, "spans": [{"start": 5, "end": 10, "label": "PER", "text": "Putin"}], "meta": {"path": "a/emoji.txt"}}).to_string(),
        "{not json".to_owned(),
        serde_json::json!({"text": "Some other text", "spans": [], "meta": {"path": "zzz.txt"}}).to_string(),
        serde_json::json!({"text": text, "spans": [{"start": 5, "end": 10, "label": "PER", "text": "Trump"}, {"start": 0, "end": 999, "label": "PER"}, {"start": 11, "end": 14, "label": "TOWN"}], "meta": {"path": "emoji.txt"}}).to_string(),
    ];
    let file = dir.path().join("in.jsonl");
    std::fs::write(&file, lines.join("\n")).expect("write");
    let read = read_records(ImportFormat::Spacy, &file, ReadOptions::default()).expect("read");
    assert_eq!(read.problems.len(), 1);
    assert!(
        read.problems[0].starts_with("in.jsonl:2: not valid JSON"),
        "{:?}",
        read.problems
    );
    let mut fresh = Project::new("t", Schema::builtin());
    fresh.attach(&corpus.documents);
    let suggest = ImportOptions {
        as_suggestions: true,
        ..ImportOptions::default()
    };
    let (edit, report) = merge_records(&fresh, &corpus.documents, &read.records, &suggest);
    apply(&mut fresh, edit).expect("apply");
    assert_eq!((report.mentions, report.suggestions), (0, 1));
    // --as-suggestions: a proposal the suggester offers, not a mention.
    let offered: Vec<_> = fresh
        .documents
        .values()
        .flat_map(|d| &d.proposals)
        .map(|p| (p.text.as_str(), p.label.as_str(), &*p.source))
        .collect();
    assert_eq!(offered.len(), 1, "{offered:?}");
    assert_eq!(offered[0].2, "import");
    assert!(fresh.documents.values().all(|d| d.mentions.is_empty()));
    assert_eq!(fresh.suggestion_count(), 1);
    let problems = report.problems.join("\n");
    assert!(
        problems
            .contains("in.jsonl:3: no corpus document matches \"zzz.txt\", its text or its tokens"),
        "{problems}"
    );
    assert!(
        problems
            .contains("in.jsonl:4 mention 1: says \"Trump\" but the text at [5, 10) is \"Putin\""),
        "{problems}"
    );
    assert!(
        problems
            .contains("in.jsonl:4 mention 2: offsets [0, 999) do not fit the text of a/emoji.txt"),
        "{problems}"
    );
    assert!(
        problems.contains("in.jsonl:4 mention 3: type \"TOWN\" is not in the schema"),
        "{problems}"
    );
    let _ = (MentionId(0), &p);
}

/// Mentions imported as suggestions cannot carry the relations and
/// quotations that need them: each is listed with why, never dropped
/// silently, and the suggestions themselves are offered.
#[test]
fn relations_between_suggestions_are_listed_not_dropped() {
    use stancemark::model::import_merge::{
        ImportRecord, ImportedMention, ImportedQuotation, ImportedRelation,
    };
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.txt",
        "Anna Berg met Jonas Holm in Lyon.".as_bytes(),
    );
    let corpus = load_corpus(dir.path(), u64::MAX, &()).expect("corpus");
    let mut p = Project::new("t", Schema::builtin());
    p.attach(&corpus.documents);
    let mention = |start, end, suggested| ImportedMention {
        start,
        end,
        label: "PER".to_owned(),
        suggested,
        score: Some(420),
        ..ImportedMention::default()
    };
    let record = ImportRecord {
        origin: "in.jsonl:1".to_owned(),
        path: Some("a.txt".to_owned()),
        mentions: vec![mention(0, 9, false), mention(14, 24, true)],
        relations: vec![ImportedRelation {
            label: "MEMBER_OF".to_owned(),
            source: 0,
            target: 1,
            origin: "in.jsonl:1 R1".to_owned(),
            ..ImportedRelation::default()
        }],
        quotations: vec![ImportedQuotation {
            speaker: Some(1),
            contents: vec![(28, 32, None)],
            origin: "in.jsonl:1 Q1".to_owned(),
            ..ImportedQuotation::default()
        }],
        ..ImportRecord::default()
    };
    let options = ImportOptions {
        source: "import in.jsonl".to_owned(),
        ..ImportOptions::default()
    };
    let (edit, report) = merge_records(&p, &corpus.documents, &[record], &options);
    apply(&mut p, edit).expect("apply");
    assert_eq!((report.mentions, report.suggestions), (1, 1));
    assert_eq!((report.relations, report.quotations), (0, 0));
    let problems = report.problems.join("\n");
    for origin in [
        "in.jsonl:1 R1: relation \"MEMBER_OF\"",
        "in.jsonl:1 Q1: quotation",
    ] {
        assert!(
            problems.contains(&format!(
                "{origin}: a mention it needs was imported as a suggestion"
            )),
            "{problems}"
        );
    }
    let d = &p.documents["a.txt"];
    assert_eq!(d.mentions.len(), 1);
    let offered: Vec<_> = d
        .proposals
        .iter()
        .map(|x| (x.text.as_str(), x.score, &*x.source))
        .collect();
    assert_eq!(offered, [("Jonas Holm", Some(420), "import in.jsonl")]);
}

/// Cells a spreadsheet would run as formulas are neutralised in the CSV.
#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, mut p) = fixture(&dir.path().join("corpus"));
    let (path, mut stance) = p
        .documents
        .iter()
        .find_map(|(path, d)| d.stances.first().map(|s| (path.clone(), s.clone())))
        .expect("a stance");
    stance.note = "=HYPERLINK(\"http://evil.example\",\"click\")".to_owned();
    apply(&mut p, Edit::UpdateStance { doc: path, stance }).expect("note");
    let (csv_text, _) = single(ExportFormat::StancesCsv, &corpus, &p);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let notes: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[16].to_owned())
        .collect();
    assert!(
        notes.contains(&"'=HYPERLINK(\"http://evil.example\",\"click\")".to_owned()),
        "{notes:?}"
    );
}

/// A cancelled export writes nothing.
#[test]
fn a_cancelled_export_writes_nothing() {
    struct Cancelled;
    impl stancemark::io::corpus::Progress for Cancelled {
        fn report(&self, _done: usize, _total: usize) {}
        fn cancelled(&self) -> bool {
            true
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = fixture(&dir.path().join("corpus"));
    for format in [ExportFormat::Spacy, ExportFormat::Conll, ExportFormat::Brat] {
        let out = dir.path().join(format!("out-{}", format.name()));
        let result = stancemark::io::export::export(
            format,
            &p,
            &corpus.documents,
            ExportOptions::default(),
            &out,
            false,
            &Cancelled,
        );
        assert!(
            matches!(result, Err(stancemark::io::export::ExportError::Cancelled)),
            "{}: {result:?}",
            format.name()
        );
        assert!(!out.exists(), "{}: nothing written", format.name());
    }
}

/// The same relation twice in one import (two identical brat R lines) is
/// added once, and counted as a duplicate.
#[test]
fn a_relation_repeated_in_one_import_is_added_once() {
    use stancemark::model::import_merge::{ImportRecord, ImportedMention, ImportedRelation};
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.txt",
        "Anna Berg works for Norvik.".as_bytes(),
    );
    let corpus = load_corpus(dir.path(), u64::MAX, &()).expect("corpus");
    let mut p = Project::new("t", Schema::builtin());
    p.attach(&corpus.documents);
    let mention = |start, end, label: &str| ImportedMention {
        start,
        end,
        label: label.to_owned(),
        ..ImportedMention::default()
    };
    let relation = |origin: &str| ImportedRelation {
        label: "member_of".to_owned(),
        source: 0,
        target: 1,
        origin: origin.to_owned(),
        ..ImportedRelation::default()
    };
    let record = ImportRecord {
        origin: "a.ann".to_owned(),
        path: Some("a.txt".to_owned()),
        mentions: vec![mention(0, 9, "PER"), mention(20, 26, "ORG")],
        relations: vec![relation("a.ann:3 R1"), relation("a.ann:4 R2")],
        ..ImportRecord::default()
    };
    let (edit, report) = merge_records(&p, &corpus.documents, &[record], &ImportOptions::default());
    apply(&mut p, edit).expect("apply");
    assert_eq!((report.relations, report.duplicates), (1, 1));
    assert_eq!(p.documents["a.txt"].relations.len(), 1);
}
