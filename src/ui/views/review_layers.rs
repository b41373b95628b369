//! The review window's relations and quotations of the shown document:
//! each version (as `merge` keys it) with who has it, green where all
//! annotators agree, orange where they differ; **Accept** adds that version
//! to the gold project (its mentions must be there first).

use egui::{Color32, RichText, Ui};

use crate::review::adjudicate_layers::{
    QuotationItem, RelationItem, quotation_in_gold, relation_in_gold,
};
use crate::ui::command::Command;

fn agreed_color(agreed: bool) -> Color32 {
    if agreed {
        Color32::from_rgb(0, 158, 115)
    } else {
        Color32::from_rgb(213, 94, 0)
    }
}

/// One row: the version's text (a click shows it), a ✔ or – per annotator,
/// and Accept, or "in gold" (green) once gold has it.
#[allow(clippy::too_many_arguments)]
fn row_ui(
    ui: &mut Ui,
    text: &str,
    agreed: bool,
    in_gold: bool,
    had_by: &[bool],
    span: crate::model::CharSpan,
    accept: Command,
    out: &mut Vec<Command>,
) {
    let short: String = text.chars().take(70).collect();
    if ui
        .add(egui::Button::selectable(
            false,
            RichText::new(short).color(agreed_color(agreed || in_gold)),
        ))
        .on_hover_text(text)
        .clicked()
    {
        out.push(Command::Select(Some(span)));
        out.push(Command::RevealOffset(span.start));
    }
    for had in had_by {
        ui.label(if *had { "✔" } else { "–" });
    }
    if in_gold {
        ui.label(RichText::new("in gold").color(agreed_color(true)))
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Label, true, format!("In gold: {text}"))
            });
        ui.end_row();
        return;
    }
    let button = ui.small_button("Accept");
    button.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Accept {text}"))
    });
    if button.clicked() {
        out.push(accept);
    }
    ui.end_row();
}

/// The shown document's relation and quotation versions.
pub fn layers_diff_ui(
    ui: &mut Ui,
    gold: &crate::model::Project,
    relations: &[RelationItem],
    quotations: &[QuotationItem],
    annotators: &[String],
    doc: &crate::model::Document,
    out: &mut Vec<Command>,
) {
    let header = |ui: &mut Ui, what: &str| {
        ui.strong(what);
        for name in annotators {
            ui.strong(name);
        }
        ui.label("");
        ui.end_row();
    };
    if !relations.is_empty() {
        ui.strong("Relations (accept a version into the gold project; its mentions first)");
        egui::Grid::new("relation-diff")
            .striped(true)
            .show(ui, |ui| {
                header(ui, "relation");
                for item in relations {
                    let accept = Command::AcceptReviewRelation(item.clone());
                    let in_gold = relation_in_gold(gold, &doc.path, item);
                    row_ui(
                        ui,
                        &item.text,
                        item.agreed(),
                        in_gold,
                        &item.had_by,
                        item.span,
                        accept,
                        out,
                    );
                }
            });
    }
    if !quotations.is_empty() {
        ui.strong("Quotations (each version: speaker, words, cue, kind)");
        egui::Grid::new("quotation-diff")
            .striped(true)
            .show(ui, |ui| {
                header(ui, "quotation");
                for item in quotations {
                    let accept = Command::AcceptReviewQuotation(item.clone());
                    let in_gold = quotation_in_gold(gold, &doc.path, item);
                    row_ui(
                        ui,
                        &item.text,
                        item.agreed(),
                        in_gold,
                        &item.had_by,
                        item.span,
                        accept,
                        out,
                    );
                }
            });
    }
}
