//! Random histories of a team on git (issue 30). See `team_sim/mod.rs`
//! for the world and what is checked after every merge.
//!
//! * In CI: 200 seeded histories of three clones, 50 steps each, in four
//!   runs of 50 the harness runs side by side. A failure is shrunk by
//!   removing whole steps until none can go, and reported with the
//!   history's number, its seed and the steps that matter.
//! * On demand (`cargo test --test team_simulation -- --ignored
//!   --nocapture`): a month of a ten-person team, 2,000 steps on the
//!   bundled sample corpus plus a generated one, with a report of merges,
//!   conflicts, time per merge and the largest file.
//! * A synced folder instead of git: 50 histories of three machines whose
//!   sync tool leaves conflicted copies, merged with `merge-file
//!   --find-base` (`team_sim/synced.rs`).
//!
//! `SIM_CASES=N` runs N histories per run instead of 50.

mod team_sim;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use stancemark::model::Document;
use team_sim::{Step, World};

// (The synced-folder histories report how many conflicted copies they
// merged: see `team_sim::synced_totals`.)

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
fn run_history(steps: &[Step], make: fn() -> World) -> Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut world = team_sim::profiled("setup", make);
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
fn shrink(mut steps: Vec<Step>, kind: &str, make: fn() -> World) -> (Vec<Step>, String) {
    let mut message = String::new();
    loop {
        let mut removed = false;
        let mut i = steps.len();
        while i > 0 {
            i -= 1;
            let mut shorter = steps.clone();
            shorter.remove(i);
            if let Err(m) = run_history(&shorter, make)
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
fn histories(seed: u64, cases: u32, make: fn() -> World) {
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
        run_history(&steps, make).map_err(TestCaseError::fail)
    });
    let Err(e) = result else { return };
    let proptest::test_runner::TestError::Fail(reason, steps) = e else {
        panic!("{e}");
    };
    let (minimal, message) = shrink(steps, &kind_of(reason.message()), make);
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
    histories(30, 50, on_git);
}

#[test]
fn random_histories_of_three_clones_merge_without_loss_2() {
    histories(31, 50, on_git);
}

#[test]
fn random_histories_of_three_clones_merge_without_loss_3() {
    histories(32, 50, on_git);
}

#[test]
fn random_histories_of_three_clones_merge_without_loss_4() {
    histories(33, 50, on_git);
}

/// The bundled sample corpus, as the app reads it (paths relative to it).
fn sample_corpus() -> Vec<Document> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<Document>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("sample corpus")
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                let rel = path.strip_prefix(root).expect("inside");
                let text = std::fs::read_to_string(&path).expect("sample text");
                out.push(Document::new(
                    rel.to_string_lossy().into_owned(),
                    text,
                    "UTF-8",
                ));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out
}

/// "A month": ten clones, 2,000 steps, on the sample corpus plus a
/// generated one; every invariant checked after every merge as in CI, and
/// a report of what happened.
#[test]
#[ignore = "a month of a ten-person team takes minutes: run on demand"]
fn a_month_of_ten_clones() {
    if !team_sim::git_available() {
        eprintln!("git is not installed: the team simulation is skipped");
        return;
    }
    let mut docs = sample_corpus();
    docs.extend(stancemark::model::synthetic::corpus(30, 5, 300));
    // Sorted by path, as the app lists a corpus (and the checks look up).
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let config = ProptestConfig {
        rng_seed: proptest::test_runner::RngSeed::Fixed(2026),
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let steps = prop::collection::vec(step(10), 2000)
        .new_tree(&mut runner)
        .expect("a history")
        .current();
    let started = std::time::Instant::now();
    let mut world = World::new(&docs, 10);
    for s in &steps {
        world.step(s);
    }
    world.finish();
    let t = &world.tally;
    let per_merge = t.merge_time.as_secs_f64() * 1000.0 / t.merges.max(1) as f64;
    eprintln!(
        "a month of ten clones on {} documents ({} sample, 5 generated):\n\
         steps {}, edits done {} ({:?})\n\
         merges {} (pulls that merged two different files), conflicts recorded and settled {}\n\
         time per merge {per_merge:.1} ms (git pull: fetch, merge, driver)\n\
         largest file {} bytes; whole run {:.1} s",
        docs.len(),
        docs.len() - 5,
        t.steps,
        t.edits,
        t.kinds,
        t.merges,
        t.conflicts,
        t.largest_file,
        started.elapsed().as_secs_f64()
    );
    assert!(t.merges > 0, "a month without a merge proves nothing");
}

/// Three clones of a bare origin, on the small corpus.
fn on_git() -> World {
    World::new(&corpus(), 3)
}

/// Three machines sharing a synced folder, on the small corpus.
fn on_a_synced_folder() -> World {
    World::synced(&corpus(), 3)
}

/// A synced folder instead of git: three machines, the sync tool's
/// conflicted copies merged with `stancemark merge-file` against the
/// newest backup both machines saved over, as the guide says; the same
/// checks after every merge, and all machines equal at the end.
#[test]
fn random_histories_on_a_synced_folder_merge_without_loss() {
    histories(34, 50, on_a_synced_folder);
    let (copies, without_base) = team_sim::synced_totals();
    eprintln!("conflicted copies merged: {copies}, against an empty base: {without_base}");
    assert!(
        copies > 0,
        "no history made a conflicted copy: nothing was tested"
    );
}
