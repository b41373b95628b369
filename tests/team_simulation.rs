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

/// Runs one history in a fresh world; the panic message when an
/// invariant fails.
fn run_history(steps: &[Step]) -> Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut world = team_sim::profiled("setup", || World::new(&corpus(), 3));
        for s in steps {
            world.step(s);
        }
        world.finish();
    }))
    .map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    })
}

/// The failure's kind: its message up to the first detail, so shrinking
/// keeps to the same failure.
fn kind_of(message: &str) -> String {
    message
        .split([',', ':', '\n'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .filter(|w| !w.contains("sim") && !w.contains(|c: char| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes steps while the history still fails the same way, until no
/// single step can go (a history of the steps that matter).
fn shrink(mut steps: Vec<Step>, kind: &str) -> (Vec<Step>, String) {
    let mut message = String::new();
    loop {
        let mut removed = false;
        let mut i = steps.len();
        while i > 0 {
            i -= 1;
            let mut shorter = steps.clone();
            shorter.remove(i);
            if let Err(m) = run_history(&shorter)
                && kind_of(&m) == kind
            {
                steps = shorter;
                message = m;
                removed = true;
            }
        }
        if !removed {
            return (steps, message);
        }
    }
}

/// Runs `cases` seeded histories of three clones, 50 steps each; on a
/// failure, removes steps until none can go and panics with that history.
fn histories(seed: u64, cases: u32) {
    if !team_sim::git_available() {
        eprintln!("git is not installed: the team simulation is skipped");
        return;
    }
    let config = ProptestConfig {
        cases: team_sim::cases(cases),
        // Shrinking is done below, by removing whole steps.
        max_shrink_iters: 0,
        failure_persistence: None,
        // Seeded: the same histories every run.
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let run = std::cell::Cell::new(0_usize);
    let result = runner.run(&prop::collection::vec(step(3), 50), |steps| {
        run.set(run.get() + 1);
        run_history(&steps).map_err(TestCaseError::fail)
    });
    let Err(e) = result else { return };
    let proptest::test_runner::TestError::Fail(reason, steps) = e else {
        panic!("{e}");
    };
    let (minimal, message) = shrink(steps, &kind_of(reason.message()));
    panic!(
        "history {} of seed {seed} failed: {reason}\n\
         with the steps that matter ({} of 50): {message}\n{}",
        run.get(),
        minimal.len(),
        minimal
            .iter()
            .map(|s| format!("  {s:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// 200 histories in four runs of 50, which the test harness runs side by
// side (a history spends most of its time waiting for git).
#[test]
fn random_histories_of_three_clones_merge_without_loss_1() {
    histories(30, 50);
}

#[test]
fn random_histories_of_three_clones_merge_without_loss_2() {
    histories(31, 50);
}

#[test]
fn random_histories_of_three_clones_merge_without_loss_3() {
    histories(32, 50);
}

#[test]
fn random_histories_of_three_clones_merge_without_loss_4() {
    histories(33, 50);
}
