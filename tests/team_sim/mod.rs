//! A team on git, simulated (issue 30): a bare origin and N clones, each
//! with the merge driver configured as the guide says, all editing one
//! shared project file through the same `Edit` API the app uses, saving,
//! committing, pulling (merged by `stancemark merge-file`, recorded
//! conflicts settled by a random choice) and pushing, with real `git`
//! processes and real files.
//!
//! Every annotation the simulation makes carries a hidden tag in its note
//! (`sim:N`), so identities are tracked by tag, never by id. After every
//! merge it checks:
//! * the merged file loads and passes the same checks as `validate`;
//! * no annotation that one side added is lost, nor one both sides kept;
//! * no relation or quotation points at another mention than the one it
//!   was made on, no mention links another entity than the one it was
//!   linked to;
//! * a conflict is recorded only for an annotation both sides changed, and
//!   a mention both sides resized differently always has one;
//! * settling a conflict changes that annotation and nothing else;
//!
//! and at the end, after everyone has pulled, that every clone holds the
//! same bytes.

#![allow(dead_code)]

mod checks;
mod edits;
mod synced;
pub use synced::synced_totals;

use checks::{check_three, holds, item_tag, tags};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use stancemark::io::store::{load_project, save_project};
use stancemark::model::conflict::settle_conflict;
use stancemark::model::{Document, Project, Schema, apply};

/// The shared project file, relative to a clone.
pub const FILE: &str = "saves/shared.ron";

/// One step of a history; its numbers are taken modulo what exists, so any
/// sequence is a valid history (and shrinks to a smaller valid one).
#[derive(Clone, Debug)]
pub enum Step {
    /// An edit in a clone's open project: `kind` chooses which, `a` and
    /// `b` where.
    Edit {
        clone: usize,
        kind: u8,
        a: u32,
        b: u32,
    },
    /// Save the clone's project.
    Save { clone: usize },
    /// Save and commit.
    Commit { clone: usize },
    /// Save, commit and pull (merge with the driver); recorded conflicts
    /// are settled by `choice`'s bits.
    Pull { clone: usize, choice: u32 },
    /// Save, commit, pull and push.
    Push { clone: usize, choice: u32 },
}

/// The edits [`World::step`] does, by `kind % 16`.
pub const EDIT_KINDS: [&str; 16] = [
    "add mention",
    "add mention",
    "delete mention",
    "resize mention",
    "add relation",
    "delete relation",
    "add quotation",
    "delete quotation",
    "new entity and link",
    "status",
    "add stance",
    "delete stance",
    "merge entities",
    "split entity",
    "code a variable",
    "change the schema",
];

/// What a simulation did, for the month-long run's report.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub steps: usize,
    pub edits: usize,
    pub merges: usize,
    pub conflicts: usize,
    /// Time in `git pull` (fetch, merge and the driver) for the pulls
    /// that merged two different files.
    pub merge_time: std::time::Duration,
    pub largest_file: u64,
    /// Edits done, by kind.
    pub kinds: BTreeMap<&'static str, usize>,
}

/// What an annotation was made on, by tag: a relation's two mentions, a
/// quotation's speaker, a mention's entity.
#[derive(Default)]
struct Made {
    relations: BTreeMap<String, (String, String)>,
    speakers: BTreeMap<String, String>,
    /// A mention may be linked on several clones, to a different new
    /// entity each time: any of them is where it was linked.
    links: BTreeMap<String, BTreeSet<String>>,
    /// A stance's holder: the tag of its entity (or "author"); entity
    /// merges add the kept entity.
    holders: BTreeMap<String, BTreeSet<String>>,
}

struct Clone {
    dir: PathBuf,
    project: Project,
    /// The project has changes not yet saved.
    unsaved: bool,
    /// The file has changes not yet committed.
    uncommitted: bool,
    /// The origin's head this clone last pulled or pushed.
    seen: String,
}

/// The world: the origin, the clones and what was made.
pub struct World {
    root: tempfile::TempDir,
    home: PathBuf,
    docs: Vec<Document>,
    clones: Vec<Clone>,
    made: Made,
    next_tag: u64,
    /// The origin's head after the last push.
    origin_head: String,
    /// A synced folder instead of git (see `synced.rs`).
    synced: Option<synced::Folder>,
    pub tally: Tally,
}

