//! Interchange with other tools: token exports keep every mention, CoNLL
//! files come back token for token, brat's other line kinds are reported
//! line by line, offsets convert between code points and UTF-16, types map,
//! and every new format reads a file written as its tool writes them.

mod cli_common;

use cli_common::stancemark;

use std::path::{Path, PathBuf};

use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
use stancemark::io::{Corpus, load_corpus, load_project};
use stancemark::model::{CharSpan, Edit, Mention, MentionId, Project, Schema, apply};

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interchange")
        .join(name)
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(&p, text).expect("write");
    p
}

/// The `n`th occurrence (from 0) of `needle` in `text`, in code points.
fn span_of(text: &str, needle: &str, n: usize) -> CharSpan {
    let byte = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} in {text:?}"))
        .0;
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

/// A project over `corpus` with the given `(document, text, occurrence, type)` mentions.
fn annotate(corpus: &Corpus, mentions: &[(&str, &str, usize, &str)]) -> Project {
    let mut p = Project::new("tester", Schema::builtin());
    p.attach(&corpus.documents);
    for (n, (path, text, k, label)) in mentions.iter().enumerate() {
        let doc = corpus
            .documents
            .iter()
            .find(|d| d.path == *path)
            .expect("document");
        let mention = Mention::new(
            doc,
            MentionId(n as u64 + 1),
            span_of(&doc.text, text, *k),
            *label,
        );
        apply(
            &mut p,
            Edit::AddMention {
                doc: doc.path.clone(),
                mention,
            },
        )
        .expect("mention");
    }
    p
}

/// `(document, span, type)` of every mention, sorted.
fn mentions(p: &Project) -> Vec<(String, CharSpan, String)> {
    let mut out: Vec<_> = p
        .documents
        .iter()
        .flat_map(|(path, d)| {
            d.mentions
                .iter()
                .map(move |m| (path.clone(), m.span, m.label.clone()))
        })
        .collect();
    out.sort();
    out
}

const NEWS: &str = "Mr. Putin met U.S. officials on Tuesday. Gen. Mattis said the talks \
were useful. B. Young, a spokesman, added that Putin's aides agreed. Mr Putin's visit \
to St. Petersburg ended. Dr. Ng and U.N. envoys left for Washington, D.C. on Friday. Talks \
resumed.\n";

/// The mentions news writing is full of: after "Mr.", "U.S.", "Gen.", an
/// initial, inside "Putin's", and "Mr Putin" ending inside a token.
const NEWS_MENTIONS: [(&str, &str, usize, &str); 12] = [
    ("news.txt", "Mr. Putin", 0, "PER"),
    ("news.txt", "U.S.", 0, "GPE"),
    ("news.txt", "Gen. Mattis", 0, "PER"),
    ("news.txt", "B. Young", 0, "PER"),
    ("news.txt", "Putin", 1, "PER"),
    ("news.txt", "Mr Putin", 0, "PER"),
    ("news.txt", "St. Petersburg", 0, "GPE"),
    ("news.txt", "Dr. Ng", 0, "PER"),
    ("news.txt", "U.N.", 0, "ORG"),
    ("news.txt", "Washington, D.C.", 0, "GPE"),
    ("news.txt", "Friday. Talks", 0, "MISC"),
    ("news.txt", "Young", 0, "PER"),
];

/// The tag names (`labels.json`) and the lines (`data.jsonl`) of a Hugging
/// Face export.
fn hf_files(files: &[(String, String)]) -> (Vec<String>, &str) {
    let file = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| text.as_str())
            .expect(name)
    };
    let labels = serde_json::from_str(file("labels.json")).expect("labels json");
    (labels, file("data.jsonl"))
}

