//! The compact stance form: holder (pre-filled), target picker (entities,
//! claims, a new claim, a topic), polarity keys, optional attributes.

use egui::{Color32, Context, Key, Modifiers, RichText, Ui};

use crate::model::{
    ClaimId, Evidence, Holder, Intensity, Level, Project, QuotationId, ReportedAs, Stance,
    StanceId, Target,
};
use crate::ui::command::Command;
use crate::ui::fuzzy::rank_entities;

/// Rows shown in each picker.
const MAX_ROWS: usize = 6;

/// What the form will create or change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormTarget {
    /// Nothing chosen yet.
    None,
    /// A chosen target.
    Chosen(Target),
    /// A new claim with this text (created with the stance).
    NewClaim(String),
}

/// State of an open stance form.
pub struct StanceForm {
    /// The stance being edited, if not a new one.
    pub editing: Option<StanceId>,
    /// Evidence (empty: document level).
    pub evidence: Vec<Evidence>,
    /// The quotation the stance rests on, when made from one.
    pub quotation: Option<QuotationId>,
    /// Holder.
    pub holder: Holder,
    /// Holder search text.
    pub holder_query: String,
    /// Target.
    pub target: FormTarget,
    /// Target search text.
    pub target_query: String,
    /// Polarity name.
    pub polarity: Option<String>,
    /// Intensity.
    pub intensity: Option<Intensity>,
    /// Reported as.
    pub reported_as: Option<ReportedAs>,
    /// Note.
    pub note: String,
    /// The outlet of the shown document (names the author holder).
    pub outlet: String,
    /// A message about what is missing.
    pub message: Option<String>,
    /// The highlighted row of the holder list (Up and Down move it).
    pub holder_row: usize,
    /// The highlighted row of the target list.
    pub target_row: usize,
    focus_pending: bool,
}

impl StanceForm {
    /// A form for a new stance with `evidence` (empty: document level).
    #[must_use]
    pub fn new(evidence: Vec<Evidence>, holder: Holder, outlet: String) -> Self {
        Self {
            editing: None,
            evidence,
            quotation: None,
            holder,
            holder_query: String::new(),
            target: FormTarget::None,
            target_query: String::new(),
            polarity: None,
            intensity: None,
            reported_as: None,
            note: String::new(),
            outlet,
            message: None,
            holder_row: 0,
            target_row: 0,
            focus_pending: true,
        }
    }

    /// A form editing `stance`.
    #[must_use]
    pub fn edit(stance: &Stance, outlet: String) -> Self {
        Self {
            editing: Some(stance.id),
            evidence: stance.evidence.clone(),
            quotation: stance.quotation,
            holder: stance.holder.clone(),
            holder_query: String::new(),
            target: FormTarget::Chosen(stance.target.clone()),
            target_query: String::new(),
            polarity: Some(stance.polarity.clone()),
            intensity: stance.intensity,
            reported_as: stance.reported_as,
            note: stance.note.clone(),
            outlet,
            message: None,
            holder_row: 0,
            target_row: 0,
            focus_pending: false,
        }
    }

    /// The stance the form describes, if complete. A new claim must be
    /// created first; its id is passed in.
    fn stance(&self, new_claim: Option<ClaimId>) -> Option<Stance> {
        let target = match (&self.target, new_claim) {
            (FormTarget::Chosen(t), _) => t.clone(),
            (FormTarget::NewClaim(_), Some(id)) => Target::Claim(id),
            _ => return None,
        };
        let mut stance = Stance::new(
            self.editing.unwrap_or(StanceId(0)),
            self.holder.clone(),
            target,
            self.polarity.clone()?,
            self.evidence.clone(),
        );
        stance.level = if self.evidence.is_empty() {
            Level::Document
        } else {
            Level::Span
        };
        stance.intensity = self.intensity;
        stance.reported_as = self.reported_as;
        stance.note = self.note.trim().to_owned();
        stance.quotation = self.quotation;
        Some(stance)
    }
}

/// Target choices for the query: entities, claims, a new claim, a topic.
fn target_choices(project: &Project, query: &str) -> Vec<(FormTarget, String)> {
    let mut out: Vec<(FormTarget, String)> = Vec::new();
    let claims = crate::ui::fuzzy::rank_claims(project, query);
    for c in claims.into_iter().take(MAX_ROWS) {
        out.push((
            FormTarget::Chosen(Target::Claim(c.id)),
            format!("claim: “{}”", c.text),
        ));
    }
    for e in rank_entities(project, query).into_iter().take(MAX_ROWS) {
        out.push((
            FormTarget::Chosen(Target::Entity(e.id)),
            format!("entity: {} ({})", e.name, e.label),
        ));
    }
    if !query.trim().is_empty() {
        out.push((
            FormTarget::NewClaim(query.trim().to_owned()),
            format!("➕ New claim “{}”", query.trim()),
        ));
        out.push((
            FormTarget::Chosen(Target::Topic(query.trim().to_owned())),
            format!("topic: {}", query.trim()),
        ));
    }
    out
}

