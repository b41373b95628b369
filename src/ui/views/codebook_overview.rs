//! Project › Codebook overview…: a variable cross-tabulated by outlet (or by
//! another variable's values): counts and row shares in a table, and a
//! stacked bar chart (egui_plot).

use egui::{Color32, Context, RichText};
use egui_plot::{Bar, BarChart, Legend, Plot};

use crate::model::codebook::{Code, CrossTab, Variable, VariableKind, cross_tab};
use crate::ui::command::Command;
use crate::ui::session::Session;
use crate::ui::widgets::category_axis::category_axis;

/// State of the window.
#[derive(Default)]
pub struct CodebookOverview {
    /// The variable tabulated.
    pub variable: Option<String>,
    /// Rows: `None` by outlet, else another variable's values.
    pub by: Option<String>,
    /// The last table, and what it was made for (project version,
    /// variable, rows): made again only when one of them changes, not
    /// every frame.
    cached: Option<(CacheKey, CrossTab)>,
}

/// What a table was made for: project version, variable, rows.
type CacheKey = (u64, String, Option<String>);

/// Colour of column `i` (Okabe–Ito, colour-blind safe).
fn colour(i: usize) -> Color32 {
    const C: [(u8, u8, u8); 8] = [
        (230, 159, 0),
        (86, 180, 233),
        (0, 158, 115),
        (240, 228, 66),
        (0, 114, 178),
        (213, 94, 0),
        (204, 121, 167),
        (153, 153, 153),
    ];
    let (r, g, b) = C[i % C.len()];
    Color32::from_rgb(r, g, b)
}

/// The cross-tabulation the window shows.
#[must_use]
pub fn tabulate(session: &Session, variable: &Variable, by: Option<&Variable>) -> CrossTab {
    let docs = session.corpus.documents.iter().filter_map(|d| {
        let e = session.project.documents.get(&d.path)?;
        let row = match by {
            None => session.outlet_of(&d.path),
            Some(b) => e.codes.get(&b.name).map(Code::display)?,
        };
        Some((row, &e.codes))
    });
    cross_tab(variable, docs)
}

fn tabulable(v: &Variable) -> bool {
    matches!(
        v.kind,
        VariableKind::Single(_) | VariableKind::Multiple(_) | VariableKind::Scale(_)
    )
}

impl crate::ui::windows::AppWindow for CodebookOverview {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::CodebookOverview
    }

    fn show(
        &mut self,
        ctx: &Context,
        cx: &crate::ui::windows::WindowCx<'_>,
        _out: &mut Vec<Command>,
    ) -> bool {
        let Some(session) = cx.session else {
            return false;
        };
        let vars: Vec<&Variable> = session
            .project
            .schema
            .variables
            .iter()
            .filter(|v| tabulable(v))
            .collect();
        let mut open = true;
        egui::Window::new("Codebook overview")
            .open(&mut open)
            .default_size([620.0, 480.0])
            .default_pos([260.0, 90.0])
            .show(ctx, |ui| {
                if vars.is_empty() {
                    ui.label("The codebook has no choice or scale variable to tabulate.");
                    return;
                }
                if self
                    .variable
                    .as_ref()
                    .is_none_or(|n| !vars.iter().any(|v| &v.name == n))
                {
                    self.variable = Some(vars[0].name.clone());
                }
                ui.horizontal(|ui| {
                    let current = self.variable.clone().unwrap_or_default();
                    egui::ComboBox::from_id_salt("overview-variable")
                        .selected_text(&current)
                        .show_ui(ui, |ui| {
                            for v in &vars {
                                ui.selectable_value(
                                    &mut self.variable,
                                    Some(v.name.clone()),
                                    &v.name,
                                );
                            }
                        })
                        .response
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Variable")
                        });
                    ui.label("by");
                    egui::ComboBox::from_id_salt("overview-by")
                        .selected_text(self.by.as_deref().unwrap_or("outlet"))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.by, None, "outlet");
                            for v in vars
                                .iter()
                                .filter(|v| Some(&v.name) != self.variable.as_ref())
                            {
                                ui.selectable_value(&mut self.by, Some(v.name.clone()), &v.name);
                            }
                        })
                        .response
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Rows")
                        });
                });
                let Some(variable) = vars
                    .iter()
                    .find(|v| Some(&v.name) == self.variable.as_ref())
                else {
                    return;
                };
                let by = self
                    .by
                    .as_ref()
                    .and_then(|b| vars.iter().find(|v| &v.name == b))
                    .copied();
                let key = (
                    session.version,
                    variable.name.clone(),
                    by.map(|b| b.name.clone()),
                );
                if self.cached.as_ref().is_none_or(|(k, _)| *k != key) {
                    self.cached = Some((key, tabulate(session, variable, by)));
                }
                let Some((_, tab)) = &self.cached else {
                    return;
                };
                if tab.rows.is_empty() {
                    ui.weak(format!("No document is coded for {} yet.", variable.name));
                    return;
                }
                egui::Grid::new("overview-table")
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label(RichText::new(by.map_or("outlet", |b| b.name.as_str())).weak());
                        for c in &tab.columns {
                            ui.label(RichText::new(c).weak());
                        }
                        ui.label(RichText::new("documents").weak());
                        ui.end_row();
                        for (r, row) in tab.rows.iter().enumerate() {
                            ui.label(row);
                            for (c, col) in tab.columns.iter().enumerate() {
                                let n = tab.counts[r][c];
                                #[allow(clippy::cast_precision_loss)]
                                let share = 100.0 * n as f64 / tab.documents[r].max(1) as f64;
                                let text = format!("{n} ({share:.0} %)");
                                ui.label(&text).widget_info(|| {
                                    egui::WidgetInfo::labeled(
                                        egui::Role::Label,
                                        true,
                                        format!("{row} · {col}: {text}"),
                                    )
                                });
                            }
                            ui.label(tab.documents[r].to_string());
                            ui.end_row();
                        }
                    });
                // Stacked bars: one per row, one colour per value.
                let mut charts: Vec<BarChart> = Vec::new();
                for (c, col) in tab.columns.iter().enumerate() {
                    let bars: Vec<Bar> = tab
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(r, _)| {
                            #[allow(clippy::cast_precision_loss)]
                            Bar::new(r as f64, tab.counts[r][c] as f64).width(0.6)
                        })
                        .collect();
                    let mut chart = BarChart::new(col.clone(), bars).color(colour(c));
                    {
                        let below: Vec<&BarChart> = charts.iter().collect();
                        chart = chart.stack_on(&below);
                    }
                    charts.push(chart);
                }
                // Room above the tallest bar for the legend (one line per
                // value), so the legend never covers a bar.
                let height = 200.0;
                #[allow(clippy::cast_precision_loss)]
                let tallest = tab
                    .counts
                    .iter()
                    .map(|row| row.iter().sum::<usize>())
                    .max()
                    .unwrap_or(0) as f64;
                #[allow(clippy::cast_precision_loss)]
                let legend = ((tab.columns.len() as f64) * 18.0 + 16.0) / height;
                let top = tallest / (1.0 - legend.min(0.8));
                Plot::new("codebook-overview-plot")
                    .height(height as f32)
                    .include_y(0.0)
                    .include_y(top)
                    .allow_drag(false)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .legend(Legend::default())
                    .x_axis_formatter(category_axis(tab.rows.clone()))
                    .show(ui, |plot| {
                        for chart in charts {
                            plot.bar_chart(chart);
                        }
                    });
            });
        open
    }
}
