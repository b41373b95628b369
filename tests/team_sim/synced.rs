//! A team on a synced folder instead of git (issue 30, part 4): each
//! machine has its own copy of `saves/`, and a sync tool copies files
//! between the machines and a shared server. When two machines changed the
//! same file since they last synced, the server keeps the one that arrived
//! first and the other becomes the sync tool's conflicted copy, next to it:
//! `shared (conflicted copy).ron`, and likewise for each backup
//! (`shared.ron (conflicted copy).bak1`). Locks and temporary files are
//! never synced (they belong to one machine).
//!
//! The machine that receives a conflicted copy merges it as the guide
//! says: `stancemark merge-file --find-base shared.ron "shared (conflicted
//! copy).ron"`, which merges against the newest version both were saved
//! over (found beside them, among the backups and their conflicted copies,
//! by the lineage every save records), or without a base when none is
//! kept. Then the checks every git merge gets, the conflicts settled, the
//! copies removed (the user's decision, once the merge is checked).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use stancemark::io::store::{load_project, parse_project};
use stancemark::model::{Document, Project, Schema};

use super::{Clone, FILE, World, check_three, scratch_dir};

static MERGED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static WITHOUT_BASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Conflicted copies merged by every synced world of this process, and
/// how many of them against an empty base.
#[must_use]
pub fn synced_totals() -> (usize, usize) {
    (
        MERGED.load(std::sync::atomic::Ordering::Relaxed),
        WITHOUT_BASE.load(std::sync::atomic::Ordering::Relaxed),
    )
}

/// The server's files and what each machine saw there when it last synced.
pub(super) struct Folder {
    server: PathBuf,
    seen: Vec<BTreeMap<String, Vec<u8>>>,
    /// Conflicted copies merged, and how many of those had no common
    /// backup (merged against an empty base).
    pub merged: usize,
    pub without_base: usize,
}

/// The sync tool's name for a conflicted copy of `name`: " (conflicted
/// copy)" before the last extension.
pub fn conflicted_copy(name: &str) -> String {
    match name.rfind('.') {
        Some(dot) => format!("{} (conflicted copy){}", &name[..dot], &name[dot..]),
        None => format!("{name} (conflicted copy)"),
    }
}

/// The files of a `saves/` folder the sync tool carries, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("saves folder").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let local_only = name.ends_with(".lock") || name.starts_with('.') || name.ends_with(".tmp");
        if !local_only && entry.path().is_file() {
            out.insert(name, std::fs::read(entry.path()).expect("read"));
        }
    }
    out
}

