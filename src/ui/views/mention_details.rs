//! The selected mention: its text, type, entity link and actions.

use egui::{RichText, Ui};

use crate::model::{Edit, Mention, Project};
use crate::ui::command::{Command, PickerPurpose, PropagateFrom};
use crate::ui::widgets::note_field::{note_commands, note_field_ui};

/// Draws the details of `m` in document `doc` (`read_only`: its document
/// changed since saved).
pub fn mention_details_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &str,
    m: &Mention,
    last_entity: Option<&str>,
    read_only: bool,
    out: &mut Vec<Command>,
) {
    ui.label(RichText::new(format!("“{}”", m.quote.exact)).strong());
    ui.label(format!("{} · {} · {}", m.id, m.span, m.label));
    if m.suggested {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Suggestion (pre-annotation), not yet accepted",
        );
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!read_only, egui::Button::new("Accept suggestion"))
                .on_hover_text("Enter")
                .clicked()
            {
                out.push(Command::AcceptSelectedSuggestion);
            }
            if ui
                .add_enabled(!read_only, egui::Button::new("Reject suggestion"))
                .on_hover_text("Delete")
                .clicked()
            {
                out.push(Command::DeleteSelected);
            }
        });
    }
    ui.horizontal(|ui| {
        ui.label("Type:");
        let combo = egui::ComboBox::from_id_salt("mention-type")
            .selected_text(&m.label)
            .show_ui(ui, |ui| {
                for t in &project.schema.entity_types {
                    let key = t.key.map(|k| format!("{k}  ")).unwrap_or_default();
                    let item = egui::Button::selectable(
                        t.name == m.label,
                        format!("{key}{} – {}", t.name, t.description),
                    );
                    if ui.add_enabled(!read_only, item).clicked() {
                        out.push(Command::RelabelSelected(t.name.clone()));
                    }
                }
            });
        combo
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Mention type"));
    });
    match m.entity.and_then(|e| project.entities.get(&e)) {
        Some(e) => {
            let kb = e
                .kb_id
                .as_deref()
                .map(|q| format!(" · {q}"))
                .unwrap_or_default();
            ui.label(format!("Entity: {}{kb}", e.name));
        }
        None => {
            ui.weak("Entity: not linked");
        }
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Link…")
            .on_hover_text("Link to an entity, or create one (E)")
            .clicked()
        {
            out.push(Command::ShowEntityPicker(PickerPurpose::LinkSelected));
        }
        if ui
            .button("New entity")
            .on_hover_text("A new entity named after this text (N)")
            .clicked()
        {
            out.push(Command::NewEntityFromSelected(None));
        }
        if let Some(last) = last_entity
            && ui
                .button(format!("Link to {last}"))
                .on_hover_text("The entity used last (L)")
                .clicked()
        {
            out.push(Command::LinkSelectedToLast);
        }
        if m.entity.is_some() && ui.button("Unlink").on_hover_text("U").clicked() {
            out.push(Command::LinkSelected(None));
        }
        if ui
            .button("Propagate…")
            .on_hover_text("Annotate all occurrences of this text (P)")
            .clicked()
        {
            out.push(Command::ShowPropagation(PropagateFrom::SelectedMention));
        }
    });
    if !read_only
        && let Some(change) = note_field_ui(
            ui,
            egui::Id::unique(("mention-note", doc, m.id)),
            "Mention note",
            &m.note,
        )
    {
        let edit = |note| Edit::SetMentionNote {
            doc: doc.to_owned(),
            id: m.id,
            note,
        };
        note_commands(change, edit, out);
    }
    if ui
        .add_enabled(!read_only, egui::Button::new("Delete mention"))
        .on_hover_text("Delete (Del)")
        .clicked()
    {
        out.push(Command::DeleteSelected);
    }
}
