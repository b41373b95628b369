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

mod synced;
pub use synced::synced_totals;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use stancemark::io::store::{load_project, save_project};
use stancemark::model::codebook::{Choice, Code, Variable, VariableKind};
use stancemark::model::conflict::{ConflictItem, settle_conflict};
use stancemark::model::entity_ops;
use stancemark::model::stance::Evidence;
use stancemark::model::{
    CharSpan, DocStatus, Document, Edit, Entity, EntityId, Holder, Mention, MentionId, Project,
    Quotation, QuoteKind, Relation, Schema, Stance, Target, apply,
};

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
        Self {
            home: root.path().join("home"),
            root,
            docs: docs.to_vec(),
            clones,
            made: Made::default(),
            next_tag: 0,
            origin_head,
            synced: None,
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

    /// Checks clone `c`'s open project as `validate` would, and that
    /// nothing points elsewhere than where it was made.
    fn check_file(&self, c: usize) {
        let project = &self.clones[c].project;
        // Recorded conflicts are listed by validate as waiting for a
        // decision; anything else is a broken file.
        let problems: Vec<_> = stancemark::model::check::check_project(project, &self.docs)
            .into_iter()
            .filter(|p| !matches!(p, stancemark::model::check::Problem::MergeConflict { .. }))
            .collect();
        assert!(
            problems.is_empty(),
            "the merged file fails validate: {problems:?}"
        );
        for entry in project.documents.values() {
            let mention_tag = |id: MentionId| {
                entry
                    .mention(id)
                    .and_then(|m| tag_of(&m.note))
                    .map(str::to_owned)
            };
            for r in &entry.relations {
                let Some(tag) = tag_of(&r.note) else { continue };
                if let Some((s, t)) = self.made.relations.get(tag) {
                    assert_eq!(
                        (
                            mention_tag(r.source).as_deref(),
                            mention_tag(r.target).as_deref()
                        ),
                        (Some(s.as_str()), Some(t.as_str())),
                        "relation {tag} was re-targeted"
                    );
                }
            }
            for q in &entry.quotations {
                let Some(tag) = tag_of(&q.note) else { continue };
                if let (Some(speaker), Some(made)) = (q.speaker, self.made.speakers.get(tag)) {
                    assert_eq!(
                        mention_tag(speaker).as_deref(),
                        Some(made.as_str()),
                        "quotation {tag} has another speaker"
                    );
                }
            }
            for st in &entry.stances {
                let Some(tag) = tag_of(&st.note) else {
                    continue;
                };
                let Some(made) = self.made.holders.get(tag) else {
                    continue;
                };
                let holder = match st.holder {
                    Holder::Entity(e) => project.entities.get(&e).and_then(|e| tag_of(&e.note)),
                    Holder::Author => Some("author"),
                };
                assert!(
                    holder.is_some_and(|h| made.contains(h)),
                    "stance {tag} is held by {holder:?}, made by {made:?}"
                );
            }
            for m in &entry.mentions {
                let Some(tag) = tag_of(&m.note) else { continue };
                if let (Some(e), Some(made)) = (m.entity, self.made.links.get(tag)) {
                    let linked = project.entities.get(&e).and_then(|e| tag_of(&e.note));
                    assert!(
                        linked.is_some_and(|l| made.contains(l)),
                        "mention {tag} links {linked:?}, made with {made:?}"
                    );
                }
            }
        }
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

    /// One edit in clone `c`'s open project; false when there was nothing
    /// to do it on, or the project refused it.
    fn edit(&mut self, c: usize, kind: u8, a: u32, b: u32) -> bool {
        let di = a as usize % self.docs.len();
        let doc = self.docs[di].clone();
        let path = doc.path.clone();
        let tag = self.tag();
        let project = &self.clones[c].project;
        let entry = &project.documents[&path];
        let pick = |n: usize| (b as usize) % n.max(1);
        let edit = match kind % 16 {
            // Add a mention on a word.
            0 | 1 => {
                // Each clone adds on words of its own: the same word marked
                // on two clones at once is one annotation to the merge,
                // which the tags here would call two.
                let words = own_words(&doc, c, self.clones.len());
                if words.is_empty() {
                    return false;
                }
                let span = words[pick(words.len())];
                if entry.mentions.iter().any(|m| m.span.overlaps(span)) {
                    return false;
                }
                let label = ["PER", "ORG", "GPE"][a as usize % 3];
                let mut m = Mention::new(&doc, entry.next_mention_id(), span, label);
                m.note = tag;
                Edit::AddMention {
                    doc: path,
                    mention: m,
                }
            }
            // Delete a mention.
            2 => {
                let Some(m) = entry.mentions.get(pick(entry.mentions.len())) else {
                    return false;
                };
                Edit::RemoveMention {
                    doc: path,
                    id: m.id,
                }
            }
            // Grow or shrink a mention by a word.
            3 => {
                let Some(m) = entry.mentions.get(pick(entry.mentions.len())) else {
                    return false;
                };
                let words = word_spans(&doc);
                let span = if a.is_multiple_of(2) {
                    let Some(next) = words.iter().find(|w| w.start >= m.span.end) else {
                        return false;
                    };
                    CharSpan::new(m.span.start, next.end)
                } else {
                    let Some(last) = words
                        .iter()
                        .rfind(|w| w.start >= m.span.start && w.end < m.span.end)
                    else {
                        return false;
                    };
                    CharSpan::new(m.span.start, last.end)
                };
                if entry
                    .mentions
                    .iter()
                    .any(|o| o.id != m.id && o.span.overlaps(span))
                {
                    return false;
                }
                Edit::ResizeMention {
                    doc: path,
                    id: m.id,
                    span,
                    quote: stancemark::model::Quote::of(&doc, span),
                }
            }
            // Relate two mentions.
            4 => {
                let n = entry.mentions.len();
                if n < 2 {
                    return false;
                }
                // The same type between the same mentions is the same
                // relation: each clone relates from mentions of its own
                // words.
                let own = own_words(&doc, c, self.clones.len());
                let sources: Vec<usize> = (0..n)
                    .filter(|&i| own.iter().any(|w| w.start == entry.mentions[i].span.start))
                    .collect();
                let Some(&x) = sources.get(pick(sources.len())) else {
                    return false;
                };
                let y = (x + 1 + a as usize % (n - 1)) % n;
                let (source, target) = (&entry.mentions[x], &entry.mentions[y]);
                let label = match target.label.as_str() {
                    "GPE" => "located_in",
                    _ => "accuses",
                };
                let mut r = Relation::new(entry.next_relation_id(), label, source.id, target.id);
                r.note = tag.clone();
                let (Some(s), Some(t)) = (tag_of(&source.note), tag_of(&target.note)) else {
                    return false;
                };
                self.made
                    .relations
                    .insert(tag, (s.to_owned(), t.to_owned()));
                Edit::AddRelation {
                    doc: path,
                    relation: r,
                }
            }
            // Delete a relation.
            5 => {
                let Some(r) = entry.relations.get(pick(entry.relations.len())) else {
                    return false;
                };
                Edit::RemoveRelation {
                    doc: path,
                    id: r.id,
                }
            }
            // Quote a word, said by a mention (words of this clone's own,
            // as for mentions: the same words are the same quotation).
            6 => {
                let Some(speaker) = entry.mentions.get(pick(entry.mentions.len())) else {
                    return false;
                };
                let words = own_words(&doc, c, self.clones.len());
                let span = words[a as usize % words.len()];
                if entry
                    .quotations
                    .iter()
                    .any(|q| q.contents.iter().any(|e| e.span.overlaps(span)))
                {
                    return false;
                }
                let mut q = Quotation::new(
                    entry.next_quotation_id(),
                    Some(speaker.id),
                    vec![Evidence::new(&doc, span)],
                    QuoteKind::Indirect,
                );
                q.note = tag.clone();
                let Some(s) = tag_of(&speaker.note) else {
                    return false;
                };
                self.made.speakers.insert(tag, s.to_owned());
                Edit::AddQuotation {
                    doc: path,
                    quotation: q,
                }
            }
            // Delete a quotation.
            7 => {
                let Some(q) = entry.quotations.get(pick(entry.quotations.len())) else {
                    return false;
                };
                Edit::RemoveQuotation {
                    doc: path,
                    id: q.id,
                }
            }
            // A new entity, and a mention linked to it.
            8 => {
                let Some(m) = entry.mentions.get(pick(entry.mentions.len())) else {
                    return false;
                };
                let Some(mtag) = tag_of(&m.note).map(str::to_owned) else {
                    return false;
                };
                let id = project.next_entity_id();
                let entity = Entity {
                    id,
                    name: format!("Entity {tag}"),
                    label: m.label.clone(),
                    aliases: Vec::new(),
                    kb_id: None,
                    note: tag.clone(),
                };
                let edits = vec![
                    Edit::AddEntity { entity },
                    Edit::LinkMention {
                        doc: path,
                        id: m.id,
                        entity: Some(id),
                    },
                ];
                self.made.links.entry(mtag).or_default().insert(tag);
                Edit::Batch(edits)
            }
            // The document's status.
            9 => {
                let status = [DocStatus::InProgress, DocStatus::Done][a as usize % 2];
                Edit::SetStatus { doc: path, status }
            }
            // A stance held by a mention's entity (or the author), on a
            // topic, with a word as evidence.
            10 => {
                let words = own_words(&doc, c, self.clones.len());
                let evidence = vec![Evidence::new(&doc, words[a as usize % words.len()])];
                let holder_entity = entry
                    .mentions
                    .get(pick(entry.mentions.len()))
                    .and_then(|m| m.entity);
                let holder = holder_entity.map_or(Holder::Author, Holder::Entity);
                let held_by = match holder_entity {
                    Some(e) => match project.entities.get(&e).and_then(|e| tag_of(&e.note)) {
                        Some(t) => t.to_owned(),
                        None => return false,
                    },
                    None => "author".to_owned(),
                };
                let polarity = ["support", "oppose"][a as usize % 2];
                let mut stance = Stance::new(
                    entry.next_stance_id(),
                    holder,
                    Target::Topic(format!("topic {}", b % 3)),
                    polarity,
                    evidence,
                );
                stance.note = tag.clone();
                self.made.holders.insert(tag, BTreeSet::from([held_by]));
                Edit::AddStance { doc: path, stance }
            }
            // Delete a stance.
            11 => {
                let Some(st) = entry.stances.get(pick(entry.stances.len())) else {
                    return false;
                };
                Edit::RemoveStance {
                    doc: path,
                    id: st.id,
                }
            }
            // Merge two entities: the second's mentions and stances move to
            // the first.
            12 => {
                let ids: Vec<EntityId> = project.entities.keys().copied().collect();
                if ids.len() < 2 {
                    return false;
                }
                let kept = ids[pick(ids.len())];
                let absorbed =
                    ids[(pick(ids.len()) + 1 + a as usize % (ids.len() - 1)) % ids.len()];
                let (Some(k), Some(g)) = (
                    project.entities.get(&kept).and_then(|e| tag_of(&e.note)),
                    project
                        .entities
                        .get(&absorbed)
                        .and_then(|e| tag_of(&e.note)),
                ) else {
                    return false;
                };
                let (k, g) = (k.to_owned(), g.to_owned());
                let Some(edit) = entity_ops::merge_entities(project, kept, absorbed) else {
                    return false;
                };
                // Whatever was linked to or held by the absorbed entity may
                // now be the kept one's.
                for set in self
                    .made
                    .links
                    .values_mut()
                    .chain(self.made.holders.values_mut())
                {
                    if set.contains(&g) {
                        set.insert(k.clone());
                    }
                }
                edit
            }
            // Split: one mention of an entity moves to a new entity.
            13 => {
                let linked: Vec<&Mention> = entry
                    .mentions
                    .iter()
                    .filter(|m| m.entity.is_some())
                    .collect();
                let Some(m) = linked.get(pick(linked.len())) else {
                    return false;
                };
                let (Some(from), Some(mtag)) = (m.entity, tag_of(&m.note)) else {
                    return false;
                };
                let mtag = mtag.to_owned();
                let Some((id, edit)) = entity_ops::split_entity(
                    project,
                    from,
                    &[(path.clone(), m.id)],
                    &format!("Entity {tag}"),
                ) else {
                    return false;
                };
                let Edit::Batch(mut edits) = edit else {
                    return false;
                };
                // The new entity carries the tag.
                if let Some(Edit::AddEntity { entity }) = edits.first_mut() {
                    debug_assert_eq!(entity.id, id);
                    entity.note = tag.clone();
                }
                self.made.links.entry(mtag).or_default().insert(tag);
                Edit::Batch(edits)
            }
            // Code a codebook variable.
            14 => {
                let variables = &project.schema.variables;
                let Some(v) = variables.get(pick(variables.len())) else {
                    return false;
                };
                let value = match &v.kind {
                    VariableKind::Single(choices) => choices
                        .get(a as usize % choices.len().max(1))
                        .map(|c| Code::Choice(c.name.clone())),
                    _ => None,
                };
                Edit::SetCode {
                    doc: path,
                    variable: v.name.clone(),
                    value,
                }
            }
            // Change the schema: a new codebook variable, or a new entity
            // type.
            _ => {
                let mut schema = project.schema.clone();
                let name = tag.replace(':', "_");
                if a.is_multiple_of(2) {
                    schema.variables.push(Variable {
                        name,
                        description: format!("Asked by {tag}"),
                        kind: VariableKind::Single(vec![
                            Choice {
                                name: "yes".into(),
                                label: String::new(),
                            },
                            Choice {
                                name: "no".into(),
                                label: String::new(),
                            },
                        ]),
                        condition: None,
                        required: false,
                    });
                } else {
                    let mut t = schema.entity_types[0].clone();
                    t.name = name.to_uppercase();
                    t.key = None;
                    schema.entity_types.push(t);
                }
                Edit::ReplaceSchema {
                    schema: Box::new(schema),
                }
            }
        };
        apply(&mut self.clones[c].project, edit).is_ok()
    }
}

/// The tags of a project's annotations, each with what it is now (its
/// place and what it points at, by tag), keyed "kind tag".
fn tags(project: &Project) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let entity_tag = |e: Option<EntityId>| {
        e.and_then(|e| project.entities.get(&e))
            .and_then(|e| tag_of(&e.note))
            .unwrap_or("-")
            .to_owned()
    };
    for e in project.entities.values() {
        if let Some(t) = tag_of(&e.note) {
            out.insert(
                format!("entity {t}"),
                format!("{} {} {:?} {}", e.name, e.label, e.aliases, e.note),
            );
        }
    }
    for (path, entry) in &project.documents {
        let mention_tag = |id: MentionId| {
            entry
                .mention(id)
                .and_then(|m| tag_of(&m.note))
                .unwrap_or("-")
                .to_owned()
        };
        for m in &entry.mentions {
            if let Some(t) = tag_of(&m.note) {
                out.insert(
                    format!("mention {t}"),
                    format!("{path} {:?} {} {}", m.span, m.label, entity_tag(m.entity)),
                );
            }
        }
        for r in &entry.relations {
            if let Some(t) = tag_of(&r.note) {
                out.insert(
                    format!("relation {t}"),
                    format!(
                        "{} {} {}",
                        r.label,
                        mention_tag(r.source),
                        mention_tag(r.target)
                    ),
                );
            }
        }
        for st in &entry.stances {
            if let Some(t) = tag_of(&st.note) {
                let holder = match st.holder {
                    Holder::Entity(e) => entity_tag(Some(e)),
                    Holder::Author => "author".to_owned(),
                };
                let spans: Vec<CharSpan> = st.evidence.iter().map(|e| e.span).collect();
                out.insert(
                    format!("stance {t}"),
                    format!("{holder} {:?} {} {spans:?}", st.target, st.polarity),
                );
            }
        }
        for q in &entry.quotations {
            if let Some(t) = tag_of(&q.note) {
                let spans: Vec<CharSpan> = q.contents.iter().map(|e| e.span).collect();
                out.insert(
                    format!("quotation {t}"),
                    format!(
                        "{spans:?} {}",
                        q.speaker.map_or("-".to_owned(), mention_tag)
                    ),
                );
            }
        }
    }
    out
}

