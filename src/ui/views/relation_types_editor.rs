//! The relation types in the schema window: name, description, colour, key,
//! symmetric, and the entity types a source and a target may have. Every
//! change is one undoable edit; renaming renames the type's relations; a
//! type relations use cannot be removed.

use egui::Ui;

use crate::model::relation_types::{add_relation_type, remove_relation_type, update_relation_type};
use crate::model::{Project, RelationType, Rgb};
use crate::ui::command::Command;

/// Drafts of the relation types being edited.
#[derive(Default)]
pub struct RelationTypeDrafts {
    based_on: Option<Vec<RelationType>>,
    rows: Vec<RelationType>,
    new_row: Option<RelationType>,
}

/// Space-separated entity type names as a list.
fn names(text: &str) -> Vec<String> {
    text.split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Draws the relation types of `project`'s schema.
pub fn relation_types_ui(
    ui: &mut Ui,
    project: &Project,
    drafts: &mut RelationTypeDrafts,
    out: &mut Vec<Command>,
) {
    let types = &project.schema.relation_types;
    if drafts.based_on.as_ref() != Some(types) {
        drafts.based_on = Some(types.clone());
        drafts.rows.clone_from(types);
    }
    ui.weak("Sources and targets: the entity types a relation's ends may have, separated by spaces (empty: any).");
    egui::Grid::new("relation-types")
        .num_columns(9)
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "Name",
                "Description",
                "Colour",
                "Key",
                "Symmetric",
                "Sources",
                "Targets",
                "Used",
                "",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for (original, draft) in types.iter().zip(drafts.rows.iter_mut()) {
                fields(ui, draft, &original.name);
                let used = project.relation_use_count(&original.name);
                ui.label(used.to_string());
                ui.horizontal(|ui| {
                    let changed = draft != original;
                    let apply = ui
                        .add_enabled(changed, egui::Button::new("✔ Apply"))
                        .on_hover_text("Apply the changes to this relation type");
                    apply.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            changed,
                            format!("Apply changes to relation type {}", original.name),
                        )
                    });
                    if apply.clicked() {
                        out.push(Command::Edit(update_relation_type(
                            project,
                            &original.name,
                            draft.clone(),
                        )));
                    }
                    let remove = ui
                        .add_enabled(used == 0, egui::Button::new("🗑"))
                        .on_hover_text("Remove this relation type")
                        .on_disabled_hover_text(format!(
                            "{used} relation(s) are of this type; change them first"
                        ));
                    remove.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            used == 0,
                            format!("Remove relation type {}", original.name),
                        )
                    });
                    if remove.clicked() {
                        out.push(Command::Edit(remove_relation_type(project, &original.name)));
                    }
                });
                ui.end_row();
            }
            let row = drafts
                .new_row
                .get_or_insert_with(|| RelationType::new("", Rgb(0, 114, 178)));
            fields(ui, row, "new relation type");
            ui.label("");
            let add = ui.add_enabled(!row.name.trim().is_empty(), egui::Button::new("➕ Add"));
            add.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, "Add relation type")
            });
            if add.clicked() {
                out.push(Command::Edit(add_relation_type(project, row.clone())));
                drafts.new_row = None;
            }
            ui.end_row();
        });
}

fn fields(ui: &mut Ui, row: &mut RelationType, id: &str) {
    let labeled = |r: &egui::Response, what: &str| {
        r.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("{what} {id}"))
        });
    };
    let height = ui.spacing().interact_size.y;
    let name = ui.add_sized([110.0, height], egui::TextEdit::singleline(&mut row.name));
    labeled(&name, "Relation name");
    let description = ui.add_sized(
        [150.0, height],
        egui::TextEdit::singleline(&mut row.description),
    );
    labeled(&description, "Description of relation");
    let mut rgb = [row.color.0, row.color.1, row.color.2];
    if ui.color_edit_button_srgb(&mut rgb).changed() {
        row.color = Rgb(rgb[0], rgb[1], rgb[2]);
    }
    let key_text = row.key.map_or_else(|| "none".to_owned(), |k| k.to_string());
    let combo = egui::ComboBox::from_id_salt(("relation-key", id))
        .width(50.0)
        .selected_text(key_text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut row.key, None, "none");
            for k in '1'..='9' {
                ui.selectable_value(&mut row.key, Some(k), k.to_string());
            }
        });
    combo.response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, format!("Key of relation {id}"))
    });
    let symmetric = ui.checkbox(&mut row.symmetric, "");
    symmetric.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::CheckBox,
            true,
            row.symmetric,
            format!("Symmetric {id}"),
        )
    });
    for (list, what) in [
        (&mut row.sources, "Sources of"),
        (&mut row.targets, "Targets of"),
    ] {
        let mut text = list.join(" ");
        let field = ui.add_sized(
            [90.0, ui.spacing().interact_size.y],
            egui::TextEdit::singleline(&mut text).hint_text("any"),
        );
        labeled(&field, what);
        if field.changed() {
            *list = names(&text);
        }
    }
}
