//! The codebook in the schema window: each variable's name, kind, values
//! (or a number's bounds, `MIN..MAX`), condition (`VARIABLE=VALUE`),
//! required and description as fields; **✔** applies a row, **Remove**
//! takes it out, **Add variable** adds one. Each change replaces the schema
//! in one undoable edit, refused (with why) while documents are coded with
//! what it would take away.

use egui::Ui;

use crate::model::codebook::{Variable, VariableDraft};
use crate::model::{Edit, Schema};
use crate::ui::command::Command;

/// Drafts of the variables being edited.
#[derive(Default)]
pub struct CodebookDrafts {
    based_on: Option<Vec<Variable>>,
    rows: Vec<VariableDraft>,
    new_row: VariableDraft,
    /// Why the last change was not made.
    pub message: Option<String>,
}

const KINDS: [&str; 5] = ["single", "multiple", "scale", "number", "text"];

fn replace(schema: &Schema, variables: Vec<Variable>) -> Command {
    let mut next = schema.clone();
    next.variables = variables;
    Command::Edit(Edit::ReplaceSchema {
        schema: Box::new(next),
    })
}

fn fields(ui: &mut Ui, d: &mut VariableDraft, id: &str) {
    let name = ui.add_sized(
        [120.0, ui.spacing().interact_size.y],
        egui::TextEdit::singleline(&mut d.name),
    );
    name.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("Variable name {id}"))
    });
    egui::ComboBox::from_id_salt(("variable-kind", id))
        .selected_text(d.kind.clone())
        .width(80.0)
        .show_ui(ui, |ui| {
            for k in KINDS {
                ui.selectable_value(&mut d.kind, k.to_owned(), k);
            }
        })
        .response
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, format!("Variable kind {id}"))
        });
    let values = ui.add(
        egui::TextEdit::singleline(&mut d.values)
            .desired_width(170.0)
            .hint_text("a, b, c  or  0..50"),
    );
    values.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("Variable values {id}"))
    });
    let cond = ui.add(
        egui::TextEdit::singleline(&mut d.condition)
            .desired_width(110.0)
            .hint_text("var=value"),
    );
    cond.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::TextInput,
            true,
            format!("Variable condition {id}"),
        )
    });
    ui.checkbox(&mut d.required, "").widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::CheckBox,
            true,
            format!("Variable required {id}"),
        )
    });
    let desc = ui.add(egui::TextEdit::singleline(&mut d.description).desired_width(160.0));
    desc.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::TextInput,
            true,
            format!("Variable description {id}"),
        )
    });
}

/// Draws the codebook part of the schema window.
pub fn codebook_editor_ui(
    ui: &mut Ui,
    schema: &Schema,
    drafts: &mut CodebookDrafts,
    out: &mut Vec<Command>,
) {
    let vars = &schema.variables;
    if drafts.based_on.as_ref() != Some(vars) {
        drafts.based_on = Some(vars.clone());
        drafts.rows = vars.iter().map(VariableDraft::of).collect();
    }
    if drafts.new_row.kind.is_empty() {
        drafts.new_row.kind = "single".to_owned();
    }
    ui.weak("Kinds: single or multiple choice (values separated by commas), scale (its points' labels, lowest first), number (bounds as MIN..MAX, either may be empty), text. A condition VARIABLE=VALUE shows the variable only when the other has that value.");
    egui::Grid::new("codebook-variables")
        .num_columns(8)
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "Name",
                "Kind",
                "Values",
                "Condition",
                "Required",
                "Description",
                "",
                "",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            let mut change: Option<Result<Vec<Variable>, String>> = None;
            for (i, (original, draft)) in vars.iter().zip(drafts.rows.iter_mut()).enumerate() {
                fields(ui, draft, &original.name);
                let changed = VariableDraft::of(original) != *draft;
                let apply = ui.add_enabled(changed, egui::Button::new("✔"));
                apply.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Apply variable {}", original.name),
                    )
                });
                if apply.clicked() {
                    change = Some(draft.variable().map(|v| {
                        let mut next = vars.clone();
                        next[i] = v;
                        next
                    }));
                }
                let remove = ui.small_button("Remove");
                remove.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Remove variable {}", original.name),
                    )
                });
                if remove.clicked() {
                    let mut next = vars.clone();
                    next.remove(i);
                    change = Some(Ok(next));
                }
                ui.end_row();
            }
            fields(ui, &mut drafts.new_row, "new");
            let add = ui.button("Add variable");
            if add.clicked() {
                change = Some(drafts.new_row.variable().and_then(|v| {
                    if vars.iter().any(|x| x.name == v.name) {
                        return Err(format!("there is a variable {} already", v.name));
                    }
                    let mut next = vars.clone();
                    next.push(v);
                    Ok(next)
                }));
                if matches!(change, Some(Ok(_))) {
                    drafts.new_row = VariableDraft::default();
                }
            }
            ui.end_row();
            match change {
                Some(Ok(next)) => {
                    drafts.message = None;
                    out.push(replace(schema, next));
                }
                Some(Err(e)) => drafts.message = Some(e),
                None => {}
            }
        });
    if let Some(m) = &drafts.message {
        ui.colored_label(ui.visuals().warn_fg_color, m);
    }
}
