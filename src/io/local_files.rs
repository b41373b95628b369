//! The files Stancemark keeps beside a project file that belong to one
//! machine only: locks, backups, recovery files, set-aside recovery files
//! and temporary files. A team sharing a saves folder through git must not
//! commit them (a committed lock or backup breaks a teammate's pull), so
//! `team init` and `team assign` list them in the folder's `.gitignore`.

use std::path::{Path, PathBuf};

/// The `.gitignore` lines, one pattern each, with the comment that heads them.
pub const IGNORED: [&str; 8] = [
    "*.lock",
    "*.bak[0-9]*",
    "*.bak-next",
    "*.v[0-9]*.bak",
    "*.recovery",
    "*.recovery-*",
    "*.discarded*",
    ".stancemark-*",
];

const HEADING: &str =
    "# Stancemark: files that stay on each machine (locks, backups, recovery, temporary files)";

/// Makes sure `folder/.gitignore` lists every pattern of [`IGNORED`]:
/// written when missing, the missing lines appended otherwise (nothing else
/// in it changes). Returns the file when it was written or changed.
///
/// # Errors
/// When the file cannot be read or written.
pub fn ensure_gitignore(folder: &Path) -> std::io::Result<Option<PathBuf>> {
    let path = folder.join(".gitignore");
    let current = match super::safe_file::read_text(&path, 1 << 20) {
        Ok(text) => text,
        Err(super::safe_file::ReadError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            String::new()
        }
        Err(e) => return Err(std::io::Error::other(e.to_string())),
    };
    let present: Vec<&str> = current.lines().map(str::trim).collect();
    let missing: Vec<&str> = IGNORED
        .iter()
        .copied()
        .filter(|p| !present.contains(p))
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let mut text = current.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if !present.contains(&HEADING) {
        text.push_str(HEADING);
        text.push('\n');
    }
    for p in missing {
        text.push_str(p);
        text.push('\n');
    }
    std::fs::create_dir_all(folder)?;
    super::atomic::write_atomic(&path, text.as_bytes())?;
    Ok(Some(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_once_and_completed_without_touching_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let written = ensure_gitignore(dir.path()).expect("write");
        assert!(written.is_some());
        let text = std::fs::read_to_string(dir.path().join(".gitignore")).expect("read");
        for p in IGNORED {
            assert!(text.lines().any(|l| l == p), "{p} in {text}");
        }
        assert_eq!(ensure_gitignore(dir.path()).expect("again"), None);
        std::fs::write(dir.path().join(".gitignore"), "notes/\n*.lock").expect("write");
        ensure_gitignore(dir.path()).expect("complete");
        let text = std::fs::read_to_string(dir.path().join(".gitignore")).expect("read");
        assert!(text.starts_with("notes/\n*.lock\n# Stancemark"), "{text}");
        assert_eq!(text.matches("*.lock").count(), 1);
    }
}
