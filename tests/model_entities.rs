//! Corpus-wide entities: registry edits, merge/split/delete with exact
//! inverses, and propagation with code-point offsets.

use stancemark::model::entity_ops::{
    delete_entity, merge_entities, new_entity_from_mention, split_entity,
};
use stancemark::model::occurrences::MatchOptions;
use stancemark::model::propagate::{
    CandidateAction, PropagationSource, accept_candidates, propagation_candidates,
};
use stancemark::model::{
    CharSpan, Document, Edit, EntityId, Mention, MentionId, Project, Schema, apply,
};

fn corpus() -> Vec<Document> {
    vec![
        Document::new(
            "a.txt",
            "🐟🇫🇷 Vladimir Putin said so. Mr Putin, putin and PUTIN agreed; Putinism did not.",
            "UTF-8",
        ),
        Document::new("b.txt", "Putin met Lavrov. 佐藤美咲 met Putin.", "UTF-8"),
        Document::new("c.txt", "No one here.", "UTF-8"),
    ]
}

fn project(docs: &[Document]) -> Project {
    let mut p = Project::new("t", Schema::builtin());
    p.attach(docs);
    p
}

fn add(p: &mut Project, d: &Document, text: &str, nth: usize, label: &str) -> MentionId {
    let byte = d.text.match_indices(text).nth(nth).expect("text present").0;
    let start = stancemark::model::span::char_count_before(&d.text, byte);
    let id = p.documents[&d.path].next_mention_id();
    let m = Mention::new(
        d,
        id,
        CharSpan::new(start, start + text.chars().count()),
        label,
    );
    apply(
        p,
        Edit::AddMention {
            doc: d.path.clone(),
            mention: m,
        },
    )
    .expect("add");
    id
}

/// Applies `edit`, checks that its inverse restores the project exactly, and
/// leaves the edit applied.
fn apply_checked(p: &mut Project, edit: Edit) {
    let before = p.clone();
    let inverse = apply(p, edit).expect("applies");
    let after = p.clone();
    apply(p, inverse).expect("inverse applies");
    assert_eq!(*p, before, "inverse restores exactly");
    *p = after;
}

#[test]
fn link_new_entity_merge_split_delete() {
    let docs = corpus();
    let mut p = project(&docs);
    let m1 = add(&mut p, &docs[0], "Vladimir Putin", 0, "PER");
    let m2 = add(&mut p, &docs[1], "Putin", 0, "PER");
    let m3 = add(&mut p, &docs[1], "Lavrov", 0, "PER");

    let (putin, edit) = new_entity_from_mention(&p, "a.txt", m1).expect("new entity");
    apply_checked(&mut p, edit);
    assert_eq!(p.entities[&putin].name, "Vladimir Putin");
    assert_eq!(
        p.documents["a.txt"].mention(m1).and_then(|m| m.entity),
        Some(putin)
    );

    let (other, edit) = new_entity_from_mention(&p, "b.txt", m2).expect("second entity");
    apply_checked(&mut p, edit);
    let mut updated = p.entities[&other].clone();
    updated.kb_id = Some("Q7747".into());
    apply_checked(
        &mut p,
        Edit::UpdateEntity {
            entity: updated.clone(),
        },
    );
    updated.kb_id = Some("7747".into());
    let err = apply(&mut p, Edit::UpdateEntity { entity: updated }).expect_err("bad QID");
    assert!(err.to_string().contains("not a Wikidata id"), "{err}");

    let err = apply(&mut p, Edit::RemoveEntity { id: other }).expect_err("in use");
    assert!(err.to_string().contains("1 mention(s) are linked"), "{err}");

    let merge = merge_entities(&p, putin, other).expect("merge");
    apply_checked(&mut p, merge);
    assert!(!p.entities.contains_key(&other));
    assert_eq!(p.entities[&putin].aliases, ["Putin"]);
    assert_eq!(p.entities[&putin].kb_id.as_deref(), Some("Q7747"));
    assert_eq!(p.mentions_of(putin).len(), 2);

    let (split, edit) =
        split_entity(&p, putin, &[("b.txt".into(), m2)], "Putin (b)").expect("split");
    apply_checked(&mut p, edit);
    assert_eq!(p.mentions_of(split).len(), 1);
    assert_eq!(p.mentions_of(putin).len(), 1);
    assert!(
        split_entity(&p, putin, &[("b.txt".into(), m3)], "x").is_none(),
        "m3 is not Putin's"
    );

    let delete = delete_entity(&p, putin).expect("delete");
    apply_checked(&mut p, delete);
    assert!(!p.entities.contains_key(&putin));
    assert_eq!(
        p.documents["a.txt"].mention(m1).map(|m| m.entity),
        Some(None),
        "the mention stays, unlinked"
    );
    assert_eq!(p.mention_count(), 3);
}