/// Runs git in `dir`; its output on failure unless `may_fail`.
fn git(dir: &Path, home: &Path, args: &[&str], may_fail: bool) -> (bool, String) {
    if let Ok(mut p) = PROFILE.lock() {
        *p.entry("git calls (ms = count)").or_default() += std::time::Duration::from_millis(1);
    }
    let name = match args[0] {
        "pull" => "git pull",
        "push" => "git push",
        "commit" => "git commit",
        "show" => "git show",
        _ => "git other",
    };
    profiled(name, || git_run(dir, home, args, may_fail))
}

fn git_run(dir: &Path, home: &Path, args: &[&str], may_fail: bool) -> (bool, String) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Sim")
        .env("GIT_AUTHOR_EMAIL", "sim@example.org")
        .env("GIT_COMMITTER_NAME", "Sim")
        .env("GIT_COMMITTER_EMAIL", "sim@example.org")
        .output()
        .expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        may_fail || out.status.success(),
        "git {args:?} in {dir:?}: {text}"
    );
    (out.status.success(), text)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// How many histories to run: `default`, or `SIM_CASES` when set.
#[must_use]
pub fn cases(default: u32) -> u32 {
    std::env::var("SIM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Time spent in each kind of work, printed with `SIM_PROFILE=1`.
pub static PROFILE: std::sync::Mutex<BTreeMap<&'static str, std::time::Duration>> =
    std::sync::Mutex::new(BTreeMap::new());

pub fn profiled<T>(what: &'static str, f: impl FnOnce() -> T) -> T {
    let t = std::time::Instant::now();
    let out = f();
    if let Ok(mut p) = PROFILE.lock() {
        *p.entry(what).or_default() += t.elapsed();
    }
    out
}

/// True when git can be run here.
#[must_use]
pub fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A fresh directory, in memory where the machine has it: git and the
/// atomic saves sync to disk, which was most of a history's time on one.
fn scratch_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("tempdir")
}

/// Copies the files and folders under `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read template") {
        let entry = entry.expect("template entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Makes the world in `root` with git: `home` (git's settings), the bare
/// `origin.git` and clones `c0`, `c1`, … whose origin is named relative
/// to them (so a copy of `root` works as it is); returns the origin's head.
fn build(root: &Path, docs: &[Document], clones: usize) -> String {
    let home = root.join("home");
    std::fs::create_dir_all(&home).expect("home");
    // No background housekeeping: it costs time and changes nothing the
    // simulation looks at.
    std::fs::write(
        home.join(".gitconfig"),
        "[gc]\n\tauto = 0\n[maintenance]\n\tauto = false\n[advice]\n\tdetachedHead = false\n",
    )
    .expect("gitconfig");
    let origin = root.join("origin.git");
    std::fs::create_dir_all(&origin).expect("origin");
    git(
        &origin,
        &home,
        &["init", "-q", "--bare", "-b", "main"],
        false,
    );
    let lead = root.join("lead");
    git(root, &home, &["clone", "-q", s(&origin), "lead"], true);
    for d in docs {
        let file = lead.join("corpus").join(&d.path);
        std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
        std::fs::write(&file, &d.text).expect("write");
    }
    std::fs::write(
        lead.join(".gitattributes"),
        "saves/*.ron merge=stancemark\n",
    )
    .expect("attributes");
    std::fs::create_dir_all(lead.join("saves")).expect("saves");
    stancemark::io::local_files::ensure_gitignore(&lead.join("saves")).expect("gitignore");
    let mut project = Project::new("team", Schema::builtin());
    project.attach(docs);
    save_project(&lead.join(FILE), &project, &lead.join("corpus")).expect("first save");
    git(&lead, &home, &["add", "-A"], false);
    git(&lead, &home, &["commit", "-q", "-m", "start"], false);
    git(
        &lead,
        &home,
        &["push", "-q", "-u", "origin", "HEAD:main"],
        false,
    );
    let origin_head = git(&lead, &home, &["rev-parse", "HEAD"], false)
        .1
        .trim()
        .to_owned();
    std::fs::remove_dir_all(&lead).expect("lead removed");
    let driver = format!("{} merge-file %O %A %B", env!("CARGO_BIN_EXE_stancemark"));
    for i in 0..clones {
        let name = format!("c{i}");
        git(root, &home, &["clone", "-q", s(&origin), &name], false);
        let dir = root.join(&name);
        for (key, value) in [
            ("remote.origin.url", "../origin.git"),
            ("merge.stancemark.name", "Stancemark"),
            ("merge.stancemark.driver", driver.as_str()),
        ] {
            git(&dir, &home, &["config", key, value], false);
        }
    }
    origin_head
}

/// The tag in an annotation's note.
fn tag_of(note: &str) -> Option<&str> {
    note.split_whitespace().find(|w| w.starts_with("sim:"))
}

impl World {
    /// A bare origin holding `docs` as the corpus and an empty shared
    /// project, and `clones` clones of it with the driver configured. The
    /// first world of a shape is made with git; later ones are copies of
    /// it (the same files git made, at a fraction of the time).
    #[must_use]
    pub fn new(docs: &[Document], clones: usize) -> Self {
        static TEMPLATES: std::sync::Mutex<BTreeMap<String, (tempfile::TempDir, String)>> =
            std::sync::Mutex::new(BTreeMap::new());
        let key = format!(
            "{clones} {:?}",
            docs.iter().map(|d| (&d.path, &d.text)).collect::<Vec<_>>()
        );
        let root = scratch_dir();
        let origin_head = {
            let mut templates = TEMPLATES
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let (template, head) = templates.entry(key).or_insert_with(|| {
                let dir = scratch_dir();
                let head = build(dir.path(), docs, clones);
                (dir, head)
            });
            copy_tree(template.path(), root.path());
            head.clone()
        };
        let clones = (0..clones)
            .map(|i| {
                let dir = root.path().join(format!("c{i}"));
                let project = load_project(&dir.join(FILE)).expect("clone's file").project;
                Clone {
                    dir,
                    project,
                    unsaved: false,
                    uncommitted: false,
                    seen: origin_head.clone(),
                }
            })
            .collect();
        Self::assemble(root, docs, clones, origin_head, None)
    }

    /// A world of `clones` in `root`, nothing made yet.
    fn assemble(
        root: tempfile::TempDir,
        docs: &[Document],
        clones: Vec<Clone>,
        origin_head: String,
        synced: Option<synced::Folder>,
    ) -> Self {
        Self {
            home: root.path().join("home"),
            root,
            docs: docs.to_vec(),
            clones,
            made: Made::default(),
            next_tag: 0,
            origin_head,
            synced,
            tally: Tally::default(),
        }
    }

    fn tag(&mut self) -> String {
        self.next_tag += 1;
        format!("sim:{}", self.next_tag)
    }

    /// Runs one step; panics with what went wrong when an invariant fails.
    pub fn step(&mut self, step: &Step) {
        self.tally.steps += 1;
        match *step {
            Step::Edit { clone, kind, a, b } => {
                let c = clone % self.clones.len();
                if self.edit(c, kind, a, b) {
                    self.tally.edits += 1;
                    *self
                        .tally
                        .kinds
                        .entry(EDIT_KINDS[usize::from(kind % 16)])
                        .or_default() += 1;
                    self.clones[c].unsaved = true;
                }
            }
            Step::Save { clone } => self.save(clone % self.clones.len()),
            Step::Commit { clone } | Step::Pull { clone, .. } | Step::Push { clone, .. }
                if self.synced.is_some() =>
            {
                let choice = match *step {
                    Step::Pull { choice, .. } | Step::Push { choice, .. } => choice,
                    _ => 0,
                };
                self.sync(clone % self.clones.len(), choice);
            }
            Step::Commit { clone } => self.commit(clone % self.clones.len()),
            Step::Pull { clone, choice } => self.pull(clone % self.clones.len(), choice),
            Step::Push { clone, choice } => self.push(clone % self.clones.len(), choice),
        }
    }

    fn save(&mut self, c: usize) {
        if !self.clones[c].unsaved {
            return;
        }
        let clone = &mut self.clones[c];
        profiled("save", || {
            save_project(
                &clone.dir.join(FILE),
                &clone.project,
                &clone.dir.join("corpus"),
            )
        })
        .expect("save");
        clone.unsaved = false;
        clone.uncommitted = true;
        let size = std::fs::metadata(clone.dir.join(FILE)).map_or(0, |m| m.len());
        self.tally.largest_file = self.tally.largest_file.max(size);
    }

    fn commit(&mut self, c: usize) {
        self.save(c);
        if !self.clones[c].uncommitted {
            return;
        }
        let dir = self.clones[c].dir.clone();
        git(&dir, &self.home, &["add", "-A"], false);
        git(&dir, &self.home, &["commit", "-q", "-m", "work"], true);
        self.clones[c].uncommitted = false;
    }

    /// HEAD of clone `c` and its parents.
    fn head(&self, c: usize) -> Vec<String> {
        let (_, out) = git(
            &self.clones[c].dir,
            &self.home,
            &["rev-list", "--parents", "-n", "1", "HEAD"],
            false,
        );
        out.split_whitespace().map(str::to_owned).collect()
    }

    /// Save, commit, pull with the driver; checks the merge; settles its
    /// conflicts by `choice`. Nothing to pull (the origin has not moved
    /// since this clone last pulled or pushed) runs no git at all.
    fn pull(&mut self, c: usize, choice: u32) {
        self.commit(c);
        if self.clones[c].seen == self.origin_head {
            return;
        }
        let dir = self.clones[c].dir.clone();
        let home = self.home.clone();
        let before = self.head(c);
        let started = std::time::Instant::now();
        let (clean, out) = git(
            &dir,
            &home,
            &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
            true,
        );
        if !clean {
            // The driver recorded conflicts (exit 1): the file holds the
            // merge with them; git waits for the user's commit.
            assert!(
                out.contains("CONFLICT") || out.contains("conflict"),
                "pull failed otherwise: {out}"
            );
            let bytes = std::fs::read_to_string(dir.join(FILE)).expect("merged file");
            assert!(
                !bytes.contains("<<<<<<<"),
                "git wrote conflict markers into the project: the driver did not run"
            );
            git(&dir, &home, &["add", "-A"], false);
            git(&dir, &home, &["commit", "-q", "--no-edit"], false);
        }
        let took = started.elapsed();
        self.clones[c].seen.clone_from(&self.origin_head);
        let after = self.head(c);
        if after.first() == before.first() {
            return;
        }
        let project = match profiled("load", || load_project(&dir.join(FILE))) {
            Ok(loaded) => loaded.project,
            Err(e) => panic!("the merged file does not load: {e}"),
        };
        self.clones[c].project = project;
        if let [_, ours, theirs] = after.as_slice() {
            let (ours, theirs) = (ours.clone(), theirs.clone());
            if profiled("check merge", || self.check_merge(c, &ours, &theirs)) {
                self.tally.merge_time += took;
            }
        }
        self.check_file(c);
        self.settle(c, choice);
    }

    fn push(&mut self, c: usize, choice: u32) {
        for _ in 0..5 {
            self.pull(c, choice);
            self.commit(c);
            let head = self.head(c).swap_remove(0);
            if head == self.origin_head {
                return;
            }
            let dir = self.clones[c].dir.clone();
            if git(
                &dir,
                &self.home,
                &["push", "-q", "origin", "HEAD:main"],
                true,
            )
            .0
            {
                self.origin_head.clone_from(&head);
                self.clones[c].seen = head;
                return;
            }
            // Someone pushed first: the next pull must fetch.
            self.clones[c].seen.clear();
        }
        panic!("push kept being refused");
    }

    /// The shared file at each of `revs` in clone `c` (`None` where it has
    /// none), read by one `git cat-file --batch`.
    fn files_at(&self, c: usize, revs: &[&str]) -> Vec<Option<String>> {
        use std::io::{Read, Write};
        profiled("git cat-file", || {
            let mut child = Command::new("git")
                .args(["cat-file", "--batch"])
                .current_dir(&self.clones[c].dir)
                .env("HOME", &self.home)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("git cat-file runs");
            let mut input = child.stdin.take().expect("stdin");
            for rev in revs {
                writeln!(input, "{rev}:{FILE}").expect("write to git");
            }
            drop(input);
            let mut out = Vec::new();
            child
                .stdout
                .take()
                .expect("stdout")
                .read_to_end(&mut out)
                .expect("read from git");
            child.wait().expect("git cat-file ends");
            // Each answer: "<id> blob <size>\n<bytes>\n" or "<name> missing\n".
            let mut files = Vec::new();
            let mut at = 0;
            for _ in revs {
                let line_end = at + out[at..].iter().position(|&b| b == b'\n').expect("header");
                let header = String::from_utf8_lossy(&out[at..line_end]).into_owned();
                at = line_end + 1;
                let size = header
                    .split_whitespace()
                    .nth(2)
                    .and_then(|n| n.parse::<usize>().ok());
                match size {
                    Some(n) if header.contains(" blob ") => {
                        files.push(String::from_utf8(out[at..at + n].to_vec()).ok());
                        at += n + 1;
                    }
                    _ => files.push(None),
                }
            }
            files
        })
    }

    /// The three-way checks on the merge commit at HEAD of clone `c`,
    /// whose parents are `ours` and `theirs`; counts it as a merge (and
    /// returns true) when the two held different files.
    fn check_merge(&mut self, c: usize, ours: &str, theirs: &str) -> bool {
        let dir = &self.clones[c].dir;
        let (ok, base) = git(dir, &self.home, &["merge-base", ours, theirs], true);
        if !ok {
            return false;
        }
        let files = self.files_at(c, &[base.trim(), ours, theirs]);
        let [Some(base), Some(ours), Some(theirs)] = files.as_slice() else {
            return false;
        };
        if ours == theirs {
            return false;
        }
        self.tally.merges += 1;
        let parse = |text: &str| {
            stancemark::io::store::parse_project(Path::new(FILE), text)
                .expect("a committed file parses")
                .into_project()
        };
        if let Some(dir) = std::env::var_os("SIM_DUMP") {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir).expect("dump folder");
            for (name, text) in [("base", base), ("ours", ours), ("theirs", theirs)] {
                std::fs::write(dir.join(format!("{name}.ron")), text).expect("dump");
            }
        }
        let (base, ours, theirs) = (parse(base), parse(ours), parse(theirs));
        check_three(&base, &ours, &theirs, &self.clones[c].project);
        true
    }

    /// Settles clone `c`'s conflicts, each by a bit of `choice`; checks
    /// that only the conflict's annotation changed.
    fn settle(&mut self, c: usize, choice: u32) {
        let mut bit = 0;
        while !self.clones[c].project.conflicts.is_empty() {
            self.tally.conflicts += 1;
            let project = &self.clones[c].project;
            let conflict = &project.conflicts[0];
            let tag = item_tag(&conflict.kept);
            let take_other = choice >> (bit % 32) & 1 == 1;
            bit += 1;
            let before = tags(project);
            let edit = settle_conflict(project, 0, take_other).expect("settle");
            let (doc, kept, other) = (
                conflict.doc.clone(),
                conflict.kept.clone(),
                conflict.other.clone(),
            );
            let project = &mut self.clones[c].project;
            let chosen = if apply(project, edit).is_ok() {
                if take_other { other } else { Some(kept) }
            } else {
                // Taking the other side was refused (its deletion of a
                // mention still in use): keep ours instead.
                let keep = settle_conflict(project, 0, false).expect("settle");
                apply(project, keep).expect("keeping ours is always possible");
                Some(kept)
            };
            // The chosen side is what the project now holds.
            if let Some(item) = &chosen {
                assert!(
                    holds(project, doc.as_deref(), item),
                    "settling kept another version than the chosen one: {}",
                    item.describe()
                );
            }
            let after = tags(&self.clones[c].project);
            for (k, v) in &before {
                if tag
                    .as_deref()
                    .is_some_and(|t| k.ends_with(&format!(" {t}")))
                {
                    continue;
                }
                assert_eq!(
                    after.get(k),
                    Some(v),
                    "settling a conflict on {tag:?} changed {k}"
                );
            }
            self.clones[c].unsaved = true;
            self.check_file(c);
        }
    }

    /// Every clone commits and pulls and pushes until all are at the same
    /// commit; then their files must be byte-identical.
    pub fn finish(&mut self) {
        if self.synced.is_some() {
            self.finish_synced();
            return;
        }
        if std::env::var_os("SIM_PROFILE").is_some()
            && let Ok(p) = PROFILE.lock()
        {
            eprintln!("{p:?}\n{:?}", self.tally);
        }
        for round in 0..3 {
            for c in 0..self.clones.len() {
                self.push(c, round);
            }
        }
        for c in 0..self.clones.len() {
            self.pull(c, 0);
        }
        let first = std::fs::read(self.clones[0].dir.join(FILE)).expect("file");
        for c in 1..self.clones.len() {
            let other = std::fs::read(self.clones[c].dir.join(FILE)).expect("file");
            assert!(
                first == other,
                "clone {c} holds other bytes after everyone pulled"
            );
        }
    }
}
