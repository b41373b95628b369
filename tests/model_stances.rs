//! Stances and claims: edits with exact inverses, references that cannot
//! dangle, merges that carry stances along, the overview's counts.

use std::collections::BTreeMap;

use stancemark::model::entity_ops::{delete_entity, merge_claims, merge_entities};
use stancemark::model::overview::{HolderKey, OverviewFilter, outlet_comparison, stance_matrix};
use stancemark::model::{
    CharSpan, Claim, ClaimId, Document, Edit, Entity, EntityId, Evidence, Holder, Intensity, Level,
    Project, ReportedAs, Schema, Stance, StanceId, Target, apply,
};

fn docs() -> Vec<Document> {
    vec![
        Document::new(
            "bbc/a.txt",
            "🐟 “We gave up the stocks,” Putin said. Mattis disagreed.",
            "UTF-8",
        ),
        Document::new(
            "rt/b.txt",
            "Putin again denied it. 佐藤美咲 was not asked.",
            "UTF-8",
        ),
    ]
}

fn project(docs: &[Document]) -> Project {
    let mut p = Project::new("t", Schema::builtin());
    p.attach(docs);
    for (id, name) in [(1, "Vladimir Putin"), (2, "Jim Mattis"), (3, "Russia")] {
        let e = Entity::new(EntityId(id), name, if id == 3 { "GPE" } else { "PER" });
        apply(&mut p, Edit::AddEntity { entity: e }).expect("entity");
    }
    let claim = Claim {
        id: ClaimId(1),
        text: "Syrian government forces carried out the attack".into(),
        note: String::new(),
    };
    apply(&mut p, Edit::AddClaim { claim }).expect("claim");
    p
}

fn apply_checked(p: &mut Project, edit: Edit) {
    let before = p.clone();
    let inverse = apply(p, edit).expect("applies");
    let after = p.clone();
    apply(p, inverse).expect("inverse applies");
    assert_eq!(*p, before, "inverse restores exactly");
    *p = after;
}

fn evidence(doc: &Document, text: &str) -> Evidence {
    let byte = doc.text.find(text).expect("evidence text");
    let start = stancemark::model::span::char_count_before(&doc.text, byte);
    Evidence::new(doc, CharSpan::new(start, start + text.chars().count()))
}

#[test]
fn stance_edits_have_exact_inverses() {
    let docs = docs();
    let mut p = project(&docs);
    let quote = evidence(&docs[0], "“We gave up the stocks,”");
    assert_eq!(
        quote.span,
        CharSpan::new(2, 26),
        "the fish is one code point"
    );
    let mut stance = Stance::new(
        StanceId(1),
        Holder::Entity(EntityId(1)),
        Target::Claim(ClaimId(1)),
        "oppose",
        vec![quote],
    );
    stance.intensity = Some(Intensity::High);
    stance.reported_as = Some(ReportedAs::DirectQuote);
    apply_checked(
        &mut p,
        Edit::AddStance {
            doc: "bbc/a.txt".into(),
            stance: stance.clone(),
        },
    );

    // Add evidence, retarget, change polarity: each an UpdateStance.
    let mut more = stance.clone();
    more.evidence.push(evidence(&docs[0], "Putin said"));
    more.sort_evidence();
    apply_checked(
        &mut p,
        Edit::UpdateStance {
            doc: "bbc/a.txt".into(),
            stance: more.clone(),
        },
    );
    let mut retarget = more.clone();
    retarget.target = Target::Entity(EntityId(3));
    retarget.polarity = "support".into();
    apply_checked(
        &mut p,
        Edit::UpdateStance {
            doc: "bbc/a.txt".into(),
            stance: retarget,
        },
    );
    // Remove one evidence span again.
    let mut fewer = more.clone();
    fewer.evidence.pop();
    apply_checked(
        &mut p,
        Edit::UpdateStance {
            doc: "bbc/a.txt".into(),
            stance: fewer,
        },
    );

    // A document-level stance by the author toward a topic.
    let author = Stance::new(
        StanceId(1),
        Holder::Author,
        Target::Topic("Russia".into()),
        "oppose",
        vec![],
    );
    assert_eq!(author.level, Level::Document);
    apply_checked(
        &mut p,
        Edit::AddStance {
            doc: "rt/b.txt".into(),
            stance: author,
        },
    );
    assert_eq!(p.stance_count(), 2);

    apply_checked(
        &mut p,
        Edit::RemoveStance {
            doc: "bbc/a.txt".into(),
            id: StanceId(1),
        },
    );
    assert_eq!(p.stance_count(), 1);

    // Refusals leave the project unchanged.
    let before = p.clone();
    for bad in [
        Stance::new(
            StanceId(9),
            Holder::Entity(EntityId(99)),
            Target::Claim(ClaimId(1)),
            "oppose",
            vec![evidence(&docs[1], "denied")],
        ),
        Stance::new(
            StanceId(9),
            Holder::Author,
            Target::Claim(ClaimId(42)),
            "oppose",
            vec![],
        ),
        Stance::new(
            StanceId(9),
            Holder::Author,
            Target::Topic("  ".into()),
            "oppose",
            vec![],
        ),
        Stance::new(
            StanceId(9),
            Holder::Author,
            Target::Topic("x".into()),
            "furious",
            vec![],
        ),
    ] {
        assert!(
            apply(
                &mut p,
                Edit::AddStance {
                    doc: "rt/b.txt".into(),
                    stance: bad
                }
            )
            .is_err()
        );
    }
    let mut span_without_evidence = Stance::new(
        StanceId(9),
        Holder::Author,
        Target::Topic("x".into()),
        "oppose",
        vec![],
    );
    span_without_evidence.level = Level::Span;
    let err = apply(
        &mut p,
        Edit::AddStance {
            doc: "rt/b.txt".into(),
            stance: span_without_evidence,
        },
    )
    .expect_err("no evidence");
    assert!(
        err.to_string().contains("at least one evidence span"),
        "{err}"
    );
    assert_eq!(p, before);
}