#[test]
fn token_exports_keep_every_mention_of_news_writing() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "news.txt", NEWS);
    let corpus = load_corpus(dir.path(), u64::MAX, &()).expect("corpus");
    // "Young" is nested in "B. Young": the one thing IOB cannot hold.
    let p = annotate(&corpus, &NEWS_MENTIONS);
    let (files, report) = render_files(
        ExportFormat::Conll,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    assert_eq!(report.mentions, 11, "{:?}", report.left_out);
    assert_eq!(report.left_out.len(), 1, "{:?}", report.left_out);
    assert!(
        report.left_out[0].contains("\"Young\"") && report.left_out[0].contains("nested"),
        "{:?}",
        report.left_out
    );
    let conll = &files[0].1;
    // Abbreviations and initials end no sentence; a mention across a
    // sentence end ("Friday. Talks") joins the two.
    let sentences: Vec<&str> = conll
        .trim_start_matches("-DOCSTART- O\n\n")
        .split("\n\n")
        .filter(|s| !s.trim().is_empty())
        .collect();
    assert_eq!(sentences.len(), 5, "{conll}");
    assert!(conll.contains("Putin B-PER\n's O\n"), "{conll}");
    assert!(
        conll.contains("Mr B-PER\nPutin I-PER\n's O\nvisit O\n"),
        "{conll}"
    );

    // Read back, every mention but the nested one is where it was.
    let file = dir.path().join("out.conll");
    std::fs::write(&file, conll).expect("write");
    let read = stancemark::io::import::read_records(
        stancemark::io::import::ImportFormat::Conll,
        &file,
        stancemark::io::import::ReadOptions::default(),
    )
    .expect("read");
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let mut fresh = Project::new("t", Schema::builtin());
    fresh.attach(&corpus.documents);
    let (edit, merged) = stancemark::model::import_merge::merge_records(
        &fresh,
        &corpus.documents,
        &read.records,
        &Default::default(),
    );
    assert!(merged.problems.is_empty(), "{:?}", merged.problems);
    apply(&mut fresh, edit).expect("apply");
    let mut expected = mentions(&p);
    expected.retain(|(_, span, _)| *span != span_of(NEWS, "Young", 0));
    assert_eq!(mentions(&fresh), expected);

    // Hugging Face: the same tokens, a B- tag for each of the 11 mentions.
    let (files, report) = render_files(
        ExportFormat::Hf,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    assert_eq!(report.mentions, 11);
    let (labels, data) = hf_files(&files);
    let mut begins = Vec::new();
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let tokens = v["tokens"].as_array().expect("tokens");
        let tags = v["ner_tags"].as_array().expect("tags");
        for (k, tag) in tags.iter().enumerate() {
            let tag = &labels[tag.as_u64().expect("int") as usize];
            if tag.starts_with("B-") {
                let mut words = vec![tokens[k].as_str().expect("token").to_owned()];
                for (t, next) in tokens.iter().zip(tags).skip(k + 1) {
                    if !labels[next.as_u64().expect("int") as usize].starts_with("I-") {
                        break;
                    }
                    words.push(t.as_str().expect("token").to_owned());
                }
                begins.push(words.concat());
            }
        }
    }
    let mut got = begins;
    got.sort();
    let mut want: Vec<String> = NEWS_MENTIONS
        .iter()
        .filter(|m| m.1 != "Young")
        .map(|m| m.1.split_whitespace().collect())
        .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn the_schema_extends_the_abbreviations() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "de.txt", "Abg. Müller sprach. Dann ging er.\n");
    let corpus = load_corpus(dir.path(), u64::MAX, &()).expect("corpus");
    let mut p = annotate(&corpus, &[("de.txt", "Müller", 0, "PER")]);
    let count = |p: &Project| {
        let (files, _) = render_files(
            ExportFormat::Conll,
            p,
            &corpus.documents,
            ExportOptions::default(),
        );
        files[0]
            .1
            .trim_start_matches("-DOCSTART- O\n\n")
            .split("\n\n")
            .filter(|s| !s.trim().is_empty())
            .count()
    };
    assert_eq!(count(&p), 3, "UAX #29 ends a sentence after \"Abg.\"");
    p.schema.abbreviations.push("Abg.".to_owned());
    assert_eq!(count(&p), 2);
}

#[test]
fn whitespace_tokens_match_training_code_that_splits_on_spaces() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "news.txt", NEWS);
    let corpus = load_corpus(dir.path(), u64::MAX, &()).expect("corpus");
    let p = annotate(&corpus, &NEWS_MENTIONS[..3]);
    let options = ExportOptions {
        tokens: stancemark::model::tokens::TokenMode::Whitespace,
        ..ExportOptions::default()
    };
    let (files, report) = render_files(ExportFormat::Conll, &p, &corpus.documents, options);
    assert!(report.left_out.is_empty(), "{:?}", report.left_out);
    let words: Vec<&str> = files[0]
        .1
        .lines()
        .skip(2)
        .filter_map(|l| l.rsplit_once(' ').map(|(w, _)| w))
        .collect();
    assert_eq!(words, NEWS.split_whitespace().collect::<Vec<_>>());
}

/// A CoNLL-2003 style file as such files come: a token and its IOB2 tag
/// per line, `-DOCSTART-` and a blank line before each document, a blank
/// line after each sentence (`iob1.conll` and `bioes.conll` hold the same
/// annotations in CoNLL-2003's four columns with IOB1 tags, and in BIOES).
fn conll_iob2() -> String {
    std::fs::read_to_string(fixture("iob2.conll")).expect("fixture")
}

#[test]
fn a_conll_file_comes_back_token_for_token() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "train.conll", &conll_iob2());
    let corpus = dir.path().join("corpus");
    let project = dir.path().join("p.ron");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        s(&corpus),
        "--format",
        "conll",
        "--from",
        s(&input),
        "--out",
        s(&project),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("wrote 2 document(s)"), "{out}");
    assert!(corpus.join("train-0001.txt").is_file());
    assert_eq!(
        std::fs::read_to_string(corpus.join("train-0002.txt")).expect("read"),
        "AVEL 2026-03-16\nThe U.S. agency 's view ( backed by Jean-Luc Moreau ) stood .\nTrains from Oslo Bergen ran late .\n"
    );
    let loaded = load_project(&project).expect("project");
    assert_eq!(loaded.project.mention_count(), 8);
    let back = dir.path().join("back.conll");
    let (code, out, err) = stancemark(&[
        "export",
        s(&project),
        "--format",
        "conll",
        "--out",
        s(&back),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(std::fs::read_to_string(&back).expect("read"), conll_iob2());
}

#[test]
fn conll_reads_iob1_bioes_and_extra_columns_into_the_same_mentions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    let iob2 = fixture("iob2.conll");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        s(&corpus),
        "--format",
        "conll",
        "--from",
        s(&iob2),
        "--out",
        s(&dir.path().join("iob2.ron")),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let expected = mentions(
        &load_project(&dir.path().join("iob2.ron"))
            .expect("p")
            .project,
    );
    for (name, code_wanted) in [("iob1.conll", 1), ("bioes.conll", 0)] {
        let project = dir.path().join(format!("{name}.ron"));
        let (code, out, err) = stancemark(&[
            "import",
            "--corpus",
            s(&corpus),
            "--format",
            "conll",
            "--from",
            s(&fixture(name)),
            "--out",
            s(&project),
        ]);
        assert_eq!(code, code_wanted, "{name}: {out}{err}");
        assert!(out.contains("2 of 2 record(s) matched"), "{name}: {out}");
        if code_wanted == 1 {
            // The part-of-speech and chunk columns are not kept, and said so.
            assert!(out.contains("columns 2 to 3 of 4"), "{out}");
        }
        let got = mentions(&load_project(&project).expect("project").project);
        assert_eq!(got, expected, "{name}");
    }
}

