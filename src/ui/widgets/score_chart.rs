//! A bar chart of scores between 0 and 1 (F1, agreement): the y axis is
//! fixed to 0–1 so bar heights compare, every bar carries its value as a
//! label, and a score that is not defined shows "n/a" instead of a bar.

use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text};

use super::category_axis::category_axis;

/// Draws `scores` (name, value) as bars on a fixed 0–1 axis, each labelled
/// with its value. The chart cannot be zoomed or dragged out of that range.
/// Returns the range of y shown.
pub fn score_chart_ui(
    ui: &mut Ui,
    id: &str,
    scores: &[(String, Option<f64>)],
    color: Color32,
) -> std::ops::RangeInclusive<f64> {
    let bars: Vec<Bar> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, (name, v))| {
            #[allow(clippy::cast_precision_loss)]
            let x = i as f64;
            v.map(|v| {
                Bar::new(x, v.clamp(0.0, 1.0))
                    .width(0.6)
                    .name(format!("{name}: {v:.2}"))
            })
        })
        .collect();
    let names: Vec<String> = scores.iter().map(|(n, _)| n.clone()).collect();
    #[allow(clippy::cast_precision_loss)]
    let right = scores.len().max(1) as f64 - 0.5;
    Plot::new(id)
        .height(150.0)
        .default_x_bounds(-0.5, right)
        .default_y_bounds(0.0, 1.12)
        .auto_bounds(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([false, true])
        .x_axis_formatter(category_axis(names))
        .y_axis_formatter(|mark, _| {
            if (0.0..=1.0).contains(&mark.value) {
                format!("{:.1}", mark.value)
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(id, bars).color(color));
            for (i, (name, v)) in scores.iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let x = i as f64;
                let (y, text) = match v {
                    Some(v) => (v.clamp(0.0, 1.0) + 0.06, format!("{v:.2}")),
                    None => (0.06, "n/a".to_owned()),
                };
                plot.text(Text::new(
                    format!("{name} value"),
                    PlotPoint::new(x, y),
                    text,
                ));
            }
        })
        .transform
        .bounds()
        .range_y()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_stays_at_zero_to_one_whatever_the_pointer_does() {
        let scores = vec![
            ("PER".to_owned(), Some(0.96)),
            ("ORG".to_owned(), Some(0.27)),
            ("GPE".to_owned(), None),
        ];
        let mut harness = egui_kittest::Harness::new_ui_state(
            |ui, shown: &mut Vec<std::ops::RangeInclusive<f64>>| {
                shown.push(score_chart_ui(ui, "scores", &scores, Color32::BLUE));
            },
            Vec::new(),
        );
        harness.run_ok();
        // Try to drag the chart away.
        let centre = egui::pos2(200.0, 75.0);
        harness.drag_at(centre);
        harness.run_ok();
        harness.drop_at(centre + egui::vec2(0.0, 60.0));
        harness.run_ok();
        for range in harness.state() {
            assert!(range.start().abs() < 1e-9, "{range:?}");
            assert!((range.end() - 1.12).abs() < 1e-9, "{range:?}");
        }
    }
}