#[test]
fn referenced_entities_and_claims_cannot_be_deleted() {
    let docs = docs();
    let mut p = project(&docs);
    let stance = Stance::new(
        StanceId(1),
        Holder::Entity(EntityId(1)),
        Target::Claim(ClaimId(1)),
        "oppose",
        vec![evidence(&docs[0], "Putin said")],
    );
    apply(
        &mut p,
        Edit::AddStance {
            doc: "bbc/a.txt".into(),
            stance,
        },
    )
    .expect("stance");
    let before = p.clone();

    let delete = delete_entity(&p, EntityId(1)).expect("op");
    let err = apply(&mut p, delete).expect_err("holder in use");
    assert_eq!(
        err.to_string(),
        "1 stance(s) refer to entity \"Vladimir Putin\"; change or delete them first"
    );
    let err = apply(&mut p, Edit::RemoveClaim { id: ClaimId(1) }).expect_err("claim in use");
    assert_eq!(
        err.to_string(),
        "1 stance(s) refer to the claim “Syrian government forces carried out the attack”; change or delete them first"
    );
    let err = apply(
        &mut p,
        Edit::RemovePolarity {
            name: "oppose".into(),
        },
    )
    .expect_err("polarity in use");
    assert!(
        err.to_string()
            .starts_with("1 stance(s) refer to the polarity"),
        "{err}"
    );
    assert_eq!(p, before, "nothing dangles, nothing changed");

    // Merging moves the stance to the kept entity / claim instead.
    let merge = merge_entities(&p, EntityId(2), EntityId(1)).expect("merge");
    apply_checked(&mut p, merge);
    assert_eq!(
        p.documents["bbc/a.txt"].stances[0].holder,
        Holder::Entity(EntityId(2))
    );
    let other = Claim {
        id: ClaimId(2),
        text: "The Syrian army did it".into(),
        note: String::new(),
    };
    apply(&mut p, Edit::AddClaim { claim: other }).expect("claim 2");
    let merge = merge_claims(&p, ClaimId(2), ClaimId(1)).expect("merge claims");
    apply_checked(&mut p, merge);
    assert_eq!(
        p.documents["bbc/a.txt"].stances[0].target,
        Target::Claim(ClaimId(2))
    );
    assert!(!p.claims.contains_key(&ClaimId(1)));
    assert!(
        p.claims[&ClaimId(2)]
            .note
            .contains("Syrian government forces")
    );

    // Renaming a polarity renames it on the stances.
    let mut against = p.schema.polarity("oppose").cloned().expect("oppose");
    against.name = "against".into();
    apply_checked(
        &mut p,
        Edit::UpdatePolarity {
            name: "oppose".into(),
            polarity: against,
        },
    );
    assert_eq!(p.documents["bbc/a.txt"].stances[0].polarity, "against");
}

