//! Atomic file writes: temporary file in the same folder, fsync, rename.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: either the old file stays exactly as
/// it was, or the new one is complete. The data is flushed to disk (fsync)
/// before the rename, and the folder is synced after it. The new file keeps
/// the permissions of the file it replaces (a new file gets `rw-r--r--`).
///
/// # Errors
/// Any I/O error; the target is then untouched and no temporary file is left.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    PreparedWrite::new(path, bytes)?.commit()
}

/// [`write_atomic`] for an export's content, written piece by piece.
///
/// # Errors
/// Any I/O error; the target is then untouched and no temporary file is left.
pub fn write_atomic_content(path: &Path, content: &super::export::Content) -> std::io::Result<()> {
    PreparedWrite::with(path, |tmp| content.write_to(tmp))?.commit()
}

/// What every temporary file of an atomic write is named with, followed by
/// the writer's `PID@HOST-`.
pub const TEMP_PREFIX: &str = ".stancemark-";

/// The name every temporary file or folder this process writes starts
/// with: [`TEMP_PREFIX`] and `PID@HOST-`, so a later writer can tell an
/// abandoned one from a running writer's.
#[must_use]
pub fn writer_prefix() -> String {
    format!(
        "{TEMP_PREFIX}{}@{}-",
        std::process::id(),
        super::lock::this_host()
    )
}

/// Removes the temporary files and folders (an export staged beside its
/// target) in `folder` that a writer of this host left when it was killed
/// mid-write (its process has ended); a running writer's are left alone.
/// Returns how many were removed.
pub fn remove_abandoned_temporaries(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let Some((pid, rest)) = rest.split_once('@') else {
            continue;
        };
        let host = super::lock::this_host();
        let ours_host = rest
            .strip_prefix(host.as_str())
            .is_some_and(|r| r.starts_with('-'));
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if !ours_host || !super::lock::has_ended(pid, &host) {
            continue;
        }
        let gone = if kind.is_file() {
            std::fs::remove_file(entry.path()).is_ok()
        } else if kind.is_dir() {
            std::fs::remove_dir_all(entry.path()).is_ok()
        } else {
            false
        };
        removed += usize::from(gone);
    }
    removed
}

/// The first half of an atomic write: the new content complete and on disk
/// in a temporary file beside the target, which is not yet touched. Dropped
/// without [`PreparedWrite::commit`], the temporary file is removed.
pub struct PreparedWrite {
    tmp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

impl PreparedWrite {
    /// Writes `bytes` to a temporary file in `path`'s folder and syncs it.
    ///
    /// # Errors
    /// Any I/O error (a full disk, say); nothing else was changed.
    pub fn new(path: &Path, bytes: &[u8]) -> std::io::Result<Self> {
        Self::with(path, |tmp| tmp.write_all(bytes))
    }

    /// [`PreparedWrite::new`] with the content written by `write`.
    fn with(
        path: &Path,
        write: impl FnOnce(&mut tempfile::NamedTempFile) -> std::io::Result<()>,
    ) -> std::io::Result<Self> {
        let mut tmp = tempfile::Builder::new()
            .prefix(&writer_prefix())
            .suffix(".tmp")
            .tempfile_in(folder_of(path))?;
        write(&mut tmp)?;
        match std::fs::metadata(path) {
            Ok(meta) => tmp.as_file().set_permissions(meta.permissions())?,
            Err(_) => set_default_permissions(tmp.as_file())?,
        }
        tmp.as_file().sync_all()?;
        Ok(Self {
            tmp,
            path: path.to_path_buf(),
        })
    }

    /// Puts the new content in place (a rename) and syncs the folder.
    ///
    /// # Errors
    /// When the rename fails; the target is then untouched.
    pub fn commit(self) -> std::io::Result<()> {
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        sync_dir(folder_of(&self.path));
        Ok(())
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(unix)]
fn set_default_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Best effort: the rename is already atomic; this makes it durable.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A writer killed mid-write leaves its temporary file; the next save
    /// removes it, but never a running writer's or another host's.
    #[test]
    fn temporaries_of_ended_writers_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let host = crate::io::lock::this_host();
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let ended = child.id();
        child.wait().expect("wait");
        let names = [
            format!(".stancemark-{ended}@{host}-abc.tmp"),
            format!(".stancemark-{}@{host}-def.tmp", std::process::id()),
            format!(".stancemark-{ended}@another-host-ghi.tmp"),
        ];
        for n in &names {
            std::fs::write(dir.path().join(n), "half").expect("write");
        }
        assert_eq!(remove_abandoned_temporaries(dir.path()), 1);
        assert!(!dir.path().join(&names[0]).exists());
        assert!(dir.path().join(&names[1]).exists(), "a running writer's");
        assert!(dir.path().join(&names[2]).exists(), "another host's");
        // A save removes them on its own.
        std::fs::write(dir.path().join(&names[0]), "half").expect("write");
        crate::io::store::save_project(
            &dir.path().join("p.ron"),
            &crate::model::Project::new("ana", crate::model::Schema::builtin()),
            dir.path(),
        )
        .expect("save");
        assert!(!dir.path().join(&names[0]).exists());
    }

    #[test]
    fn replaces_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"one").expect("write");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&path, b"two").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        assert_eq!(mode(&path), 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }
}
