//! Reusable widgets.

pub mod annotated_text;
pub mod category_axis;
pub mod note_field;
pub mod score_chart;