#[test]
fn overview_counts_a_hand_made_project() {
    let docs = docs();
    let mut p = project(&docs);
    let add =
        |p: &mut Project, doc: usize, id: u64, holder: Holder, target: Target, polarity: &str| {
            let d = &docs[doc];
            let ev = if holder == Holder::Author {
                vec![]
            } else {
                vec![evidence(d, "Putin")]
            };
            let stance = Stance::new(StanceId(id), holder, target, polarity, ev);
            apply(
                p,
                Edit::AddStance {
                    doc: d.path.clone(),
                    stance,
                },
            )
            .expect("stance");
        };
    let putin = Holder::Entity(EntityId(1));
    let claim = Target::Claim(ClaimId(1));
    add(&mut p, 0, 1, putin.clone(), claim.clone(), "oppose");
    add(
        &mut p,
        0,
        2,
        Holder::Entity(EntityId(2)),
        claim.clone(),
        "support",
    );
    add(&mut p, 1, 1, putin.clone(), claim.clone(), "oppose");
    add(
        &mut p,
        1,
        2,
        putin.clone(),
        Target::Entity(EntityId(3)),
        "support",
    );
    add(
        &mut p,
        0,
        3,
        Holder::Author,
        Target::Entity(EntityId(3)),
        "oppose",
    );
    add(
        &mut p,
        1,
        3,
        Holder::Author,
        Target::Entity(EntityId(3)),
        "support",
    );

    let outlets: BTreeMap<&str, &str> = [("bbc/a.txt", "BBC"), ("rt/b.txt", "RT")]
        .into_iter()
        .collect();
    let outlet_of = |doc: &str| {
        outlets
            .get(doc)
            .map_or_else(String::new, |o| (*o).to_owned())
    };
    let m = stance_matrix(&p, &outlet_of, &OverviewFilter::default());
    assert_eq!(
        m.holders,
        [
            HolderKey::Entity(EntityId(1)),
            HolderKey::Entity(EntityId(2)),
            HolderKey::Author("BBC".into()),
            HolderKey::Author("RT".into())
        ]
    );
    assert_eq!(m.targets, [Target::Entity(EntityId(3)), claim.clone()]);
    let cell = &m.cells[&(HolderKey::Entity(EntityId(1)), claim.clone())];
    assert_eq!(cell.counts.get("oppose"), Some(&2));
    assert_eq!(cell.total(), 2);
    assert_eq!(cell.stances.len(), 2);
    assert_eq!(
        m.cells[&(HolderKey::Entity(EntityId(2)), claim.clone())]
            .counts
            .get("support"),
        Some(&1)
    );

    let rt_only = OverviewFilter {
        outlet: Some("RT".into()),
        ..OverviewFilter::default()
    };
    let m = stance_matrix(&p, &outlet_of, &rt_only);
    assert_eq!(m.cells.values().map(|c| c.total()).sum::<usize>(), 3);
    let opposing = OverviewFilter {
        polarity: Some("oppose".into()),
        ..OverviewFilter::default()
    };
    assert_eq!(
        stance_matrix(&p, &outlet_of, &opposing)
            .cells
            .values()
            .map(|c| c.total())
            .sum::<usize>(),
        3
    );
    let one_doc = OverviewFilter {
        document: Some("bbc/a.txt".into()),
        ..OverviewFilter::default()
    };
    assert_eq!(stance_matrix(&p, &outlet_of, &one_doc).cells.len(), 3);

    let rows = outlet_comparison(&p, &outlet_of);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].outlet, "BBC");
    assert_eq!(
        rows[0].holders.get(&HolderKey::Entity(EntityId(1))),
        Some(&1)
    );
    assert_eq!(rows[1].targets[&claim].get("oppose"), Some(&1));
    assert_eq!(
        rows[1].targets[&Target::Entity(EntityId(3))].get("support"),
        Some(&2)
    );
}