/// The three-way checks on one merge: `merged` made from `ours` and
/// `theirs`, two versions of `base`.
fn check_three(base: &Project, ours: &Project, theirs: &Project, merged: &Project) {
    let (b, o, t, mut m) = (tags(base), tags(ours), tags(theirs), tags(merged));
    // A version a conflict holds is kept, until the conflict is settled.
    for x in &merged.conflicts {
        for item in std::iter::once(&x.kept).chain(x.other.as_ref()) {
            if let Some(tag) = item_tag(item) {
                m.insert(format!("{} {tag}", item_kind(item)), String::new());
            }
        }
    }
    // Nothing one side added is lost, nor what both sides kept.
    for tag in o.keys().filter(|k| !b.contains_key(*k)) {
        assert!(m.contains_key(tag), "ours added {tag}, the merge lost it");
    }
    for tag in t.keys().filter(|k| !b.contains_key(*k)) {
        assert!(m.contains_key(tag), "theirs added {tag}, the merge lost it");
    }
    for tag in b
        .keys()
        .filter(|k| o.contains_key(*k) && t.contains_key(*k))
    {
        if o[tag] == b[tag] && t[tag] == b[tag] {
            assert!(m.contains_key(tag), "{tag}: untouched on both sides, lost");
        }
    }
    // Conflicts only where both sides changed the annotation; a mention
    // both resized differently always has one.
    // Only conflicts this merge recorded: a side may carry conflicts a
    // merge before recorded and nobody has settled yet (pushed as
    // they were).
    // (Told by tags: a carried conflict's ids follow the merge's.)
    let carried: BTreeSet<String> = ours
        .conflicts
        .iter()
        .chain(&theirs.conflicts)
        .map(conflict_key)
        .collect();
    let conflicted: BTreeSet<String> = merged
        .conflicts
        .iter()
        .filter(|x| !carried.contains(&conflict_key(x)))
        .flat_map(|x| {
            let mut v = vec![item_tag(&x.kept)];
            v.extend(x.other.as_ref().map(item_tag));
            v
        })
        .flatten()
        .collect();
    // A conflict is about one annotation: two different ones (two
    // additions under one id, say) are never one conflict.
    for x in merged
        .conflicts
        .iter()
        .filter(|x| !carried.contains(&conflict_key(x)))
    {
        if let Some(other) = &x.other {
            assert_eq!(
                item_tag(&x.kept),
                item_tag(other),
                "a conflict between two different annotations: {}",
                x.describe()
            );
        }
    }
    for tag in &conflicted {
        let key = |side: &BTreeMap<String, String>| {
            side.keys()
                .find(|k| k.ends_with(&format!(" {tag}")))
                .cloned()
        };
        let Some(k) = key(&b) else {
            continue;
        };
        let changed = |side: &BTreeMap<String, String>| side.get(&k) != b.get(&k);
        // A deletion on one side meets a change on the other: the
        // annotation itself, or one that uses it (a relation or
        // quotation made on the mention since the base).
        let uses_changed = |side: &BTreeMap<String, String>| {
            side.iter().any(|(key, value)| {
                *key != k && value.split_whitespace().any(|w| w == tag) && b.get(key) != Some(value)
            })
        };
        let deleted_meets_use =
            !o.contains_key(&k) && uses_changed(&t) || !t.contains_key(&k) && uses_changed(&o);
        let described: Vec<String> = merged
            .conflicts
            .iter()
            .filter(|x| {
                std::iter::once(&x.kept)
                    .chain(x.other.as_ref())
                    .any(|i| item_tag(i).as_deref() == Some(tag.as_str()))
            })
            .map(stancemark::model::conflict::Conflict::describe)
            .collect();
        assert!(
            changed(&o) && changed(&t) || deleted_meets_use,
            "a conflict on {k}, which one side did not change: base {:?}, ours {:?}, theirs {:?}; ids {:?} / {:?} / {:?}; {described:?}",
            b.get(&k),
            o.get(&k),
            t.get(&k),
            id_of(base, tag),
            id_of(ours, tag),
            id_of(theirs, tag),
        );
    }
    // And the other way: whatever both sides changed differently has one.
    for (key, before) in &b {
        if let (Some(x), Some(y)) = (o.get(key), t.get(key))
            && x != before
            && y != before
            && x != y
        {
            let tag = key.split(' ').nth(1).unwrap_or_default();
            assert!(
                conflicted.contains(tag),
                "{key}: both sides changed it differently, no conflict recorded: base {before:?}, ours {x:?}, theirs {y:?}"
            );
        }
    }
    check_codes_and_schema(base, ours, theirs, merged);
}

