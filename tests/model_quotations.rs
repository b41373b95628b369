//! Quotations (issue 16): the edits and their inverses, a quoted mention
//! that cannot be deleted, re-anchoring (a quotation that loses a span or
//! its speaker becomes an orphan and comes back), the project file, and the
//! speaker and cue suggestions on sentences written for the test.

use stancemark::io::save_format::SaveFile;
use stancemark::model::attribution::{suggest_cue, suggest_speaker};
use stancemark::model::orphans::place_orphan;
use stancemark::model::reanchor::reanchor_document;
use stancemark::model::schema::default_cues;
use stancemark::model::stance::Evidence;
use stancemark::model::{
    CharSpan, Document, Edit, Entity, EntityId, Mention, MentionId, OrphanKind, Project, Quotation,
    QuotationId, QuoteKind, Schema, apply,
};

fn span_of(text: &str, word: &str) -> CharSpan {
    let b = text
        .find(word)
        .unwrap_or_else(|| panic!("{word:?} in {text:?}"));
    let start = text[..b].chars().count();
    CharSpan::new(start, start + word.chars().count())
}

/// A document of `text` with mentions (word, type), ids from 1.
fn setup(text: &str, mentions: &[(&str, &str)]) -> (Document, Project) {
    let doc = Document::new("a.txt", text, "UTF-8");
    let mut project = Project::new("ana", Schema::builtin());
    project.attach(std::slice::from_ref(&doc));
    for (i, (word, label)) in mentions.iter().enumerate() {
        let mention = Mention::new(&doc, MentionId(i as u64 + 1), span_of(text, word), *label);
        apply(
            &mut project,
            Edit::AddMention {
                doc: "a.txt".into(),
                mention,
            },
        )
        .expect("mention");
    }
    (doc, project)
}

const SPLIT: &str = "Briefing.\n“We will not pay,” Aasheim said, “and we will not apologise.” The mayor 🐟 disagreed.\n";

fn split_quotation(doc: &Document) -> Quotation {
    let mut q = Quotation::new(
        QuotationId(1),
        Some(MentionId(1)),
        vec![
            Evidence::new(doc, span_of(SPLIT, "and we will not apologise.")),
            Evidence::new(doc, span_of(SPLIT, "We will not pay,")),
        ],
        QuoteKind::Direct,
    );
    q.cue = Some(Evidence::new(doc, span_of(SPLIT, "said")));
    q.note = "second half after “he added” 北".into();
    q
}

#[test]
fn quotation_edits_undo_exactly_and_keep_contents_in_order() {
    let (doc, mut project) = setup(SPLIT, &[("Aasheim", "PER"), ("mayor", "PER")]);
    let start = project.clone();
    let undo = apply(
        &mut project,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: split_quotation(&doc),
        },
    )
    .expect("add");
    let q = &project.documents["a.txt"].quotations[0];
    assert_eq!(
        q.contents[0].quote.exact, "We will not pay,",
        "reading order"
    );
    assert_eq!(q.words(), 9);
    let added = project.clone();
    let mut changed = q.clone();
    changed.kind = QuoteKind::Mixed;
    changed.speaker = None;
    changed.sources = vec![MentionId(2)];
    let undo_update = apply(
        &mut project,
        Edit::UpdateQuotation {
            doc: "a.txt".into(),
            quotation: changed,
        },
    )
    .expect("update");
    apply(&mut project, undo_update).expect("undo update");
    assert_eq!(project, added);
    apply(&mut project, undo).expect("undo add");
    assert_eq!(project, start);
}

