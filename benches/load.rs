//! Loading a project file (issue 26, item 1): which way to make it fast.
//!
//! On a project of 20,000 documents with 100,000 mentions and 2,000 stances
//! (the 22 MB file `stancemark generate --docs 20000 --mentions 100000
//! --stances 2000` writes), it times:
//!
//! - `ron_whole`: the file parsed as one RON value and checked, as before;
//! - `ron_by_documents`: `parse_project`, which cuts the file by documents and
//!   parses them on every core, then checks it (what Stancemark does);
//! - `cache_cbor`: what a binary cache beside the file would cost at best on
//!   a load that finds it valid: hashing the RON text (to know the cache
//!   matches) and decoding the same `SaveFile` from CBOR, then checking it;
//! - `read_file`: reading the 22 MB from the page cache, the reference.
//!
//! Run with `cargo bench --bench load`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use stancemark::io::save_format::SaveFile;
use stancemark::io::store::{parse_project, project_to_ron};
use stancemark::model::synthetic;

fn load(c: &mut Criterion) {
    let corpus = synthetic::corpus(1, 20_000, 600);
    let project = synthetic::project(2, &corpus, 100_000, 2_000);
    drop(corpus);
    let text = project_to_ron(&project, "corpus".into()).expect("serialises");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("project.ron");
    std::fs::write(&file, &text).expect("write");
    let parsed: SaveFile = ron::from_str(&text).expect("parses");
    let mut cbor = Vec::new();
    ciborium::into_writer(&parsed, &mut cbor).expect("cbor");
    println!(
        "project file {:.1} MB of RON, {:.1} MB of CBOR",
        text.len() as f64 / 1e6,
        cbor.len() as f64 / 1e6
    );
    let options = ron::Options::default().with_recursion_limit(32);
    let mut group = c.benchmark_group("load_project_20k");
    group.sample_size(10);
    group.bench_function("read_file", |b| {
        b.iter(|| black_box(std::fs::read(&file).expect("read")));
    });
    group.bench_function("ron_whole", |b| {
        b.iter(|| {
            let f: SaveFile = options.from_str(&text).expect("parses");
            assert!(f.problems().is_empty());
            black_box(f)
        });
    });
    group.bench_function("ron_by_documents", |b| {
        b.iter(|| black_box(parse_project(Path::new("p.ron"), &text).expect("parses")));
    });
    group.bench_function("cache_cbor", |b| {
        b.iter(|| {
            black_box(blake3::hash(text.as_bytes()));
            let f: SaveFile = ciborium::from_reader(cbor.as_slice()).expect("decodes");
            assert!(f.problems().is_empty());
            black_box(f)
        });
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