/// A brat document using every kind of line brat writes.
const BRAT_TEXT: &str = "Mayor Anna Lindqvist met Norvik Chemicals in Lyon.\nLindqvist said the firm, \
Norvik, must pay. She left Lyon at noon.\n";

fn brat_ann(text: &str) -> String {
    let at = |needle: &str, n: usize| {
        let s = span_of(text, needle, n);
        format!("{} {}", s.start, s.end)
    };
    [
        format!("T1\tPerson {}\tAnna Lindqvist", at("Anna Lindqvist", 0)),
        format!(
            "T2\tOrganization {}\tNorvik Chemicals",
            at("Norvik Chemicals", 0)
        ),
        format!("T3\tPerson {}\tLindqvist", at("Lindqvist", 1)),
        format!("T4\tOrganization {}\tNorvik", at("Norvik", 1)),
        format!("T5\tPerson {}\tShe", at("She", 0)),
        // A discontinuous span: "Anna … Lyon" with words in between.
        format!("T6\tPerson {};{}\tAnna Lyon", at("Anna", 0), at("Lyon", 0)),
        format!("T7\tLocation {}\tLyon", at("Lyon", 0)),
        format!("T8\tLocation {}\tLyon", at("Lyon", 1)),
        "R1\tMeets Arg1:T1 Arg2:T2".to_owned(),
        "E1\tTravel:T8 Agent:T5".to_owned(),
        "A1\tNegated E1".to_owned(),
        "M1\tSpeculation E1".to_owned(),
        "*\tEquiv T1 T3".to_owned(),
        "*\tEquiv T3 T5".to_owned(),
        "*\tEquiv T2 T4".to_owned(),
        "N1\tReference T1 Wikidata:Q42\tAnna Lindqvist".to_owned(),
        "N2\tReference T7 GeoNames:2996944\tLyon".to_owned(),
        "#1\tAnnotatorNotes T2\tthe company, not the town".to_owned(),
        "#2\tAnnotatorNotes R1\tfirst public meeting".to_owned(),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn brat_lines_not_imported_are_listed_one_by_one_and_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    write(&corpus, "lyon.txt", BRAT_TEXT);
    let brat = dir.path().join("brat");
    write(&brat, "lyon.txt", BRAT_TEXT);
    write(&brat, "lyon.ann", &brat_ann(BRAT_TEXT));
    let project = dir.path().join("p.ron");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "import",
            "--corpus",
            s(&corpus),
            "--format",
            "brat",
            "--from",
            s(&brat),
            "--out",
            s(&project),
        ];
        args.extend_from_slice(extra);
        stancemark(&args)
    };
    // Without a map, brat's own type names are refused one by one.
    let (code, out, err) = run(&[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("type \"Person\" is not in the schema (--map Person=TYPE maps it to one, --add-types adds it)"),
        "{out}"
    );
    std::fs::remove_file(&project).expect("rm");

    // Relation types are mapped like entity types: without `Meets=…` the
    // relation is refused with the way to map it.
    let (code, out, err) = run(&["--map", "Person=PER,Organization=ORG,Location=LOC"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("lyon.ann:9: R1: relation type \"Meets\" is not in the schema (--map Meets=TYPE maps it to one, --add-types adds it); left out"),
        "{out}"
    );
    std::fs::remove_file(&project).expect("rm");

    let (code, out, err) = run(&[
        "--map",
        "Person=PER,Organization=ORG,Location=LOC,Meets=meets",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    for (line, what) in [
        (6, "T6 \"Person"),
        (10, "E1 \"Travel:T8 Agent:T5\": an event"),
        (11, "A1 \"Negated E1\": an attribute"),
        (12, "M1 \"Speculation E1\": an attribute"),
        (
            17,
            "N2 \"Reference T7 GeoNames:2996944\": a normalisation to another database",
        ),
    ] {
        assert!(
            out.contains(&format!("lyon.ann:{line}: {what}")),
            "line {line} ({what}) is listed:\n{out}"
        );
    }
    assert!(out.contains("discontinuous"), "{out}");
    assert!(out.contains("5 item(s) were left out"), "{out}");
    assert!(out.contains("1 relation(s)"), "{out}");

    let p = load_project(&project).expect("project").project;
    let d = &p.documents["lyon.txt"];
    assert_eq!(d.mentions.len(), 7, "T6 is refused, not filled in");
    let entity_of = |text: &str| {
        d.mentions
            .iter()
            .find(|m| m.quote.exact == text)
            .and_then(|m| m.entity)
    };
    // Equiv is transitive: T1 = T3 and T3 = T5 are one entity, with T1's QID.
    let anna = entity_of("Anna Lindqvist").expect("linked");
    assert_eq!(entity_of("Lindqvist"), Some(anna));
    assert_eq!(entity_of("She"), Some(anna));
    assert_eq!(p.entities[&anna].kb_id.as_deref(), Some("Q42"));
    assert_eq!(entity_of("Norvik"), entity_of("Norvik Chemicals"));
    assert_ne!(entity_of("Norvik"), Some(anna));
    assert_eq!(p.entities.len(), 2);
    let norvik = d
        .mentions
        .iter()
        .find(|m| m.quote.exact == "Norvik Chemicals")
        .expect("T2");
    assert_eq!(norvik.note, "the company, not the town");
    assert_eq!(norvik.label, "ORG");
    // R1 is a relation, with its note, between the mentions T1 and T2 became.
    let anna_mention = d
        .mentions
        .iter()
        .find(|m| m.quote.exact == "Anna Lindqvist")
        .expect("T1");
    assert_eq!(d.relations.len(), 1, "{:?}", d.relations);
    let r = &d.relations[0];
    assert_eq!(
        (r.label.as_str(), r.source, r.target, r.note.as_str()),
        ("meets", anna_mention.id, norvik.id, "first public meeting")
    );
    // `stats` counts it; `validate` finds nothing wrong with it…
    let (code, out, _) = stancemark(&["stats", s(&project), "--json"]);
    assert_eq!(code, 0, "{out}");
    let stats: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(stats["relations"], 1);
    assert_eq!(stats["relations_per_type"]["meets"], 1);
    assert_eq!(stats["per_document"][0]["relations"], 1);
    let (code, out, _) = stancemark(&["validate", s(&project)]);
    assert_eq!(code, 0, "{out}");
    // …until a mention is relabelled so that the type no longer fits.
    let text = std::fs::read_to_string(&project).expect("read");
    let text = text.replacen(
        "label: \"ORG\", exact: \"Norvik Chemicals\"",
        "label: \"LOC\", exact: \"Norvik Chemicals\"",
        1,
    );
    std::fs::write(&project, text).expect("write");
    let (code, out, _) = stancemark(&["validate", s(&project)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("lyon.txt: relation r1: meets relates PER or ORG or GPE to PER or ORG or GPE, not PER to LOC"),
        "{out}"
    );
}

#[test]
fn unknown_types_join_the_schema_with_add_types() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    write(&corpus, "lyon.txt", BRAT_TEXT);
    let brat = dir.path().join("brat");
    write(&brat, "lyon.txt", BRAT_TEXT);
    let ann: String = brat_ann(BRAT_TEXT)
        .lines()
        .filter(|l| l.starts_with('T') && !l.starts_with("T6"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(&brat, "lyon.ann", &ann);
    let project = dir.path().join("p.ron");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        s(&corpus),
        "--format",
        "brat",
        "--from",
        s(&brat),
        "--out",
        s(&project),
        "--map",
        "Person=PER",
        "--add-types",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("entity type(s) Organization, Location"),
        "{out}"
    );
    let p = load_project(&project).expect("project").project;
    let added = p.schema.entity_type("Organization").expect("added");
    assert!(
        p.schema
            .entity_types
            .iter()
            .filter(|t| t.name != "Organization")
            .all(|t| t.color != added.color),
        "a colour of its own"
    );
    assert_eq!(p.documents["lyon.txt"].mentions.len(), 7);
    let corpus = load_corpus(&corpus, u64::MAX, &()).expect("corpus");
    assert!(stancemark::model::check::check_project(&p, &corpus.documents).is_empty());
}

/// A corpus holding the document the tool fixtures annotate (its text opens
/// with an emoji, so code points and UTF-16 units differ after it).
fn lyon_corpus(root: &Path) -> PathBuf {
    let corpus = root.join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::copy(fixture("lyon-corpus.txt"), corpus.join("lyon-corpus.txt")).expect("copy");
    corpus
}

fn import(
    corpus: &Path,
    format: &str,
    from: &Path,
    project: &Path,
    extra: &[&str],
) -> (i32, String, Project) {
    let mut args = vec![
        "import",
        "--corpus",
        s(corpus),
        "--format",
        format,
        "--from",
        s(from),
        "--out",
        s(project),
    ];
    args.extend_from_slice(extra);
    let (code, out, err) = stancemark(&args);
    assert!(code == 0 || code == 1, "{out}{err}");
    (code, out, load_project(project).expect("project").project)
}

/// `(text, type, suggested)` of every mention of the only document.
fn quoted(p: &Project) -> Vec<(String, String, bool)> {
    let mut out: Vec<_> = p
        .documents
        .values()
        .flat_map(|d| &d.mentions)
        .map(|m| (m.quote.exact.clone(), m.label.clone(), m.suggested))
        .collect();
    out.sort();
    out
}

fn q(text: &str, label: &str, suggested: bool) -> (String, String, bool) {
    (text.to_owned(), label.to_owned(), suggested)
}

#[test]
fn doccano_utf16_offsets_after_an_emoji_land_on_the_right_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = lyon_corpus(dir.path());
    let (code, out, p) = import(
        &corpus,
        "doccano",
        &fixture("doccano.jsonl"),
        &dir.path().join("a.ron"),
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        quoted(&p),
        [q("Lyon", "LOC", false), q("Norvik Chemicals", "ORG", false)]
    );
    // Said outright, the unit is taken as said, even when it is wrong.
    let (_, _, p) = import(
        &corpus,
        "doccano",
        &fixture("doccano.jsonl"),
        &dir.path().join("b.ron"),
        &["--offsets", "codepoints"],
    );
    assert_eq!(
        quoted(&p),
        [q("orvik Chemicals ", "ORG", false), q("yon ", "LOC", false)]
    );
    // The relation export form: entities as objects; a relation whose type
    // is not in the schema and the comments are listed as left out.
    let (code, out, p) = import(
        &corpus,
        "doccano",
        &fixture("doccano-relations.jsonl"),
        &dir.path().join("c.ron"),
        &[],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("doccano-relations.jsonl:1: relation"), "{out}");
    assert!(
        out.contains("comment 1 \"check the mayor's name\""),
        "{out}"
    );
    assert_eq!(
        quoted(&p),
        [
            q("Anna Lindqvist", "PER", false),
            q("Norvik Chemicals", "ORG", false)
        ]
    );
    assert!(
        out.contains("relation 1: relation type \"thanks\" is not in the schema"),
        "{out}"
    );
    // Mapped, the relation joins the mentions its ids name.
    let (_, out, p) = import(
        &corpus,
        "doccano",
        &fixture("doccano-relations.jsonl"),
        &dir.path().join("d.ron"),
        &["--map", "thanks=meets"],
    );
    assert_eq!(
        relation_texts(&p),
        [("meets", "Anna Lindqvist", "Norvik Chemicals")],
        "{out}"
    );
}

/// Every relation of `p` as (type, source text, target text), sorted.
fn relation_texts(p: &Project) -> Vec<(&str, &str, &str)> {
    let mut out: Vec<_> = p
        .documents
        .values()
        .flat_map(|d| {
            d.relations.iter().map(move |r| {
                let text = |id| d.mention(id).map_or("?", |m| m.quote.exact.as_str());
                (r.label.as_str(), text(r.source), text(r.target))
            })
        })
        .collect();
    out.sort_unstable();
    out
}

/// A record as Prodigy's relations recipe saves it: tokens, spans with
/// their token range, and relations by `head_span`/`child_span` or only by
/// `head`/`child` (the last token of a span).
#[test]
fn prodigy_relations_load_by_span_or_by_token() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = lyon_corpus(dir.path());
    let (code, out, p) = import(
        &corpus,
        "spacy",
        &fixture("prodigy-relations.jsonl"),
        &dir.path().join("a.ron"),
        &["--map", "PERSON=PER,THANKS=meets,LOCATED_IN=located_in"],
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        relation_texts(&p),
        [
            ("located_in", "Norvik Chemicals", "Lyon"),
            ("meets", "Anna Lindqvist", "Norvik Chemicals")
        ]
    );
    assert!(
        out.contains("prodigy-relations.jsonl:1: relation 3: its head or child is not one of the record's spans; left out"),
        "{out}"
    );
    assert!(out.contains("1 item(s) were left out"), "{out}");
}

#[test]
fn spans_the_two_units_place_differently_are_reported_not_guessed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    // After three emoji, the two readings of [10, 12) are both a whole "ab".
    let text = "🙂🙂🙂 ab ab ab\n";
    write(&corpus, "t.txt", text);
    let line = serde_json::json!({"text": text, "label": [[10, 12, "MISC"]]}).to_string();
    let file = write(dir.path(), "in.jsonl", &(line + "\n"));
    let (code, out, p) = import(&corpus, "doccano", &file, &dir.path().join("a.ron"), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("in.jsonl:1 mention 1: [10, 12) comes after a character beyond the Basic Multilingual Plane"),
        "{out}"
    );
    assert_eq!(p.mention_count(), 0);
    let (code, out, p) = import(
        &corpus,
        "doccano",
        &file,
        &dir.path().join("b.ron"),
        &["--offsets", "utf16"],
    );
    assert_eq!(code, 0, "{out}");
    let m = &p.documents["t.txt"].mentions[0];
    assert_eq!(
        (m.span.start, m.span.end),
        (7, 9),
        "UTF-16 10..12 is code points 7..9"
    );
}

#[test]
fn label_studio_json_and_json_min_load_as_label_studio_writes_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = lyon_corpus(dir.path());
    let (code, out, p) = import(
        &corpus,
        "labelstudio",
        &fixture("labelstudio.json"),
        &dir.path().join("a.ron"),
        &[],
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        quoted(&p),
        [
            q("Anna Lindqvist", "PER", false),
            q("Lyon", "LOC", false),
            q("Norvik Chemicals", "ORG", false),
        ],
        "code-point offsets after the emoji"
    );
    let d = &p.documents["lyon-corpus.txt"];
    // The prediction is a suggestion the suggester offers, with its score
    // and where it came from, not a mention.
    let offered: Vec<_> = d
        .proposals
        .iter()
        .map(|p| (p.text.as_str(), p.label.as_str(), p.score, &*p.source))
        .collect();
    // Issue 24 item 21: the prediction's model_version is its source.
    assert_eq!(
        offered,
        [(
            "Crews",
            "ORG",
            Some(910),
            "Label Studio model_version ner-v2"
        )]
    );
    // Region ids are not kept, and said so (an export writes m1, m2, …).
    assert!(
        out.contains("3 region id(s) (r-lyon, r-norvik, r-anna) are not kept"),
        "{out}"
    );
    // An export writes the prediction back under its model_version.
    let exported = dir.path().join("back.json");
    let (code, eout, err) = stancemark(&[
        "export",
        "--format",
        "labelstudio",
        "--include-suggestions",
        "--out",
        s(&exported),
        s(&dir.path().join("a.ron")),
    ]);
    assert!(code == 0 || code == 1, "{eout}{err}");
    let back: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&exported).expect("export")).expect("json");
    let versions: Vec<&str> = back[0]["predictions"]
        .as_array()
        .expect("predictions")
        .iter()
        .filter_map(|p| p["model_version"].as_str())
        .collect();
    assert_eq!(versions, ["ner-v2"]);
    assert_eq!(d.note, "Checked against the wire copy.");
    let anna = d
        .mentions
        .iter()
        .find(|m| m.quote.exact == "Anna Lindqvist")
        .expect("Anna");
    assert_eq!(anna.note, "mayor of Lyon");
    assert!(
        out.contains("choice [\"Neutral\"] of \"sentiment\""),
        "{out}"
    );
    // The relation's type is not in the schema until mapped.
    assert!(
        out.contains("relation type \"thanks\" is not in the schema"),
        "{out}"
    );
    let (_, out, mapped) = import(
        &corpus,
        "labelstudio",
        &fixture("labelstudio.json"),
        &dir.path().join("mapped.ron"),
        &["--map", "thanks=meets"],
    );
    assert_eq!(
        relation_texts(&mapped),
        [("meets", "Anna Lindqvist", "Norvik Chemicals")],
        "{out}"
    );

    let (code, out, p) = import(
        &corpus,
        "labelstudio-min",
        &fixture("labelstudio-min.json"),
        &dir.path().join("b.ron"),
        &[],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("sentiment \"Neutral\""), "{out}");
    assert_eq!(
        quoted(&p),
        [
            q("Anna Lindqvist", "PER", false),
            q("Lyon", "LOC", false),
            q("Norvik Chemicals", "ORG", false),
        ]
    );
}

