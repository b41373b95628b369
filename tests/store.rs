//! Project files: lossless round trip, stable output, refusals with clear
//! messages, and atomic saves that never damage the previous file.

use std::path::Path;

use stancemark::io::save_format::FORMAT_VERSION;
use stancemark::io::store::{parse_project, project_to_ron};
use stancemark::io::{StoreError, load_project, save_project};
use stancemark::model::{
    CharSpan, DocStatus, Document, Edit, Mention, MentionId, Project, Schema, apply,
};

fn sample() -> (Vec<Document>, Project) {
    let docs = vec![
        Document::new(
            "b/second.txt",
            "Dr 佐藤美咲 (Misaki Sato) 🐟 said “wait”.\r\nRene\u{301}e agreed.",
            "UTF-8",
        ),
        Document::new(
            "a/first.txt",
            "date 2026-03-15\nMayor Hélène Duarte-Lefèvre spoke.",
            "windows-1252",
        ),
    ];
    let mut project = Project::new("Ana Lúcia", Schema::builtin());
    project.attach(&docs);
    let add = |p: &mut Project, d: &Document, id: u64, s: usize, e: usize, l: &str| {
        let mention = Mention::new(d, MentionId(id), CharSpan::new(s, e), l);
        apply(
            p,
            Edit::AddMention {
                doc: d.path.clone(),
                mention,
            },
        )
        .expect("add");
    };
    add(&mut project, &docs[0], 2, 3, 7, "PER");
    add(&mut project, &docs[0], 1, 9, 20, "PER");
    add(&mut project, &docs[0], 3, 3, 20, "MISC");
    add(&mut project, &docs[0], 4, 38, 44, "PER");
    add(&mut project, &docs[1], 1, 22, 43, "PER");
    apply(
        &mut project,
        Edit::SetStatus {
            doc: "a/first.txt".into(),
            status: DocStatus::Done,
        },
    )
    .expect("status");
    apply(
        &mut project,
        Edit::SetOutlet {
            doc: "b/second.txt".into(),
            outlet: Some("Nordwire".into()),
        },
    )
    .expect("outlet");
    for edit in [
        Edit::SetMentionNote {
            doc: "b/second.txt".into(),
            id: MentionId(2),
            note: "same person as 🐟 \"Misaki\"?\nline two".into(),
        },
        Edit::SetDocumentNote {
            doc: "a/first.txt".into(),
            note: "wire copy — 北京 check".into(),
        },
    ] {
        apply(&mut project, edit).expect("note");
    }
    (docs, project)
}

#[test]
fn round_trip_is_lossless_and_stable() {
    let (docs, project) = sample();
    let quote = |id| {
        project.documents["b/second.txt"]
            .mention(MentionId(id))
            .map(|m| m.quote.exact.clone())
    };
    assert_eq!(quote(2).as_deref(), Some("佐藤美咲"));
    assert_eq!(quote(1).as_deref(), Some("Misaki Sato"));
    assert_eq!(quote(4).as_deref(), Some("Rene\u{301}e"));
    assert_eq!(
        project.documents["a/first.txt"].mentions[0].quote.exact,
        "Hélène Duarte-Lefèvre"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    let file = dir.path().join("saves/ana.ron");
    save_project(&file, &project, &corpus).expect("save");
    let loaded = load_project(&file).expect("load");
    assert_eq!(loaded.project, project);
    assert_eq!(
        loaded.corpus_field, "../corpus",
        "corpus stored relative to the save"
    );
    assert_eq!(loaded.corpus, dir.path().join("saves/../corpus"));

    let text = std::fs::read_to_string(&file).expect("read");
    save_project(&file, &loaded.project, &corpus).expect("save again");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        text,
        "saving is deterministic"
    );
    // Stable, diff-friendly order: documents by path, one mention per line in reading order.
    let a = text.find("a/first.txt").expect("a");
    let b = text.find("b/second.txt").expect("b");
    assert!(a < b);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("exact:")).collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines[0].contains("start: 22, end: 43, label: \"PER\""),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("start: 3, end: 20, label: \"MISC\""),
        "longer first: {}",
        lines[1]
    );
    assert!(
        lines[2].contains("start: 3, end: 7, label: \"PER\""),
        "{}",
        lines[2]
    );
    assert!(text.contains(&format!("version: {FORMAT_VERSION}")));
    let _ = docs;
}