fn put(dir: &Path, name: &str, bytes: Option<&Vec<u8>>) {
    match bytes {
        Some(b) => {
            // A new file, as a sync tool writes: a backup may share its
            // inode with nothing else, but never write through a link.
            let _ = std::fs::remove_file(dir.join(name));
            std::fs::write(dir.join(name), b).expect("write");
        }
        None => {
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
}

impl World {
    /// `machines` machines sharing a synced folder: each with the corpus
    /// and its own `saves/`, all synced once with an empty project.
    #[must_use]
    pub fn synced(docs: &[Document], machines: usize) -> Self {
        let root = scratch_dir();
        let server = root.path().join("server");
        std::fs::create_dir_all(&server).expect("server");
        let mut project = Project::new("team", Schema::builtin());
        project.attach(docs);
        let clones: Vec<Clone> = (0..machines)
            .map(|i| {
                let dir = root.path().join(format!("m{i}"));
                for d in docs {
                    let file = dir.join("corpus").join(&d.path);
                    std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
                    std::fs::write(&file, &d.text).expect("write");
                }
                std::fs::create_dir_all(dir.join("saves")).expect("saves");
                Clone {
                    dir,
                    project: project.clone(),
                    unsaved: i == 0,
                    uncommitted: false,
                    seen: String::new(),
                }
            })
            .collect();
        let folder = Folder {
            server,
            seen: vec![BTreeMap::new(); machines],
            merged: 0,
            without_base: 0,
        };
        let mut world = Self::assemble(root, docs, clones, String::new(), Some(folder));
        for c in 0..machines {
            world.sync(c, 0);
        }
        world
    }

    /// Machine `c` saves, and the sync tool runs there; a conflicted copy
    /// it leaves is merged at once.
    pub(super) fn sync(&mut self, c: usize, choice: u32) {
        self.save(c);
        let file = self.clones[c].dir.join(FILE);
        let before = std::fs::read(&file).ok();
        let folder = self.synced.as_mut().expect("a synced world");
        let saves = self.clones[c].dir.join("saves");
        let (local, server, seen) = (files(&saves), files(&folder.server), &folder.seen[c]);
        let mut names: Vec<&String> = local.keys().chain(server.keys()).collect();
        names.sort();
        names.dedup();
        let mut conflicted = false;
        for name in names {
            let (l, s, y) = (local.get(name), server.get(name), seen.get(name));
            if l == s {
                continue;
            }
            if l == y {
                put(&saves, name, s);
            } else if s == y {
                put(&folder.server, name, l);
            } else {
                // Both changed it: the server keeps its version, this
                // machine's becomes the conflicted copy, on both.
                let copy = conflicted_copy(name);
                put(&folder.server, &copy, l);
                put(&saves, &copy, l);
                put(&saves, name, s);
                conflicted |= name == "shared.ron";
            }
        }
        folder.seen[c] = files(&folder.server);
        if conflicted {
            self.merge_copy(c, choice);
        } else if std::fs::read(&file).ok() != before {
            // Another machine's save came down: the app opens it again.
            self.clones[c].project = load_project(&file).expect("synced file loads").project;
            self.check_file(c);
        }
    }

    /// Merges the conflicted copy on machine `c` as the guide says.
    fn merge_copy(&mut self, c: usize, choice: u32) {
        let saves = self.clones[c].dir.join("saves");
        let copy = saves.join(conflicted_copy("shared.ron"));
        let parse = |bytes: &[u8]| {
            let text = String::from_utf8(bytes.to_vec()).expect("utf-8");
            parse_project(Path::new(FILE), &text)
                .expect("a synced file parses")
                .into_project()
        };
        let ours = parse(&std::fs::read(saves.join("shared.ron")).expect("ours"));
        let theirs = parse(&std::fs::read(&copy).expect("the copy"));
        let out = Command::new(env!("CARGO_BIN_EXE_stancemark"))
            .args(["merge-file", "--find-base"])
            .args([&saves.join("shared.ron"), &copy])
            .output()
            .expect("stancemark runs");
        let report = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "merge-file failed: {report}"
        );
        // The base it chose, as it says.
        let base = report
            .lines()
            .find_map(|l| l.strip_prefix("stancemark merge-file: base: "))
            .and_then(|l| l.split(" (the newest").next())
            .map(PathBuf::from);
        let folder = self.synced.as_mut().expect("a synced world");
        folder.merged += 1;
        MERGED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if base.is_none() {
            folder.without_base += 1;
            WITHOUT_BASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        let base_project = base.map_or_else(
            || stancemark::review::three_way::no_base(&ours),
            |b| parse(&std::fs::read(b).expect("the base")),
        );
        self.tally.merges += 1;
        let merged = load_project(&saves.join("shared.ron"))
            .expect("the merged file loads")
            .project;
        check_three(&base_project, &ours, &theirs, &merged);
        self.clones[c].project = merged;
        self.check_file(c);
        // Checked: the copies and the base go (the user's decision).
        for entry in std::fs::read_dir(&saves).expect("saves").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.contains("(conflicted copy)") {
                std::fs::remove_file(entry.path()).expect("remove copy");
                let folder = self.synced.as_ref().expect("a synced world");
                let _ = std::fs::remove_file(folder.server.join(&name));
            }
        }
        self.settle(c, choice);
        self.clones[c].unsaved = true;
    }

    /// Every machine syncs until a whole round changes nothing; then every
    /// machine holds the server's file.
    pub(super) fn finish_synced(&mut self) {
        for _ in 0..10 {
            let before: Vec<Vec<u8>> = (0..self.clones.len())
                .map(|c| std::fs::read(self.clones[c].dir.join(FILE)).unwrap_or_default())
                .collect();
            for c in 0..self.clones.len() {
                self.sync(c, 0);
            }
            let after: Vec<Vec<u8>> = (0..self.clones.len())
                .map(|c| std::fs::read(self.clones[c].dir.join(FILE)).unwrap_or_default())
                .collect();
            if before == after && after.windows(2).all(|w| w[0] == w[1]) {
                return;
            }
        }
        panic!("the machines' files still differ after ten rounds of syncing");
    }

    /// Conflicted copies merged, and those merged against an empty base.
    #[must_use]
    pub fn synced_merges(&self) -> (usize, usize) {
        self.synced
            .as_ref()
            .map_or((0, 0), |f| (f.merged, f.without_base))
    }
}
