//! Hostile and broken project files: each one in `tests/hostile/` is refused
//! with a message naming the file and the problem (`expected.tsv`); and
//! random mutations of a valid save never make the loader panic.

use std::path::Path;

use proptest::prelude::*;
use stancemark::io::load_project;
use stancemark::io::store::parse_project;

#[test]
fn every_hostile_file_is_refused_with_the_expected_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let manifest = std::fs::read_to_string(dir.join("expected.tsv")).expect("manifest");
    let mut checked = 0;
    for line in manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (file, expected) = line.split_once('\t').expect("file<TAB>expected");
        let path = dir.join(file);
        let err = load_project(&path).expect_err(file);
        let message = err.to_string();
        assert!(
            message.contains(file),
            "{file}: the message names the file: {message}"
        );
        assert!(
            message.contains(expected),
            "{file}: expected {expected:?} in {message:?}"
        );
        checked += 1;
    }
    assert!(checked >= 20, "{checked} hostile files");
}

fn valid() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-sample-corpus.ron"),
    )
    .expect("fixture")
}

proptest! {
    // 300 cases in CI; `STANCEMARK_FUZZ_CASES=N` runs a longer fuzz (README).
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("STANCEMARK_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
    ))]

    /// Random byte flips, deletions and insertions (ASCII, so the text stays
    /// UTF-8 and reaches the parser; non-UTF-8 files are `22-not-utf8.ron`):
    /// Ok or a clear error, never a panic.
    #[test]
    fn mutated_saves_never_panic(edits in proptest::collection::vec((0usize..20_000, 0u8..3, 0u8..128), 1..8)) {
        let mut bytes = valid().into_bytes();
        for (at, kind, byte) in edits {
            let at = at % bytes.len().max(1);
            match kind {
                0 => bytes[at] = byte,
                1 => { bytes.remove(at); }
                _ => bytes.insert(at, byte),
            }
        }
        if let Ok(text) = String::from_utf8(bytes) {
            match parse_project(Path::new("mutated.ron"), &text) {
                Ok(file) => { let _ = file.into_project(); }
                Err(e) => prop_assert!(e.to_string().starts_with("mutated.ron"), "{}", e),
            }
        }
    }
}
