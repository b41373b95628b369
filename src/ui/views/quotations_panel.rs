//! Quotations in the side panel: the shown document's quotations (select,
//! jump to), and the selected one's speaker, kind, cue and contents.

use egui::{RichText, Ui};

use crate::model::{DocAnnotations, Edit, Quotation, QuoteKind};
use crate::ui::command::{Command, StanceFormMode};
use crate::ui::session::Session;

/// A short form of `text` for lists.
fn short(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        out.push('…');
    }
    out
}

/// The speaker's text (with the entity a pronoun stands for), or
/// "unattributed".
fn speaker_text(session: &Session, entry: &DocAnnotations, q: &Quotation) -> String {
    let Some(m) = q.speaker.and_then(|m| entry.mention(m)) else {
        return "unattributed".to_owned();
    };
    match crate::model::attribution::speaker_entity(entry, m.id)
        .filter(|_| m.entity.is_none())
        .and_then(|e| session.project.entities.get(&e))
    {
        Some(e) => format!("{} ({})", m.quote.exact, e.name),
        None => m.quote.exact.clone(),
    }
}

/// The shown document's quotations and the selected one's details.
pub fn quotations_panel_ui(
    ui: &mut Ui,
    session: &Session,
    doc: &str,
    entry: &DocAnnotations,
    read_only: bool,
    out: &mut Vec<Command>,
) {
    let heading = ui.heading(format!("Quotations ({})", entry.quotations.len()));
    if entry.quotations.is_empty() {
        heading.on_hover_text(
            "Select the quoted words and press Q: the speaker and the cue are suggested.",
        );
    }
    for q in &entry.quotations {
        let selected = session.selected_quotation == Some(q.id);
        let first = q.contents.first().map_or("", |e| e.quote.exact.as_str());
        let more = if q.contents.len() > 1 {
            format!(" (+{})", q.contents.len() - 1)
        } else {
            String::new()
        };
        let text = format!(
            "{}: “{}”{more} · {}",
            speaker_text(session, entry, q),
            short(first, 40),
            q.kind.label()
        );
        let row = egui::Button::selectable(selected, text).truncate();
        if ui.add(row).on_hover_text(first).clicked() {
            out.push(Command::SelectQuotation {
                id: if selected { None } else { Some(q.id) },
                reveal: true,
            });
        }
    }
    let Some(q) = session.selected_quotation() else {
        return;
    };
    ui.add_space(4.0);
    ui.strong(format!("Quotation {}", q.id));
    ui.add_enabled_ui(!read_only, |ui| details_ui(ui, session, doc, entry, q, out));
}

