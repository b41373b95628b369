//! An x axis that names the bars of a bar chart (bar i at x = i).

use egui_plot::GridMark;

/// A formatter for `Plot::x_axis_formatter`: the name of the bar at each
/// whole x, nothing between bars.
pub fn category_axis(
    names: Vec<String>,
) -> impl Fn(GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |mark, _| {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let i = mark.value.round() as usize;
        if (mark.value - mark.value.round()).abs() < 1e-6 {
            names.get(i).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}
