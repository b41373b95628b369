//! Reading annotations made elsewhere: spaCy JSONL, doccano JSONL, brat
//! standoff folders and Stancemark's own stance JSONL. Each reader turns a
//! file into records, reporting every line it cannot read with its number;
//! [`crate::model::import_merge::merge_records`] then adds them to a project.

mod brat;
mod jsonl;

use std::path::Path;

use crate::model::import_merge::ImportRecord;

/// An import format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// spaCy-style JSONL (as exported).
    Spacy,
    /// doccano JSONL.
    Doccano,
    /// A brat folder of `.txt` and `.ann` files.
    Brat,
    /// Stancemark's stance JSONL (as exported).
    StancesJsonl,
}

impl ImportFormat {
    /// All formats.
    pub const ALL: [Self; 4] = [Self::Spacy, Self::Doccano, Self::Brat, Self::StancesJsonl];

    /// Name on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Spacy => "spacy",
            Self::Doccano => "doccano",
            Self::Brat => "brat",
            Self::StancesJsonl => "stances-jsonl",
        }
    }

    /// The format called `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Records read, and the lines that could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadRecords {
    /// The records.
    pub records: Vec<ImportRecord>,
    /// `file:line: problem` for each unreadable line.
    pub problems: Vec<String>,
}

/// Reads `path` in `format`.
///
/// # Errors
/// When the file or folder cannot be read at all (naming it).
pub fn read_records(format: ImportFormat, path: &Path) -> Result<ReadRecords, String> {
    match format {
        ImportFormat::Brat => brat::read(path),
        _ => {
            let text =
                crate::io::safe_file::read_text(path, crate::io::safe_file::MAX_IMPORT_BYTES)
                    .map_err(|e| e.to_string())?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Ok(jsonl::parse(format, &name, &text))
        }
    }
}
