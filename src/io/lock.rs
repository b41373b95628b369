//! Lock files: a project file open in one Stancemark is opened read-only by
//! any other. `NAME.ron.lock` holds the holder's process id, host and start
//! time; a lock left by a process that no longer runs on this host is stale
//! and taken over.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockInfo {
    /// Process id.
    pub pid: u32,
    /// Host name.
    pub host: String,
    /// When it was taken (seconds since the Unix epoch).
    pub since: u64,
}

impl std::fmt::Display for LockInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(self.since);
        write!(
            f,
            "process {} on {} since {}",
            self.pid,
            self.host,
            super::team_saves::minute_text(when)
        )
    }
}

/// A lock this process holds; released when dropped.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
}

/// The lock file of a project file.
#[must_use]
pub fn lock_path(project: &Path) -> PathBuf {
    let mut name = project
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".lock");
    project.with_file_name(name)
}

/// This machine's host name, as recorded in lock and recovery file names.
#[must_use]
pub fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown-host".to_owned())
}

fn parse(text: &str) -> Option<LockInfo> {
    let mut pid = None;
    let mut host = None;
    let mut since = None;
    for line in text.lines() {
        match line.split_once(' ') {
            Some(("pid", v)) => pid = v.trim().parse().ok(),
            Some(("host", v)) => host = Some(v.trim().to_owned()),
            Some(("since", v)) => since = v.trim().parse().ok(),
            _ => {}
        }
    }
    Some(LockInfo {
        pid: pid?,
        host: host?,
        since: since?,
    })
}

/// A lock file's text: a regular file of at most 4 KiB (a FIFO or a device
/// put there is never waited on).
fn read_small(path: &Path) -> Option<String> {
    super::safe_file::read_text(path, 4096).ok()
}

/// Who holds the lock on `project`, if its lock file exists and is readable.
#[must_use]
pub fn read_lock(project: &Path) -> Option<LockInfo> {
    read_small(&lock_path(project)).and_then(|text| parse(&text))
}

/// True when the lock file of `project` names this process on this host.
#[must_use]
pub fn is_mine(project: &Path) -> bool {
    read_lock(project).is_some_and(|i| i.pid == std::process::id() && i.host == this_host())
}

/// True when the holder is a process on this host that no longer runs.
#[must_use]
pub fn is_stale(info: &LockInfo) -> bool {
    has_ended(info.pid, &info.host)
}

/// True when process `pid` of `host` is known to have ended: it is a process
/// of this host and no longer runs. A process of another host is never
/// known to have ended.
#[must_use]
pub fn has_ended(pid: u32, host: &str) -> bool {
    if host != this_host() || !Path::new("/proc").is_dir() {
        return false;
    }
    // A process killed but not yet reaped by its parent (a zombie, state
    // `Z` after the name in `/proc/PID/stat`) has ended too.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
    }
}

impl ProjectLock {
    /// Takes the lock of `project`.
    ///
    /// # Errors
    /// `Err(Some(holder))` when another live process holds it;
    /// `Err(None)` when the lock file cannot be written (e.g. a read-only folder).
    pub fn acquire(project: &Path) -> Result<Self, Option<LockInfo>> {
        let path = lock_path(project);
        // The folder of a project not saved yet (e.g. `saves/`) is made now.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    let since = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs());
                    let text = format!(
                        "pid {}\nhost {}\nsince {since}\n",
                        std::process::id(),
                        this_host()
                    );
                    file.write_all(text.as_bytes()).map_err(|_| None)?;
                    return Ok(Self { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let text = read_small(&path).unwrap_or_default();
                    match parse(&text) {
                        Some(info)
                            if info.pid == std::process::id() && info.host == this_host() =>
                        {
                            return Ok(Self { path });
                        }
                        Some(info) if !is_stale(&info) => return Err(Some(info)),
                        // Stale or unreadable: take it over.
                        _ => {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                Err(_) => return Err(None),
            }
        }
        Err(None)
    }
}

/// A command may not write a project file that a running Stancemark holds.
#[derive(Debug, thiserror::Error)]
#[error(
    "{path} is open in Stancemark ({holder}); nothing was written. Close it there first (the app saves on closing), or write to another file"
)]
pub struct HeldElsewhere {
    /// The project file.
    pub path: PathBuf,
    /// Who holds it.
    pub holder: LockInfo,
}

/// Takes the lock of `project` before a command writes it, and holds it
/// until the returned guard is dropped. `Ok(None)` when no lock file can be
/// made (a read-only folder): the write itself will then say what is wrong.
///
/// # Errors
/// [`HeldElsewhere`] when another running Stancemark holds the file.
pub fn lock_for_writing(project: &Path) -> Result<Option<ProjectLock>, HeldElsewhere> {
    match ProjectLock::acquire(project) {
        Ok(lock) => Ok(Some(lock)),
        Err(Some(holder)) => Err(HeldElsewhere {
            path: project.to_path_buf(),
            holder,
        }),
        Err(None) => Ok(None),
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        let ours = read_small(&self.path)
            .and_then(|t| parse(&t))
            .is_some_and(|i| i.pid == std::process::id());
        if ours {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn a_killed_process_not_yet_reaped_has_ended() {
        // A child that has exited but was not waited for is a zombie: its
        // /proc entry stays until it is reaped, yet it holds nothing.
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let pid = child.id();
        for _ in 0..200 {
            if has_ended(pid, &this_host()) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(
            Path::new(&format!("/proc/{pid}")).exists(),
            "not reaped yet"
        );
        assert!(has_ended(pid, &this_host()));
        child.wait().expect("reap");
        assert!(
            !has_ended(std::process::id(), &this_host()),
            "this process runs"
        );
    }

    #[test]
    fn lock_then_held_then_released_and_stale_taken_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("p.ron");
        let lock = ProjectLock::acquire(&project).expect("first lock");
        assert!(lock_path(&project).is_file());
        assert!(
            ProjectLock::acquire(&project).is_ok(),
            "this process may take its own lock again"
        );
        drop(lock);
        assert!(!lock_path(&project).exists(), "released on drop");

        // A live process elsewhere (pid 1 always runs) holds it.
        std::fs::write(
            lock_path(&project),
            format!("pid 1\nhost {}\nsince 5\n", this_host()),
        )
        .expect("write");
        let held = ProjectLock::acquire(&project).expect_err("held");
        assert_eq!(held.map(|h| h.pid), Some(1));

        // A process that has ended left it: stale, taken over.
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let pid = child.id();
        child.wait().expect("wait");
        std::fs::write(
            lock_path(&project),
            format!("pid {pid}\nhost {}\nsince 5\n", this_host()),
        )
        .expect("write");
        assert!(
            ProjectLock::acquire(&project).is_ok(),
            "stale lock taken over"
        );
    }
}