#[test]
fn bad_quotations_are_refused_and_a_quoted_mention_stays() {
    let (doc, mut project) = setup(SPLIT, &[("Aasheim", "PER")]);
    let before = project.clone();
    let mut empty = split_quotation(&doc);
    empty.contents.clear();
    let mut missing = split_quotation(&doc);
    missing.speaker = Some(MentionId(9));
    for (quotation, words) in [
        (empty, "needs the quoted words"),
        (missing, "no mention m9"),
    ] {
        let why = apply(
            &mut project,
            Edit::AddQuotation {
                doc: "a.txt".into(),
                quotation,
            },
        )
        .expect_err("refused")
        .to_string();
        assert!(why.contains(words), "{why}");
        assert_eq!(project, before);
    }
    apply(
        &mut project,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: split_quotation(&doc),
        },
    )
    .expect("add");
    let why = apply(
        &mut project,
        Edit::RemoveMention {
            doc: "a.txt".into(),
            id: MentionId(1),
        },
    )
    .expect_err("quoted")
    .to_string();
    assert!(
        why.contains("speaker or a source of 1 quotation(s)"),
        "{why}"
    );
}

#[test]
fn a_quotation_that_loses_a_span_is_an_orphan_until_placed_again() {
    let (_, mut project) = setup(SPLIT, &[("Aasheim", "PER")]);
    let doc = Document::new("a.txt", SPLIT, "UTF-8");
    apply(
        &mut project,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: split_quotation(&doc),
        },
    )
    .expect("add");
    // Text before it moves it; the second half is reworded.
    let new_text = format!(
        "Update.\n{}",
        SPLIT.replace("and we will not apologise.", "and nobody will apologise.")
    );
    let new_doc = Document::new("a.txt", new_text.as_str(), "UTF-8");
    let entry = std::sync::Arc::make_mut(project.documents.get_mut("a.txt").expect("doc"));
    reanchor_document(entry, &new_doc);
    assert!(entry.quotations.is_empty());
    let OrphanKind::Quotation(q) = &entry.orphans[0].kind else {
        panic!("{:?}", entry.orphans);
    };
    // Its cue and first content moved with the text; the lost one is kept.
    assert!(q.cue.as_ref().is_some_and(|c| c.matches(&new_doc)));
    assert_eq!(q.contents.iter().filter(|c| c.matches(&new_doc)).count(), 1);
    assert!(
        entry.orphans[0]
            .reason
            .contains("and we will not apologise.")
    );
    let before = project.clone();
    let edit = place_orphan(
        &project,
        &new_doc,
        0,
        span_of(&new_text, "and nobody will apologise."),
    )
    .expect("placed");
    let undo = apply(&mut project, edit).expect("applies");
    let entry = &project.documents["a.txt"];
    assert!(entry.orphans.is_empty());
    let q = &entry.quotations[0];
    assert_eq!(q.speaker, Some(MentionId(1)));
    assert_eq!(q.contents[1].quote.exact, "and nobody will apologise.");
    assert_eq!(q.note, "second half after “he added” 北");
    apply(&mut project, undo).expect("undo");
    assert_eq!(project, before);
}

#[test]
fn quotations_survive_the_project_file() {
    let (doc, mut project) = setup(SPLIT, &[("Aasheim", "PER"), ("mayor", "PER")]);
    let mut q = split_quotation(&doc);
    q.sources = vec![MentionId(2)];
    q.kind = QuoteKind::Mixed;
    apply(
        &mut project,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: q,
        },
    )
    .expect("add");
    let file = SaveFile::from_project(&project, "corpus".into());
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).expect("ron");
    let back: SaveFile = ron::from_str(&text).expect("parse");
    assert!(back.problems().is_empty(), "{:?}", back.problems().kept());
    assert_eq!(back.into_project(), project);
    let mut broken = SaveFile::from_project(&project, "corpus".into());
    broken.documents[0].quotations[0].speaker = Some(7);
    assert!(
        broken
            .problems()
            .kept()
            .iter()
            .any(|p| p.contains("quotation 1: mention 7 does not exist"))
    );
}

/// (text, mentions, content(s), expected speaker text, expected cue)
type Case<'a> = (
    &'a str,
    &'a [(&'a str, &'a str)],
    &'a [&'a str],
    Option<&'a str>,
    Option<&'a str>,
);