/// What a conflict is about, by tags (ids move between merges).
fn conflict_key(x: &stancemark::model::conflict::Conflict) -> String {
    format!(
        "{} {:?} {:?} {}",
        item_kind(&x.kept),
        item_tag(&x.kept),
        x.other.as_ref().map(item_tag),
        x.kept_from
    )
}

/// Codebook variables and entity types one side added are kept; a code one
/// side set and the other left alone is the one it set; a code both set
/// differently is ours (the merge says so in its notes).
fn check_codes_and_schema(base: &Project, ours: &Project, theirs: &Project, merged: &Project) {
    for side in [ours, theirs] {
        for v in &side.schema.variables {
            assert!(
                merged.schema.variables.iter().any(|m| m.name == v.name),
                "codebook variable {} was added on one side, the merge lost it",
                v.name
            );
        }
        for t in &side.schema.entity_types {
            assert!(
                merged.schema.entity_type(&t.name).is_some(),
                "entity type {} was added on one side, the merge lost it",
                t.name
            );
        }
    }
    let empty = std::sync::Arc::default();
    for (path, m) in &merged.documents {
        let (b, o, t) = (
            base.documents.get(path).unwrap_or(&empty),
            ours.documents.get(path).unwrap_or(&empty),
            theirs.documents.get(path).unwrap_or(&empty),
        );
        let names: BTreeSet<&String> = b
            .codes
            .keys()
            .chain(o.codes.keys())
            .chain(t.codes.keys())
            .collect();
        for name in names {
            let (bv, ov, tv, mv) = (
                b.codes.get(name),
                o.codes.get(name),
                t.codes.get(name),
                m.codes.get(name),
            );
            let expected = if ov == bv { tv } else { ov };
            assert_eq!(
                mv, expected,
                "{path}: code {name} is {mv:?}; base {bv:?}, ours {ov:?}, theirs {tv:?}"
            );
        }
    }
}

