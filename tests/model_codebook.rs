//! The document codebook (issue 19): each kind of variable takes only its
//! values, conditions hide and show, required variables are listed, every
//! change is an edit with an exact inverse, codes are saved and loaded, and
//! agreement per variable comes out of the same report as every other
//! figure.

use std::collections::{BTreeMap, BTreeSet};

use stancemark::model::codebook::{Code, Num, applies, example_codebook, missing_required};
use stancemark::model::{Document, Edit, Project, Schema, apply};
use stancemark::review::agreement::{ReviewSave, agreement};

fn project(docs: &[Document]) -> Project {
    let mut schema = Schema::builtin();
    schema.variables = example_codebook();
    let mut p = Project::new("ana", schema);
    p.attach(docs);
    p
}

fn docs() -> Vec<Document> {
    vec![
        Document::new("a.txt", "Norvik denied it 🐟.", "UTF-8"),
        Document::new("b.txt", "佐藤美咲 spoke.", "UTF-8"),
        Document::new("c.txt", "The river turned white.", "UTF-8"),
    ]
}

fn set(doc: &str, variable: &str, value: Option<Code>) -> Edit {
    Edit::SetCode {
        doc: doc.into(),
        variable: variable.into(),
        value,
    }
}

fn choices(names: &[&str]) -> Code {
    Code::Choices(
        names
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>(),
    )
}

#[test]
fn each_kind_takes_only_its_values() {
    let d = docs();
    // (variable, value, accepted)
    let cases = [
        ("frame", Code::Choice("legal".into()), true),
        ("frame", Code::Choice("sports".into()), false),
        ("frame", Code::Scale(1), false),
        ("actors", choices(&["company", "residents"]), true),
        ("actors", choices(&[]), true),
        ("actors", choices(&["aliens"]), false),
        ("tone_norvik", Code::Scale(5), true),
        ("tone_norvik", Code::Scale(0), false),
        ("tone_norvik", Code::Scale(6), false),
        ("sources", Code::Number(Num(3.0)), true),
        ("sources", Code::Number(Num(51.0)), false),
        ("sources", Code::Number(Num(-1.0)), false),
        ("sources", Code::Number(Num(f64::NAN)), false),
        (
            "summary",
            Code::Text("Norvik denied, 佐藤 disagreed ✔".into()),
            true,
        ),
        ("summary", Code::Text("x".repeat(2001)), false),
        ("nonexistent", Code::Text("x".into()), false),
    ];
    for (variable, value, ok) in cases {
        let mut p = project(&d);
        let before = p.clone();
        let result = apply(&mut p, set("a.txt", variable, Some(value.clone())));
        assert_eq!(result.is_ok(), ok, "{variable} = {value:?}: {result:?}");
        match result {
            Ok(inverse) => {
                assert_eq!(p.documents["a.txt"].codes.get(variable), Some(&value));
                apply(&mut p, inverse).expect("inverse");
                assert_eq!(p, before, "{variable}: the inverse is exact");
            }
            Err(_) => assert_eq!(p, before, "{variable}: a refused edit changes nothing"),
        }
    }
}

#[test]
fn changing_and_clearing_undo_exactly() {
    let d = docs();
    let mut p = project(&d);
    let start = p.clone();
    let mut undo = Vec::new();
    for e in [
        set("a.txt", "frame", Some(Code::Choice("legal".into()))),
        set("a.txt", "frame", Some(Code::Choice("economic".into()))),
        set("a.txt", "frame", None),
        set("b.txt", "sources", Some(Code::Number(Num(2.0)))),
    ] {
        undo.push(apply(&mut p, e).expect("applies"));
    }
    assert_eq!(p.documents["a.txt"].codes.get("frame"), None);
    for u in undo.into_iter().rev() {
        apply(&mut p, u).expect("undo");
    }
    assert_eq!(p, start);
}

#[test]
fn conditions_and_required_variables() {
    let mut vars = example_codebook();
    for v in &mut vars {
        v.required = v.name == "frame" || v.name == "genre" || v.name == "tone_norvik";
    }
    let tone = vars.iter().find(|v| v.name == "tone_norvik").expect("tone");
    let mut codes = BTreeMap::new();
    assert!(
        !applies(&vars, &codes, tone),
        "hidden until Norvik is present"
    );
    codes.insert("norvik_present".to_owned(), Code::Choice("no".into()));
    assert!(!applies(&vars, &codes, tone));
    assert_eq!(
        missing_required(&vars, &codes),
        ["frame", "genre"],
        "the tone does not apply"
    );
    codes.insert("norvik_present".to_owned(), Code::Choice("yes".into()));
    assert!(applies(&vars, &codes, tone));
    assert_eq!(
        missing_required(&vars, &codes),
        ["frame", "genre", "tone_norvik"]
    );
    codes.insert("tone_norvik".to_owned(), Code::Scale(3));
    codes.insert("frame".to_owned(), Code::Choice("legal".into()));
    codes.insert("genre".to_owned(), Code::Choice("news".into()));
    assert!(missing_required(&vars, &codes).is_empty());
    // A cycle of conditions hides its variables instead of looping.
    let mut cyclic = vars.clone();
    for v in &mut cyclic {
        if v.name == "norvik_present" {
            v.condition = Some(stancemark::model::codebook::Condition {
                variable: "tone_norvik".into(),
                value: "3".into(),
            });
        }
    }
    let tone = cyclic
        .iter()
        .find(|v| v.name == "tone_norvik")
        .expect("tone");
    assert!(!applies(&cyclic, &BTreeMap::new(), tone));
}

