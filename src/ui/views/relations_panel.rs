//! Relations in the side panel: the shown document's relations (select,
//! delete), the keyboard relation in progress, and the "Relate to…"
//! picker of the selected mention.

use egui::{Color32, RichText, Ui};

use crate::model::{DocAnnotations, Edit, Mention, Relation, RelationType, Schema};
use crate::ui::command::Command;
use crate::ui::session::Session;

/// The arrow between a relation's two ends: both ways for a symmetric type.
fn arrow(schema: &Schema, relation: &Relation) -> &'static str {
    if schema
        .relation_type(&relation.label)
        .is_some_and(|t| t.symmetric)
    {
        "↔"
    } else {
        "➡"
    }
}

fn color_of(t: Option<&RelationType>) -> Color32 {
    t.map_or(Color32::GRAY, |t| {
        Color32::from_rgb(t.color.0, t.color.1, t.color.2)
    })
}

/// A mention's text for lists ("?" when it is gone).
fn text_of(entry: &DocAnnotations, id: crate::model::MentionId) -> String {
    entry
        .mention(id)
        .map_or_else(|| format!("{id}?"), |m| m.quote.exact.clone())
}

/// The shown document's relations, and the relation being made by keyboard.
pub fn relations_list_ui(
    ui: &mut Ui,
    session: &Session,
    doc: &str,
    entry: &DocAnnotations,
    read_only: bool,
    out: &mut Vec<Command>,
) {
    let schema = &session.project.schema;
    ui.heading(format!("Relations ({})", entry.relations.len()));
    if let Some(relating) = session.relating {
        let target = relating
            .target
            .map_or_else(|| "… (Tab)".to_owned(), |t| text_of(entry, t));
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "Relating “{}” ➡ “{target}”: Tab / Shift+Tab picks the target, a type key makes it, Esc stops.",
                text_of(entry, relating.source)
            ),
        );
        ui.horizontal_wrapped(|ui| {
            for t in &schema.relation_types {
                let key = t.key.map(|k| format!("{k} ")).unwrap_or_default();
                let button = egui::Button::new(
                    RichText::new(format!("{key}{}", t.name)).color(color_of(Some(t))),
                );
                if ui
                    .add_enabled(relating.target.is_some(), button)
                    .on_hover_text(&t.description)
                    .clicked()
                    && let Some(target) = relating.target
                {
                    out.push(Command::Relate {
                        source: relating.source,
                        target,
                        label: t.name.clone(),
                    });
                    out.push(Command::ClearSelection);
                }
            }
        });
    }
    if entry.relations.is_empty() {
        ui.weak("None. Select a mention and press R, or use Relate to… under Selected mention.");
        return;
    }
    for r in &entry.relations {
        let kind = schema.relation_type(&r.label);
        let (source, target) = (text_of(entry, r.source), text_of(entry, r.target));
        let noted = if r.note.is_empty() { "" } else { " 📝" };
        ui.horizontal(|ui| {
            let text = format!("{source} {} {} {target}{noted}", r.label, arrow(schema, r));
            let selected = session.selected_mention == Some(r.source);
            let row = egui::Button::selectable(selected, RichText::new(text).color(color_of(kind)))
                .truncate();
            let mut hover = format!(
                "{} {}: {}",
                r.id,
                r.label,
                kind.map_or("not in the schema", |t| t.description.as_str())
            );
            if !r.note.is_empty() {
                hover.push_str(&format!("\n📝 {}", r.note));
            }
            if ui.add(row).on_hover_text(hover).clicked() {
                out.push(Command::SelectMention {
                    id: Some(r.source),
                    reveal: true,
                });
            }
            let delete = ui
                .add_enabled(!read_only, egui::Button::new("✖"))
                .on_hover_text("Delete this relation (one undo step)");
            delete.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    !read_only,
                    format!("Delete relation {} {source} {} {target}", r.id, r.label),
                )
            });
            if delete.clicked() {
                out.push(Command::Edit(Edit::RemoveRelation {
                    doc: doc.to_owned(),
                    id: r.id,
                }));
            }
        });
    }
}

/// "Relate to…" for the selected mention `m`: pick another mention of the
/// document, then a type its types allow.
pub fn relate_picker_ui(
    ui: &mut Ui,
    session: &Session,
    entry: &DocAnnotations,
    m: &Mention,
    read_only: bool,
    out: &mut Vec<Command>,
) {
    let id = egui::Id::unique(("relate-target", m.id));
    let chosen: Option<crate::model::MentionId> = ui.data(|d| d.get_temp(id));
    let target = chosen
        .and_then(|t| entry.mention(t))
        .filter(|t| t.id != m.id);
    egui::CollapsingHeader::new("Relate to…")
        .id_salt(("relate", m.id))
        .show(ui, |ui| {
            let combo = egui::ComboBox::from_id_salt(("relate-combo", m.id))
                .selected_text(target.map_or("choose a mention".to_owned(), |t| {
                    format!("{} {}", t.label, t.quote.exact)
                }))
                .show_ui(ui, |ui| {
                    for other in entry.mentions.iter().filter(|o| o.id != m.id) {
                        let item = egui::Button::selectable(
                            target.is_some_and(|t| t.id == other.id),
                            format!("{} {}", other.label, other.quote.exact),
                        );
                        if ui.add(item).clicked() {
                            ui.data_mut(|d| d.insert_temp(id, other.id));
                        }
                    }
                });
            combo.response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Relate to mention")
            });
            let Some(target) = target else {
                ui.weak("Choose the mention it relates to, then the relation's type.");
                return;
            };
            ui.horizontal_wrapped(|ui| {
                for t in &session.project.schema.relation_types {
                    let refused = t.refuses(&m.label, &target.label);
                    let button = egui::Button::new(RichText::new(&t.name).color(color_of(Some(t))));
                    let response = ui
                        .add_enabled(!read_only && refused.is_none(), button)
                        .on_hover_text(&t.description)
                        .on_disabled_hover_text(refused.unwrap_or_default());
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            !read_only,
                            format!("Relate as {}", t.name),
                        )
                    });
                    if response.clicked() {
                        out.push(Command::Relate {
                            source: m.id,
                            target: target.id,
                            label: t.name.clone(),
                        });
                    }
                }
            });
        });
}