/// Issue 24 item 21: what a Label Studio file names that a project does not
/// keep (the labelling config's names, a region's parentID) is listed, and
/// the import exits 1; the spans themselves are imported.
#[test]
fn label_studio_names_and_parent_ids_that_are_not_kept_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = lyon_corpus(dir.path());
    let text = std::fs::read_to_string(corpus.join("lyon-corpus.txt")).expect("text");
    let lyon = text.chars().collect::<Vec<_>>();
    let at = |word: &str| {
        let byte = text.find(word).expect("word");
        let start = text[..byte].chars().count();
        (start, start + word.chars().count())
    };
    let (ls, le) = at("Lyon");
    let (ns, ne) = at("Norvik Chemicals");
    assert!(lyon.len() > ne);
    let file = dir.path().join("ls.json");
    let task = serde_json::json!([{
        "data": { "text": text },
        "annotations": [{ "result": [
            { "id": "m1", "from_name": "ner", "to_name": "content", "type": "labels",
              "value": { "start": ls, "end": le, "labels": ["LOC"] } },
            { "id": "m2", "from_name": "ner", "to_name": "content", "type": "labels",
              "parentID": "m1",
              "value": { "start": ns, "end": ne, "labels": ["ORG"] } }
        ]}]
    }]);
    std::fs::write(&file, task.to_string()).expect("write");
    let (code, out, p) = import(
        &corpus,
        "labelstudio",
        &file,
        &dir.path().join("p.ron"),
        &[],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("from_name \"ner\" / to_name \"content\" are not kept"),
        "{out}"
    );
    assert!(out.contains("its parentID \"m1\""), "{out}");
    assert!(
        !out.contains("region id(s)"),
        "ids of the form m<N>, as Stancemark writes them, are not listed: {out}"
    );
    assert_eq!(
        quoted(&p),
        [q("Lyon", "LOC", false), q("Norvik Chemicals", "ORG", false)]
    );
}

