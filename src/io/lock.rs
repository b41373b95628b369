//! Lock files: a project file open in one Stancemark is opened read-only by
//! any other, and no command writes it meanwhile.
//!
//! Holding is an operating-system lock (`flock`, through `File::try_lock`)
//! on `NAME.ron.lock`, so taking a lock is atomic and a lock dies with its
//! process: two writers can never both hold it, and a lock file left by a
//! process that ended (killed, crashed, or a file that came from another
//! machine through git) holds nothing and is simply taken. The file's text
//! (process id, host, start time) only says who holds it.
//!
//! The holder removes the file while still holding it; a process that locked
//! the same file meanwhile sees it is no longer the file at the path and
//! tries again, so the lock always lives on the file the path names.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockInfo {
    /// Process id (0 when the holder has not written its name yet).
    pub pid: u32,
    /// Host name (empty when the holder has not written its name yet).
    pub host: String,
    /// When it was taken (seconds since the Unix epoch).
    pub since: u64,
}

impl std::fmt::Display for LockInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host.is_empty() {
            return write!(f, "another process, which has not written its name yet");
        }
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(self.since);
        write!(
            f,
            "process {} on {} since {}",
            self.pid,
            crate::model::wording::printable(&self.host, 64),
            super::team_saves::minute_text(when)
        )
    }
}

/// What the lock file of a project says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockState {
    /// No lock file.
    Free,
    /// A lock file nobody holds (its process ended, or it was copied from
    /// elsewhere): it is taken by the next writer. Its text, if readable.
    Stale(Option<LockInfo>),
    /// Another process holds it.
    Held(LockInfo),
    /// This process holds it.
    Mine,
}

/// The open, locked lock file; removed and unlocked when the last
/// [`ProjectLock`] of this process for it is dropped.
#[derive(Debug)]
struct Held {
    path: PathBuf,
    file: File,
}

/// A lock this process holds; released when dropped (and the other
/// `ProjectLock`s of this process for the same file are dropped too).
#[derive(Debug, Clone)]
pub struct ProjectLock {
    held: Arc<Held>,
}

/// The locks this process holds, so that taking one it already holds (the
/// app's project, written by a command run inside the app) shares it.
static HELD: Mutex<Option<HashMap<PathBuf, Weak<Held>>>> = Mutex::new(None);

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

/// Opens the lock file without following a link and without blocking on a
/// FIFO; only a regular file is used.
fn open_lock_file(path: &Path, create: bool) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(create).create(create);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("the lock file is not a regular file"));
    }
    Ok(file)
}

/// True when the open `file` is still the file at `path` (not removed or
/// replaced since it was opened).
fn is_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

fn held_here(path: &Path) -> Option<Arc<Held>> {
    let mut map = HELD.lock().unwrap_or_else(PoisonError::into_inner);
    let map = map.get_or_insert_with(HashMap::new);
    let held = map.get(path).and_then(Weak::upgrade);
    if held.is_none() {
        map.remove(path);
    }
    held
}

/// What the lock file of `project` says now.
#[must_use]
pub fn lock_state(project: &Path) -> LockState {
    let path = lock_path(project);
    if held_here(&path).is_some() {
        return LockState::Mine;
    }
    let file = match open_lock_file(&path, false) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return LockState::Free,
        // Not readable or not a regular file: nobody can hold it through us.
        Err(_) => return LockState::Stale(None),
    };
    // A shared lock succeeds only when nobody holds the exclusive one. It is
    // let go at once; a writer taking the lock meanwhile tries again.
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            LockState::Stale(read_small(&path).as_deref().and_then(parse))
        }
        Err(_) => LockState::Held(holder_text(&path)),
    }
}

