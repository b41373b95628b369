//! Reading a whole file safely: only a regular file is read (a FIFO, a
//! device such as `/dev/zero`, a folder or a socket is refused at once,
//! without blocking), its size is checked on the opened file before reading,
//! and never more than the limit is read even if it grows meanwhile.
//!
//! Corpus files are also opened without following a symbolic link, and must
//! be the very file that was listed (same device and inode), so a file
//! swapped for a link between listing and reading is refused, not followed.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The identity of a file as listed: device and inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    /// The identity of the file or link at `path` itself (links not followed).
    #[must_use]
    pub fn of_entry(path: &Path) -> Option<Self> {
        std::fs::symlink_metadata(path)
            .ok()
            .and_then(|m| Self::of(&m))
    }

    #[cfg(unix)]
    fn of(meta: &std::fs::Metadata) -> Option<Self> {
        use std::os::unix::fs::MetadataExt;
        Some(Self {
            dev: meta.dev(),
            ino: meta.ino(),
        })
    }

    #[cfg(not(unix))]
    fn of(_meta: &std::fs::Metadata) -> Option<Self> {
        None
    }
}

/// How a file is opened.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadRules {
    /// Refuse a symbolic link instead of following it.
    pub no_symlink: bool,
    /// The file must be this one (as listed earlier).
    pub expect: Option<FileId>,
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// It is not a regular file.
    #[error("{path}: not a regular file ({kind}); only ordinary files are read")]
    NotRegular {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        kind: &'static str,
    },
    /// It is a symbolic link, which is not followed here.
    #[error("{path}: a symbolic link, not followed (it could lead outside the folder)")]
    Symlink {
        /// The file.
        path: PathBuf,
    },
    /// It is no longer the file that was listed.
    #[error("{path}: the file was replaced while it was being read; not read")]
    Replaced {
        /// The file.
        path: PathBuf,
    },
    /// It is larger than the limit.
    #[error("{path}: {size} bytes is larger than the {limit}-byte limit")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size (at least).
        size: u64,
        /// The limit.
        limit: u64,
    },
}

/// Files read for import (JSONL, a gazetteer, brat files) larger than this
/// are refused (1 GiB).
pub const MAX_IMPORT_BYTES: u64 = 1 << 30;

/// Reads the regular file at `path`, at most `limit` bytes, under `rules`.
///
/// # Errors
/// [`ReadError`] naming the file and what is wrong with it.
pub fn read_file(path: &Path, limit: u64, rules: ReadRules) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = open(path, rules).map_err(|e| {
        if rules.no_symlink && is_symlink_refusal(&e, path) {
            ReadError::Symlink {
                path: path.to_path_buf(),
            }
        } else {
            io(e)
        }
    })?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(&meta),
        });
    }
    if let Some(expected) = rules.expect
        && FileId::of(&meta).is_some_and(|id| id != expected)
    {
        return Err(ReadError::Replaced {
            path: path.to_path_buf(),
        });
    }
    let too_large = |size| ReadError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The first `n` bytes (or fewer) of the regular file at `path`.
///
/// # Errors
/// [`ReadError`] naming the file and what is wrong with it.
pub fn read_head(path: &Path, n: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = open(path, ReadRules::default()).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(&meta),
        });
    }
    let mut bytes = Vec::new();
    file.take(n).read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

/// Reads the regular file at `path` as UTF-8 text (a leading byte-order
/// mark dropped), at most `limit` bytes.
///
/// # Errors
/// [`ReadError`], or an `Io` error of kind `InvalidData` when it is not UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_file(path, limit, ReadRules::default())?;
    let mut text = String::from_utf8(bytes).map_err(|e| ReadError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 text ({e})"),
        ),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

#[cfg(unix)]
fn open(path: &Path, rules: ReadRules) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Non-blocking, so opening a FIFO returns at once (and is then refused).
    let mut flags = libc::O_NONBLOCK;
    if rules.no_symlink {
        flags |= libc::O_NOFOLLOW;
    }
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, rules: ReadRules) -> std::io::Result<std::fs::File> {
    if rules.no_symlink && std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::other("a symbolic link"));
    }
    std::fs::File::open(path)
}

/// True when opening failed because the path is a link and links are refused.
fn is_symlink_refusal(e: &std::io::Error, path: &Path) -> bool {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return true;
    }
    let _ = e;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "\u{feff}héllo").expect("write");
        assert_eq!(read_text(&file, 100).expect("read"), "héllo");
        let err = read_file(&file, 3, ReadRules::default()).expect_err("too large");
        assert!(
            err.to_string().contains("larger than the 3-byte limit"),
            "{err}"
        );

        for (path, kind) in [
            ("/dev/zero", "a character device"),
            ("/dev/urandom", "a character device"),
        ] {
            let err =
                read_file(Path::new(path), 1 << 20, ReadRules::default()).expect_err("refused");
            assert!(err.to_string().contains(kind), "{err}");
            assert!(err.to_string().starts_with(path), "{err}");
        }
        let err = read_file(dir.path(), 100, ReadRules::default()).expect_err("folder");
        assert!(err.to_string().contains("a folder"), "{err}");

        let fifo = dir.path().join("pipe.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let err = read_file(&fifo, 100, ReadRules::default()).expect_err("fifo");
        assert!(err.to_string().contains("a FIFO"), "{err}");
    }

    #[test]
    fn links_and_swapped_files_are_refused_when_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "text").expect("write");
        let id = FileId::of_entry(&file);
        let rules = ReadRules {
            no_symlink: true,
            expect: id,
        };
        assert_eq!(read_file(&file, 100, rules).expect("read"), b"text");
        // Swapped for a link to another file (the listed file is moved away,
        // so its inode stays in use and cannot be given to a new file).
        let other = dir.path().join("secret");
        std::fs::write(&other, "secret").expect("write");
        std::fs::rename(&file, dir.path().join("moved")).expect("mv");
        std::os::unix::fs::symlink(&other, &file).expect("link");
        let err = read_file(&file, 100, rules).expect_err("link");
        assert!(err.to_string().contains("a symbolic link"), "{err}");
        // Swapped for another regular file: not the one listed.
        std::fs::remove_file(&file).expect("rm");
        std::fs::copy(&other, &file).expect("copy");
        let err = read_file(&file, 100, rules).expect_err("replaced");
        assert!(err.to_string().contains("was replaced"), "{err}");
    }
}
