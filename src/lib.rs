//! Stancemark: annotate entities and stances in corpora of news articles.
//!
//! * [`model`]: documents, spans, annotations and edits; pure, no I/O.
//! * [`io`]: corpus folders and RON project files.
//! * [`ui`]: the egui desktop app.
//! * [`cli`]: the headless commands.

pub mod cli;
pub mod io;
pub mod model;
pub mod review;
pub mod ui;
