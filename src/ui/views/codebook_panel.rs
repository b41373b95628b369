//! The side panel's Codebook section for the shown document: each variable
//! that applies as the fitting widget (radio buttons, checkboxes, the
//! scale's points, a number or a text field kept on Enter or leaving it),
//! its description as a tooltip, required ones starred. **K** (or "Code
//! this document…") codes the same by keyboard.

use std::collections::BTreeSet;

use egui::Ui;

use super::codebook_form::value_text;
use crate::model::codebook::{Code, Num, VariableKind, applies};
use crate::model::project::DocAnnotations;
use crate::ui::command::Command;

/// Draws the section (nothing when the schema has no variables).
pub fn codebook_panel_ui(
    ui: &mut Ui,
    schema: &crate::model::Schema,
    path: &str,
    entry: &DocAnnotations,
    read_only: bool,
    out: &mut Vec<Command>,
) {
    let vars = &schema.variables;
    if vars.is_empty() {
        return;
    }
    let missing = crate::model::codebook::missing_required(vars, &entry.codes);
    let title = if missing.is_empty() {
        "Codebook".to_owned()
    } else {
        format!("Codebook ({} required left)", missing.len())
    };
    egui::CollapsingHeader::new(title)
        .id_salt("codebook-section")
        // Closed at first (it is long); it stays as the user leaves it.
        .default_open(false)
        .show(ui, |ui| {
            ui.add_enabled_ui(!read_only, |ui| {
                let mut set = |variable: &str, value: Option<Code>| {
                    out.push(Command::SetCode {
                        doc: path.to_owned(),
                        variable: variable.to_owned(),
                        value,
                    });
                };
                for v in vars.iter().filter(|v| applies(vars, &entry.codes, v)) {
                    let code = entry.codes.get(&v.name);
                    let star = if v.required { " *" } else { "" };
                    ui.label(format!("{}{star}", v.name))
                        .on_hover_text(&v.description);
                    match &v.kind {
                        VariableKind::Single(values) => {
                            ui.horizontal_wrapped(|ui| {
                                for c in values {
                                    let on = code == Some(&Code::Choice(c.name.clone()));
                                    let label = if c.label.is_empty() {
                                        &c.name
                                    } else {
                                        &c.label
                                    };
                                    if ui.radio(on, label).clicked() {
                                        set(&v.name, (!on).then(|| Code::Choice(c.name.clone())));
                                    }
                                }
                            });
                        }
                        VariableKind::Multiple(values) => {
                            let chosen = match code {
                                Some(Code::Choices(s)) => s.clone(),
                                _ => BTreeSet::new(),
                            };
                            ui.horizontal_wrapped(|ui| {
                                for c in values {
                                    let mut on = chosen.contains(&c.name);
                                    let label = if c.label.is_empty() {
                                        &c.name
                                    } else {
                                        &c.label
                                    };
                                    if ui.checkbox(&mut on, label).changed() {
                                        let mut next = chosen.clone();
                                        if on {
                                            next.insert(c.name.clone());
                                        } else {
                                            next.remove(&c.name);
                                        }
                                        set(&v.name, Some(Code::Choices(next)));
                                    }
                                }
                            });
                        }
                        VariableKind::Scale(points) => {
                            ui.horizontal_wrapped(|ui| {
                                for (k, p) in points.iter().enumerate() {
                                    let point = u32::try_from(k + 1).unwrap_or(0);
                                    let on = code == Some(&Code::Scale(point));
                                    if ui.radio(on, format!("{point}")).on_hover_text(p).clicked() {
                                        set(&v.name, (!on).then_some(Code::Scale(point)));
                                    }
                                }
                            });
                            // What the ends mean, so the numbers read as a scale.
                            if let (Some(first), Some(last)) = (points.first(), points.last()) {
                                ui.weak(format!("1 = {first} … {} = {last}", points.len()));
                            }
                            ui.weak(value_text(v, code));
                        }
                        VariableKind::Number { .. } | VariableKind::Text => {
                            let id = ui.make_persistent_id(("code-draft", path, &v.name));
                            let mut draft: String = ui
                                .data_mut(|d| d.get_temp::<String>(id))
                                .unwrap_or_else(|| code.map(Code::display).unwrap_or_default());
                            let field =
                                ui.add(egui::TextEdit::singleline(&mut draft).desired_width(200.0));
                            field.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::TextInput,
                                    true,
                                    format!("Codebook {}", v.name),
                                )
                            });
                            if field.lost_focus() {
                                let text = draft.trim();
                                let value = if text.is_empty() {
                                    Some(None)
                                } else if matches!(v.kind, VariableKind::Text) {
                                    Some(Some(Code::Text(text.to_owned())))
                                } else {
                                    text.replace(',', ".")
                                        .parse::<f64>()
                                        .ok()
                                        .map(|n| Some(Code::Number(Num(n))))
                                };
                                match value {
                                    Some(value) if value.as_ref() != code => set(&v.name, value),
                                    _ => {}
                                }
                                ui.data_mut(|d| d.remove::<String>(id));
                            } else if field.has_focus() {
                                ui.data_mut(|d| d.insert_temp(id, draft));
                            }
                        }
                    }
                }
            });
        });
}
