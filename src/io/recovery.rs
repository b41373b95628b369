//! Recovery files: a session's unsaved work, written every few seconds
//! beside the project file and offered back after a crash.
//!
//! Names: `NAME.ron.recovery` belongs to the Stancemark that holds the
//! project file's lock. Any other instance (one that opened the project
//! read-only, or one that found that name taken by a file it must not touch)
//! writes `NAME.ron.recovery-PID@HOST` instead.
//!
//! A recovery file is offered only when no running Stancemark owns it and it
//! holds something the project file lacks. It is removed only after the
//! user's choice, or once a newer good copy exists (a save that holds its
//! work, or a project file identical to it).

use std::path::{Path, PathBuf};

use crate::model::Project;
use crate::model::bounded::Bounded;
use crate::model::holds::held_only_by;

use super::lock::{has_ended, read_lock, this_host};
use super::store::load_project;

/// What a recovery file name ends with (before any `-PID@HOST`).
pub const RECOVERY_SUFFIX: &str = ".recovery";

/// The recovery file of the Stancemark holding `project`'s lock:
/// `NAME.ron.recovery`.
#[must_use]
pub fn recovery_path(project: &Path) -> PathBuf {
    with_suffix(project, RECOVERY_SUFFIX)
}

/// This process's own recovery file for `project`:
/// `NAME.ron.recovery-PID@HOST`.
#[must_use]
pub fn instance_recovery_path(project: &Path) -> PathBuf {
    with_suffix(
        project,
        &format!("{RECOVERY_SUFFIX}-{}@{}", std::process::id(), this_host()),
    )
}

