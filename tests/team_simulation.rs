//! Random histories of a team on git (issue 30): seeded, shrinking to a
//! minimal history when an invariant fails. See `team_sim/mod.rs` for the
//! world and what is checked after every merge.
//!
//! Not yet part of CI (issue 30 is open): with the seed below, 146
//! histories pass, then one fails: a mention ends up linked to an entity
//! that was made for another mention (an entity link re-targeted somewhere
//! between merges, id renumbering and settled conflicts); not yet
//! diagnosed. Run it with `cargo test --test team_simulation -- --ignored`
//! (about 12 minutes with shrinking); it prints the minimal failing
//! history. What it found before is fixed, each with a test of its own in
//! `model_merge3.rs`: an earlier merge's fresh ids made the same mention
//! "deleted and added", and an entity both sides had renumbered gave three
//! conflicts for nothing changed.

mod team_sim;

use proptest::prelude::*;
use stancemark::model::Document;
use team_sim::{Step, World};

/// A small corpus of two short articles of our own.
fn corpus() -> Vec<Document> {
    vec![
        Document::new(
            "north/a.txt",
            "Anna Berg met Jonas Holm in Lyon on Monday. The mayor of Lyon said the river was safe. Norvik Chemicals denied any leak 🏙.",
            "UTF-8",
        ),
        Document::new(
            "south/b.txt",
            "佐藤美咲 told the council that Port Avel needs answers. Ines Calderon accused the company of silence, and the minister agreed.",
            "UTF-8",
        ),
    ]
}

fn step(clones: usize) -> impl Strategy<Value = Step> {
    let c = 0..clones;
    prop_oneof![
        6 => (c.clone(), any::<u8>(), any::<u32>(), any::<u32>())
            .prop_map(|(clone, kind, a, b)| Step::Edit { clone, kind, a, b }),
        1 => c.clone().prop_map(|clone| Step::Save { clone }),
        1 => c.clone().prop_map(|clone| Step::Commit { clone }),
        2 => (c.clone(), any::<u32>()).prop_map(|(clone, choice)| Step::Pull { clone, choice }),
        2 => (c, any::<u32>()).prop_map(|(clone, choice)| Step::Push { clone, choice }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: team_sim::cases(200),
        max_shrink_iters: 200,
        max_shrink_time: 120_000,
        failure_persistence: None,
        // Seeded: the same histories every run (PROPTEST_RNG_SEED picks
        // others).
        rng_seed: proptest::test_runner::RngSeed::Fixed(30),
        .. ProptestConfig::default()
    })]

    #[test]
    fn random_histories_of_three_clones_merge_without_loss(
        steps in prop::collection::vec(step(3), 50)
    ) {
        if !team_sim::git_available() {
            eprintln!("git is not installed: the team simulation is skipped");
            return Ok(());
        }
        let mut world = team_sim::profiled("setup", || World::new(&corpus(), 3));
        for s in &steps {
            world.step(s);
        }
        world.finish();
    }
}