#[test]
fn webanno_tsv_from_inception_loads_with_utf16_offsets_ids_and_stacks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = lyon_corpus(dir.path());
    let (code, out, p) = import(
        &corpus,
        "webanno",
        &fixture("lyon-corpus.txt.tsv"),
        &dir.path().join("a.ron"),
        &[],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("layer de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS (PosValue): 15 annotation cell(s)"),
        "{out}"
    );
    assert_eq!(
        quoted(&p),
        [
            q("Anna", "MISC", false),
            q("Anna Lindqvist", "PER", false),
            q("Lyon", "LOC", false),
            q("Norvik Chemicals", "ORG", false),
        ]
    );
    let d = &p.documents["lyon-corpus.txt"];
    let lyon = d
        .mentions
        .iter()
        .find(|m| m.quote.exact == "Lyon")
        .and_then(|m| m.entity)
        .expect("linked");
    assert_eq!(p.entities[&lyon].kb_id.as_deref(), Some("Q456"));
}

#[test]
fn token_exports_of_many_documents_keep_their_order_and_every_type() {
    // Enough documents for the export to be split between workers; each
    // names its number, so any reordering shows.
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    for i in 0..300 {
        write(
            &root,
            &format!("d{i:04}.txt"),
            &format!("Report {i} from Lyon. Mr. Putin spoke.\n"),
        );
    }
    let corpus = load_corpus(&root, u64::MAX, &()).expect("corpus");
    let mentions: Vec<(String, &str)> = corpus
        .documents
        .iter()
        .map(|d| {
            (
                d.path.clone(),
                if d.path == "d0007.txt" { "ORG" } else { "GPE" },
            )
        })
        .collect();
    let list: Vec<(&str, &str, usize, &str)> = mentions
        .iter()
        .map(|(p, l)| (p.as_str(), "Lyon", 0, *l))
        .collect();
    let mut p = annotate(&corpus, &list);
    // A project saved by an older schema may use a type it no longer lists.
    p.schema.entity_types.retain(|t| t.name != "ORG");

    let (files, report) = render_files(
        ExportFormat::Conll,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    assert_eq!(report.mentions, 300);
    assert!(report.left_out.is_empty(), "{:?}", report.left_out);
    let numbers: Vec<String> = files[0]
        .1
        .lines()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0] == "Report O")
        .map(|w| w[1].trim_end_matches(" O").to_owned())
        .collect();
    let want: Vec<String> = (0..300).map(|i| i.to_string()).collect();
    assert_eq!(numbers, want);
    assert!(files[0].1.contains("Lyon B-ORG\n"));

    // Hugging Face: ORG is no longer in the schema, yet gets its own tags.
    let (files, _) = render_files(
        ExportFormat::Hf,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    let (labels, data) = hf_files(&files);
    let line: serde_json::Value =
        serde_json::from_str(data.lines().nth(7 * 2).expect("line")).expect("json");
    assert_eq!(line["id"], "d0007.txt#0");
    let tag = line["ner_tags"][3].as_u64().expect("tag") as usize;
    assert_eq!(labels[tag], "B-ORG");

    // Written to disk piece by piece, the files hold exactly the rendering.
    for format in [ExportFormat::Conll, ExportFormat::Hf] {
        let out = dir.path().join(format.default_file_name());
        stancemark::io::export::export(
            format,
            &p,
            &corpus.documents,
            ExportOptions::default(),
            &out,
            false,
            &(),
        )
        .expect("export");
        let (files, _) = render_files(format, &p, &corpus.documents, ExportOptions::default());
        for (name, text) in files {
            let path = if name.is_empty() {
                out.clone()
            } else {
                out.join(&name)
            };
            assert_eq!(
                std::fs::read_to_string(&path).expect("read"),
                text,
                "{name}"
            );
        }
    }
}