/// Holder choices for the query, best match first: the entities it matches,
/// and the article's author (first only when the query names the author).
fn holder_choices(project: &Project, query: &str, outlet: &str) -> Vec<(Holder, String)> {
    let author = (Holder::Author, project.holder_name(&Holder::Author, outlet));
    let mut out: Vec<(Holder, String)> = rank_entities(project, query)
        .into_iter()
        .take(MAX_ROWS)
        .map(|e| (Holder::Entity(e.id), format!("{} ({})", e.name, e.label)))
        .collect();
    let q = query.trim().to_lowercase();
    let names_author =
        !q.is_empty() && ("author".contains(&q) || author.1.to_lowercase().contains(&q));
    if names_author {
        out.insert(0, author);
    } else {
        out.push(author);
    }
    out
}

/// Up and Down move the highlighted row of a list under a focused field
/// (keys taken from the field, which has no use for them).
fn move_row(ui: &Ui, field: egui::Id, row: &mut usize, rows: usize) {
    if !ui.memory(|m| m.has_focus(field)) || rows == 0 {
        return;
    }
    let (down, up) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
        )
    });
    if down {
        *row = (*row + 1).min(rows - 1);
    }
    if up {
        *row = row.saturating_sub(1);
    }
    *row = (*row).min(rows - 1);
}

/// Draws the form; returns false when it should close.
pub fn stance_form_ui(
    ctx: &Context,
    form: &mut StanceForm,
    project: &Project,
    out: &mut Vec<Command>,
) -> bool {
    let typing = ctx.egui_wants_keyboard_input();
    let (enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if !typing {
        for p in &project.schema.polarities {
            let pressed = p
                .key
                .and_then(key_for_digit)
                .is_some_and(|k| ctx.input(|i| i.key_pressed(k)));
            if pressed {
                form.polarity = Some(p.name.clone());
            }
        }
    }
    let mut open = !escape;
    let mut submit = false;
    let mut cancel = false;
    let title = if form.editing.is_some() {
        "Edit stance"
    } else {
        "New stance"
    };
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_pos([320.0, 90.0])
        .show(ctx, |ui| {
            evidence_ui(ui, form);
            ui.separator();
            holder_ui(ui, form, project, enter && typing);
            ui.separator();
            target_ui(ui, form, project, enter && typing);
            ui.separator();
            polarity_ui(ui, form, project);
            ui.horizontal(|ui| {
                ui.label("Intensity");
                let combo = egui::ComboBox::from_id_salt("stance-intensity")
                    .selected_text(form.intensity.map_or("–", Intensity::label))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut form.intensity, None, "–");
                        for i in Intensity::ALL {
                            ui.selectable_value(&mut form.intensity, Some(i), i.label());
                        }
                    });
                combo.response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Intensity")
                });
                ui.label("Reported as");
                let combo = egui::ComboBox::from_id_salt("stance-reported")
                    .selected_text(form.reported_as.map_or("–", ReportedAs::label))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut form.reported_as, None, "–");
                        for r in ReportedAs::ALL {
                            ui.selectable_value(&mut form.reported_as, Some(r), r.label());
                        }
                    });
                combo.response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Reported as")
                });
            });
            let note = ui.add(
                egui::TextEdit::singleline(&mut form.note)
                    .hint_text("note (optional)")
                    .desired_width(380.0),
            );
            note.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Stance note")
            });
            if let Some(m) = &form.message {
                ui.colored_label(ui.visuals().warn_fg_color, m);
            }
            ui.horizontal(|ui| {
                let label = if form.editing.is_some() {
                    "Save stance"
                } else {
                    "Create stance"
                };
                if ui.button(label).on_hover_text("Enter").clicked() {
                    submit = true;
                }
                if ui.button("Cancel").on_hover_text("Esc").clicked() {
                    cancel = true;
                }
            });
        });
    if cancel {
        return false;
    }
    if submit || (enter && !typing) {
        match finish(form, project, out) {
            Ok(()) => return false,
            Err(m) => form.message = Some(m),
        }
    }
    open
}

fn finish(form: &StanceForm, project: &Project, out: &mut Vec<Command>) -> Result<(), String> {
    if form.target == FormTarget::None {
        return Err("Choose a target: type in the target field and pick an entity, a claim, a new claim or a topic.".to_owned());
    }
    if form.polarity.is_none() {
        let keys: Vec<String> = project
            .schema
            .polarities
            .iter()
            .map(|p| format!("{} {}", p.key.map(String::from).unwrap_or_default(), p.name))
            .collect();
        return Err(format!("Choose a polarity ({}).", keys.join(", ")));
    }
    let new_claim = match &form.target {
        FormTarget::NewClaim(text) => {
            out.push(Command::NewClaim(text.clone()));
            Some(project.next_claim_id())
        }
        _ => None,
    };
    let stance = form.stance(new_claim).ok_or("the stance is incomplete")?;
    out.push(if form.editing.is_some() {
        Command::UpdateStance(stance)
    } else {
        Command::CreateStance(stance)
    });
    Ok(())
}

