//! The schema editor: add, rename, recolour and rekey entity types and the
//! polarities of the stance scale. Every change is an edit (undoable); a type
//! or polarity still in use cannot be removed, and renaming one renames it
//! wherever it is used.

use egui::{Context, RichText, Ui};

use crate::model::{Edit, EntityType, Polarity, Rgb, Schema};
use crate::ui::command::Command;

/// The fields both entity types and polarities have.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    name: String,
    description: String,
    color: Rgb,
    key: Option<char>,
}

impl Row {
    fn blank() -> Self {
        Self {
            name: String::new(),
            description: String::new(),
            color: Rgb(0, 114, 178),
            key: None,
        }
    }
}

impl From<&EntityType> for Row {
    fn from(t: &EntityType) -> Self {
        Self {
            name: t.name.clone(),
            description: t.description.clone(),
            color: t.color,
            key: t.key,
        }
    }
}

impl From<&Polarity> for Row {
    fn from(p: &Polarity) -> Self {
        Self {
            name: p.name.clone(),
            description: p.description.clone(),
            color: p.color,
            key: p.key,
        }
    }
}

impl Row {
    fn entity_type(&self) -> EntityType {
        EntityType {
            name: self.name.trim().to_owned(),
            description: self.description.clone(),
            color: self.color,
            key: self.key,
        }
    }

    fn polarity(&self) -> Polarity {
        Polarity {
            name: self.name.trim().to_owned(),
            description: self.description.clone(),
            color: self.color,
            key: self.key,
        }
    }
}

/// Draft values being edited in the schema window.
#[derive(Default)]
pub struct SchemaDrafts {
    based_on: Option<Schema>,
    types: Vec<Row>,
    new_type: Option<Row>,
    polarities: Vec<Row>,
    new_polarity: Option<Row>,
    codebook: super::codebook_editor::CodebookDrafts,
}

/// Which list a grid edits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    EntityType,
    Polarity,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Self::EntityType => "type",
            Self::Polarity => "polarity",
        }
    }

    fn update(self, name: &str, row: &Row) -> Edit {
        match self {
            Self::EntityType => Edit::UpdateEntityType {
                name: name.to_owned(),
                entity_type: row.entity_type(),
            },
            Self::Polarity => Edit::UpdatePolarity {
                name: name.to_owned(),
                polarity: row.polarity(),
            },
        }
    }

    fn remove(self, name: &str) -> Edit {
        match self {
            Self::EntityType => Edit::RemoveEntityType {
                name: name.to_owned(),
            },
            Self::Polarity => Edit::RemovePolarity {
                name: name.to_owned(),
            },
        }
    }

    fn insert(self, index: usize, row: &Row) -> Edit {
        match self {
            Self::EntityType => Edit::InsertEntityType {
                index,
                entity_type: row.entity_type(),
            },
            Self::Polarity => Edit::InsertPolarity {
                index,
                polarity: row.polarity(),
            },
        }
    }
}

/// Draws the schema window; returns false when closed. `usage` gives how many
/// mentions (and entities) use a type; `polarity_usage` how many stances use a
/// polarity.
pub fn schema_dialog_ui(
    ctx: &Context,
    project: &crate::model::Project,
    relation_drafts: &mut super::relation_types_editor::RelationTypeDrafts,
    usage: &dyn Fn(&str) -> usize,
    polarity_usage: &dyn Fn(&str) -> usize,
    drafts: &mut SchemaDrafts,
    out: &mut Vec<Command>,
) -> bool {
    let schema = &project.schema;
    if drafts.based_on.as_ref() != Some(schema) {
        drafts.based_on = Some(schema.clone());
        drafts.types = schema.entity_types.iter().map(Row::from).collect();
        drafts.polarities = schema.polarities.iter().map(Row::from).collect();
    }
    let mut open = true;
    egui::Window::new("Schema").open(&mut open).default_width(820.0).default_height(740.0).vscroll(true).show(ctx, |ui| {
        ui.label("Changes apply with ✔ Apply and can be undone (Ctrl+Z). Renaming relabels everything that uses the name.");
        ui.heading("Entity types");
        let originals: Vec<Row> = schema.entity_types.iter().map(Row::from).collect();
        grid_ui(ui, Kind::EntityType, &originals, &mut drafts.types, &mut drafts.new_type, usage, out);
        ui.separator();
        ui.heading("Stance scale");
        let originals: Vec<Row> = schema.polarities.iter().map(Row::from).collect();
        grid_ui(ui, Kind::Polarity, &originals, &mut drafts.polarities, &mut drafts.new_polarity, polarity_usage, out);
        ui.separator();
        ui.heading("Relation types");
        super::relation_types_editor::relation_types_ui(ui, project, relation_drafts, out);
        ui.separator();
        // Closed at first: the window is tall enough without it (and
        // scrolls when it is open).
        egui::CollapsingHeader::new(RichText::new("Codebook (variables coded per document)").heading())
            .id_salt("schema-codebook")
            .default_open(false)
            .show(ui, |ui| {
                super::codebook_editor::codebook_editor_ui(ui, schema, &mut drafts.codebook, out);
            });
    });
    open
}