#[test]
fn propagation_finds_whole_words_case_insensitively_across_documents() {
    let docs = corpus();
    let mut p = project(&docs);
    let m1 = add(&mut p, &docs[0], "Vladimir Putin", 0, "PER");
    let (putin, edit) = new_entity_from_mention(&p, "a.txt", m1).expect("entity");
    apply(&mut p, edit).expect("apply");
    let mut e = p.entities[&putin].clone();
    e.aliases.push("Putin".into());
    apply(&mut p, Edit::UpdateEntity { entity: e }).expect("alias");
    // An unlinked PER mention of "PUTIN" and an ORG mention over "Mr Putin".
    let unlinked = add(&mut p, &docs[0], "PUTIN", 0, "PER");
    let org = add(&mut p, &docs[0], "Mr Putin", 0, "ORG");

    let source = PropagationSource::entity(&p, putin).expect("source");
    let candidates = propagation_candidates(&p, &docs, &source, None, MatchOptions::default());
    let found: Vec<(&str, CharSpan, &str)> = candidates
        .iter()
        .map(|c| (c.doc.as_str(), c.span, c.text.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("a.txt", CharSpan::new(31, 36), "Putin"),
            ("a.txt", CharSpan::new(38, 43), "putin"),
            ("a.txt", CharSpan::new(48, 53), "PUTIN"),
            ("b.txt", CharSpan::new(0, 5), "Putin"),
            ("b.txt", CharSpan::new(27, 32), "Putin"),
        ],
        "as Python counts: the fish is 1 code point and the flag 2; the linked mention itself and Putinism are not proposed"
    );
    for c in &candidates {
        let doc = docs.iter().find(|d| d.path == c.doc).expect("doc");
        assert_eq!(doc.slice(c.span), Some(c.text.as_str()));
    }
    assert_eq!(
        candidates[0].conflicts,
        [org],
        "overlaps the ORG mention: needs an explicit choice"
    );
    assert_eq!(
        candidates[2].action,
        CandidateAction::LinkExisting(unlinked)
    );
    assert!(candidates[2].conflicts.is_empty());

    let case_sensitive = MatchOptions {
        whole_word: true,
        case_sensitive: true,
    };
    assert_eq!(
        propagation_candidates(&p, &docs, &source, Some("a.txt"), case_sensitive).len(),
        1
    );
    let loose = MatchOptions {
        whole_word: false,
        case_sensitive: false,
    };
    assert_eq!(
        propagation_candidates(&p, &docs, &source, Some("a.txt"), loose).len(),
        4,
        "Putinism too"
    );

    // Accept all those without conflicts, as one undo step.
    let clean: Vec<_> = candidates
        .iter()
        .filter(|c| c.conflicts.is_empty())
        .cloned()
        .collect();
    let b_was = p.documents["b.txt"].status;
    let edit = accept_candidates(&p, &docs, &source, &clean);
    apply_checked(&mut p, edit);
    assert_eq!(p.mentions_of(putin).len(), 1 + 4);
    assert_eq!(b_was, stancemark::model::DocStatus::Todo);
    assert_eq!(
        p.documents["b.txt"].status,
        stancemark::model::DocStatus::InProgress,
        "a document that received mentions is in progress"
    );
    assert_eq!(
        p.documents["a.txt"]
            .mention(org)
            .map(|m| (m.label.as_str(), m.entity)),
        Some(("ORG", None)),
        "untouched"
    );
    // Nothing left to propagate but the explicit-choice candidate.
    let again = propagation_candidates(&p, &docs, &source, None, MatchOptions::default());
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].conflicts, [org]);
    let _ = EntityId(0);
}

