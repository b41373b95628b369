//! Reading annotations made elsewhere: spaCy and doccano JSONL, brat
//! standoff folders, CoNLL/IOB files, Label Studio JSON and JSON-MIN,
//! WebAnno TSV 3.3 (INCEpTION) and Stancemark's own stance and quotation
//! JSONL. Each reader
//! turns a file into records, reporting every line, record and field it
//! cannot take with its place and the reason;
//! [`crate::model::import_merge::merge_records`] then adds the records to a
//! project.

mod brat;
mod brat_events;
mod conll;
mod fields;
mod jsonl;
mod labelstudio;
mod quotations;
mod webanno;

pub use conll::write_token_corpus;

/// How a Label Studio prediction's `model_version` is kept as the source
/// of the suggestions it proposed (the export writes it back).
pub const LABEL_STUDIO_MODEL_VERSION: &str = labelstudio::MODEL_VERSION;

/// How suggestions imported from `path` name their source when hovered:
/// `import NAME` (the file name, or the whole path if it has none).
#[must_use]
pub fn suggestion_source(path: &Path) -> String {
    let name = path.file_name().unwrap_or(path.as_os_str());
    format!("import {}", name.to_string_lossy())
}

/// A score between 0 and 1 in thousandths; anything else (absent, not a
/// number, out of range) is no score.
fn score_of(value: &serde_json::Value) -> Option<u16> {
    let score = value.as_f64().filter(|s| (0.0..=1.0).contains(s))?;
    // In range, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some((score * 1000.0).round() as u16)
}

use std::path::Path;

use crate::model::import_merge::ImportRecord;
use crate::model::units::OffsetUnit;

/// An import format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// spaCy-style JSONL (as exported).
    Spacy,
    /// doccano JSONL.
    Doccano,
    /// A brat folder of `.txt` and `.ann` files.
    Brat,
    /// CoNLL-2003 / IOB: a token and its tag per line (IOB2, IOB1, BIOES).
    Conll,
    /// Label Studio's JSON or JSON-MIN export.
    LabelStudio,
    /// WebAnno TSV 3.3 files (a file, or a folder of them), from INCEpTION.
    WebAnno,
    /// Stancemark's stance JSONL (as exported).
    StancesJsonl,
    /// Stancemark's quotations JSONL (as exported).
    QuotationsJsonl,
}

impl ImportFormat {
    /// All formats.
    pub const ALL: [Self; 8] = [
        Self::Spacy,
        Self::Doccano,
        Self::Brat,
        Self::Conll,
        Self::LabelStudio,
        Self::WebAnno,
        Self::StancesJsonl,
        Self::QuotationsJsonl,
    ];

    /// Name on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Spacy => "spacy",
            Self::Doccano => "doccano",
            Self::Brat => "brat",
            Self::Conll => "conll",
            Self::LabelStudio => "labelstudio",
            Self::WebAnno => "webanno",
            Self::StancesJsonl => "stances-jsonl",
            Self::QuotationsJsonl => "quotations-jsonl",
        }
    }

    /// The format called `name` (`labelstudio-min` reads as `labelstudio`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        if name == "labelstudio-min" {
            return Some(Self::LabelStudio);
        }
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// True when the import reads a folder.
    #[must_use]
    pub fn reads_folder(self) -> bool {
        matches!(self, Self::Brat)
    }

    /// The offset unit a file of this format counts in when it does not
    /// say (`--offsets` overrides): doccano's web interface counts UTF-16
    /// units, Label Studio code points; the rest have no choice.
    #[must_use]
    pub fn default_offsets(self) -> Option<OffsetUnit> {
        match self {
            Self::Doccano => Some(OffsetUnit::Utf16),
            Self::LabelStudio => Some(OffsetUnit::CodePoints),
            _ => None,
        }
    }
}

/// How files are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The unit the file's offsets count (`--offsets`): taken as known.
    pub offsets: Option<OffsetUnit>,
}

/// Records read, and everything in the file that was not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadRecords {
    /// The records.
    pub records: Vec<ImportRecord>,
    /// `file:line: what and why` for each line, record, annotation or field
    /// left out.
    pub problems: Vec<String>,
}

/// Reads `path` in `format`.
///
/// # Errors
/// When the file or folder cannot be read at all (naming it).
pub fn read_records(
    format: ImportFormat,
    path: &Path,
    options: ReadOptions,
) -> Result<ReadRecords, String> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let read = || {
        crate::io::safe_file::read_text(path, crate::io::safe_file::MAX_IMPORT_BYTES)
            .map_err(|e| e.to_string())
    };
    Ok(match format {
        ImportFormat::Brat => brat::read(path)?,
        ImportFormat::WebAnno if path.is_dir() => webanno::read_folder(path, options)?,
        ImportFormat::WebAnno => webanno::parse(&name, &name, &read()?, options),
        ImportFormat::Conll => conll::parse(&name, &read()?)?,
        ImportFormat::LabelStudio => labelstudio::parse(&name, &read()?, options),
        ImportFormat::Spacy
        | ImportFormat::Doccano
        | ImportFormat::StancesJsonl
        | ImportFormat::QuotationsJsonl => jsonl::parse(format, &name, &read()?, options),
    })
}