#[test]
fn speaker_and_cue_suggestions() {
    let cases: [Case<'_>; 9] = [
        // The name before the quote.
        (
            "Minister Kovač told reporters: “The bridge will open in May.”",
            &[("Kovač", "PER")],
            &["The bridge will open in May."],
            Some("Kovač"),
            Some("told"),
        ),
        // The name after the quote.
        (
            "“We saw nothing unusual,” Álvarez said on Monday.",
            &[("Álvarez", "PER")],
            &["We saw nothing unusual,"],
            Some("Álvarez"),
            Some("said"),
        ),
        // The nearer of two; a place is no speaker.
        (
            "In Lyon, Dr Sato met Mayor Dupont, who said “the water is safe”.",
            &[("Lyon", "GPE"), ("Sato", "PER"), ("Dupont", "PER")],
            &["the water is safe"],
            Some("Dupont"),
            Some("said"),
        ),
        // A pronoun mention speaks, for its antecedent.
        (
            "Vladimir Orlov arrived late. He told Mir TV that trust had worsened.",
            &[("Vladimir Orlov", "PER"), ("He", "PER")],
            &["trust had worsened"],
            Some("He"),
            Some("told"),
        ),
        // An unmarked pronoun: the antecedent is suggested.
        (
            "Vladimir Orlov arrived late. He told Mir TV that trust had worsened.",
            &[("Vladimir Orlov", "PER")],
            &["trust had worsened"],
            Some("Vladimir Orlov"),
            Some("told"),
        ),
        // "she" after a person who chairs an organisation: the person,
        // never the nearer organisation.
        (
            "Zoë Ferreira-Lund, who chairs the Old Quay Traders’ Guild, opened the meeting. “Nobody asked us,” she said.",
            &[
                ("Zoë Ferreira-Lund", "PER"),
                ("Old Quay Traders’ Guild", "ORG"),
            ],
            &["Nobody asked us,"],
            Some("Zoë Ferreira-Lund"),
            Some("said"),
        ),
        // The subject of the cue verb, not the nearer mention inside a
        // relative clause.
        (
            "Zoë Ferreira-Lund, who chairs the Old Quay Traders’ Guild, said the closure would ruin them.",
            &[
                ("Zoë Ferreira-Lund", "PER"),
                ("Old Quay Traders’ Guild", "ORG"),
            ],
            &["the closure would ruin them"],
            Some("Zoë Ferreira-Lund"),
            Some("said"),
        ),
        // "according to", an organisation as source.
        (
            "The plant is safe, according to Norvik Chemicals.",
            &[("Norvik Chemicals", "ORG")],
            &["The plant is safe"],
            Some("Norvik Chemicals"),
            Some("according to"),
        ),
        // A split quote: speaker and cue between the halves.
        (
            SPLIT,
            &[("Aasheim", "PER"), ("mayor", "PER")],
            &["We will not pay,", "and we will not apologise."],
            Some("Aasheim"),
            Some("said"),
        ),
    ];
    for (text, mentions, contents, speaker, cue) in cases {
        let (doc, mut project) = setup(text, mentions);
        // The pronoun cases link the antecedent to an entity.
        let entity = Entity::new(EntityId(1), "Vladimir Orlov", "PER");
        apply(&mut project, Edit::AddEntity { entity }).expect("entity");
        if let Some(m) = project.documents["a.txt"]
            .mentions
            .iter()
            .find(|m| m.quote.exact == "Vladimir Orlov")
            .map(|m| m.id)
        {
            apply(
                &mut project,
                Edit::LinkMention {
                    doc: "a.txt".into(),
                    id: m,
                    entity: Some(EntityId(1)),
                },
            )
            .expect("link");
        }
        let spans: Vec<CharSpan> = contents.iter().map(|c| span_of(text, c)).collect();
        let entry = &project.documents["a.txt"];
        let got = suggest_speaker(&doc, entry, &spans);
        let got_text = got
            .and_then(|s| entry.mention(s.mention))
            .map(|m| m.quote.exact.as_str());
        assert_eq!(got_text, speaker, "speaker in {text:?}");
        if speaker == Some("He") {
            let s = got.expect("suggestion");
            assert_eq!(s.entity, Some(EntityId(1)), "the antecedent's entity");
            assert!(s.antecedent.is_some());
        }
        let found = suggest_cue(&doc, &spans, &default_cues());
        assert_eq!(found.and_then(|c| doc.slice(c)), cue, "cue in {text:?}");
    }
}

