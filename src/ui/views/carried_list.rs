//! The stances and quotations carried over from another rendering of a
//! passage, each with where it goes and **Accept** / **Reject**: carried
//! annotations are suggestions, never added without the user's word.

use egui::{RichText, Ui};

use crate::model::passages::describe;
use crate::ui::command::Command;
use crate::ui::session::Session;

/// Draws the list (nothing when it is empty).
pub fn carried_list_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Command>) {
    if session.carried.is_empty() {
        return;
    }
    ui.separator();
    ui.label(RichText::new("Carried here, to review").strong());
    egui::ScrollArea::vertical()
        .id_salt("carried-list")
        .max_height(160.0)
        .show(ui, |ui| {
            for (i, (doc, item)) in session.carried.iter().enumerate() {
                let path = session
                    .corpus
                    .documents
                    .get(*doc)
                    .map_or("?", |d| d.path.as_str());
                let line = format!("{} in {path}", describe(item));
                ui.horizontal_wrapped(|ui| {
                    let accept = ui.small_button("Accept");
                    accept.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("Accept: {line}"),
                        )
                    });
                    if accept.clicked() {
                        out.push(Command::AcceptCarried(i));
                    }
                    let reject = ui.small_button("Reject");
                    reject.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("Reject: {line}"),
                        )
                    });
                    if reject.clicked() {
                        out.push(Command::RejectCarried(i));
                    }
                    ui.label(&line);
                });
            }
        });
}
