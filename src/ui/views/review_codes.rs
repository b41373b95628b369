//! The review window's codebook values of the shown document: per variable,
//! each annotator's value side by side (green where all agree, orange where
//! they differ) and gold's; **Take NAME's** puts that value in the gold
//! project. Gold's own value can be typed with K or in the side panel, as
//! for any document.

use egui::{Color32, RichText, Ui};

use super::codebook_form::value_text;
use crate::model::Document;
use crate::model::codebook::Variable;
use crate::review::agreement::ReviewSave;
use crate::ui::command::Command;

/// Draws the section (nothing when the reviewed saves have no codebook).
pub fn codes_diff_ui(
    ui: &mut Ui,
    variables: &[Variable],
    saves: &[ReviewSave],
    gold: &crate::model::project::DocAnnotations,
    doc: &Document,
    out: &mut Vec<Command>,
) {
    if variables.is_empty() {
        return;
    }
    ui.strong("Codebook (green: all agree; orange: they differ)");
    egui::Grid::new("codes-diff").striped(true).show(ui, |ui| {
        ui.strong("variable");
        for s in saves {
            ui.strong(&s.name);
        }
        ui.strong("gold");
        ui.end_row();
        for v in variables {
            let values: Vec<Option<&crate::model::codebook::Code>> = saves
                .iter()
                .map(|s| {
                    s.project
                        .documents
                        .get(&doc.path)
                        .and_then(|d| d.codes.get(&v.name))
                })
                .collect();
            if values.iter().all(Option::is_none) {
                continue;
            }
            let agreed = values.windows(2).all(|w| w[0] == w[1]);
            let colour = if agreed {
                Color32::from_rgb(0, 158, 115)
            } else {
                Color32::from_rgb(213, 94, 0)
            };
            ui.label(RichText::new(&v.name).color(colour))
                .on_hover_text(&v.description);
            for (s, value) in saves.iter().zip(&values) {
                ui.horizontal(|ui| {
                    ui.label(value_text(v, *value));
                    if let Some(code) = value {
                        let take = ui.small_button("Take");
                        take.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("Take {}'s {}", s.name, v.name),
                            )
                        });
                        if take.clicked() {
                            out.push(Command::SetCode {
                                doc: doc.path.clone(),
                                variable: v.name.clone(),
                                value: Some((*code).clone()),
                            });
                        }
                    }
                });
            }
            ui.label(value_text(v, gold.codes.get(&v.name)));
            ui.end_row();
        }
    });
}