#[test]
fn exports_list_the_quotations_they_do_not_carry_and_merge_carries_them() {
    use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
    use stancemark::review::agreement::ReviewSave;
    use stancemark::review::merge::{Strategy, merge};
    let (doc, mut project) = setup(SPLIT, &[("Aasheim", "PER")]);
    apply(
        &mut project,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: split_quotation(&doc),
        },
    )
    .expect("add");
    for format in [
        ExportFormat::Spacy,
        ExportFormat::Doccano,
        ExportFormat::Conll,
    ] {
        let (_, report) = render_files(
            format,
            &project,
            std::slice::from_ref(&doc),
            ExportOptions::default(),
        );
        assert!(
            report.left_out.iter().any(|l| l
                .starts_with("a.txt: quotation q1 (\"Aasheim\": \"We will not pay,\"): ")
                && l.ends_with("holds no quotations")),
            "{}: {:?}",
            format.name(),
            report.left_out
        );
    }
    // Merge carries a quotation both annotators have, with its speaker and
    // the stance resting on it, and leaves out one only ana has (agreed),
    // counting it.
    let mut stance = stancemark::model::Stance::new(
        stancemark::model::StanceId(1),
        stancemark::model::Holder::Author,
        stancemark::model::Target::Topic("pay".into()),
        "oppose",
        split_quotation(&doc).contents,
    );
    stance.quotation = Some(QuotationId(1));
    apply(
        &mut project,
        Edit::AddStance {
            doc: "a.txt".into(),
            stance,
        },
    )
    .expect("stance");
    let mut ben = project.clone();
    let mut ana = project;
    let mut only_ana = Quotation::new(
        QuotationId(2),
        None,
        vec![Evidence::new(&doc, span_of(SPLIT, "The mayor"))],
        QuoteKind::Indirect,
    );
    only_ana.note = "ana's".into();
    apply(
        &mut ana,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: only_ana,
        },
    )
    .expect("add");
    ben.annotator = "ben".into();
    let saves = [
        ReviewSave {
            name: "ana".into(),
            project: ana,
        },
        ReviewSave {
            name: "ben".into(),
            project: ben,
        },
    ];
    let (gold, report) = merge(&saves, std::slice::from_ref(&doc), Strategy::Agreed, "lead");
    assert_eq!((report.quotations, report.quotations_dropped), (1, 1));
    let entry = &gold.documents["a.txt"];
    let q = &entry.quotations[0];
    assert_eq!(
        q.speaker
            .and_then(|m| entry.mention(m))
            .map(|m| m.quote.exact.as_str()),
        Some("Aasheim")
    );
    assert_eq!(q.contents.len(), 2);
    assert_eq!(q.cue.as_ref().map(|c| c.quote.exact.as_str()), Some("said"));
    assert_eq!(entry.stances[0].quotation, Some(q.id));
    assert_eq!(
        q.provenance.as_ref().map(|p| p.annotators.clone()),
        Some(vec!["ana".to_owned(), "ben".to_owned()])
    );
    let (_, report) = merge(
        &saves,
        std::slice::from_ref(&doc),
        Strategy::Majority,
        "lead",
    );
    assert_eq!(report.quotations, 1, "1 of 2 is no majority");
    let (gold, report) = merge(
        &saves[..1],
        std::slice::from_ref(&doc),
        Strategy::Agreed,
        "lead",
    );
    assert_eq!(report.quotations, 2);
    assert_eq!(gold.quotation_count(), 2);
}

