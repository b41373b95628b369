//! The entities panel: every entity with its mention counts; the focused
//! entity's details, operations and mentions across the corpus.

use std::collections::{BTreeSet, HashMap};

use egui::{RichText, Ui};

use crate::model::kwic::kwic;
use crate::model::{Edit, Entity, EntityId, MentionId, is_valid_qid};
use crate::ui::command::{Command, PickerPurpose, PropagateFrom};
use crate::ui::fuzzy::rank_entities;
use crate::ui::session::Session;

/// State of the panel kept between frames.
#[derive(Default)]
pub struct EntitiesPanel {
    /// Filter text for the list.
    pub filter: String,
    based_on: Option<Entity>,
    draft: Option<Entity>,
    aliases: String,
    kb_id: String,
    checked: BTreeSet<(String, MentionId)>,
    split_name: String,
    counts_key: Option<(u64, usize)>,
    counts: HashMap<EntityId, (usize, usize)>,
    /// Changes typed into an entity that could not be applied on leaving
    /// it (an invalid Wikidata id, an empty name): shown again, with the
    /// error, when that entity is opened again.
    unfinished: HashMap<EntityId, (Entity, String, String)>,
}

impl EntitiesPanel {
    /// Recounts mentions per entity (in the shown document, in the corpus)
    /// after an edit or a document switch.
    fn refresh_counts(&mut self, session: &Session) {
        let key = (session.version, session.current);
        if self.counts_key == Some(key) {
            return;
        }
        self.counts_key = Some(key);
        self.counts.clear();
        let current = session.document_path();
        for (path, entry) in &session.project.documents {
            for e in entry.mentions.iter().filter_map(|m| m.entity) {
                let c = self.counts.entry(e).or_default();
                c.1 += 1;
                if Some(path.as_str()) == current {
                    c.0 += 1;
                }
            }
        }
    }

    /// Follows the focused entity. Leaving an entity whose fields were
    /// changed applies the changes (as a note is applied on leaving it), or,
    /// when they cannot be applied yet, keeps them for when it is opened
    /// again: typed work is never dropped.
    fn sync_draft(&mut self, entity: Option<&Entity>, out: &mut Vec<Command>) {
        if self.based_on.as_ref() == entity {
            return;
        }
        let leaving = self.based_on.as_ref().map(|e| e.id) != entity.map(|e| e.id);
        if leaving {
            self.checked.clear();
            self.split_name.clear();
            if let (Some(old), Some(draft)) = (self.based_on.take(), self.draft.take())
                && draft != old
            {
                if draft_is_valid(&draft, &self.kb_id) {
                    out.push(Command::Edit(Edit::UpdateEntity { entity: draft }));
                } else {
                    let fields = (draft, self.aliases.clone(), self.kb_id.clone());
                    self.unfinished.insert(old.id, fields);
                }
            }
        }
        self.based_on = entity.cloned();
        if let Some((draft, aliases, kb_id)) = entity.and_then(|e| self.unfinished.remove(&e.id)) {
            self.draft = Some(draft);
            self.aliases = aliases;
            self.kb_id = kb_id;
            return;
        }
        self.draft = entity.cloned();
        self.aliases = entity.map(|e| e.aliases.join(", ")).unwrap_or_default();
        self.kb_id = entity.and_then(|e| e.kb_id.clone()).unwrap_or_default();
    }
}