fn expect_parse_error(text: &str) -> StoreError {
    parse_project(Path::new("bad.ron"), text).expect_err("must be refused")
}

#[test]
fn corrupt_files_are_refused_with_line_and_column() {
    let (_, project) = sample();
    let good = project_to_ron(&project, "corpus".into()).expect("ron");
    let broken = good.replacen("status: Done", "status: Dne", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("Dne"))
        .expect("line")
        + 1;
    match expect_parse_error(&broken) {
        StoreError::Parse {
            line: l,
            column,
            message,
            ..
        } => {
            assert_eq!(l, line);
            assert!(column > 1);
            assert!(message.contains("Dne"), "{message}");
        }
        other => panic!("unexpected {other}"),
    }
    let truncated = &good[..good.floor_char_boundary(good.len() / 2)];
    let err = expect_parse_error(truncated);
    assert!(err.to_string().starts_with("bad.ron:"), "{err}");

    let err = expect_parse_error("(format: \"something-else\", version: 1)");
    assert!(matches!(err, StoreError::NotAProject { .. }), "{err}");

    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(
        expect_parse_error(&deep),
        StoreError::Parse { .. }
    ));

    let dup = good.replacen("(id: 2,", "(id: 1,", 1);
    let err = expect_parse_error(&dup);
    assert!(
        err.to_string().contains("mention id 1 is used twice"),
        "{err}"
    );
}

#[test]
fn newer_versions_are_refused_and_left_alone() {
    let (_, project) = sample();
    let good = project_to_ron(&project, "corpus".into()).expect("ron");
    let newer = good.replacen(&format!("version: {FORMAT_VERSION}"), "version: 99", 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("newer.ron");
    std::fs::write(&file, &newer).expect("write");
    let err = load_project(&file).expect_err("newer");
    assert!(matches!(err, StoreError::NewerVersion { found: 99, .. }));
    assert!(
        err.to_string()
            .contains(&format!("reads versions up to {FORMAT_VERSION};")),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), newer);
}

/// Saving into a read-only folder fails, leaves the old file byte-identical.
/// Root ignores folder permissions, so as root the check re-runs itself as
/// the unprivileged user `nobody` (through `setpriv`).
#[test]
fn failed_save_leaves_previous_file_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    std::fs::create_dir(&saves).expect("mkdir");
    let file = saves.join("project.ron");
    let (_, project) = sample();
    save_project(&file, &project, dir.path()).expect("first save");
    let before = std::fs::read(&file).expect("read");

    set_mode(&saves, 0o555);
    let probe = saves.join("probe");
    let enforced = std::fs::write(&probe, b"x").is_err();
    let _ = std::fs::remove_file(&probe);
    if enforced {
        check_save_fails(&file, &before);
    } else {
        // Running as root: let `nobody` try, through this same test binary.
        set_mode(dir.path(), 0o755);
        set_mode(&file, 0o644);
        // Run a copy of this test binary from the temporary folder, which
        // `nobody` can reach wherever the checkout lives.
        let exe = dir.path().join("store-test-binary");
        std::fs::copy(std::env::current_exe().expect("exe"), &exe).expect("copy test binary");
        set_mode(&exe, 0o755);
        let status = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(exe)
            .args([
                "--exact",
                "failed_save_as_unprivileged_user",
                "--ignored",
                "--nocapture",
            ])
            .env("STANCEMARK_READONLY_SAVE", &file)
            .status()
            .expect("setpriv runs");
        assert!(status.success(), "the unprivileged save check failed");
    }
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "previous file unchanged"
    );
    set_mode(&saves, 0o755);
}

#[test]
#[ignore = "run by failed_save_leaves_previous_file_intact as an unprivileged user"]
fn failed_save_as_unprivileged_user() {
    let file = std::path::PathBuf::from(std::env::var_os("STANCEMARK_READONLY_SAVE").expect("env"));
    let before = std::fs::read(&file).expect("read");
    check_save_fails(&file, &before);
}

