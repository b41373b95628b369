//! Everything that touches the outside world: corpus folders and project files.
//!
//! Invariant: every error names the file and what is wrong; nothing here
//! panics on bad input, and a write either completes or leaves the old file.

pub mod atomic;
pub mod corpus;
pub mod decode;
pub mod export;
pub mod gazetteer;
pub mod import;
pub mod lineage;
pub mod local_files;
pub mod lock;
pub mod model_hook;
pub mod parallel;
pub mod project_and_corpus;
pub mod recovery;
pub mod safe_file;
pub mod save_conflicts;
pub(crate) mod save_convert;
pub mod save_format;
pub(crate) mod save_split;
pub mod schema_file;
pub mod store;
pub mod team_assign;
pub mod team_file;
pub mod team_saves;

pub use corpus::{Corpus, CorpusError, SkippedFile, load_corpus};
pub use store::{LoadedProject, StoreError, load_project, save_project};