/// Draws the panel.
pub fn entities_panel_ui(
    ui: &mut Ui,
    session: &Session,
    panel: &mut EntitiesPanel,
    out: &mut Vec<Command>,
) {
    let project = &session.project;
    ui.heading(format!("Entities ({})", project.entities.len()));
    if project.entities.is_empty() {
        ui.weak("No entities yet. Select a mention and press N to make one from its text, or E to pick or create one.");
    }
    let filter = ui.add(egui::TextEdit::singleline(&mut panel.filter).hint_text("filter"));
    filter
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Filter entities"));
    let ranked: Vec<&Entity> = rank_entities(project, &panel.filter);
    panel.refresh_counts(session);
    let counts = &panel.counts;
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("entity-list")
        .max_height(200.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, ranked.len(), |ui, rows| {
            for e in &ranked[rows] {
                let (here, all) = counts.get(&e.id).copied().unwrap_or_default();
                let text = format!("{:<5} {}   {here} / {all}", e.label, e.name);
                let selected = session.focused_entity == Some(e.id);
                let response = ui
                    .add(
                        egui::Button::selectable(selected, RichText::new(text).monospace())
                            .truncate(),
                    )
                    .on_hover_text("mentions in this document / in the corpus");
                if response.clicked() {
                    out.push(Command::FocusEntity(if selected {
                        None
                    } else {
                        Some(e.id)
                    }));
                }
            }
        });
    ui.separator();
    let focused = session
        .focused_entity
        .and_then(|id| project.entities.get(&id));
    panel.sync_draft(focused, out);
    let (Some(entity), Some(draft)) = (focused, panel.draft.as_mut()) else {
        ui.weak("Click an entity to see its mentions across the corpus.");
        return;
    };
    entity_editor_ui(
        ui,
        session,
        entity,
        draft,
        &mut panel.aliases,
        &mut panel.kb_id,
        out,
    );
    ui.separator();
    let mentions = project.mentions_of(entity.id);
    ui.strong(format!("Mentions in the corpus ({})", mentions.len()));
    let rows: Vec<(String, MentionId, String)> = mentions
        .iter()
        .filter_map(|(path, m)| {
            let doc = session.corpus.document(path)?;
            let k = kwic(doc, m.span, 24);
            Some((
                (*path).to_owned(),
                m.id,
                format!("…{}[{}]{}…", k.left, k.hit, k.right),
            ))
        })
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("entity-mentions")
        .max_height(220.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for (path, id, line) in &rows[range] {
                ui.horizontal(|ui| {
                    let key = (path.clone(), *id);
                    let mut checked = panel.checked.contains(&key);
                    let check = ui.checkbox(&mut checked, "");
                    check.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::CheckBox,
                            true,
                            format!("Tick {path} {id}"),
                        )
                    });
                    if check.changed() {
                        if checked {
                            panel.checked.insert(key);
                        } else {
                            panel.checked.remove(&key);
                        }
                    }
                    if ui
                        .add(egui::Button::selectable(false, line.as_str()).truncate())
                        .on_hover_text(format!("{path}: show in the article"))
                        .clicked()
                    {
                        out.push(Command::JumpToMention {
                            doc: path.clone(),
                            id: *id,
                        });
                    }
                });
            }
        });
    panel
        .checked
        .retain(|(p, id)| mentions.iter().any(|(mp, m)| mp == p && m.id == *id));
    ui.horizontal(|ui| {
        let name = ui.add(
            egui::TextEdit::singleline(&mut panel.split_name)
                .hint_text("new entity name")
                .desired_width(140.0),
        );
        name.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Split-off name")
        });
        let ready = !panel.checked.is_empty() && !panel.split_name.trim().is_empty();
        let split = ui
            .add_enabled(
                ready,
                egui::Button::new(format!("Split off {} ticked", panel.checked.len())),
            )
            .on_hover_text("Move the ticked mentions to a new entity");
        if split.clicked() {
            out.push(Command::SplitEntity {
                from: entity.id,
                mentions: panel.checked.iter().cloned().collect(),
                name: panel.split_name.trim().to_owned(),
            });
            panel.checked.clear();
            panel.split_name.clear();
        }
    });
}

/// True when a draft can be applied: a name, and a valid Wikidata id or none.
fn draft_is_valid(draft: &Entity, kb_id: &str) -> bool {
    let qid = kb_id.trim();
    !draft.name.trim().is_empty() && (qid.is_empty() || is_valid_qid(qid))
}

fn entity_editor_ui(
    ui: &mut Ui,
    session: &Session,
    entity: &Entity,
    draft: &mut Entity,
    aliases: &mut String,
    kb_id: &mut String,
    out: &mut Vec<Command>,
) {
    egui::Grid::new("entity-editor")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Name");
            let name = ui.text_edit_singleline(&mut draft.name);
            name.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Entity name")
            });
            ui.end_row();
            ui.label("Type");
            let combo = egui::ComboBox::from_id_salt("entity-type")
                .selected_text(&draft.label)
                .show_ui(ui, |ui| {
                    for t in &session.project.schema.entity_types {
                        ui.selectable_value(
                            &mut draft.label,
                            t.name.clone(),
                            format!("{} – {}", t.name, t.description),
                        );
                    }
                });
            combo.response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Entity type")
            });
            ui.end_row();
            ui.label("Aliases");
            let a = ui.add(egui::TextEdit::singleline(aliases).hint_text("comma-separated"));
            a.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Aliases"));
            ui.end_row();
            ui.label("Wikidata");
            let k = ui.add(egui::TextEdit::singleline(kb_id).hint_text("e.g. Q7747"));
            k.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Wikidata QID")
            });
            ui.end_row();
            ui.label("Note");
            let n = ui.add(egui::TextEdit::multiline(&mut draft.note).desired_rows(2));
            n.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Entity note"));
            ui.end_row();
        });
    draft.aliases = aliases
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    let qid = kb_id.trim();
    draft.kb_id = (!qid.is_empty()).then(|| qid.to_owned());
    let qid_ok = qid.is_empty() || is_valid_qid(qid);
    ui.horizontal(|ui| {
        let changed = draft != entity;
        if ui
            .add_enabled(
                changed && qid_ok && !draft.name.trim().is_empty(),
                egui::Button::new("Apply"),
            )
            .on_hover_text("Save the changes to this entity (undoable)")
            .clicked()
        {
            out.push(Command::Edit(Edit::UpdateEntity {
                entity: draft.clone(),
            }));
        }
        if ui
            .button("Propagate…")
            .on_hover_text("Find every occurrence of its names (P)")
            .clicked()
        {
            out.push(Command::ShowPropagation(PropagateFrom::Entity(entity.id)));
        }
        if ui
            .button("Merge into…")
            .on_hover_text("Move all its mentions to another entity and remove it")
            .clicked()
        {
            out.push(Command::ShowEntityPicker(PickerPurpose::MergeInto(
                entity.id,
            )));
        }
        if ui
            .button("Delete entity")
            .on_hover_text("Remove it; its mentions stay, unlinked")
            .clicked()
        {
            out.push(Command::DeleteEntity(entity.id));
        }
    });
    // Below the buttons, so it never moves them under the pointer.
    if !qid_ok {
        ui.colored_label(
            ui.visuals().error_fg_color,
            "A Wikidata id is Q followed by digits, e.g. Q7747.",
        );
    }
}
