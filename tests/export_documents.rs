//! `documents-csv` and `documents-jsonl` (issue 19): one row per document
//! with its codebook values (a multiple choice as 0/1 columns), counts of
//! mentions per type and stances per polarity, a codebook file beside the
//! CSV, spreadsheet-safe cells; and every other format lists the codebook
//! values it cannot carry.

use std::collections::BTreeSet;

use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
use stancemark::io::load_corpus;
use stancemark::model::codebook::{Code, Num, example_codebook};
use stancemark::model::{CharSpan, Edit, Mention, MentionId, Project, Schema, apply};

fn setup(dir: &std::path::Path) -> (stancemark::io::Corpus, Project) {
    let root = dir.join("corpus");
    std::fs::create_dir_all(root.join("north")).expect("mkdir");
    std::fs::write(
        root.join("north/a.txt"),
        "date 2026-03-16\nNorvik denied it. 佐藤美咲 spoke 🐟.\n",
    )
    .expect("write");
    std::fs::write(root.join("north/b.txt"), "The river turned white.\n").expect("write");
    let corpus = load_corpus(&root, u64::MAX, &()).expect("corpus");
    let mut schema = Schema::builtin();
    schema.variables = example_codebook();
    let mut p = Project::new("ana", schema);
    p.attach(&corpus.documents);
    let a = corpus
        .documents
        .iter()
        .find(|d| d.path == "north/a.txt")
        .expect("a");
    let at = a.text.find("佐藤美咲").expect("name");
    let start = a.text[..at].chars().count();
    let m = Mention::new(a, MentionId(1), CharSpan::new(start, start + 4), "PER");
    apply(
        &mut p,
        Edit::AddMention {
            doc: "north/a.txt".into(),
            mention: m,
        },
    )
    .expect("mention");
    let set = |doc: &str, var: &str, value: Code| Edit::SetCode {
        doc: doc.into(),
        variable: var.into(),
        value: Some(value),
    };
    let choices =
        |c: &[&str]| Code::Choices(c.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<_>>());
    for e in [
        set("north/a.txt", "frame", Code::Choice("legal".into())),
        set("north/a.txt", "norvik_present", Code::Choice("yes".into())),
        set("north/a.txt", "tone_norvik", Code::Scale(2)),
        set("north/a.txt", "actors", choices(&["company", "scientists"])),
        set("north/a.txt", "sources", Code::Number(Num(2.0))),
        set(
            "north/a.txt",
            "summary",
            Code::Text("=HYPERLINK(\"x\")".into()),
        ),
        set("north/b.txt", "frame", Code::Choice("environmental".into())),
        set("north/b.txt", "norvik_present", Code::Choice("no".into())),
    ] {
        apply(&mut p, e).expect("code");
    }
    (corpus, p)
}