fn check_save_fails(file: &Path, before: &[u8]) {
    let loaded = load_project(file).expect("load");
    let mut project = loaded.project;
    apply(
        &mut project,
        Edit::SetStatus {
            doc: "b/second.txt".into(),
            status: DocStatus::Done,
        },
    )
    .expect("edit");
    let err = save_project(file, &project, Path::new("/")).expect_err("read-only folder");
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
    assert!(err.to_string().contains("ermission denied"), "{err}");
    assert_eq!(std::fs::read(file).expect("read"), before);
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().expect("dir"))
        .expect("ls")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written temporary files");
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn the_documented_example_is_a_valid_project() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"))
        .expect("read");
    let start = doc.find("```ron\n").expect("example") + "```ron\n".len();
    let end = start + doc[start..].find("```").expect("end of example");
    let file =
        parse_project(Path::new("docs/format.md"), &doc[start..end]).expect("the example parses");
    let project = file.into_project();
    let entry = &project.documents["nordwire/2026-03-16-lab-results.txt"];
    assert_eq!(entry.mentions.len(), 4);
    assert_eq!(entry.mentions[2].quote.exact, "佐藤美咲");
    assert_eq!(project.entities.len(), 2);
    assert_eq!(
        project.schema.abbreviations,
        ["Sen.", "Rep."],
        "version 7 adds abbreviations"
    );
    assert_eq!(project.linked_mention_count(), 2);
    assert_eq!(project.suggestion_count(), 1);
    assert_eq!(project.stance_count(), 2);
    assert_eq!(project.claims.len(), 1);
    assert_eq!(entry.orphans.len(), 1);
    assert_eq!(entry.orphans[0].old_text(), "Lenne Valley Water");
    // Version 8: quotations and cues.
    assert_eq!(entry.quotations.len(), 1);
    let q = &entry.quotations[0];
    assert_eq!(q.speaker, None, "unattributed");
    assert_eq!(q.kind, stancemark::model::QuoteKind::Mixed);
    assert_eq!(q.contents[0].quote.exact, "widely used across the region");
    assert_eq!(project.schema.cues.len(), 4);
    // Version 8: relation types and relations.
    assert_eq!(project.schema.relation_types.len(), 3);
    assert!(project.schema.relation_types[2].symmetric);
    assert_eq!(entry.relations.len(), 1);
    let r = &entry.relations[0];
    assert_eq!(
        (
            entry.mention(r.source).map(|m| m.quote.exact.as_str()),
            entry.mention(r.target).map(|m| m.quote.exact.as_str()),
            r.note.as_str()
        ),
        (
            Some("Norvik Chemicals"),
            Some("PORT AVEL"),
            "plant at the harbour"
        )
    );
    assert_eq!(
        entry.note,
        "Second half is a wire copy; annotate only the first five paragraphs."
    );
    assert_eq!(
        entry.mentions[3].note,
        "flocculant supplier? check the 17 March report"
    );
    // Orphans survive a save and a load.
    let dir = tempfile::tempdir().expect("tempdir");
    let again = dir.path().join("again.ron");
    save_project(&again, &project, dir.path()).expect("save");
    assert_eq!(load_project(&again).expect("load").project, project);
    // The documented offsets are right for the bundled sample corpus.
    let corpus = stancemark::io::load_corpus(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus"),
        u64::MAX,
        &(),
    )
    .expect("sample corpus");
    let doc = corpus
        .document("nordwire/2026-03-16-lab-results.txt")
        .expect("doc");
    for m in &entry.mentions {
        assert!(m.matches(doc), "{} at {}", m.quote.exact, m.span);
        assert_eq!(doc.prefix(m.span.start, 24), m.quote.prefix);
    }
    for e in entry.stances.iter().flat_map(|s| &s.evidence) {
        assert!(e.matches(doc), "{} at {}", e.quote.exact, e.span);
    }
    for e in entry.quotations.iter().flat_map(|q| q.spans()) {
        assert!(e.matches(doc), "{} at {}", e.quote.exact, e.span);
        assert_eq!(doc.prefix(e.span.start, 24), e.quote.prefix);
        assert_eq!(doc.suffix(e.span.end, 24), e.quote.suffix);
    }
}