/// The holder's text; a holder that has just taken the lock writes it at
/// once, so an empty file is read again briefly before giving up.
fn holder_text(path: &Path) -> LockInfo {
    for _ in 0..20 {
        if let Some(info) = read_small(path).as_deref().and_then(parse) {
            return info;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    LockInfo {
        pid: 0,
        host: String::new(),
        since: 0,
    }
}

/// Who holds the lock on `project`, when another process does.
#[must_use]
pub fn read_lock(project: &Path) -> Option<LockInfo> {
    match lock_state(project) {
        LockState::Held(info) => Some(info),
        _ => None,
    }
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

/// How long a writer keeps trying while another process holds the lock only
/// for a moment (another command checking who holds it).
const CONTENDED_TRIES: u32 = 40;

impl ProjectLock {
    /// Takes the lock of `project`.
    ///
    /// # Errors
    /// `Err(Some(holder))` when another live process holds it;
    /// `Err(None)` when the lock file cannot be made or is not a regular
    /// file (e.g. a read-only folder).
    pub fn acquire(project: &Path) -> Result<Self, Option<LockInfo>> {
        let path = lock_path(project);
        if let Some(held) = held_here(&path) {
            return Ok(Self { held });
        }
        // The folder of a project not saved yet (e.g. `saves/`) is made now.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let mut busy = 0;
        for _ in 0..(CONTENDED_TRIES * 4) {
            let file = open_lock_file(&path, true).map_err(|_| None)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    busy += 1;
                    if busy >= CONTENDED_TRIES {
                        return Err(Some(holder_text(&path)));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                }
                Err(std::fs::TryLockError::Error(_)) => return Err(None),
            }
            // The holder before us may have removed the file we locked.
            if !is_at(&file, &path) {
                continue;
            }
            let held = Arc::new(Held { path, file });
            write_holder(&held.file).map_err(|_| None)?;
            let mut map = HELD.lock().unwrap_or_else(PoisonError::into_inner);
            map.get_or_insert_with(HashMap::new)
                .insert(held.path.clone(), Arc::downgrade(&held));
            return Ok(Self { held });
        }
        Err(None)
    }

    /// True while the lock file at the path is still the one this process
    /// locked (nobody removed or replaced it by hand).
    #[must_use]
    pub fn still_held(&self) -> bool {
        is_at(&self.held.file, &self.held.path)
    }
}

fn write_holder(mut file: &File) -> std::io::Result<()> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let text = format!(
        "pid {}\nhost {}\nsince {since}\n",
        std::process::id(),
        this_host()
    );
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(text.as_bytes())
}

/// Locks `project` on a file handle of its own, with `text` as the holder's
/// name, and keeps it locked until the returned file is dropped: exactly
/// what another process's hold looks like to this one (an OS lock conflicts
/// between open files, even within one process). For tests and for tools
/// that must keep Stancemark off a file.
///
/// # Errors
/// The file cannot be written or locked.
pub fn hold_as(project: &Path, text: &str) -> std::io::Result<File> {
    let path = lock_path(project);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)?;
    file.lock()?;
    file.set_len(0)?;
    (&file).write_all(text.as_bytes())?;
    Ok(file)
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

impl Drop for Held {
    fn drop(&mut self) {
        {
            let mut map = HELD.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(map) = map.as_mut()
                && map.get(&self.path).is_some_and(|w| w.strong_count() == 0)
            {
                map.remove(&self.path);
            }
        }
        // Removed while still locked; closing the file then unlocks it.
        if is_at(&self.file, &self.path) {
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
        assert_eq!(lock_state(&project), LockState::Mine);
        let again = ProjectLock::acquire(&project).expect("this process may take its own lock");
        drop(lock);
        assert!(lock_path(&project).exists(), "still held by the second");
        drop(again);
        assert!(!lock_path(&project).exists(), "released on drop");
        assert_eq!(lock_state(&project), LockState::Free);

        let other = format!("pid 1\nhost {}\nsince 5\n", this_host());
        let holder = hold_as(&project, &other).expect("hold");
        let held = ProjectLock::acquire(&project).expect_err("held");
        assert_eq!(held.map(|h| h.pid), Some(1));
        assert!(matches!(lock_state(&project), LockState::Held(i) if i.pid == 1));
        drop(holder);

        // The file stays, but nobody holds it: stale, whatever it says (a
        // live pid, another host), and taken over.
        assert!(matches!(lock_state(&project), LockState::Stale(Some(i)) if i.pid == 1));
        std::fs::write(
            lock_path(&project),
            "pid 77\nhost another-machine\nsince 5\n",
        )
        .expect("write");
        let taken = ProjectLock::acquire(&project).expect("stale lock taken over");
        assert!(taken.still_held());
        let text = std::fs::read_to_string(lock_path(&project)).expect("read");
        assert!(
            text.starts_with(&format!("pid {}\n", std::process::id())),
            "{text}"
        );
    }

    #[test]
    fn a_removed_lock_file_is_noticed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("p.ron");
        let lock = ProjectLock::acquire(&project).expect("lock");
        std::fs::remove_file(lock_path(&project)).expect("remove");
        assert!(!lock.still_held());
    }

    #[test]
    #[cfg(unix)]
    fn a_fifo_in_place_of_the_lock_file_is_not_waited_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("p.ron");
        let status = std::process::Command::new("mkfifo")
            .arg(lock_path(&project))
            .status()
            .expect("mkfifo");
        assert!(status.success());
        assert_eq!(ProjectLock::acquire(&project).err(), Some(None));
    }
}
