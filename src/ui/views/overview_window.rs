//! The corpus stance overview: a holders × targets matrix with cells coloured
//! by the balance of polarities, and a comparison of outlets.

use std::collections::BTreeSet;

use egui::{Color32, Context, RichText, Sense, Ui, Vec2};

use crate::model::kwic::kwic;
use crate::model::overview::{Cell, HolderKey, OverviewFilter, outlet_comparison, stance_matrix};
use crate::model::{Holder, Project, Target};
use crate::ui::command::Command;
use crate::ui::session::Session;

use super::stance_details::stance_line;

/// Which view of the overview.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OverviewTab {
    /// Holders × targets.
    #[default]
    Matrix,
    /// Outlets compared.
    Outlets,
}

/// State of the window.
#[derive(Default)]
pub struct OverviewWindow {
    /// Shown view.
    pub tab: OverviewTab,
    /// Filters.
    pub filter: OverviewFilter,
    /// The clicked cell.
    pub selected: Option<(HolderKey, Target)>,
}

fn holder_label(project: &Project, key: &HolderKey) -> String {
    match key {
        HolderKey::Entity(e) => project.holder_name(&Holder::Entity(*e), ""),
        HolderKey::Author(outlet) => project.holder_name(&Holder::Author, outlet),
    }
}

fn short(text: &str, max: usize) -> String {
    let mut s: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        s.push('…');
    }
    s
}

/// The colour of a cell: the polarity colours mixed by count.
fn cell_color(project: &Project, cell: &Cell) -> Color32 {
    let total = cell.total().max(1) as f32;
    let (mut r, mut g, mut b) = (0.0, 0.0, 0.0);
    for (polarity, n) in &cell.counts {
        let c = project.schema.polarity_color(polarity);
        let w = *n as f32 / total;
        r += f32::from(c.0) * w;
        g += f32::from(c.1) * w;
        b += f32::from(c.2) * w;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Color32::from_rgb(r.round() as u8, g.round() as u8, b.round() as u8)
}

fn counts_text(cell: &Cell) -> String {
    cell.counts
        .iter()
        .map(|(p, n)| format!("{p} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Draws the window; returns false when closed.
pub fn overview_window_ui(
    ctx: &Context,
    window: &mut OverviewWindow,
    session: &Session,
    out: &mut Vec<Command>,
) -> bool {
    let mut open = true;
    egui::Window::new("Stance overview")
        .open(&mut open)
        .default_size([760.0, 520.0])
        .default_pos([280.0, 80.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut window.tab, OverviewTab::Matrix, "Holders × targets");
                ui.selectable_value(&mut window.tab, OverviewTab::Outlets, "Outlets compared");
            });
            ui.separator();
            match window.tab {
                OverviewTab::Matrix => matrix_ui(ui, window, session, out),
                OverviewTab::Outlets => outlets_ui(ui, session),
            }
        });
    open
}

fn filters_ui(ui: &mut Ui, filter: &mut OverviewFilter, session: &Session) {
    let outlets: BTreeSet<String> = session
        .corpus
        .documents
        .iter()
        .map(|d| session.outlet_of(&d.path))
        .collect();
    ui.horizontal(|ui| {
        let combo = egui::ComboBox::from_id_salt("filter-outlet")
            .selected_text(
                filter
                    .outlet
                    .clone()
                    .unwrap_or_else(|| "all outlets".to_owned()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.outlet, None, "all outlets");
                for o in &outlets {
                    ui.selectable_value(&mut filter.outlet, Some(o.clone()), o);
                }
            });
        combo.response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by outlet")
        });
        let doc_name = filter
            .document
            .as_deref()
            .and_then(|p| session.corpus.document(p))
            .map_or("all documents".to_owned(), |d| short(&d.title, 30));
        let combo = egui::ComboBox::from_id_salt("filter-document")
            .selected_text(doc_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.document, None, "all documents");
                for d in &session.corpus.documents {
                    ui.selectable_value(
                        &mut filter.document,
                        Some(d.path.clone()),
                        short(&d.title, 50),
                    );
                }
            });
        combo.response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by document")
        });
        let combo = egui::ComboBox::from_id_salt("filter-polarity")
            .selected_text(
                filter
                    .polarity
                    .clone()
                    .unwrap_or_else(|| "all polarities".to_owned()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.polarity, None, "all polarities");
                for p in &session.project.schema.polarities {
                    ui.selectable_value(&mut filter.polarity, Some(p.name.clone()), &p.name);
                }
            });
        combo.response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by polarity")
        });
    });
}