/// A save written by the first release (format version 1, before entities)
/// still loads: its mentions simply have no entity.
#[test]
fn version_1_saves_still_load() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-sample-corpus.ron");
    let text = std::fs::read_to_string(&file).expect("fixture");
    assert!(text.contains("version: 1,"));
    let loaded = load_project(&file).expect("v1 loads");
    assert_eq!(loaded.project.mention_count(), 10);
    assert!(loaded.project.entities.is_empty());
    assert_eq!(loaded.project.linked_mention_count(), 0);
    let corpus = stancemark::io::load_corpus(&loaded.corpus, u64::MAX, &()).expect("sample corpus");
    let mut loaded = loaded;
    assert_only_the_meridian_changed(&mut loaded.project, &corpus.documents);
    // Saved again, it is written in the current version.
    let dir = tempfile::tempdir().expect("tempdir");
    let again = dir.path().join("again.ron");
    save_project(&again, &loaded.project, &loaded.corpus).expect("save");
    assert!(
        std::fs::read_to_string(&again)
            .expect("read")
            .contains(&format!("version: {FORMAT_VERSION},"))
    );
    assert_eq!(load_project(&again).expect("load").project, loaded.project);
}

/// A save from before stances (format version 2, with entities and
/// suggestions) still loads: it gets the default stance scale and no stances.
#[test]
fn version_2_saves_still_load() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-sample-corpus.ron");
    assert!(
        std::fs::read_to_string(&file)
            .expect("fixture")
            .contains("version: 2,")
    );
    let loaded = load_project(&file).expect("v2 loads");
    let p = &loaded.project;
    assert_eq!(p.entities.len(), 4);
    assert!(p.linked_mention_count() > 0);
    assert!(p.suggestion_count() > 0);
    assert_eq!(p.stance_count(), 0);
    assert!(p.claims.is_empty());
    assert_eq!(
        p.schema.polarities,
        stancemark::model::schema::default_polarities()
    );
    let corpus = stancemark::io::load_corpus(&loaded.corpus, u64::MAX, &()).expect("sample corpus");
    let mut p = p.clone();
    assert_only_the_meridian_changed(&mut p, &corpus.documents);
}

/// Since these saves were made, one sample article changed (a quote with a
/// pronoun speaker was added to the-meridian's report): opening an old save
/// re-anchors that document's annotations, every one of them found again,
/// and then nothing is wrong.
fn assert_only_the_meridian_changed(
    project: &mut stancemark::model::Project,
    corpus: &[stancemark::model::Document],
) {
    use stancemark::model::check::{Problem, check_project};
    let changed: Vec<String> = check_project(project, corpus)
        .into_iter()
        .map(|p| match p {
            Problem::ChangedDocument { doc, .. } => doc,
            other => panic!("unexpected: {other}"),
        })
        .collect();
    assert_eq!(changed, ["the-meridian/2026-03-17-inspection.txt"]);
    for problem in stancemark::model::reanchor::reanchor_project(project, corpus) {
        if let Problem::Reanchored { orphaned, .. } = problem {
            assert_eq!(orphaned, 0, "every annotation found again");
        }
    }
    assert!(check_project(project, corpus).is_empty());
}

/// Saves from before relations (format version 7), before abbreviations
/// and token documents (version 6),
/// before notes on documents and mentions (version 5), before orphans
/// (version 4) and before gold provenance (version 3, with stances and
/// claims) still load, with no orphans before version 5 and no notes before
/// version 6.
#[test]
fn version_3_to_7_saves_still_load() {
    for version in [3, 4, 5, 6, 7] {
        check_stance_era_fixture(version);
    }
}