/// The ids of the annotations tagged `tag` (any kind), for messages.
fn id_of(project: &Project, tag: &str) -> Vec<String> {
    let mut out: Vec<String> = project
        .entities
        .values()
        .filter(|e| tag_of(&e.note) == Some(tag))
        .map(|e| format!("entity {}", e.id.0))
        .collect();
    for d in project.documents.values() {
        out.extend(
            d.mentions
                .iter()
                .filter(|m| tag_of(&m.note) == Some(tag))
                .map(|m| format!("mention {}", m.id.0)),
        );
        out.extend(
            d.stances
                .iter()
                .filter(|x| tag_of(&x.note) == Some(tag))
                .map(|x| format!("stance {}", x.id.0)),
        );
        out.extend(
            d.relations
                .iter()
                .filter(|x| tag_of(&x.note) == Some(tag))
                .map(|x| format!("relation {}", x.id.0)),
        );
        out.extend(
            d.quotations
                .iter()
                .filter(|x| tag_of(&x.note) == Some(tag))
                .map(|x| format!("quotation {}", x.id.0)),
        );
    }
    out
}

/// True when `project` holds exactly `item` (in document `doc`).
fn holds(project: &Project, doc: Option<&str>, item: &ConflictItem) -> bool {
    let entry = doc.and_then(|d| project.documents.get(d));
    match item {
        ConflictItem::Mention(m) => entry.and_then(|e| e.mention(m.id)) == Some(m),
        ConflictItem::Stance(s) => entry.is_some_and(|e| e.stances.contains(s)),
        ConflictItem::Relation(r) => entry.is_some_and(|e| e.relations.contains(r)),
        ConflictItem::Quotation(q) => entry.is_some_and(|e| e.quotations.contains(q)),
        ConflictItem::Entity(e) => project.entities.get(&e.id) == Some(e),
        ConflictItem::Claim(c) => project.claims.get(&c.id) == Some(c),
    }
}