fn details_ui(
    ui: &mut Ui,
    session: &Session,
    doc: &str,
    entry: &DocAnnotations,
    q: &Quotation,
    out: &mut Vec<Command>,
) {
    let has_selection = session.selection.is_some();
    let update = |q: Quotation| Command::UpdateQuotation(q);
    ui.horizontal(|ui| {
        ui.label("Speaker:");
        let combo = egui::ComboBox::from_id_salt(("quotation-speaker", q.id))
            .selected_text(speaker_text(session, entry, q))
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(q.speaker.is_none(), "unattributed")
                    .clicked()
                {
                    out.push(update(Quotation {
                        speaker: None,
                        ..q.clone()
                    }));
                }
                for m in entry
                    .mentions
                    .iter()
                    .filter(|m| matches!(m.label.as_str(), "PER" | "ORG"))
                {
                    let item = format!("{} {}", m.label, m.quote.exact);
                    if ui.selectable_label(q.speaker == Some(m.id), item).clicked() {
                        out.push(update(Quotation {
                            speaker: Some(m.id),
                            ..q.clone()
                        }));
                    }
                }
            });
        combo.response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Quotation speaker")
        });
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Kind:");
        for kind in QuoteKind::ALL {
            if ui.selectable_label(q.kind == kind, kind.label()).clicked() && q.kind != kind {
                out.push(update(Quotation { kind, ..q.clone() }));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let cue = q
            .cue
            .as_ref()
            .map_or_else(|| "none".to_owned(), |c| format!("“{}”", c.quote.exact));
        ui.label(format!("Cue: {cue}"));
        if ui
            .add_enabled(has_selection, egui::Button::new("Set selection as cue"))
            .on_disabled_hover_text("Drag over the cue first")
            .clicked()
        {
            out.push(Command::SetSelectionAsCue);
        }
        if q.cue.is_some() && ui.button("Clear cue").clicked() {
            out.push(update(Quotation {
                cue: None,
                ..q.clone()
            }));
        }
    });
    ui.label("Contents:");
    for (i, e) in q.contents.iter().enumerate() {
        ui.horizontal(|ui| {
            // The button first and the words wrapped after it, so a long
            // part never widens the side panel.
            if q.contents.len() > 1 {
                let remove = ui.small_button("✖").on_hover_text("Remove this part");
                remove.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Remove part {} of the quotation", i + 1),
                    )
                });
                if remove.clicked() {
                    let mut less = q.clone();
                    less.contents.remove(i);
                    out.push(update(less));
                }
            }
            ui.add(
                egui::Label::new(
                    RichText::new(format!("“{}”", short(&e.quote.exact, 60))).italics(),
                )
                .wrap(),
            );
        });
    }
    sources_ui(ui, entry, q, out);
    if let Some(change) = crate::ui::widgets::note_field::note_field_ui(
        ui,
        egui::Id::unique(("quotation-note", doc, q.id)),
        "Quotation note",
        &q.note,
    ) {
        let edit = |note| Edit::UpdateQuotation {
            doc: doc.to_owned(),
            quotation: Quotation { note, ..q.clone() },
        };
        crate::ui::widgets::note_field::note_commands(change, edit, out);
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(has_selection, egui::Button::new("Add selection as content"))
            .on_hover_text("Shift+Q: a quote split by “he added” is one quotation")
            .on_disabled_hover_text("Drag over the further words first")
            .clicked()
        {
            out.push(Command::AddSelectionToQuotation);
        }
        if ui
            .button("Stance from quotation")
            .on_hover_text("S: its words as evidence, its speaker as holder")
            .clicked()
        {
            out.push(Command::ShowStanceForm(StanceFormMode::FromQuotation(q.id)));
        }
        if ui.button("Delete quotation").clicked() {
            // The selection stays: a refused delete keeps the quotation
            // selected, and an undone one comes back selected.
            out.push(Command::Edit(Edit::RemoveQuotation {
                doc: doc.to_owned(),
                id: q.id,
            }));
        }
    });
}

/// The source chain ("Reuters reported that Lavrov said…": Reuters is a
/// source), outermost first: each with ✖, and a list to add one.
fn sources_ui(ui: &mut Ui, entry: &DocAnnotations, q: &Quotation, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Via:");
        if q.sources.is_empty() {
            ui.weak("first-hand");
        }
        for (i, m) in q.sources.iter().enumerate() {
            let text = entry
                .mention(*m)
                .map_or_else(|| m.to_string(), |x| x.quote.exact.clone());
            let remove = ui.small_button(format!("{text} ✖"));
            remove.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove source {text}"))
            });
            if remove.clicked() {
                let mut less = q.clone();
                less.sources.remove(i);
                out.push(Command::UpdateQuotation(less));
            }
        }
        let combo = egui::ComboBox::from_id_salt(("quotation-source", q.id))
            .selected_text("add a source")
            .show_ui(ui, |ui| {
                for m in entry.mentions.iter().filter(|m| {
                    matches!(m.label.as_str(), "PER" | "ORG")
                        && q.speaker != Some(m.id)
                        && !q.sources.contains(&m.id)
                }) {
                    if ui
                        .selectable_label(false, format!("{} {}", m.label, m.quote.exact))
                        .clicked()
                    {
                        let mut more = q.clone();
                        more.sources.push(m.id);
                        out.push(Command::UpdateQuotation(more));
                    }
                }
            });
        combo
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Add a source"));
    });
}