fn check_stance_era_fixture(version: u32) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/v{version}-example.ron"));
    assert!(
        std::fs::read_to_string(&file)
            .expect("fixture")
            .contains(&format!("version: {version},"))
    );
    let loaded = load_project(&file).expect("v4 loads");
    let p = &loaded.project;
    assert_eq!(p.stance_count(), 2);
    assert_eq!(p.mention_count(), 4);
    assert!(version >= 5 || p.documents.values().all(|d| d.orphans.is_empty()));
    let notes = p
        .documents
        .values()
        .map(|d| {
            usize::from(!d.note.is_empty())
                + d.mentions.iter().filter(|m| !m.note.is_empty()).count()
        })
        .sum::<usize>();
    assert_eq!(notes, if version >= 6 { 2 } else { 0 });
    assert_eq!(p.schema.abbreviations.is_empty(), version < 7);
    assert!(p.documents.values().all(|d| !d.token_lines));
    // Before version 8: no relations or quotations, and the default
    // relation types and cues.
    assert_eq!(p.relation_count(), 0);
    assert_eq!(p.quotation_count(), 0);
    assert_eq!(p.schema.cues, stancemark::model::schema::default_cues());
    assert_eq!(
        p.schema.relation_types,
        stancemark::model::relation::default_relation_types()
    );
    let corpus = stancemark::io::load_corpus(&loaded.corpus, u64::MAX, &()).expect("sample corpus");
    let entry = &p.documents["nordwire/2026-03-16-lab-results.txt"];
    let doc = corpus
        .document("nordwire/2026-03-16-lab-results.txt")
        .expect("doc");
    assert!(entry.mentions.iter().all(|m| m.matches(doc)));
}

#[test]
fn saves_keep_rotating_backups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("p.ron");
    let (_, mut project) = sample();
    let mut versions = Vec::new();
    for status in [
        DocStatus::Todo,
        DocStatus::InProgress,
        DocStatus::Done,
        DocStatus::Todo,
        DocStatus::InProgress,
    ] {
        apply(
            &mut project,
            Edit::SetStatus {
                doc: "a/first.txt".into(),
                status,
            },
        )
        .expect("edit");
        save_project(&file, &project, dir.path()).expect("save");
        versions.push(std::fs::read(&file).expect("read"));
    }
    let bak = |n| std::fs::read(stancemark::io::store::backup_path(&file, n)).expect("backup");
    assert_eq!(bak(1), versions[3], "bak1 is the previous save");
    assert_eq!(bak(2), versions[2]);
    assert_eq!(bak(3), versions[1]);
    assert!(
        !stancemark::io::store::backup_path(&file, 4).exists(),
        "three backups are kept"
    );
}

#[test]
fn a_migrated_file_keeps_its_original() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-sample-corpus.ron"),
    )
    .expect("fixture");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus");
    let file = dir.path().join("old.ron");
    std::fs::write(
        &file,
        original.replace(
            "corpus: \"../../assets/sample-corpus\"",
            &format!("corpus: {:?}", corpus.display().to_string()),
        ),
    )
    .expect("write");
    let before = std::fs::read(&file).expect("read");
    let loaded = load_project(&file).expect("v1 loads");
    save_project(&file, &loaded.project, &loaded.corpus).expect("save in the current version");
    assert_eq!(
        std::fs::read(dir.path().join("old.ron.v1.bak")).expect("original kept"),
        before
    );
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains(&format!("version: {FORMAT_VERSION},"))
    );
}

#[test]
fn document_paths_cannot_escape_the_corpus() {
    let (_, project) = sample();
    let good = project_to_ron(&project, "corpus".into()).expect("ron");
    for (bad, why) in [
        ("../../etc/passwd", "escapes the corpus folder"),
        ("/etc/passwd", "an absolute path"),
    ] {
        let text = good.replacen("path: \"a/first.txt\"", &format!("path: {bad:?}"), 1);
        let err = parse_project(Path::new("hostile.ron"), &text).expect_err("refused");
        let message = err.to_string();
        assert!(message.starts_with("hostile.ron: "), "{message}");
        assert!(message.contains(bad) && message.contains(why), "{message}");
    }
}