#[test]
fn a_stance_resting_on_a_quotation_keeps_it_and_says_so_where_it_goes() {
    use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
    use stancemark::model::check::check_project;
    use stancemark::model::{Holder, Stance, StanceId, Target};
    let (doc, mut project) = setup(SPLIT, &[("Aasheim", "PER")]);
    let q = split_quotation(&doc);
    let mut stance = Stance::new(
        StanceId(1),
        Holder::Author,
        Target::Topic("pay".into()),
        "support",
        q.contents.clone(),
    );
    stance.quotation = Some(q.id);
    apply(
        &mut project,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: q,
        },
    )
    .expect("add quotation");
    apply(
        &mut project,
        Edit::AddStance {
            doc: "a.txt".into(),
            stance,
        },
    )
    .expect("add stance");
    let refused = apply(
        &mut project,
        Edit::RemoveQuotation {
            doc: "a.txt".into(),
            id: QuotationId(1),
        },
    )
    .expect_err("a stance rests on it");
    assert!(
        refused.to_string().contains("evidence of 1 stance"),
        "{refused}"
    );
    assert!(check_project(&project, std::slice::from_ref(&doc)).is_empty());

    // The project file keeps the link.
    let file = SaveFile::from_project(&project, "corpus".into());
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).expect("ron");
    assert!(text.contains("quotation: Some(1)"), "{text}");
    let back: SaveFile = ron::from_str(&text).expect("parse");
    assert_eq!(
        back.into_project().documents["a.txt"].stances[0].quotation,
        Some(QuotationId(1))
    );

    // Exports list the link they cannot bring back; stances-jsonl writes the id.
    let (files, report) = render_files(
        ExportFormat::StancesJsonl,
        &project,
        std::slice::from_ref(&doc),
        ExportOptions::default(),
    );
    assert!(
        report
            .left_out
            .iter()
            .any(|l| l.contains("link of stance s1") && l.contains("to quotation q1")),
        "{:?}",
        report.left_out
    );
    assert!(files[0].1.contains("\"quotation\":1"), "{}", files[0].1);

    // The quotations JSONL holds the speaker, cue, contents and kind.
    let (files, report) = render_files(
        ExportFormat::QuotationsJsonl,
        &project,
        std::slice::from_ref(&doc),
        ExportOptions::default(),
    );
    assert_eq!(report.quotations, 1);
    let row: serde_json::Value = serde_json::from_str(files[0].1.trim()).expect("json");
    assert_eq!(row["speaker"]["text"], "Aasheim");
    assert_eq!(row["speaker"]["type"], "PER");
    assert_eq!(row["cue"]["text"], "said");
    assert_eq!(row["contents"][0]["text"], "We will not pay,");
    assert_eq!(row["contents"][1]["text"], "and we will not apologise.");
    assert_eq!(row["kind"], "direct");
    assert_eq!(row["words"], 9);
    let start = row["contents"][0]["start"].as_u64().expect("start") as usize;
    assert_eq!(start, span_of(SPLIT, "We will not pay,").start);
}

#[test]
fn a_quote_is_its_words_inside_the_marks() {
    use stancemark::model::quote_marks::quoted_words;
    // (text, selected, expected words, marked)
    let cases: [(&str, &str, &str, bool); 9] = [
        (
            "he told them: “Every permit is under review.” Then",
            "permit is under review.”",
            "permit is under review.",
            true,
        ),
        (
            "“Nobody touches it,” she said.",
            "“Nobody touches it,",
            "Nobody touches it,",
            true,
        ),
        (
            "“Our tanks are intact,” Mr Aasheim said.",
            "“Our tanks are intact,” Mr",
            "Our tanks are intact,",
            true,
        ),
        (
            "He said „wir zahlen nicht“ gestern.",
            "„wir zahlen nicht“",
            "wir zahlen nicht",
            true,
        ),
        ("« Non », a-t-il dit.", "« Non »", "Non", true),
        (
            "“We will not pay,” he said.",
            "We will not pay,",
            "We will not pay,",
            true,
        ),
        (
            "Norvik’s chief said it was not to blame.",
            " it was not to blame",
            "it was not to blame",
            false,
        ),
        (
            "‘Norvik’s pipe’ 🐟 leaks.",
            "‘Norvik’s pipe’ 🐟",
            "Norvik’s pipe",
            true,
        ),
        (
            "She said 「東京は安全だ」と。",
            "「東京は安全だ」",
            "東京は安全だ",
            true,
        ),
    ];
    for (text, selected, words, marked) in cases {
        let doc = Document::new("a.txt", text, "UTF-8");
        let got = quoted_words(&doc, span_of(text, selected)).expect(text);
        assert_eq!(doc.slice(got.span), Some(words), "{text}");
        assert_eq!(got.marked, marked, "{text}");
    }
    let doc = Document::new("a.txt", "a   b", "UTF-8");
    assert_eq!(quoted_words(&doc, CharSpan::new(1, 4)), None, "blank");
}