/// A GermEval-2014-style file (comment lines; index, token, outer tag,
/// inner tag) gives the tokens, not the index numbers, and the outer
/// entities; the inner (nested) tags are listed as not imported. CoNLL-U is
/// refused with a message. The fixture is text written for the test.
#[test]
fn indexed_conll_reads_the_word_column_and_conllu_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let germeval = concat!(
        "#\tsource\tnordwire 2026-03-16\n",
        "1\tBjørn\tB-PER\tO\n",
        "2\tAasheim\tI-PER\tO\n",
        "3\tspoke\tO\tO\n",
        "4\tin\tO\tO\n",
        "5\tPort\tB-LOC\tB-ORG\n",
        "6\tAvel\tI-LOC\tO\n",
        "7\t.\tO\tO\n",
        "\n",
        "#\tsource\tnordwire 2026-03-17\n",
        "1\tNorvik\tB-ORG\tO\n",
        "2\tdenied\tO\tO\n",
        "3\tit\tO\tO\n",
        "\n",
    );
    let input = write(dir.path(), "germeval.tsv", germeval);
    let corpus = dir.path().join("corpus");
    let project = dir.path().join("p.ron");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        s(&corpus),
        "--format",
        "conll",
        "--from",
        s(&input),
        "--out",
        s(&project),
    ]);
    assert_eq!(code, 1, "the inner tag is listed: {out}{err}");
    assert!(out.contains("1 inner (nested) tag(s)"), "{out}");
    let text = std::fs::read_to_string(corpus.join("germeval-0001.txt")).expect("doc");
    assert_eq!(
        text,
        "Bjørn Aasheim spoke in Port Avel .\nNorvik denied it\n"
    );
    let loaded = load_project(&project).expect("project").project;
    let mut found: Vec<(String, String)> = loaded
        .documents
        .values()
        .flat_map(|d| d.mentions.iter())
        .map(|m| (m.quote.exact.clone(), m.label.clone()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("Bjørn Aasheim".to_owned(), "PER".to_owned()),
            ("Norvik".to_owned(), "ORG".to_owned()),
            ("Port Avel".to_owned(), "LOC".to_owned()),
        ]
    );

    let conllu = concat!(
        "# sent_id = 1\n",
        "# text = Norvik denied it.\n",
        "1\tNorvik\tNorvik\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n",
        "2\tdenied\tdeny\tVERB\tVBD\t_\t0\troot\t_\t_\n",
        "3\tit\tit\tPRON\tPRP\t_\t2\tobj\t_\tSpaceAfter=No\n",
        "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n",
        "\n",
    );
    let input = write(dir.path(), "ud.conllu", conllu);
    let other = dir.path().join("corpus-ud");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        s(&other),
        "--format",
        "conll",
        "--from",
        s(&input),
        "--out",
        s(&dir.path().join("ud.ron")),
    ]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(
        format!("{out}{err}").contains("this is CoNLL-U"),
        "{out}{err}"
    );
    assert!(
        !other.join("ud-0001.txt").exists(),
        "no text made of index numbers"
    );
}

