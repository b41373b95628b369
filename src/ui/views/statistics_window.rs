//! Project › Statistics…: how far the corpus is (documents done, in
//! progress, todo), mentions per type and stances per polarity, as charts
//! (egui_plot) with the same figures as text beside them.

use egui::{Color32, Context, Ui};
use egui_plot::{Bar, BarChart, Plot};

use crate::model::{DocStatus, Rgb};
use crate::ui::command::Command;
use crate::ui::session::Session;
use crate::ui::widgets::category_axis::category_axis;

/// The figures, computed once per project version.
#[derive(Default)]
pub struct Statistics {
    /// Documents per status: done, in progress, todo.
    pub status: [usize; 3],
    /// Mentions per type, schema order first.
    pub mentions: Vec<(String, usize, Rgb)>,
    /// Stances per polarity, schema order first.
    pub stances: Vec<(String, usize, Rgb)>,
    computed_for: Option<u64>,
}

impl Statistics {
    /// Recomputes when the project changed.
    pub fn refresh(&mut self, session: &Session) {
        if self.computed_for == Some(session.version) {
            return;
        }
        self.computed_for = Some(session.version);
        let project = &session.project;
        self.status = [0; 3];
        for doc in &session.corpus.documents {
            let status = project
                .documents
                .get(&doc.path)
                .map_or(DocStatus::Todo, |d| d.status);
            let slot = match status {
                DocStatus::Done => 0,
                DocStatus::InProgress => 1,
                DocStatus::Todo => 2,
            };
            self.status[slot] += 1;
        }
        let schema = &project.schema;
        self.mentions = project
            .mentions_per_label()
            .into_iter()
            .map(|(name, n)| {
                let color = schema.color_of(&name);
                (name, n, color)
            })
            .collect();
        let mut per_polarity: Vec<(String, usize, Rgb)> = schema
            .polarities
            .iter()
            .map(|p| (p.name.clone(), 0, p.color))
            .collect();
        for (_, stance) in project.stances() {
            match per_polarity
                .iter_mut()
                .find(|(n, _, _)| *n == stance.polarity)
            {
                Some(entry) => entry.1 += 1,
                None => per_polarity.push((
                    stance.polarity.clone(),
                    1,
                    schema.polarity_color(&stance.polarity),
                )),
            }
        }
        self.stances = per_polarity;
    }
}

/// Draws the window; returns `false` when it was closed.
pub fn statistics_window_ui(ctx: &Context, stats: &mut Statistics, session: &Session) -> bool {
    stats.refresh(session);
    let mut open = true;
    egui::Window::new("Statistics")
        .open(&mut open)
        .default_size([520.0, 560.0])
        .show(ctx, |ui| {
            let [done, progress, todo] = stats.status;
            let total = (done + progress + todo).max(1);
            ui.strong("Documents");
            #[allow(clippy::cast_precision_loss)]
            let fraction = done as f32 / total as f32;
            ui.add(egui::ProgressBar::new(fraction).text(format!(
                "{done} done · {progress} in progress · {todo} todo"
            )));
            ui.separator();
            chart_ui(
                ui,
                "Mentions per type",
                "mentions-per-type",
                &stats.mentions,
            );
            ui.separator();
            chart_ui(
                ui,
                "Stances per polarity",
                "stances-per-polarity",
                &stats.stances,
            );
        });
    open
}

/// A bar chart of `rows` and, beside it, the same figures as text.
fn chart_ui(ui: &mut Ui, title: &str, id: &str, rows: &[(String, usize, Rgb)]) {
    ui.strong(title);
    if rows.iter().all(|(_, n, _)| *n == 0) {
        ui.weak("None yet.");
        return;
    }
    ui.horizontal(|ui| {
        egui::Grid::new(format!("{id}-figures"))
            .num_columns(2)
            .show(ui, |ui| {
                for (name, n, _) in rows {
                    ui.label(format!("{name}: {n}"));
                    ui.end_row();
                }
            });
        let bars: Vec<Bar> = rows
            .iter()
            .enumerate()
            .map(|(i, (name, n, c))| {
                #[allow(clippy::cast_precision_loss)]
                let (x, y) = (i as f64, *n as f64);
                Bar::new(x, y)
                    .width(0.6)
                    .name(name)
                    .fill(Color32::from_rgb(c.0, c.1, c.2))
            })
            .collect();
        let names: Vec<String> = rows.iter().map(|(n, _, _)| n.clone()).collect();
        Plot::new(id.to_owned())
            .height(160.0)
            .include_y(0.0)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .x_axis_formatter(category_axis(names))
            .show(ui, |plot| {
                plot.bar_chart(BarChart::new(title.to_owned(), bars))
            });
    });
}

impl crate::ui::windows::AppWindow for Statistics {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Statistics
    }

    fn show(
        &mut self,
        ctx: &Context,
        cx: &crate::ui::windows::WindowCx<'_>,
        _out: &mut Vec<Command>,
    ) -> bool {
        let Some(session) = cx.session else {
            return true;
        };
        statistics_window_ui(ctx, self, session)
    }
}