#[test]
fn who_is_quoted_counts_by_speaker_and_outlet() {
    use stancemark::model::quoted::{Speaker, quoted_table, speaker_name};
    let text = "Ana Ruiz spoke. “Yes,” she said. Norvik said it would pay. “No way at all,” said Ana Ruiz.";
    let (doc, mut project) = setup(
        text,
        &[("Ana Ruiz", "PER"), ("she", "PER"), ("Norvik", "ORG")],
    );
    let ana = EntityId(1);
    apply(
        &mut project,
        Edit::AddEntity {
            entity: Entity::new(ana, "Ana Ruiz", "PER"),
        },
    )
    .expect("entity");
    apply(
        &mut project,
        Edit::LinkMention {
            doc: "a.txt".into(),
            id: MentionId(1),
            entity: Some(ana),
        },
    )
    .expect("link");
    let quotes: [(Option<u64>, &str, QuoteKind); 4] = [
        (Some(2), "Yes,", QuoteKind::Direct),
        (Some(3), "it would pay", QuoteKind::Indirect),
        (Some(1), "No way at all,", QuoteKind::Direct),
        (None, "spoke", QuoteKind::Indirect),
    ];
    for (i, (speaker, words, kind)) in quotes.into_iter().enumerate() {
        apply(
            &mut project,
            Edit::AddQuotation {
                doc: "a.txt".into(),
                quotation: Quotation::new(
                    QuotationId(i as u64 + 1),
                    speaker.map(MentionId),
                    vec![Evidence::new(&doc, span_of(text, words))],
                    kind,
                ),
            },
        )
        .expect("quotation");
    }
    let table = quoted_table(&project, |_| "Wire".to_owned());
    assert_eq!(table.outlets, ["Wire"]);
    // The pronoun counts as Ana Ruiz; the most quoted come first.
    assert_eq!(table.speakers[0], Speaker::Entity(ana));
    let ana_cell = table.cell(&Speaker::Entity(ana), "Wire");
    assert_eq!(
        (ana_cell.quotations, ana_cell.direct, ana_cell.words),
        (2, 2, 5)
    );
    assert!((ana_cell.direct_share() - 1.0).abs() < 1e-9);
    let norvik = table.cell(&Speaker::Unlinked("Norvik".into()), "Wire");
    assert_eq!((norvik.quotations, norvik.direct, norvik.words), (1, 0, 3));
    assert_eq!(table.cell(&Speaker::Unattributed, "Wire").quotations, 1);
    assert_eq!(speaker_name(&project, &Speaker::Entity(ana)), "Ana Ruiz");
    assert_eq!(table.speaker_total(&Speaker::Entity(ana)).refs.len(), 2);
    assert_eq!(table.cell(&Speaker::Entity(ana), "Other").quotations, 0);
}