/// A span that starts or ends inside a user-perceived character (on a
/// combining accent, inside an emoji sequence) is listed and left out, never
/// imported with exit 0; one on the characters' edges is imported.
#[test]
fn a_span_inside_a_character_is_listed_not_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    // "Cafe" + U+0301: the accent is code point 4.
    let text = "Cafe\u{301} Noir opened, said Ana 👩\u{200d}🍳.";
    std::fs::write(corpus.join("a.txt"), text).expect("write");
    let lines = [
        serde_json::json!({"text": text, "label": [[4, 10, "ORG"]]}),
        serde_json::json!({"text": text, "label": [[0, 10, "ORG"]]}),
        serde_json::json!({"text": text, "label": [[24, 27, "PER"]]}),
        // Inside the emoji sequence (woman, joiner, cook).
        serde_json::json!({"text": text, "label": [[28, 29, "MISC"]]}),
    ];
    let jsonl: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let input = write(dir.path(), "in.jsonl", &jsonl);
    let project = dir.path().join("p.ron");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        s(&corpus),
        "--format",
        "doccano",
        "--offsets",
        "codepoints",
        "--from",
        s(&input),
        "--out",
        s(&project),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("[4, 10) starts inside a character"), "{out}");
    assert!(out.contains("[28, 29) ends inside a character"), "{out}");
    let loaded = load_project(&project).expect("project").project;
    let words: Vec<String> = loaded.documents["a.txt"]
        .mentions
        .iter()
        .map(|m| m.quote.exact.clone())
        .collect();
    assert_eq!(words, ["Cafe\u{301} Noir", "Ana"]);
}