fn matrix_ui(ui: &mut Ui, window: &mut OverviewWindow, session: &Session, out: &mut Vec<Command>) {
    filters_ui(ui, &mut window.filter, session);
    let project = &session.project;
    let outlet_of = |doc: &str| session.outlet_of(doc);
    let matrix = stance_matrix(project, &outlet_of, &window.filter);
    if matrix.cells.is_empty() {
        ui.weak("No stances match. Select evidence in an article and press S to record one.");
        return;
    }
    egui::ScrollArea::both()
        .id_salt("matrix")
        .max_height(300.0)
        .show(ui, |ui| {
            egui::Grid::new("stance-matrix")
                .striped(true)
                .show(ui, |ui| {
                    ui.strong("holder \\ target");
                    for t in &matrix.targets {
                        ui.label(RichText::new(short(&project.target_name(t), 28)).strong())
                            .on_hover_text(project.target_name(t));
                    }
                    ui.end_row();
                    for h in &matrix.holders {
                        let holder = holder_label(project, h);
                        ui.label(short(&holder, 28));
                        for t in &matrix.targets {
                            match matrix.cells.get(&(h.clone(), t.clone())) {
                                Some(cell) => {
                                    let (rect, response) = ui
                                        .allocate_exact_size(Vec2::new(64.0, 22.0), Sense::click());
                                    let label = format!(
                                        "{holder} × {}: {}",
                                        project.target_name(t),
                                        counts_text(cell)
                                    );
                                    response.widget_info(|| {
                                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                                    });
                                    let selected =
                                        window.selected.as_ref() == Some(&(h.clone(), t.clone()));
                                    ui.painter()
                                        .rect_filled(rect, 3.0, cell_color(project, cell));
                                    if selected {
                                        ui.painter().rect_stroke(
                                            rect,
                                            3.0,
                                            egui::Stroke::new(
                                                2.0,
                                                ui.visuals().strong_text_color(),
                                            ),
                                            egui::StrokeKind::Outside,
                                        );
                                    }
                                    ui.painter().text(
                                        rect.center(),
                                        egui::Align2::CENTER_CENTER,
                                        cell.total().to_string(),
                                        egui::FontId::proportional(14.0),
                                        Color32::BLACK,
                                    );
                                    if response.on_hover_text(counts_text(cell)).clicked() {
                                        window.selected = Some((h.clone(), t.clone()));
                                    }
                                }
                                None => {
                                    ui.label("");
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    ui.separator();
    let Some(cell) = window.selected.as_ref().and_then(|k| matrix.cells.get(k)) else {
        ui.weak("Click a cell to list its stances with their evidence.");
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("cell-stances")
        .max_height(160.0)
        .show(ui, |ui| {
            for r in &cell.stances {
                let Some(stance) = project.documents.get(&r.doc).and_then(|d| d.stance(r.id))
                else {
                    continue;
                };
                let line = stance_line(project, stance, &session.outlet_of(&r.doc));
                let evidence = match (stance.evidence.first(), session.corpus.document(&r.doc)) {
                    (Some(e), Some(doc)) => {
                        let k = kwic(doc, e.span, 30);
                        format!("…{}[{}]{}…", k.left, short(&k.hit, 80), k.right)
                    }
                    _ => "(the whole document)".to_owned(),
                };
                let short_doc = r.doc.rsplit('/').next().unwrap_or(&r.doc);
                let row = ui.add(
                    egui::Button::selectable(false, format!("{short_doc}: {line}  {evidence}"))
                        .truncate(),
                );
                if row.on_hover_text("show in the article").clicked() {
                    out.push(Command::JumpToStance {
                        doc: r.doc.clone(),
                        id: r.id,
                    });
                }
            }
        });
}

fn outlets_ui(ui: &mut Ui, session: &Session) {
    let project = &session.project;
    let outlet_of = |doc: &str| session.outlet_of(doc);
    let rows = outlet_comparison(project, &outlet_of);
    if rows.is_empty() {
        ui.weak("No stances yet.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("outlets")
        .show(ui, |ui| {
            for row in rows {
                let name = if row.outlet.is_empty() {
                    "(no outlet)".to_owned()
                } else {
                    row.outlet.clone()
                };
                ui.strong(&name);
                let quoted = row
                    .holders
                    .iter()
                    .map(|(h, n)| format!("{} ({n})", holder_label(project, h)))
                    .collect::<Vec<_>>()
                    .join(", ");
                ui.label(format!("Holders: {quoted}"));
                for (target, counts) in &row.targets {
                    let counts = counts
                        .iter()
                        .map(|(p, n)| format!("{p} {n}"))
                        .collect::<Vec<_>>()
                        .join(" · ");
                    ui.label(format!(
                        "  {}: {counts}",
                        short(&project.target_name(target), 60)
                    ));
                }
                ui.separator();
            }
        });
}

impl crate::ui::windows::AppWindow for OverviewWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Overview
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
        overview_window_ui(ctx, self, session, out)
    }
}