#[test]
fn quotation_agreement_pairs_by_shared_words_then_compares_speaker_and_kind() {
    use stancemark::review::agreement::{ReviewSave, agreement};
    // Two quotes of Ana Ruiz's, one of the mayor's.
    let text = "“We will pay,” Ana Ruiz said. “Not a cent,” the mayor replied. She added: “Soon.”";
    let (doc, base) = setup(
        text,
        &[("Ana Ruiz", "PER"), ("the mayor", "PER"), ("She", "PER")],
    );
    let quote = |id: u64, speaker: Option<u64>, words: &str, kind: QuoteKind| Edit::AddQuotation {
        doc: "a.txt".into(),
        quotation: Quotation::new(
            QuotationId(id),
            speaker.map(MentionId),
            vec![Evidence::new(&doc, span_of(text, words))],
            kind,
        ),
    };
    let save = |name: &str, edits: Vec<Edit>| {
        let mut project = base.clone();
        for e in edits {
            apply(&mut project, e).expect("edit");
        }
        ReviewSave {
            name: name.into(),
            project,
        }
    };
    let saves = [
        save(
            "ana",
            vec![
                quote(1, Some(1), "We will pay,", QuoteKind::Direct),
                quote(2, Some(2), "Not a cent,", QuoteKind::Direct),
                quote(3, Some(3), "Soon.", QuoteKind::Direct),
            ],
        ),
        // Ben: the first with fewer words, the second unattributed and
        // indirect, the third not at all.
        save(
            "ben",
            vec![
                quote(1, Some(1), "We will pay", QuoteKind::Direct),
                quote(2, None, "Not a cent,", QuoteKind::Indirect),
            ],
        ),
    ];
    let report = agreement(&saves, std::slice::from_ref(&doc));
    let q = &report.quotations;
    assert_eq!(q.quotations, 5);
    let close = |f: &stancemark::review::report::Figure, v: f64| {
        f.value.is_some_and(|x| (x - v).abs() < 1e-9)
    };
    // 2 paired of 3 + 2: F1 = 2·2 / 5.
    assert!(close(&q.f1, 0.8), "{:?}", q.f1);
    // Jaccard: 11/12 and 1.
    assert!(
        close(&q.content_overlap, (11.0 / 12.0 + 1.0) / 2.0),
        "{:?}",
        q.content_overlap
    );
    assert!(close(&q.speaker, 0.5), "{:?}", q.speaker);
    assert!(close(&q.kind, 0.5), "{:?}", q.kind);
    assert_eq!(q.speaker.items, 2);
    let json = stancemark::review::report::report_json(&report);
    assert_eq!(json["quotations"]["quotations"], 5);
    assert!((json["quotations"]["f1"].as_f64().expect("number") - 0.8).abs() < 1e-9);

    // One annotator: not defined, and says why.
    let one = agreement(&saves[..1], std::slice::from_ref(&doc));
    assert_eq!(one.quotations.f1.value, None);
    assert!(
        one.quotations
            .f1
            .note
            .as_deref()
            .is_some_and(|n| n.contains("single"))
    );
}

#[test]
fn brat_speech_events_become_quotations_and_other_events_are_listed() {
    use stancemark::io::import::{ImportFormat, ReadOptions, read_records};
    use stancemark::model::import_merge::{ImportOptions, merge_records};
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), SPLIT).expect("txt");
    let at = |word: &str| {
        let s = span_of(SPLIT, word);
        format!("{} {}", s.start, s.end)
    };
    let ann = format!(
        "T1\tPER {}\tAasheim\nT2\tSpeech {}\tsaid\nT3\tContent {}\tWe will not pay,\nT4\tContent {}\tand we will not apologise.\nE1\tSpeech:T2 Speaker:T1 Content:T3 Content2:T4\nA1\tKind E1 Mixed\n#1\tAnnotatorNotes E1\tsplit 🐟\nT5\tMove {}\tdisagreed\nE2\tMove:T5 Agent:T1\nA2\tNegated E2\n",
        at("Aasheim"),
        at("said"),
        at("We will not pay,"),
        at("and we will not apologise."),
        at("disagreed"),
    );
    std::fs::write(dir.path().join("a.ann"), ann).expect("ann");
    let read = read_records(ImportFormat::Brat, dir.path(), ReadOptions::default()).expect("read");
    assert!(
        read.problems
            .iter()
            .any(|p| p
                .starts_with("a.ann:9: E2 \"Move:T5 Agent:T1\": an event that is no quotation")),
        "{:?}",
        read.problems
    );
    assert!(
        read.problems
            .iter()
            .any(|p| p.starts_with("a.ann:10: A2 \"Negated E2\": an attribute")),
        "{:?}",
        read.problems
    );
    let (doc, _) = setup(SPLIT, &[]);
    let mut project = Project::new("ana", Schema::builtin());
    project.attach(std::slice::from_ref(&doc));
    let (edit, report) = merge_records(
        &project,
        std::slice::from_ref(&doc),
        &read.records,
        &ImportOptions::default(),
    );
    // T5 "Move" is a text span of a type the schema lacks: refused and listed.
    assert_eq!(report.quotations, 1, "{:?}", report.problems);
    apply(&mut project, edit).expect("apply");
    let entry = &project.documents["a.txt"];
    let q = &entry.quotations[0];
    assert_eq!(
        entry.mentions.len(),
        1,
        "trigger and contents are no mentions"
    );
    assert_eq!(q.speaker, Some(entry.mentions[0].id));
    assert_eq!(q.cue.as_ref().map(|c| c.quote.exact.as_str()), Some("said"));
    assert_eq!(q.contents.len(), 2);
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(q.note, "split 🐟");
}

