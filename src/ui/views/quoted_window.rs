//! Stances › Who is quoted…: speakers × outlets, each cell the number of
//! quotations, the share in the speaker's own words (direct) and the words
//! quoted; a stacked bar chart of the most quoted speakers by outlet; a
//! click on a cell lists its quotations, and a click on one shows it in its
//! article.

use egui::{Color32, Context, RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot};

use crate::model::quoted::{QuotedCell, QuotedTable, Speaker, quoted_table, speaker_name};
use crate::ui::command::Command;
use crate::ui::session::Session;
use crate::ui::widgets::category_axis::category_axis;

/// Speakers drawn in the chart.
const CHART_SPEAKERS: usize = 8;

/// State of the window.
#[derive(Default)]
pub struct QuotedWindow {
    /// The table, computed once per project version.
    table: QuotedTable,
    computed_for: Option<u64>,
    /// The clicked cell: speaker and outlet (`None`: all outlets).
    pub selected: Option<(Speaker, Option<String>)>,
}

impl QuotedWindow {
    fn refresh(&mut self, session: &Session) {
        if self.computed_for != Some(session.version) {
            self.table = quoted_table(&session.project, |p| session.outlet_of(p));
            self.computed_for = Some(session.version);
        }
    }
}

/// "3 · 67 % direct · 41 words".
fn cell_text(cell: &QuotedCell) -> String {
    if cell.quotations == 0 {
        return "–".to_owned();
    }
    format!(
        "{} · {:.0} % direct · {} words",
        cell.quotations,
        cell.direct_share() * 100.0,
        cell.words
    )
}

/// A colour per outlet, spread round the hue circle.
fn outlet_color(i: usize, n: usize) -> Color32 {
    #[allow(clippy::cast_precision_loss)]
    let hue = i as f32 / n.max(1) as f32;
    egui::ecolor::Hsva::new(hue, 0.55, 0.8, 1.0).into()
}

fn table_ui(ui: &mut Ui, window: &mut QuotedWindow, session: &Session) {
    let project = &session.project;
    let table = &window.table;
    egui::ScrollArea::both()
        .id_salt("who-is-quoted-table")
        .max_height(260.0)
        .show(ui, |ui| {
            egui::Grid::new("who-is-quoted-grid")
                .striped(true)
                .show(ui, |ui| {
                    ui.strong("Speaker");
                    for outlet in &table.outlets {
                        ui.strong(if outlet.is_empty() {
                            "(no outlet)"
                        } else {
                            outlet
                        });
                    }
                    ui.strong("All outlets");
                    ui.end_row();
                    for speaker in &table.speakers {
                        let name = speaker_name(project, speaker);
                        ui.label(&name);
                        let mut cells: Vec<(Option<String>, QuotedCell)> = table
                            .outlets
                            .iter()
                            .map(|o| (Some(o.clone()), table.cell(speaker, o)))
                            .collect();
                        cells.push((None, table.speaker_total(speaker)));
                        for (outlet, cell) in cells {
                            let key = (speaker.clone(), outlet.clone());
                            let selected = window.selected.as_ref() == Some(&key);
                            let text = cell_text(&cell);
                            let button = egui::Button::selectable(selected, text);
                            let response = ui.add_enabled(cell.quotations > 0, button);
                            let label = format!(
                                "{name} × {}: {}",
                                outlet.as_deref().unwrap_or("all outlets"),
                                cell_text(&cell)
                            );
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                            });
                            if response.clicked() {
                                window.selected = (!selected).then_some(key);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

fn chart_ui(ui: &mut Ui, table: &QuotedTable, session: &Session) {
    let speakers: Vec<&Speaker> = table.speakers.iter().take(CHART_SPEAKERS).collect();
    let names: Vec<String> = speakers
        .iter()
        .map(|s| speaker_name(&session.project, s))
        .collect();
    let n = table.outlets.len();
    let mut charts: Vec<BarChart> = Vec::new();
    for (k, outlet) in table.outlets.iter().enumerate() {
        let bars: Vec<Bar> = speakers
            .iter()
            .enumerate()
            .map(|(i, s)| {
                #[allow(clippy::cast_precision_loss)]
                let (x, y) = (i as f64, table.cell(s, outlet).quotations as f64);
                Bar::new(x, y).width(0.6)
            })
            .collect();
        let name = if outlet.is_empty() {
            "(no outlet)"
        } else {
            outlet
        };
        let chart = BarChart::new(name.to_owned(), bars).color(outlet_color(k, n));
        let refs: Vec<&BarChart> = charts.iter().collect();
        charts.push(chart.stack_on(&refs));
    }
    #[allow(clippy::cast_precision_loss)]
    let right = speakers.len() as f64 - 0.5;
    Plot::new("who-is-quoted-chart")
        .height(200.0)
        .include_y(0.0)
        .include_x(-0.5)
        .include_x(right.max(2.5))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .legend(Legend::default())
        .x_axis_formatter(category_axis(names))
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
}

fn quotations_ui(ui: &mut Ui, window: &QuotedWindow, session: &Session, out: &mut Vec<Command>) {
    let Some((speaker, outlet)) = &window.selected else {
        ui.weak("Click a cell to list its quotations.");
        return;
    };
    let cell = match outlet {
        Some(o) => window.table.cell(speaker, o),
        None => window.table.speaker_total(speaker),
    };
    ui.strong(format!(
        "{} × {}: {} quotation(s)",
        speaker_name(&session.project, speaker),
        outlet.as_deref().unwrap_or("all outlets"),
        cell.quotations
    ));
    egui::ScrollArea::vertical()
        .id_salt("who-is-quoted-list")
        .max_height(200.0)
        .show(ui, |ui| {
            for r in &cell.refs {
                let Some(q) = session
                    .project
                    .documents
                    .get(&r.doc)
                    .and_then(|d| d.quotation(r.id))
                else {
                    continue;
                };
                let words: String = q
                    .contents
                    .iter()
                    .map(|e| e.quote.exact.as_str())
                    .collect::<Vec<_>>()
                    .join(" … ");
                let short: String = words.chars().take(90).collect();
                let text = format!("{} · {} · “{short}”", r.doc, q.kind.label());
                if ui
                    .add(egui::Button::new(RichText::new(text)).truncate())
                    .on_hover_text(&words)
                    .clicked()
                {
                    out.push(Command::JumpToQuotation {
                        doc: r.doc.clone(),
                        id: r.id,
                    });
                }
            }
        });
}

/// Draws the window; returns false when closed.
pub fn quoted_window_ui(
    ctx: &Context,
    window: &mut QuotedWindow,
    session: &Session,
    out: &mut Vec<Command>,
) -> bool {
    window.refresh(session);
    let mut open = true;
    egui::Window::new("Who is quoted")
        .open(&mut open)
        .default_size([760.0, 620.0])
        .default_pos([260.0, 60.0])
        .show(ctx, |ui| {
            if window.table.speakers.is_empty() {
                ui.label("No quotations yet. Select the quoted words in an article and press Q.");
                return;
            }
            ui.label(
                "Quotations per speaker and outlet: how many, the share quoted directly, and the words quoted. A pronoun speaker counts as its antecedent.",
            );
            table_ui(ui, window, session);
            ui.separator();
            chart_ui(ui, &window.table, session);
            ui.separator();
            quotations_ui(ui, window, session, out);
        });
    open
}

impl crate::ui::windows::AppWindow for QuotedWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Quoted
    }

    fn show(
        &mut self,
        ctx: &Context,
        cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        let Some(session) = cx.session else {
            return true;
        };
        quoted_window_ui(ctx, self, session, out)
    }
}
