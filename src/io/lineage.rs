//! Which versions a project file was saved over: its lineage.
//!
//! A version's *revision* is the start of the BLAKE3 hash of its bytes.
//! Each save over an existing file writes, on a line of its own near the
//! top, the revisions it descends from, newest first: the file it replaced,
//! then that file's own lineage (at most [`MAX_LINEAGE`]). A merge writes
//! both sides' revisions, then their lineages interleaved.
//!
//! Two copies of one file that a sync tool left side by side (`ana.ron`
//! and `ana (conflicted copy).ron`) can then be merged against the newest
//! version both descend from, found among the backups by its revision
//! (`stancemark merge-file --find-base`): never a version only one side
//! saw, which would make the other side's work look deleted.

use std::path::{Path, PathBuf};

/// Revisions kept in a file's lineage.
pub const MAX_LINEAGE: usize = 16;

/// The field's line, as the pretty printer writes it.
const PREFIX: &str = "  lineage: \"";

/// How far into a file the lineage line may start.
const HEAD: usize = 4096;

/// The revision of a version: 16 hex digits of the BLAKE3 hash of its bytes.
#[must_use]
pub fn revision(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_owned()
}

/// Where the lineage line of `text` is, as a byte range including its
/// newline (`None`: the file has no lineage).
fn line(text: &[u8]) -> Option<std::ops::Range<usize>> {
    let head = &text[..text.len().min(HEAD)];
    let start = head
        .windows(PREFIX.len() + 1)
        .position(|w| w[0] == b'\n' && &w[1..] == PREFIX.as_bytes())?
        + 1;
    let end = start + text[start..].iter().position(|&b| b == b'\n')? + 1;
    Some(start..end)
}

/// The revisions `text` says it descends from, newest first.
#[must_use]
pub fn lineage_of(text: &[u8]) -> Vec<String> {
    let Some(range) = line(text) else {
        return Vec::new();
    };
    let inner = &text[range.start + PREFIX.len()..range.end];
    let inner = std::str::from_utf8(inner).unwrap_or("");
    inner
        .split('"')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .filter(|r| r.len() == 16 && r.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned)
        .collect()
}

/// The lineage of a save over `previous`: its revision, then its lineage.
#[must_use]
pub fn saved_over(previous: &[u8]) -> String {
    let mut out = vec![revision(previous)];
    out.extend(lineage_of(previous));
    out.truncate(MAX_LINEAGE);
    out.join(" ")
}

/// The lineage of a merge of `ours` and `theirs`: both revisions, then
/// their lineages interleaved, each revision once.
#[must_use]
pub fn merged_from(ours: &[u8], theirs: &[u8]) -> String {
    let (a, b) = (lineage_of(ours), lineage_of(theirs));
    let mut out = vec![revision(ours), revision(theirs)];
    for i in 0..a.len().max(b.len()) {
        for r in [a.get(i), b.get(i)].into_iter().flatten() {
            if !out.contains(r) {
                out.push(r.clone());
            }
        }
    }
    out.truncate(MAX_LINEAGE);
    out.join(" ")
}

/// True when `old` and `new` are the same but for their lineage lines: a
/// save that changes nothing else writes nothing.
#[must_use]
pub fn same_but_lineage(old: &[u8], new: &[u8]) -> bool {
    let strip = |t: &[u8]| match line(t) {
        Some(r) => (t[..r.start].to_vec(), t[r.end..].to_vec()),
        None => (t.to_vec(), Vec::new()),
    };
    let (a, b) = (strip(old), strip(new));
    a.0.len() + a.1.len() == b.0.len() + b.1.len()
        && a.0.iter().chain(&a.1).eq(b.0.iter().chain(&b.1))
}

/// The newest version both `ours` and `theirs` descend from (or are),
/// found among `candidates` by revision; `None` when none is kept.
#[must_use]
pub fn common_base(
    ours: &[u8],
    theirs: &[u8],
    candidates: &[(PathBuf, Vec<u8>)],
) -> Option<PathBuf> {
    let mut mine = vec![revision(ours)];
    mine.extend(lineage_of(ours));
    let mut other = vec![revision(theirs)];
    other.extend(lineage_of(theirs));
    mine.iter().filter(|r| other.contains(r)).find_map(|r| {
        candidates
            .iter()
            .find(|(_, bytes)| &revision(bytes) == r)
            .map(|(p, _)| p.clone())
    })
}

