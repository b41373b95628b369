//! The selected stance and the document's stance list.

use egui::{Color32, RichText, Ui};

use crate::model::{Level, Project, Stance};
use crate::ui::command::{Command, StanceFormMode};
use crate::ui::session::Session;

/// "holder ➡ polarity ➡ target", as shown in lists.
#[must_use]
pub fn stance_line(project: &Project, stance: &Stance, outlet: &str) -> String {
    format!(
        "{} ➡ {} ➡ {}",
        project.holder_name(&stance.holder, outlet),
        stance.polarity,
        project.target_name(&stance.target)
    )
}

fn polarity_color(project: &Project, stance: &Stance) -> Color32 {
    let c = project.schema.polarity_color(&stance.polarity);
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Details of the selected stance, with its actions.
pub fn stance_details_ui(ui: &mut Ui, session: &Session, stance: &Stance, out: &mut Vec<Command>) {
    let project = &session.project;
    let outlet = session
        .document_path()
        .map(|p| session.outlet_of(p))
        .unwrap_or_default();
    ui.label(
        RichText::new(stance_line(project, stance, &outlet))
            .strong()
            .color(polarity_color(project, stance)),
    );
    let mut facts = vec![format!(
        "{} · {}",
        stance.id,
        if stance.level == Level::Document {
            "document level"
        } else {
            "span level"
        }
    )];
    if let Some(i) = stance.intensity {
        facts.push(format!("intensity {}", i.label()));
    }
    if let Some(r) = stance.reported_as {
        facts.push(r.label().to_owned());
    }
    if let Some(q) = stance.quotation {
        facts.push(format!("rests on quotation {q}"));
    }
    ui.label(facts.join(" · "));
    if !stance.note.is_empty() {
        ui.label(RichText::new(&stance.note).italics());
    }
    for (index, e) in stance.evidence.iter().enumerate() {
        ui.horizontal(|ui| {
            let remove = ui
                .small_button("✖")
                .on_hover_text("Remove this evidence span");
            remove.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Remove evidence {}", index + 1),
                )
            });
            if remove.clicked() {
                out.push(Command::RemoveEvidence {
                    stance: stance.id,
                    index,
                });
            }
            let text: String = e.quote.exact.chars().take(80).collect();
            ui.add(egui::Label::new(format!("“{text}” {}", e.span)).truncate());
        });
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Edit…")
            .on_hover_text("Change holder, target, polarity or note")
            .clicked()
        {
            out.push(Command::ShowStanceForm(StanceFormMode::Edit(stance.id)));
        }
        let can_add = session.selection.is_some();
        if ui
            .add_enabled(can_add, egui::Button::new("Add selection as evidence"))
            .on_hover_text("Shift+S")
            .on_disabled_hover_text("Drag over more evidence text first")
            .clicked()
        {
            out.push(Command::AddSelectionAsEvidence);
        }
        if ui
            .button("Delete stance")
            .on_hover_text("Delete this stance (Delete; undo with Ctrl+Z)")
            .clicked()
        {
            out.push(Command::DeleteStance(stance.id));
        }
    });
}

/// Tallest the stance list grows before it scrolls, in points.
const STANCE_LIST_HEIGHT: f32 = 220.0;

/// The shown document's stances: holder ➡ polarity ➡ target, each jumping to
/// its evidence.
pub fn stance_list_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Command>) {
    let Some(path) = session.document_path() else {
        return;
    };
    let Some(entry) = session.project.documents.get(path) else {
        return;
    };
    let outlet = session.outlet_of(path);
    egui::CollapsingHeader::new(format!("Stances ({})", entry.stances.len()))
        .id_salt("stances")
        .default_open(true)
        .show(ui, |ui| {
            if entry.stances.is_empty() {
                ui.weak("No stances yet. Select the evidence text and press S, or add a document-level stance.");
            }
            // Only the rows in view are built: an article may hold thousands.
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .id_salt("stance-rows")
                .max_height(STANCE_LIST_HEIGHT)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, entry.stances.len(), |ui, rows| {
                    for stance in &entry.stances[rows] {
                        let selected = session.selected_stance == Some(stance.id);
                        let line = stance_line(&session.project, stance, &outlet);
                        let text = RichText::new(line).color(polarity_color(&session.project, stance));
                        let mut row = ui.add(egui::Button::selectable(selected, text).truncate());
                        if !stance.note.is_empty() {
                            row = row.on_hover_text(format!("📝 {}", stance.note));
                        }
                        if row.clicked() {
                            out.push(Command::SelectStance { id: Some(stance.id), reveal: true });
                        }
                    }
                });
            if ui.button("➕ Document-level stance").on_hover_text("A stance of the article as a whole; the holder defaults to its outlet").clicked() {
                out.push(Command::ShowStanceForm(StanceFormMode::DocumentLevel));
            }
        });
}