/// Where a discarded recovery file is set aside: `FILE.discarded`, or
/// `FILE.discarded-2`, `-3`, … when that exists (an earlier discard is never
/// replaced).
#[must_use]
pub fn discarded_path(recovery: &Path) -> PathBuf {
    let first = with_suffix(recovery, ".discarded");
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| with_suffix(recovery, &format!(".discarded-{n}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// A recovery file found beside a project file, and what to do with it.
#[derive(Debug)]
pub enum Found {
    /// It holds work the project file lacks: offer it to the user.
    Offer {
        /// The recovery file.
        path: PathBuf,
        /// What it holds.
        project: Box<Project>,
        /// It was written after the project file was last changed.
        newer_than_project: bool,
        /// What it holds that the project file lacks (never empty).
        only_here: Bounded<String>,
        /// What the project file holds that it lacks: taking the recovery
        /// file whole would drop these.
        only_in_project: Bounded<String>,
    },
    /// It cannot be read: say so and leave it untouched.
    Unreadable {
        /// The recovery file.
        path: PathBuf,
        /// Why.
        error: String,
    },
    /// It belongs to a Stancemark that is running: never offered, never touched.
    Live {
        /// The recovery file.
        path: PathBuf,
        /// Whose it is ("process 42 on host").
        owner: String,
    },
    /// It holds nothing the project file lacks (the same work, or older
    /// work the project file has since taken further): nothing to offer.
    Same {
        /// The recovery file.
        path: PathBuf,
    },
}

impl Found {
    /// The recovery file.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Offer { path, .. }
            | Self::Unreadable { path, .. }
            | Self::Live { path, .. }
            | Self::Same { path } => path,
        }
    }
}

/// Who wrote a recovery file, from its name.
enum Owner {
    /// `NAME.ron.recovery`: whoever holds the project's lock.
    Holder,
    /// `NAME.ron.recovery-PID@HOST`.
    Instance { pid: u32, host: String },
}

fn owner_of(project_name: &str, file_name: &str) -> Option<Owner> {
    let rest = file_name
        .strip_prefix(project_name)?
        .strip_prefix(RECOVERY_SUFFIX)?;
    if rest.is_empty() {
        return Some(Owner::Holder);
    }
    let (pid, host) = rest.strip_prefix('-')?.split_once('@')?;
    Some(Owner::Instance {
        pid: pid.parse().ok()?,
        host: host.to_owned(),
    })
}

/// The running Stancemark (not this process) that owns a recovery file, if any.
fn live_owner(project: &Path, owner: &Owner) -> Option<String> {
    let me = (std::process::id(), this_host());
    match owner {
        Owner::Holder => {
            let info = read_lock(project)?;
            let other = (info.pid, info.host.clone()) != me;
            other.then(|| format!("process {} on {}", info.pid, info.host))
        }
        Owner::Instance { pid, host } => {
            let other = (*pid, host.clone()) != me;
            (other && !has_ended(*pid, host)).then(|| format!("process {pid} on {host}"))
        }
    }
}

/// Every recovery file beside `project_file`, newest first, each with what
/// to do about it. `current` is the project as its file holds it (`None` when
/// there is no project file yet).
#[must_use]
pub fn scan_recoveries(project_file: &Path, current: Option<&Project>) -> Vec<Found> {
    let Some(project_name) = project_file.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let dir = match project_file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut candidates: Vec<(PathBuf, Owner, Option<std::time::SystemTime>)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let owner = owner_of(project_name, &name)?;
            let meta = std::fs::symlink_metadata(e.path()).ok()?;
            meta.is_file()
                .then(|| (e.path(), owner, meta.modified().ok()))
        })
        .collect();
    candidates.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let project_modified = std::fs::metadata(project_file)
        .and_then(|m| m.modified())
        .ok();
    candidates
        .into_iter()
        .map(|(path, owner, modified)| {
            if let Some(owner) = live_owner(project_file, &owner) {
                return Found::Live { path, owner };
            }
            match load_project(&path) {
                Err(e) => Found::Unreadable {
                    path,
                    error: e.to_string(),
                },
                Ok(loaded) => {
                    // With no project file yet, the work is everything but
                    // the schema a new project starts with anyway.
                    let empty = Project::new("", loaded.project.schema.clone());
                    let current = current.unwrap_or(&empty);
                    let only_here = held_only_by(&loaded.project, current);
                    if only_here.is_empty() {
                        return Found::Same { path };
                    }
                    let newer_than_project = match (modified, project_modified) {
                        (Some(r), Some(p)) => r >= p,
                        _ => true,
                    };
                    let only_in_project = held_only_by(current, &loaded.project);
                    Found::Offer {
                        path,
                        project: Box::new(loaded.project),
                        newer_than_project,
                        only_here,
                        only_in_project,
                    }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::lock::ProjectLock;
    use crate::io::store::write_recovery_file;
    use crate::model::{DocStatus, Edit, Schema};

    fn project(status: DocStatus) -> Project {
        let mut p = Project::new("ana", Schema::builtin());
        let doc = crate::model::Document::new("a.txt", "Some text.", "UTF-8");
        p.attach(std::slice::from_ref(&doc));
        crate::model::apply(
            &mut p,
            Edit::SetStatus {
                doc: "a.txt".to_owned(),
                status,
            },
        )
        .expect("status");
        p
    }

    #[test]
    fn names_say_whose_a_recovery_file_is() {
        assert!(matches!(
            owner_of("p.ron", "p.ron.recovery"),
            Some(Owner::Holder)
        ));
        assert!(matches!(
            owner_of("p.ron", "p.ron.recovery-42@box.lan"),
            Some(Owner::Instance { pid: 42, ref host }) if host == "box.lan"
        ));
        for other in [
            "p.ron",
            "p.ron.recovery.discarded",
            "p.ron.recovery-x@h",
            "q.ron.recovery",
            "p.ron.bak1",
        ] {
            assert!(owner_of("p.ron", other).is_none(), "{other}");
        }
    }

    #[test]
    fn offered_only_with_work_the_project_lacks_and_no_live_owner() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("p.ron");
        let saved = project(DocStatus::InProgress);
        crate::io::save_project(&file, &saved, dir.path()).expect("save");
        // Identical to the file: nothing to offer.
        write_recovery_file(&recovery_path(&file), &saved, dir.path()).expect("rec");
        let found = scan_recoveries(&file, Some(&saved));
        assert!(
            matches!(found.as_slice(), [Found::Same { .. }]),
            "{found:?}"
        );
        // Different: offered, even when older than the project file.
        write_recovery_file(&recovery_path(&file), &project(DocStatus::Done), dir.path())
            .expect("rec");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let saved = project(DocStatus::Todo);
        crate::io::save_project(&file, &saved, dir.path()).expect("save again");
        let found = scan_recoveries(&file, Some(&saved));
        assert!(
            matches!(
                found.as_slice(),
                [Found::Offer {
                    newer_than_project: false,
                    ..
                }]
            ),
            "{found:?}"
        );
        // A running process holds the lock: its recovery file is not offered.
        let other =
            crate::io::lock::hold_as(&file, &format!("pid 1\nhost {}\nsince 5\n", this_host()))
                .expect("lock");
        let found = scan_recoveries(&file, Some(&saved));
        assert!(
            matches!(found.as_slice(), [Found::Live { .. }]),
            "{found:?}"
        );
        drop(other);
        std::fs::remove_file(crate::io::lock::lock_path(&file)).expect("unlock");
        // This process's lock: its own file is offered (it is not another's).
        let lock = ProjectLock::acquire(&file).expect("lock");
        assert!(matches!(
            scan_recoveries(&file, Some(&saved)).as_slice(),
            [Found::Offer { .. }]
        ));
        drop(lock);
        // Another running instance's own file: left alone; an ended one's: offered.
        std::fs::remove_file(recovery_path(&file)).expect("rm");
        let live = with_suffix(&file, &format!(".recovery-1@{}", this_host()));
        std::fs::write(&live, "junk").expect("write");
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let ended = child.id();
        child.wait().expect("wait");
        let dead = with_suffix(&file, &format!(".recovery-{ended}@{}", this_host()));
        std::fs::write(&dead, "junk").expect("write");
        let found = scan_recoveries(&file, Some(&saved));
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .any(|f| matches!(f, Found::Live { path, .. } if *path == live))
        );
        assert!(
            found
                .iter()
                .any(|f| matches!(f, Found::Unreadable { path, .. } if *path == dead))
        );
    }

    #[test]
    fn discarding_never_replaces_an_earlier_discard() {
        let dir = tempfile::tempdir().expect("tempdir");
        let rec = dir.path().join("p.ron.recovery");
        let first = discarded_path(&rec);
        assert!(
            first
                .to_string_lossy()
                .ends_with("p.ron.recovery.discarded")
        );
        std::fs::write(&first, "x").expect("write");
        assert!(
            discarded_path(&rec)
                .to_string_lossy()
                .ends_with("p.ron.recovery.discarded-2")
        );
    }
}
