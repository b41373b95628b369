//! Reusable widgets.

pub mod annotated_text;
