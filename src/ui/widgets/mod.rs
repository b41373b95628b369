//! Reusable widgets.

pub mod annotated_text;
pub mod category_axis;