#[test]
fn one_row_per_document_with_a_codebook_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = setup(dir.path());
    let (files, report) = render_files(
        ExportFormat::DocumentsCsv,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    let get = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .expect(name)
    };
    let data = get("documents.csv");
    let mut reader = csv::Reader::from_reader(data.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        &header[..17],
        [
            "path",
            "title",
            "outlet",
            "date",
            "status",
            "annotator",
            "frame",
            "genre",
            "norvik_present",
            "tone_norvik",
            "actors__company",
            "actors__government",
            "actors__scientists",
            "actors__residents",
            "actors__activists",
            "sources",
            "summary"
        ]
    );
    assert!(
        header.contains(&"mentions_PER".to_owned())
            && header.contains(&"stances_support".to_owned())
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    let col = |row: &csv::StringRecord, name: &str| {
        row[header.iter().position(|h| h == name).expect(name)].to_owned()
    };
    let a = &rows[0];
    assert_eq!(col(a, "path"), "north/a.txt");
    assert_eq!(col(a, "date"), "2026-03-16");
    assert_eq!(col(a, "outlet"), "north");
    assert_eq!(col(a, "frame"), "legal");
    assert_eq!(col(a, "genre"), "", "not coded");
    assert_eq!(col(a, "tone_norvik"), "2");
    assert_eq!(
        (
            col(a, "actors__company"),
            col(a, "actors__government"),
            col(a, "actors__scientists")
        ),
        ("1".into(), "0".into(), "1".into())
    );
    assert_eq!(col(a, "sources"), "2");
    assert_eq!(
        col(a, "summary"),
        "'=HYPERLINK(\"x\")",
        "a formula is neutralised"
    );
    assert_eq!(col(a, "mentions_PER"), "1");
    let b = &rows[1];
    assert_eq!(
        col(b, "tone_norvik"),
        "",
        "does not apply: Norvik is absent"
    );
    assert_eq!(col(b, "actors__company"), "", "not coded");
    // The codebook file explains every column.
    let codebook = get("codebook.csv");
    for line in [
        "tone_norvik,tone_norvik,ordinal,2,negative",
        "actors,actors__scientists,multiple (0/1),scientists,scientists",
        "sources,sources,number,,0 to 50",
    ] {
        assert!(codebook.lines().any(|l| l == line), "{line} in\n{codebook}");
    }
    // The mention itself is not carried, and says so.
    assert!(
        report
            .left_out
            .iter()
            .any(|l| l.contains("per-document codes and counts only")),
        "{:?}",
        report.left_out
    );
}

#[test]
fn the_jsonl_twin_and_what_other_formats_leave_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = setup(dir.path());
    let (files, _) = render_files(
        ExportFormat::DocumentsJsonl,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    let lines: Vec<serde_json::Value> = files[0]
        .1
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(
        lines[0]["codes"]["actors"],
        serde_json::json!(["company", "scientists"])
    );
    assert_eq!(lines[0]["codes"]["tone_norvik"], 2);
    assert_eq!(lines[0]["codes"]["sources"], 2.0);
    assert_eq!(lines[0]["mentions"]["PER"], 1);
    assert!(
        lines[1]["codes"].get("tone_norvik").is_none(),
        "does not apply"
    );
    let (_, report) = render_files(
        ExportFormat::Spacy,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    );
    assert!(
        report.left_out.iter().any(|l| l == "north/a.txt: codebook value frame = \"legal\": spacy holds no codebook values (documents-csv does)"),
        "{:?}",
        report.left_out
    );
}

/// pandas reads the CSV with its defaults (run where pandas is installed;
/// elsewhere the test says so and stops).
#[test]
fn pandas_reads_it_with_its_defaults() {
    let has_pandas = std::process::Command::new("python3")
        .args(["-c", "import pandas"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pandas {
        eprintln!("pandas is not installed here: skipped (pip install pandas to run it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, p) = setup(dir.path());
    let out = dir.path().join("documents");
    stancemark::io::export::export(
        ExportFormat::DocumentsCsv,
        &p,
        &corpus.documents,
        ExportOptions::default(),
        &out,
        false,
        &(),
    )
    .expect("export");
    let script = "import pandas, sys\n\
        d = pandas.read_csv(sys.argv[1] + '/documents.csv')\n\
        c = pandas.read_csv(sys.argv[1] + '/codebook.csv')\n\
        print(d.shape[0], d.shape[1], d.loc[0, 'frame'], int(d.loc[0, 'actors__company']), int(d.loc[0, 'sources']), d.loc[0, 'summary'], c.shape[0])";
    let run = std::process::Command::new("python3")
        .args(["-c", script, out.to_str().expect("utf-8")])
        .output()
        .expect("python runs");
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let header_len = render_files(
        ExportFormat::DocumentsCsv,
        &p,
        &corpus.documents,
        ExportOptions::default(),
    )
    .0
    .iter()
    .find(|(n, _)| n == "documents.csv")
    .and_then(|(_, t)| t.lines().next().map(|l| l.split(',').count()))
    .expect("header");
    assert_eq!(
        text.trim(),
        format!("2 {header_len} legal 1 2 '=HYPERLINK(\"x\") 21"),
        "rows, columns, values as written"
    );
}