/// The tag of the annotation a conflict is about.
fn item_tag(item: &ConflictItem) -> Option<String> {
    let note = match item {
        ConflictItem::Mention(m) => &m.note,
        ConflictItem::Stance(s) => &s.note,
        ConflictItem::Relation(r) => &r.note,
        ConflictItem::Quotation(q) => &q.note,
        ConflictItem::Entity(e) => &e.note,
        ConflictItem::Claim(_) => return None,
    };
    tag_of(note).map(str::to_owned)
}

/// The kind of annotation a conflict holds, as [`tags`] names it.
fn item_kind(item: &ConflictItem) -> &'static str {
    match item {
        ConflictItem::Mention(_) => "mention",
        ConflictItem::Stance(_) => "stance",
        ConflictItem::Relation(_) => "relation",
        ConflictItem::Quotation(_) => "quotation",
        ConflictItem::Entity(_) => "entity",
        ConflictItem::Claim(_) => "claim",
    }
}

/// The words clone `c` of `n` starts its annotations on: every n-th.
fn own_words(doc: &Document, c: usize, n: usize) -> Vec<CharSpan> {
    word_spans(doc)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % n == c)
        .map(|(_, w)| w)
        .collect()
}

/// The words of a document (runs of alphanumerics), as spans.
fn word_spans(doc: &Document) -> Vec<CharSpan> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in doc.text.chars().enumerate() {
        match (ch.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(CharSpan::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(CharSpan::new(s, doc.text.chars().count()));
    }
    out
}