/// An editor that adds a byte-order mark to a valid project file does not
/// make it unreadable.
#[test]
fn a_project_file_with_a_byte_order_mark_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (docs, project) = sample();
    let file = dir.path().join("p.ron");
    save_project(&file, &project, Path::new("corpus")).expect("save");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(std::fs::read(&file).expect("read"));
    std::fs::write(&file, bytes).expect("write");
    let loaded = load_project(&file).expect("loads with a BOM");
    assert_eq!(loaded.project.mention_count(), project.mention_count());
    let _ = docs;
}

/// A hostile file with a great many problems (here 50,000 mentions linked
/// to an entity that does not exist) is refused with the first problems and
/// a count of the rest, not with one line per problem.
#[test]
fn many_problems_are_counted_not_all_kept() {
    use stancemark::model::EntityId;
    let doc = Document::new("a.txt", "a b", "UTF-8");
    let mut one = Project::new("hostile", Schema::builtin());
    one.attach(std::slice::from_ref(&doc));
    let mut mention = Mention::new(&doc, MentionId(1), CharSpan::new(0, 1), "PER");
    mention.entity = Some(EntityId(7));
    stancemark::model::apply(
        &mut one,
        Edit::AddMention {
            doc: doc.path.clone(),
            mention,
        },
    )
    .expect("mention");
    let template = project_to_ron(&one, ".".into()).expect("ron");
    let line = template
        .lines()
        .find(|l| l.contains("(id: 1,"))
        .expect("mention line")
        .to_owned();
    let mut text = String::new();
    for l in template.lines() {
        if l == line {
            for id in 1..=50_000u32 {
                text.push_str(&line.replacen("(id: 1,", &format!("(id: {id},"), 1));
                text.push('\n');
            }
        } else {
            text.push_str(l);
            text.push('\n');
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hostile.ron");
    std::fs::write(&file, text).expect("write");
    let message = load_project(&file).expect_err("refused").to_string();
    assert!(message.len() < 5_000, "{} bytes", message.len());
    assert!(
        message.contains("mention 1 links to entity 7, which does not exist"),
        "{message}"
    );
    assert!(
        message.ends_with("and 49980 more problem(s) of the same kinds"),
        "{message}"
    );
}

/// A project and its corpus read side by side: the corpus the file names is
/// read, even when the file's layout hides it from the quick look at its top
/// (then it is read after the project), and `--corpus` wins over both.
#[test]
fn a_project_and_its_corpus_are_read_together_and_the_right_corpus_wins() {
    use stancemark::io::project_and_corpus::{load_project_and_corpus, peek_corpus};
    let tmp = tempfile::tempdir().expect("tempdir");
    let (docs, project) = sample();
    for (folder, text) in [("corpus", "named"), ("other", "given")] {
        for d in &docs {
            let file = tmp.path().join(folder).join(&d.path);
            std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
            std::fs::write(&file, format!("{text} {}", d.text)).expect("write");
        }
    }
    let file = tmp.path().join("p.ron");
    save_project(&file, &project, &tmp.path().join("corpus")).expect("save");
    assert_eq!(peek_corpus(&file), Some(tmp.path().join("corpus")));
    let first_text = |c: stancemark::io::Corpus| c.documents[0].text.clone();
    let (loaded, corpus) = load_project_and_corpus(&file, None).expect("load");
    assert_eq!(loaded.project.annotator, project.annotator);
    assert!(first_text(corpus.expect("corpus")).starts_with("named "));
    let (_, corpus) =
        load_project_and_corpus(&file, Some(&tmp.path().join("other"))).expect("load");
    assert!(first_text(corpus.expect("corpus")).starts_with("given "));
    // The corpus field moved to a line of its own: no quick look, same result.
    let text = std::fs::read_to_string(&file).expect("read");
    let moved = text.replace("  corpus: \"corpus\",", "  corpus:\n    \"corpus\",");
    assert_ne!(moved, text);
    std::fs::write(&file, moved).expect("write");
    assert_eq!(peek_corpus(&file), None);
    let (_, corpus) = load_project_and_corpus(&file, None).expect("load");
    assert!(first_text(corpus.expect("corpus")).starts_with("named "));
}