fn evidence_ui(ui: &mut Ui, form: &StanceForm) {
    if form.evidence.is_empty() {
        ui.label("Level: the whole document");
        return;
    }
    match form.quotation {
        Some(q) => ui.label(format!("Evidence: the words of quotation {q}")),
        None => ui.label("Evidence:"),
    };
    for e in &form.evidence {
        let text: String = e.quote.exact.chars().take(160).collect();
        ui.label(RichText::new(format!("“{text}”")).italics());
    }
}

fn holder_ui(ui: &mut Ui, form: &mut StanceForm, project: &Project, enter_in_field: bool) {
    ui.horizontal(|ui| {
        ui.label("Holder:");
        ui.strong(project.holder_name(&form.holder, &form.outlet));
    });
    let id = ui.make_persistent_id("stance-holder-field");
    let choices = if form.holder_query.trim().is_empty() {
        Vec::new()
    } else {
        holder_choices(project, &form.holder_query, &form.outlet)
    };
    move_row(ui, id, &mut form.holder_row, choices.len());
    let before = form.holder_query.clone();
    let field = ui.add(
        egui::TextEdit::singleline(&mut form.holder_query)
            .id(id)
            .hint_text("change holder: type a name, Up/Down, Enter")
            .desired_width(380.0),
    );
    field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find holder"));
    if form.holder_query != before {
        form.holder_row = 0;
    }
    if enter_in_field
        && field.has_focus()
        && let Some((holder, _)) = choices.get(form.holder_row)
    {
        form.holder = holder.clone();
        form.holder_query.clear();
        form.holder_row = 0;
        return;
    }
    for (row, (holder, label)) in choices.into_iter().enumerate() {
        if ui.selectable_label(row == form.holder_row, label).clicked() {
            form.holder = holder;
            form.holder_query.clear();
            form.holder_row = 0;
        }
    }
}

fn target_ui(ui: &mut Ui, form: &mut StanceForm, project: &Project, enter_in_field: bool) {
    ui.horizontal(|ui| {
        ui.label("Target:");
        match &form.target {
            FormTarget::None => {
                ui.weak("not chosen");
            }
            FormTarget::Chosen(t) => {
                ui.strong(project.target_name(t));
            }
            FormTarget::NewClaim(text) => {
                ui.strong(format!("new claim “{text}”"));
            }
        }
    });
    let id = ui.make_persistent_id("stance-target-field");
    let choices = target_choices(project, &form.target_query);
    move_row(ui, id, &mut form.target_row, choices.len());
    let before = form.target_query.clone();
    let field = ui.add(
        egui::TextEdit::singleline(&mut form.target_query)
            .id(id)
            .hint_text("an entity, a claim, or a topic")
            .desired_width(380.0),
    );
    field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find target"));
    if form.target_query != before {
        form.target_row = 0;
    }
    if form.focus_pending {
        field.request_focus();
        form.focus_pending = false;
    }
    if enter_in_field
        && field.has_focus()
        && let Some((t, _)) = choices.get(form.target_row)
    {
        form.target = t.clone();
        form.target_query.clear();
        form.target_row = 0;
        field.surrender_focus();
        return;
    }
    for (row, (target, label)) in choices.into_iter().enumerate() {
        let highlighted = row == form.target_row && !form.target_query.trim().is_empty();
        if ui
            .selectable_label(highlighted || target == form.target, label)
            .clicked()
        {
            form.target = target;
            form.target_query.clear();
            form.target_row = 0;
        }
    }
}

fn polarity_ui(ui: &mut Ui, form: &mut StanceForm, project: &Project) {
    ui.horizontal(|ui| {
        ui.label("Polarity:");
        for p in &project.schema.polarities {
            let key = p.key.map(|k| format!("{k} ")).unwrap_or_default();
            let chosen = form.polarity.as_deref() == Some(p.name.as_str());
            let text = RichText::new(format!("{key}{}", p.name)).color(if chosen {
                Color32::BLACK
            } else {
                ui.visuals().text_color()
            });
            let mut button = egui::Button::new(text).selected(chosen);
            if chosen {
                button = button.fill(Color32::from_rgb(p.color.0, p.color.1, p.color.2));
            }
            if ui.add(button).on_hover_text(&p.description).clicked() {
                form.polarity = Some(p.name.clone());
            }
        }
    });
}

fn key_for_digit(c: char) -> Option<Key> {
    crate::ui::command::TYPE_KEYS
        .iter()
        .find(|(_, d)| *d == c)
        .map(|(k, _)| *k)
}

impl crate::ui::windows::AppWindow for StanceForm {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::StanceForm
    }

    fn takes_keys(&self) -> bool {
        true
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
        stance_form_ui(ctx, self, &session.project, out)
    }
}
