//! The same passage elsewhere (issue 17, part 2): a near-duplicate with a
//! changed word, a paragraph printed twice, clusters, the word diff, and
//! carrying a span over; on the real news corpus (skipped where it is
//! absent), the three renderings of the trust quote.

use stancemark::model::passages::{PassageIndex, carry_span, word_diff};
use stancemark::model::{CharSpan, Document};

fn span_of(text: &str, part: &str) -> CharSpan {
    let b = text.find(part).expect("part");
    let start = text[..b].chars().count();
    CharSpan::new(start, start + part.chars().count())
}

fn corpus() -> Vec<Document> {
    vec![
        Document::new(
            "a/one.txt",
            "Briefly. The river turned white after the night spill at the Norvik quay. Nothing else. The river turned white after the night spill at the Norvik quay.\n",
            "UTF-8",
        ),
        Document::new(
            "b/two.txt",
            "🐟 Update: the river turned milky after the night spill at the Norvik quay, officials said.\n",
            "UTF-8",
        ),
        Document::new(
            "c/three.txt",
            "A different story about 佐藤美咲 and the harbour.\n",
            "UTF-8",
        ),
    ]
}

#[test]
fn near_duplicates_and_a_repeated_paragraph_are_found() {
    let docs = corpus();
    let index = PassageIndex::build(&docs);
    assert!(!index.is_empty());
    let sentence = "The river turned white after the night spill at the Norvik quay.";
    let at = span_of(&docs[0].text, sentence);
    let found = index.similar(0, at, sentence, 0.5);
    let places: Vec<(usize, &str)> = found
        .iter()
        .map(|m| {
            (
                m.passage.doc,
                docs[m.passage.doc]
                    .slice(m.passage.span)
                    .unwrap_or_default(),
            )
        })
        .collect();
    // The same paragraph printed again in a/one.txt, and the edited one.
    assert_eq!(places.len(), 2, "{places:?}");
    assert_eq!(places[0], (0, sentence));
    assert_eq!(places[1].0, 1);
    assert!((found[0].score - 1.0).abs() < 1e-9);
    assert!(
        found[1].score >= 0.5 && found[1].score < 1.0,
        "{}",
        found[1].score
    );
    assert!(
        index
            .similar(
                2,
                CharSpan::new(0, 5),
                "A different story about the harbour.",
                0.5
            )
            .is_empty()
    );
    // One cluster of the three renderings.
    let clusters = index.clusters(0.5);
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0].len(), 3);
}

#[test]
fn word_diff_and_carrying_over() {
    let a = "The river turned white after the night spill at the Norvik quay.";
    let b = "🐟 Update: the river turned milky after the night spill at the Norvik quay, officials said.";
    let (left, right) = word_diff(a, b);
    let changed = |side: &[stancemark::model::passages::WordChange]| -> Vec<String> {
        side.iter()
            .filter(|w| !w.same)
            .map(|w| w.text.clone())
            .collect()
    };
    assert_eq!(changed(&left), ["white"]);
    assert_eq!(changed(&right), ["Update", "milky", "officials", "said"]);
    // "Norvik quay" lands on the same words after the emoji.
    let carried = carry_span(a, span_of(a, "Norvik quay"), b).expect("carried");
    assert_eq!(
        stancemark::model::span::slice(b, carried),
        Some("Norvik quay")
    );
    // Where the words differ, nothing is guessed.
    assert_eq!(carry_span(a, span_of(a, "turned white"), b), None);
}

#[test]
fn the_trust_quote_in_the_news_corpus() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/news-2017-04-12");
    if !root.is_dir() {
        eprintln!(
            "skipping: {} is absent (it exists only beside the CI checkout)",
            root.display()
        );
        return;
    }
    let corpus = stancemark::io::load_corpus(&root, u64::MAX, &())
        .expect("corpus")
        .documents;
    let index = PassageIndex::build(&corpus);
    let quote = "the level of trust on a working level, especially on the military side, has not improved but most likely worsened";
    let (d, doc) = corpus
        .iter()
        .enumerate()
        .find(|(_, d)| d.text.contains(quote))
        .expect("the quote");
    let at = span_of(&doc.text, quote);
    let found = index.similar(d, at, quote, 0.6);
    let renderings: Vec<(usize, usize)> = found
        .iter()
        .filter(|m| {
            corpus[m.passage.doc]
                .slice(m.passage.span)
                .is_some_and(|t| t.contains(quote))
        })
        .map(|m| (m.passage.doc, m.passage.span.start))
        .collect();
    // Printed twice in one article and once in another: three in all, the
    // asked one left out.
    assert_eq!(renderings.len(), 2, "{found:?}");
    // The other translation ("… military level, has not improved, but
    // rather has deteriorated") shares about half its words.
    let other = index.similar(d, at, quote, 0.3);
    assert!(
        other.iter().any(|m| corpus[m.passage.doc]
            .slice(m.passage.span)
            .is_some_and(|t| t.contains("rather has deteriorated"))),
        "{other:?}"
    );
}