/// A WebAnno TSV file holding a zero-width sub-token annotation at the end
/// of the text is read (the zero-width annotation listed as left out), not
/// refused whole; stacked sub-tokens on one token are read too. The files
/// are written for the test.
#[test]
fn webanno_zero_width_and_stacked_sub_tokens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("a.txt"), "Norvik denied it.").expect("write");
    let header = "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n\n\n#Text=Norvik denied it.\n";
    let body = concat!(
        "1-1\t0-6\tNorvik\t*\tORG\t\n",
        "1-1.1\t0-3\tNor\t*\tPER\t\n",
        "1-1.2\t0-3\tNor\t*\tLOC\t\n",
        "1-2\t7-13\tdenied\t_\t_\t\n",
        "1-3\t14-16\tit\t_\t_\t\n",
        "1-4\t16-17\t.\t_\t_\t\n",
        "1-4.1\t17-17\t\t*\tMISC\t\n",
    );
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(input.join("a.txt.tsv"), format!("{header}{body}")).expect("write");
    let project = dir.path().join("p.ron");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        s(&corpus),
        "--format",
        "webanno",
        "--from",
        s(&input),
        "--out",
        s(&project),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("1 of 1 record(s) matched"), "{out}");
    assert!(out.contains("[17, 17) is empty (zero width)"), "{out}");
    let loaded = load_project(&project).expect("project").project;
    let mut got: Vec<(String, String)> = loaded.documents["a.txt"]
        .mentions
        .iter()
        .map(|m| (m.quote.exact.clone(), m.label.clone()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("Nor".to_owned(), "LOC".to_owned()),
            ("Nor".to_owned(), "PER".to_owned()),
            ("Norvik".to_owned(), "ORG".to_owned()),
        ]
    );
}

/// brat relation argument names other than Arg1/Arg2 (brat's own
/// `source:`/`target:`) come back as they went in, in the `.ann` and in
/// `annotation.conf`. The files are written for the test.
#[test]
fn brat_relation_roles_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let text = "Ana Berg works for Norvik Chemicals.";
    std::fs::write(corpus.join("a.txt"), text).expect("write");
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(input.join("a.txt"), text).expect("write");
    std::fs::write(
        input.join("a.ann"),
        "T1\tPER 0 8\tAna Berg\nT2\tORG 19 35\tNorvik Chemicals\nR1\tmember_of source:T1 target:T2\t\n",
    )
    .expect("write");
    let project = dir.path().join("p.ron");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        s(&corpus),
        "--format",
        "brat",
        "--from",
        s(&input),
        "--out",
        s(&project),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let back = dir.path().join("back");
    let (code, out, err) =
        stancemark(&["export", s(&project), "--format", "brat", "--out", s(&back)]);
    assert_eq!(code, 0, "{out}{err}");
    let ann = std::fs::read_to_string(back.join("a.ann")).expect("ann");
    assert!(ann.contains("member_of source:T1 target:T2"), "{ann}");
    let conf = std::fs::read_to_string(back.join("annotation.conf")).expect("conf");
    assert!(conf.contains("member_of\tsource:"), "{conf}");
}
