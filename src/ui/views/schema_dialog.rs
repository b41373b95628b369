//! The schema editor: add, rename, recolour and rekey entity types. Every
//! change is an edit (undoable); a type still in use cannot be removed.

use egui::{Context, Ui};

use crate::model::{Edit, EntityType, Rgb, Schema};
use crate::ui::command::Command;

/// Draft values being edited in the schema window.
pub struct SchemaDrafts {
    based_on: Option<Schema>,
    rows: Vec<EntityType>,
    new_type: EntityType,
}

impl Default for SchemaDrafts {
    fn default() -> Self {
        Self {
            based_on: None,
            rows: Vec::new(),
            new_type: blank_type(),
        }
    }
}

fn blank_type() -> EntityType {
    EntityType {
        name: String::new(),
        description: String::new(),
        color: Rgb(0, 114, 178),
        key: None,
    }
}

/// Draws the schema window; returns false when closed. `usage` gives the
/// number of mentions per type name.
pub fn schema_dialog_ui(
    ctx: &Context,
    schema: &Schema,
    usage: &dyn Fn(&str) -> usize,
    drafts: &mut SchemaDrafts,
    out: &mut Vec<Command>,
) -> bool {
    if drafts.based_on.as_ref() != Some(schema) {
        drafts.based_on = Some(schema.clone());
        drafts.rows.clone_from(&schema.entity_types);
    }
    let mut open = true;
    egui::Window::new("Schema").open(&mut open).default_width(560.0).show(ctx, |ui| {
        ui.label("Entity types. Changes apply with the ✔ button and can be undone (Ctrl+Z). Renaming a type relabels its mentions.");
        ui.separator();
        egui::Grid::new("schema-grid").num_columns(6).striped(true).show(ui, |ui| {
            ui.strong("Name");
            ui.strong("Description");
            ui.strong("Colour");
            ui.strong("Key");
            ui.strong("Used");
            ui.end_row();
            for (original, draft) in schema.entity_types.iter().zip(drafts.rows.iter_mut()) {
                type_fields(ui, draft, &original.name);
                let used = usage(&original.name);
                ui.label(used.to_string());
                ui.horizontal(|ui| {
                    let changed = draft != original;
                    let apply = ui.add_enabled(changed, egui::Button::new("✔ Apply")).on_hover_text("Apply the changes to this type");
                    apply.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, changed, format!("Apply changes to {}", original.name)));
                    if apply.clicked() {
                        out.push(Command::Edit(Edit::UpdateEntityType {
                            name: original.name.clone(),
                            entity_type: draft.clone(),
                        }));
                    }
                    let remove = ui
                        .add_enabled(used == 0, egui::Button::new("🗑"))
                        .on_hover_text("Remove this type")
                        .on_disabled_hover_text(format!("{used} mention(s) use this type; change their type first"));
                    remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, used == 0, format!("Remove {}", original.name)));
                    if remove.clicked() {
                        out.push(Command::Edit(Edit::RemoveEntityType { name: original.name.clone() }));
                    }
                });
                ui.end_row();
            }
            type_fields(ui, &mut drafts.new_type, "new");
            ui.label("");
            if ui
                .add_enabled(!drafts.new_type.name.trim().is_empty(), egui::Button::new("➕ Add"))
                .clicked()
            {
                let mut t = drafts.new_type.clone();
                t.name = t.name.trim().to_owned();
                out.push(Command::Edit(Edit::InsertEntityType {
                    index: schema.entity_types.len(),
                    entity_type: t,
                }));
                drafts.new_type = blank_type();
            }
            ui.end_row();
        });
    });
    open
}

fn type_fields(ui: &mut Ui, t: &mut EntityType, id: &str) {
    let name = ui.add(egui::TextEdit::singleline(&mut t.name).desired_width(70.0));
    name.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("Type name {id}"))
    });
    let description = ui.add(egui::TextEdit::singleline(&mut t.description).desired_width(150.0));
    description.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("Description of {id}"))
    });
    let mut rgb = [t.color.0, t.color.1, t.color.2];
    if ui.color_edit_button_srgb(&mut rgb).changed() {
        t.color = Rgb(rgb[0], rgb[1], rgb[2]);
    }
    let key_text = t.key.map_or_else(|| "none".to_owned(), |k| k.to_string());
    let combo = egui::ComboBox::from_id_salt(("key", id))
        .width(50.0)
        .selected_text(key_text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut t.key, None, "none");
            for k in '1'..='9' {
                ui.selectable_value(&mut t.key, Some(k), k.to_string());
            }
        });
    combo.response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, format!("Key of {id}"))
    });
}