#[test]
fn codes_are_saved_and_loaded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    for d in docs() {
        std::fs::write(corpus.join(&d.path), &d.text).expect("write");
    }
    let loaded = stancemark::io::load_corpus(&corpus, u64::MAX, &()).expect("corpus");
    let mut p = project(&loaded.documents);
    for e in [
        set("a.txt", "frame", Some(Code::Choice("legal".into()))),
        set("a.txt", "actors", Some(choices(&["company", "government"]))),
        set("a.txt", "norvik_present", Some(Code::Choice("yes".into()))),
        set("a.txt", "tone_norvik", Some(Code::Scale(2))),
        set("a.txt", "sources", Some(Code::Number(Num(3.0)))),
        set(
            "b.txt",
            "summary",
            Some(Code::Text("佐藤美咲 spoke \"twice\"\n🐟".into())),
        ),
    ] {
        apply(&mut p, e).expect("applies");
    }
    let file = dir.path().join("p.ron");
    stancemark::io::save_project(&file, &p, &corpus).expect("save");
    let back = stancemark::io::load_project(&file).expect("load").project;
    assert_eq!(back, p);
}

#[test]
fn agreement_per_variable_with_its_metric() {
    let d = docs();
    let coded = |who: &str, rows: &[(&str, &str, Code)]| {
        let mut p = project(&d);
        p.annotator = who.into();
        for (doc, var, value) in rows {
            apply(&mut p, set(doc, var, Some(value.clone()))).expect("code");
        }
        ReviewSave {
            name: who.into(),
            project: p,
        }
    };
    let c = |s: &str| Code::Choice(s.into());
    let saves = [
        coded(
            "ana",
            &[
                ("a.txt", "frame", c("legal")),
                ("b.txt", "frame", c("economic")),
                ("c.txt", "frame", c("political")),
                ("a.txt", "actors", choices(&["company"])),
                ("b.txt", "actors", choices(&["residents", "company"])),
                ("a.txt", "sources", Code::Number(Num(2.0))),
                ("b.txt", "sources", Code::Number(Num(4.0))),
                ("a.txt", "summary", Code::Text("denial".into())),
            ],
        ),
        coded(
            "ben",
            &[
                ("a.txt", "frame", c("legal")),
                ("b.txt", "frame", c("economic")),
                ("c.txt", "frame", c("legal")),
                ("a.txt", "actors", choices(&["company"])),
                ("b.txt", "actors", choices(&["residents"])),
                ("a.txt", "sources", Code::Number(Num(2.0))),
                ("b.txt", "sources", Code::Number(Num(5.0))),
                ("a.txt", "summary", Code::Text("denial".into())),
            ],
        ),
    ];
    let report = agreement(&saves, &d);
    let by: BTreeMap<&str, _> = report
        .codebook
        .iter()
        .map(|v| (v.variable.as_str(), v))
        .collect();
    let frame = by["frame"];
    assert_eq!((frame.metric, frame.documents), ("nominal", 3));
    // 2 of 3 equal; alpha as for the same reliability data written out.
    let hand = stancemark::review::coefficients::krippendorff_alpha(
        &[
            vec![Some("l"), Some("e"), Some("p")],
            vec![Some("l"), Some("e"), Some("l")],
        ],
        stancemark::review::coefficients::Metric::Nominal,
        &|_| 0.0,
    );
    assert_eq!(frame.alpha.value, hand);
    assert!((frame.percent.value.expect("percent") - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(by["actors"].metric, "MASI");
    assert!(by["actors"].alpha_jaccard.is_some());
    assert_eq!(
        (by["sources"].metric, by["sources"].documents),
        ("interval", 2)
    );
    assert_eq!(by["summary"].metric, "none");
    assert_eq!(by["summary"].alpha.value, None);
    assert_eq!(by["summary"].percent.value, Some(1.0));
    assert_eq!(by["tone_norvik"].documents, 0, "nobody coded it");
    assert_eq!(by["tone_norvik"].alpha.value, None);
}

#[test]
fn the_sample_corpus_ships_the_example_codebook() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus/codebook.ron");
    let text = std::fs::read_to_string(path).expect("codebook.ron");
    let variables: Vec<stancemark::model::codebook::Variable> =
        ron::from_str(&text).expect("parses");
    assert_eq!(variables, example_codebook());
}

#[test]
fn merge_keeps_agreed_or_majority_codes() {
    use stancemark::review::merge::{Strategy, merge};
    let d = docs();
    let coded = |who: &str, frame: Option<&str>| {
        let mut p = project(&d);
        p.annotator = who.into();
        if let Some(f) = frame {
            apply(&mut p, set("a.txt", "frame", Some(Code::Choice(f.into())))).expect("code");
        }
        // Every coder worked on the document (a document someone has not
        // started is left out of the comparison altogether).
        apply(
            &mut p,
            stancemark::model::Edit::SetStatus {
                doc: "a.txt".into(),
                status: stancemark::model::DocStatus::Done,
            },
        )
        .expect("done");
        ReviewSave {
            name: who.into(),
            project: p,
        }
    };
    let three = [
        coded("ana", Some("legal")),
        coded("ben", Some("legal")),
        coded("cleo", Some("economic")),
    ];
    let (gold, report) = merge(&three, &d, Strategy::Majority, "lead");
    assert_eq!(
        gold.documents["a.txt"].codes.get("frame"),
        Some(&Code::Choice("legal".into()))
    );
    assert_eq!((report.codes, report.codes_dropped), (1, 0));
    let (gold, report) = merge(&three, &d, Strategy::Agreed, "lead");
    assert_eq!(gold.documents["a.txt"].codes.get("frame"), None);
    assert_eq!((report.codes, report.codes_dropped), (0, 1));
    // One who did not code it counts against it.
    let two_of_three = [
        coded("ana", Some("legal")),
        coded("ben", None),
        coded("cleo", None),
    ];
    let (gold, _) = merge(&two_of_three, &d, Strategy::Majority, "lead");
    assert_eq!(gold.documents["a.txt"].codes.get("frame"), None);
}

#[test]
fn drafts_give_back_the_variable_or_say_what_is_wrong() {
    use stancemark::model::codebook::VariableDraft;
    for v in example_codebook() {
        assert_eq!(
            VariableDraft::of(&v).variable(),
            Ok(v.clone()),
            "{}",
            v.name
        );
    }
    let draft = |kind: &str, values: &str, condition: &str| VariableDraft {
        name: "urgency".into(),
        kind: kind.into(),
        values: values.into(),
        condition: condition.into(),
        ..VariableDraft::default()
    };
    // (draft, error)
    let cases = [
        (
            draft("single", "", ""),
            "urgency: list its values, separated by commas",
        ),
        (
            draft("single", "a, a", ""),
            "urgency: a value is listed twice",
        ),
        (
            draft("scale", "only one", ""),
            "urgency: a scale needs at least two labelled points",
        ),
        (
            draft("number", "x..3", ""),
            "urgency: \"x\" is not a number",
        ),
        (
            draft("number", "5..3", ""),
            "urgency: the smallest value is above the largest",
        ),
        (
            draft("colour", "", ""),
            "urgency: kind \"colour\" is not single, multiple, scale, number or text",
        ),
        (
            draft("text", "", "frame"),
            "urgency: a condition reads VARIABLE=VALUE",
        ),
        (VariableDraft::default(), "a variable needs a name"),
    ];
    for (d, why) in cases {
        assert_eq!(d.variable(), Err(why.to_owned()));
    }
    let open = draft("number", "..10", "");
    let v = open.variable().expect("number");
    assert_eq!(
        v.kind,
        stancemark::model::codebook::VariableKind::Number {
            min: None,
            max: Some(Num(10.0))
        }
    );
}

#[test]
fn replacing_the_schema_undoes_exactly_and_keeps_codes_safe() {
    let d = docs();
    let mut p = project(&d);
    apply(
        &mut p,
        set("a.txt", "frame", Some(Code::Choice("legal".into()))),
    )
    .expect("code");
    let before = p.clone();
    // A schema without the coded variable is refused, and changes nothing.
    let mut without = p.schema.clone();
    without.variables.retain(|v| v.name != "frame");
    let refused = apply(
        &mut p,
        Edit::ReplaceSchema {
            schema: Box::new(without),
        },
    );
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.to_string().contains("codebook variable frame")),
        "{refused:?}"
    );
    assert_eq!(p, before);
    // One that keeps it applies, and its inverse is exact.
    let mut more = p.schema.clone();
    more.variables.push(stancemark::model::codebook::Variable {
        name: "urgency".into(),
        description: String::new(),
        kind: stancemark::model::codebook::VariableKind::Text,
        condition: None,
        required: false,
    });
    let undo = apply(
        &mut p,
        Edit::ReplaceSchema {
            schema: Box::new(more),
        },
    )
    .expect("applies");
    apply(&mut p, undo).expect("undo");
    assert_eq!(p, before);
}