#[test]
fn unlinked_mentions_propagate_their_text_and_type() {
    let docs = corpus();
    let mut p = project(&docs);
    let m = add(&mut p, &docs[1], "佐藤美咲", 0, "PER");
    let mention = p.documents["b.txt"].mention(m).expect("m").clone();
    let source = PropagationSource::mention(&p, &mention);
    assert_eq!(source.entity, None);
    let candidates = propagation_candidates(&p, &docs, &source, None, MatchOptions::default());
    assert!(
        candidates.is_empty(),
        "the only occurrence is the mention itself"
    );
}

#[test]
fn gazetteer_preannotation_makes_suggestions_and_entities() {
    use stancemark::model::preannotate::{GazetteerRow, preannotate, settle_suggestions};
    let docs = corpus();
    let mut p = project(&docs);
    let lavrov = add(&mut p, &docs[1], "Lavrov", 0, "PER");
    let row = |line: usize, surface: &str, label: &str, entity: Option<&str>, qid: Option<&str>| {
        GazetteerRow {
            origin: format!("g.tsv:{line}"),
            surface: surface.into(),
            label: label.into(),
            entity: entity.map(Into::into),
            kb_id: qid.map(Into::into),
        }
    };
    let rows = [
        row(1, "Putin", "PER", Some("Vladimir Putin"), Some("Q7747")),
        row(2, "Vladimir Putin", "PER", Some("Vladimir Putin"), None),
        row(3, "Lavrov", "PER", None, None),
        row(4, "Moscow", "TOWN", None, None),
        row(5, "佐藤美咲", "PER", Some("Misaki Sato"), Some("Q12x")),
    ];
    let options = MatchOptions {
        whole_word: true,
        case_sensitive: true,
    };
    let (edit, report) = preannotate(&p, &docs, &rows, options);
    assert_eq!(report.entities_created, 1, "rows 1 and 2 share one entity");
    assert_eq!(
        report.already_annotated, 1,
        "Lavrov is already a PER mention"
    );
    assert_eq!(
        report.skipped_rows,
        [
            "g.tsv:4: type \"TOWN\" is not in the schema",
            "g.tsv:5: \"Q12x\" is not a Wikidata id (Q followed by digits)",
        ]
    );
    // a.txt: "Vladimir Putin" (longest first) and "Mr Putin"'s "Putin"; b.txt: two "Putin".
    assert_eq!(report.suggestions, 4);
    apply_checked(&mut p, edit);
    assert_eq!(p.suggestion_count(), 4);
    let putin = p
        .entities
        .values()
        .find(|e| e.name == "Vladimir Putin")
        .map(|e| e.id)
        .expect("entity");
    assert_eq!(p.entities[&putin].kb_id.as_deref(), Some("Q7747"));
    assert_eq!(p.mentions_of(putin).len(), 4);
    assert!(
        p.documents["b.txt"]
            .mention(lavrov)
            .is_some_and(|m| !m.suggested)
    );

    // Running it again adds nothing: every place is taken.
    let (_, again) = preannotate(&p, &docs, &rows, options);
    assert_eq!(again.suggestions, 0);

    let accept_a = settle_suggestions(&p, Some("a.txt"), true);
    apply_checked(&mut p, accept_a);
    assert_eq!(p.suggestion_count(), 2);
    let reject_rest = settle_suggestions(&p, None, false);
    apply_checked(&mut p, reject_rest);
    assert_eq!(p.suggestion_count(), 0);
    assert_eq!(
        p.mentions_of(putin).len(),
        2,
        "accepted ones stay, rejected ones are gone"
    );
}