/// Carrying a passage's annotations over: mentions become proposals, a
/// stance and a quotation (its speaker outside the passage, found by
/// entity) wait to be accepted, what differs is listed; accepting is one
/// edit with an exact inverse.
#[test]
fn carrying_a_passage_plans_suggestions_and_accepting_is_undoable() {
    use stancemark::model::passages::{CarriedItem, Rendering, accept_carried, plan_carry};
    use stancemark::model::{
        Edit, Entity, EntityId, Evidence, Holder, Mention, MentionId, Project, Quotation,
        QuotationId, QuoteKind, Schema, Stance, StanceId, Target, apply,
    };
    let a = Document::new(
        "a.txt",
        "Anna Berg runs the city 🏙. She said “the night spill came from the quay” and blamed Norvik on Monday.\n",
        "UTF-8",
    );
    let b = Document::new(
        "b.txt",
        "Anna Berg is mayor. She said “the night spill came from the quay” and blamed Norvik on Tuesday.\n",
        "UTF-8",
    );
    let docs = vec![a.clone(), b.clone()];
    let mut p = Project::new("t", Schema::builtin());
    p.attach(&docs);
    for (id, name, label) in [(1, "Anna Berg", "PER"), (2, "Norvik", "ORG")] {
        let entity = Entity::new(EntityId(id), name, label);
        apply(&mut p, Edit::AddEntity { entity }).expect("entity");
    }
    let mention = |doc: &Document, id: u64, part: &str, label: &str, entity: Option<u64>| {
        let mut m = Mention::new(doc, MentionId(id), span_of(&doc.text, part), label);
        m.entity = entity.map(EntityId);
        Edit::AddMention {
            doc: doc.path.clone(),
            mention: m,
        }
    };
    for edit in [
        mention(&a, 1, "Anna Berg", "PER", Some(1)),
        mention(&a, 2, "Norvik", "ORG", Some(2)),
        mention(&a, 3, "Monday", "MISC", None),
        mention(&b, 1, "Anna Berg", "PER", Some(1)),
    ] {
        apply(&mut p, edit).expect("mention");
    }
    let words = "the night spill came from the quay";
    let mut q = Quotation::new(
        QuotationId(1),
        Some(MentionId(1)),
        vec![Evidence::new(&a, span_of(&a.text, words))],
        QuoteKind::Direct,
    );
    q.cue = Some(Evidence::new(&a, span_of(&a.text, "said")));
    q.note = "first 🐟 report".to_owned();
    apply(
        &mut p,
        Edit::AddQuotation {
            doc: a.path.clone(),
            quotation: q,
        },
    )
    .expect("quotation");
    let stance = |id: u64, part: &str| Edit::AddStance {
        doc: a.path.clone(),
        stance: Stance::new(
            StanceId(id),
            Holder::Entity(EntityId(1)),
            Target::Entity(EntityId(2)),
            "oppose".to_owned(),
            vec![Evidence::new(&a, span_of(&a.text, part))],
        ),
    };
    apply(&mut p, stance(1, "blamed Norvik")).expect("stance");
    apply(&mut p, stance(2, "on Monday")).expect("stance");

    let passage = |doc: &Document| {
        let at = doc.text.find("She said").expect("sentence");
        let start = doc.text[..at].chars().count();
        CharSpan::new(start, doc.text.trim_end().chars().count())
    };
    let plan = plan_carry(
        Rendering {
            doc: &a,
            entry: &p.documents["a.txt"],
            span: passage(&a),
        },
        Rendering {
            doc: &b,
            entry: &p.documents["b.txt"],
            span: passage(&b),
        },
    );
    let offered: Vec<_> = plan
        .proposals
        .iter()
        .map(|x| (x.text.as_str(), x.label.as_str(), x.entity, &*x.source))
        .collect();
    assert_eq!(
        offered,
        [("Norvik", "ORG", Some(EntityId(2)), "carried from a.txt")]
    );
    assert_eq!(
        plan.not_carried,
        [
            "“Monday” (MISC): the words differ there",
            "stance “on Monday” (oppose): the words of its evidence differ there",
        ]
    );
    assert_eq!(plan.items.len(), 2, "{:?}", plan.items);
    let before = p.clone();
    for item in &plan.items {
        let edit = accept_carried(&b, &p.documents["b.txt"], item).expect("accept");
        let inverse = apply(&mut p, edit).expect("apply");
        let mut undone = p.clone();
        apply(&mut undone, inverse).expect("undo");
        if matches!(item, CarriedItem::Stance(_)) {
            assert_eq!(undone, before, "the inverse takes the stance back");
        }
    }
    let d = &p.documents["b.txt"];
    let s = &d.stances[0];
    assert_eq!(s.evidence[0].quote.exact, "blamed Norvik");
    assert_eq!(
        (&s.holder, &s.target),
        (&Holder::Entity(EntityId(1)), &Target::Entity(EntityId(2)))
    );
    let q = &d.quotations[0];
    assert_eq!(q.contents[0].quote.exact, words);
    assert_eq!(q.cue.as_ref().map(|c| c.quote.exact.as_str()), Some("said"));
    assert_eq!(q.note, "first 🐟 report");
    // The speaker outside the passage is b's mention of the same entity,
    // reused, not made again.
    assert_eq!(q.speaker, Some(MentionId(1)));
    assert_eq!(d.mentions.len(), 1);
    // Carried again, both are there already.
    let again = plan_carry(
        Rendering {
            doc: &a,
            entry: &p.documents["a.txt"],
            span: passage(&a),
        },
        Rendering {
            doc: &b,
            entry: &p.documents["b.txt"],
            span: passage(&b),
        },
    );
    assert!(again.items.is_empty(), "{:?}", again.items);
    // Without a mention of the speaker's entity in b, the quotation is
    // listed, not guessed.
    let mut bare = before.clone();
    apply(
        &mut bare,
        Edit::RemoveMention {
            doc: "b.txt".to_owned(),
            id: MentionId(1),
        },
    )
    .expect("remove");
    let plan = plan_carry(
        Rendering {
            doc: &a,
            entry: &bare.documents["a.txt"],
            span: passage(&a),
        },
        Rendering {
            doc: &b,
            entry: &bare.documents["b.txt"],
            span: passage(&b),
        },
    );
    assert!(
        plan.not_carried.iter().any(|l| l
            == "quotation “the night spill came from the quay”: its speaker “Anna Berg” is outside the passage and b.txt has no mention of that entity"),
        "{:?}",
        plan.not_carried
    );
}

/// A curly apostrophe is inside a word, never a word break: "people’s" is
/// one word in the diff, the same word as "people's" in another outlet, and
/// one word in a quotation's count.
#[test]
fn an_apostrophe_never_splits_a_word() {
    let a = "They crossed the people’s bridge at dawn.";
    let b = "They crossed the people's bridge at dawn.";
    let (left, right) = word_diff(a, b);
    let texts: Vec<&str> = left.iter().map(|w| w.text.as_str()).collect();
    assert!(texts.contains(&"people’s"), "{texts:?}");
    assert!(!texts.contains(&"s"), "{texts:?}");
    assert!(left.iter().chain(&right).all(|w| w.same), "the same words");
    let carried = carry_span(a, span_of(a, "people’s bridge"), b).expect("carried");
    assert_eq!(
        stancemark::model::span::slice(b, carried),
        Some("people's bridge")
    );
    let doc = Document::new("a.txt", a, "UTF-8");
    let q = stancemark::model::Quotation::new(
        stancemark::model::QuotationId(1),
        None,
        vec![stancemark::model::Evidence::new(
            &doc,
            span_of(a, "the people’s bridge"),
        )],
        stancemark::model::QuoteKind::Direct,
    );
    assert_eq!(q.words(), 3);
}