/// The files beside `file` that may hold an earlier version of it: its
/// backups and any other file whose name starts with its stem (a sync
/// tool's conflicted copies of it or of its backups), regular files only.
#[must_use]
pub fn versions_beside(file: &Path) -> Vec<PathBuf> {
    let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let stem = name.split('.').next().unwrap_or(name);
    let folder = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(stem) && !n.ends_with(".lock") && !n.ends_with(".tmp")
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// The copies of project `file` a sync tool left beside it when it was
/// saved on two machines at once (`ana (conflicted copy).ron`,
/// `ana.sync-conflict-….ron`): other `.ron` files of the same stem whose
/// names say "conflict". Backups' copies are not listed (they serve as
/// bases, not as work to merge).
#[must_use]
pub fn conflicted_copies(file: &Path) -> Vec<PathBuf> {
    versions_beside(file)
        .into_iter()
        .filter(|p| p.as_path() != file)
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".ron") && n.to_lowercase().contains("conflict"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "(\n  format: \"stancemark-project\",\n  version: 10,\n  written_by: \"x\",\n  annotator: \"ana\",\n)\n";

    fn with(lineage: &str) -> String {
        FILE.replace(
            "  written_by: \"x\",\n",
            &format!("  written_by: \"x\",\n  lineage: \"{lineage}\",\n"),
        )
    }

    #[test]
    fn a_save_records_what_it_was_saved_over_and_its_lineage() {
        let first = FILE.as_bytes();
        let second = with(&saved_over(first));
        assert_eq!(lineage_of(second.as_bytes()), [revision(first)]);
        let third = with(&saved_over(second.as_bytes()));
        assert_eq!(
            lineage_of(third.as_bytes()),
            [revision(second.as_bytes()), revision(first)]
        );
    }

    #[test]
    fn the_lineage_is_capped() {
        let mut text = FILE.to_owned();
        for _ in 0..40 {
            text = with(&saved_over(text.as_bytes()));
        }
        assert_eq!(lineage_of(text.as_bytes()).len(), MAX_LINEAGE);
    }

    #[test]
    fn only_the_lineage_differing_is_the_same_file() {
        assert!(same_but_lineage(
            with("aaaaaaaaaaaaaaaa").as_bytes(),
            FILE.as_bytes()
        ));
        assert!(same_but_lineage(
            with("aaaaaaaaaaaaaaaa").as_bytes(),
            with("bbbbbbbbbbbbbbbb").as_bytes()
        ));
        assert!(!same_but_lineage(
            FILE.as_bytes(),
            FILE.replace("ana", "ben").as_bytes()
        ));
    }

    #[test]
    fn the_common_base_is_the_newest_version_both_descend_from() {
        let c = FILE.to_owned();
        let a1 = with(&saved_over(c.as_bytes())).replace("ana", "an1");
        let a2 = with(&saved_over(a1.as_bytes())).replace("ana", "an2");
        let b1 = with(&saved_over(c.as_bytes())).replace("ana", "bn1");
        let candidates = vec![
            (PathBuf::from("a1"), a1.clone().into_bytes()),
            (PathBuf::from("c"), c.clone().into_bytes()),
        ];
        // a1 is newer than c but only one side saw it.
        assert_eq!(
            common_base(a2.as_bytes(), b1.as_bytes(), &candidates),
            Some(PathBuf::from("c"))
        );
        assert_eq!(
            common_base(a2.as_bytes(), b1.as_bytes(), &candidates[..1]),
            None,
            "c is not kept: no base"
        );
        let merged = with(&merged_from(a2.as_bytes(), b1.as_bytes()));
        let later = lineage_of(merged.as_bytes());
        assert_eq!(
            later[..2],
            [revision(a2.as_bytes()), revision(b1.as_bytes())]
        );
        assert!(later.contains(&revision(c.as_bytes())));
    }
}