fn grid_ui(
    ui: &mut Ui,
    kind: Kind,
    originals: &[Row],
    drafts: &mut [Row],
    new_row: &mut Option<Row>,
    usage: &dyn Fn(&str) -> usize,
    out: &mut Vec<Command>,
) {
    let noun = kind.noun();
    egui::Grid::new(("schema-grid", noun))
        .num_columns(6)
        .striped(true)
        .show(ui, |ui| {
            ui.strong("Name");
            ui.strong("Description");
            ui.strong("Colour");
            ui.strong("Key");
            ui.strong("Used");
            ui.end_row();
            for (original, draft) in originals.iter().zip(drafts.iter_mut()) {
                row_fields(ui, draft, &original.name);
                let used = usage(&original.name);
                ui.label(used.to_string());
                ui.horizontal(|ui| {
                    let changed = draft != original;
                    let apply = ui
                        .add_enabled(changed, egui::Button::new("✔ Apply"))
                        .on_hover_text(format!("Apply the changes to this {noun}"));
                    apply.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            changed,
                            format!("Apply changes to {}", original.name),
                        )
                    });
                    if apply.clicked() {
                        out.push(Command::Edit(kind.update(&original.name, draft)));
                    }
                    let remove = ui
                        .add_enabled(used == 0, egui::Button::new("🗑"))
                        .on_hover_text(format!("Remove this {noun}"))
                        .on_disabled_hover_text(format!(
                            "{used} annotation(s) use this {noun}; change them first"
                        ));
                    remove.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            used == 0,
                            format!("Remove {}", original.name),
                        )
                    });
                    if remove.clicked() {
                        out.push(Command::Edit(kind.remove(&original.name)));
                    }
                });
                ui.end_row();
            }
            let row = new_row.get_or_insert_with(Row::blank);
            row_fields(ui, row, &format!("new {noun}"));
            ui.label("");
            let add = ui.add_enabled(!row.name.trim().is_empty(), egui::Button::new("➕ Add"));
            add.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Add {noun}"))
            });
            if add.clicked() {
                out.push(Command::Edit(kind.insert(originals.len(), row)));
                *new_row = None;
            }
            ui.end_row();
        });
}

fn row_fields(ui: &mut Ui, row: &mut Row, id: &str) {
    // Sized, not just desired: a grid cell would otherwise shrink a field to
    // a few letters ("EVEI", "supp").
    let height = ui.spacing().interact_size.y;
    let name = ui.add_sized([110.0, height], egui::TextEdit::singleline(&mut row.name));
    name.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("Type name {id}"))
    });
    let description = ui.add_sized(
        [170.0, height],
        egui::TextEdit::singleline(&mut row.description),
    );
    description.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("Description of {id}"))
    });
    let mut rgb = [row.color.0, row.color.1, row.color.2];
    if ui.color_edit_button_srgb(&mut rgb).changed() {
        row.color = Rgb(rgb[0], rgb[1], rgb[2]);
    }
    let key_text = row.key.map_or_else(|| "none".to_owned(), |k| k.to_string());
    let combo = egui::ComboBox::from_id_salt(("key", id))
        .width(50.0)
        .selected_text(key_text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut row.key, None, "none");
            for k in '1'..='9' {
                ui.selectable_value(&mut row.key, Some(k), k.to_string());
            }
        });
    combo.response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, format!("Key of {id}"))
    });
}

/// The schema window, with the drafts being edited.
#[derive(Default)]
pub struct SchemaWindow {
    drafts: SchemaDrafts,
    relation_drafts: super::relation_types_editor::RelationTypeDrafts,
}

impl crate::ui::windows::AppWindow for SchemaWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Schema
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
        let project = &session.project;
        let usage = |name: &str| project.label_use_count(name);
        let polarity_usage = |name: &str| project.polarity_use_count(name);
        schema_dialog_ui(
            ctx,
            project,
            &mut self.relation_drafts,
            &usage,
            &polarity_usage,
            &mut self.drafts,
            out,
        )
    }
}