#[test]
fn w3c_links_a_quotation_to_its_speaker_cue_and_parts() {
    use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
    let (doc, mut project) = setup(SPLIT, &[("Aasheim", "PER")]);
    apply(
        &mut project,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: split_quotation(&doc),
        },
    )
    .expect("add");
    let (files, report) = render_files(
        ExportFormat::W3c,
        &project,
        std::slice::from_ref(&doc),
        ExportOptions::default(),
    );
    assert!(
        !report.left_out.iter().any(|l| l.contains("quotation")),
        "{:?}",
        report.left_out
    );
    assert_eq!(report.quotations, 1);
    let json: serde_json::Value = serde_json::from_str(&files[0].1).expect("json");
    let items = json["items"].as_array().expect("items");
    let q = items
        .iter()
        .find(|i| i["id"] == "urn:stancemark:a.txt#quotation-1")
        .expect("the quotation");
    assert_eq!(q["motivation"], "linking");
    assert_eq!(
        q["target"],
        serde_json::json!([
            "urn:stancemark:a.txt#mention-1",
            "urn:stancemark:a.txt#quotation-1-cue",
            "urn:stancemark:a.txt#quotation-1-content-1",
            "urn:stancemark:a.txt#quotation-1-content-2",
        ])
    );
    let part = items
        .iter()
        .find(|i| i["id"] == "urn:stancemark:a.txt#quotation-1-content-2")
        .expect("the second part");
    assert_eq!(
        part["target"]["selector"][1]["exact"],
        "and we will not apologise."
    );
    assert!(q["body"].to_string().contains("kind:direct"));
    assert!(q["body"].to_string().contains("speaker:mention-1"));
}

#[test]
fn search_scopes_and_what_a_hit_falls_in() {
    use stancemark::model::search_scope::{SearchScope, hit_context, in_scope};
    use stancemark::model::{Relation, RelationId};
    let (doc, mut project) = setup(SPLIT, &[("Aasheim", "PER"), ("mayor", "PER")]);
    apply(
        &mut project,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: split_quotation(&doc),
        },
    )
    .expect("quotation");
    apply(
        &mut project,
        Edit::AddRelation {
            doc: "a.txt".into(),
            relation: Relation::new(RelationId(1), "meets", MentionId(1), MentionId(2)),
        },
    )
    .expect("relation");
    let entry = Some(&*project.documents["a.txt"]);
    // (hit, scope, kept)
    let cases = [
        ("pay", SearchScope::Quoted, true),
        ("pay", SearchScope::Cue, false),
        ("said", SearchScope::Cue, true),
        ("said", SearchScope::Quoted, false),
        ("mayor", SearchScope::Related, true),
        ("Briefing", SearchScope::Related, false),
        ("Briefing", SearchScope::Anywhere, true),
    ];
    for (word, scope, kept) in cases {
        assert_eq!(
            in_scope(entry, span_of(SPLIT, word), scope),
            kept,
            "{word} {scope:?}"
        );
    }
    assert!(!in_scope(None, span_of(SPLIT, "pay"), SearchScope::Quoted));
    assert_eq!(
        hit_context(entry, span_of(SPLIT, "apologise")),
        ["quoted: Aasheim, direct"]
    );
    assert_eq!(
        hit_context(entry, span_of(SPLIT, "said")),
        ["cue of Aasheim"]
    );
    assert_eq!(
        hit_context(entry, span_of(SPLIT, "mayor")),
        ["Aasheim meets ➡ mayor"]
    );
}
