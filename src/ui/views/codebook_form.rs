//! Coding the shown document's codebook by keyboard (**K**, or the
//! palette's "Code this document…"): the variables that apply, one
//! highlighted; **Up**/**Down** move between them, a digit picks a value (a
//! single choice's or a scale's point; toggles a multiple choice's), **0**
//! clears, and for a number or a text the field takes the typing and
//! **Enter** keeps it; **Esc** closes. Every change is one undoable edit.

use egui::{Context, Key, RichText};

use crate::model::codebook::{Code, Num, Variable, VariableKind, applies};
use crate::ui::command::Command;

/// State of the form.
#[derive(Default)]
pub struct CodebookForm {
    /// The highlighted variable, by name.
    pub at: Option<String>,
    /// What is typed for a number or a text.
    pub typed: String,
    /// Why the typed value was refused, if it was.
    pub message: Option<String>,
}

const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// One line describing `v`'s value in `code`.
#[must_use]
pub fn value_text(v: &Variable, code: Option<&Code>) -> String {
    let Some(code) = code else {
        return "—".to_owned();
    };
    match (&v.kind, code) {
        (VariableKind::Scale(points), Code::Scale(p)) => {
            let label = usize::try_from(*p)
                .ok()
                .and_then(|p| points.get(p.wrapping_sub(1)))
                .cloned()
                .unwrap_or_default();
            format!("{p} {label}")
        }
        (_, Code::Choices(set)) => set.iter().cloned().collect::<Vec<_>>().join(", "),
        (_, c) => c.display(),
    }
}

/// The values a digit picks, in order, with their keys.
fn options(v: &Variable) -> Vec<String> {
    match &v.kind {
        VariableKind::Single(values) | VariableKind::Multiple(values) => values
            .iter()
            .map(|c| {
                if c.label.is_empty() {
                    c.name.clone()
                } else {
                    c.label.clone()
                }
            })
            .collect(),
        VariableKind::Scale(points) => points.clone(),
        _ => Vec::new(),
    }
}

/// The code a digit `k` (1-based) gives `v`, from the current `code`.
fn picked(v: &Variable, code: Option<&Code>, k: usize) -> Option<Code> {
    match &v.kind {
        VariableKind::Single(values) => values.get(k - 1).map(|c| Code::Choice(c.name.clone())),
        VariableKind::Scale(points) => {
            (k <= points.len()).then(|| Code::Scale(u32::try_from(k).unwrap_or(0)))
        }
        VariableKind::Multiple(values) => {
            let name = values.get(k - 1)?.name.clone();
            let mut set = match code {
                Some(Code::Choices(s)) => s.clone(),
                _ => std::collections::BTreeSet::new(),
            };
            if !set.remove(&name) {
                set.insert(name);
            }
            Some(Code::Choices(set))
        }
        _ => None,
    }
}

impl crate::ui::windows::AppWindow for CodebookForm {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::CodebookForm
    }

    fn takes_keys(&self) -> bool {
        true
    }

    #[allow(clippy::too_many_lines)]
    fn show(
        &mut self,
        ctx: &Context,
        cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        let Some(session) = cx.session else {
            return false;
        };
        let (Some(path), Some(entry)) = (
            session.document_path(),
            session
                .document_path()
                .and_then(|p| session.project.documents.get(p)),
        ) else {
            return false;
        };
        let vars = &session.project.schema.variables;
        let shown: Vec<&Variable> = vars
            .iter()
            .filter(|v| applies(vars, &entry.codes, v))
            .collect();
        if shown.is_empty() {
            self.at = None;
        }
        let mut at = self
            .at
            .as_ref()
            .and_then(|n| shown.iter().position(|v| &v.name == n))
            .unwrap_or(0);
        let typing_field = shown
            .get(at)
            .is_some_and(|v| matches!(v.kind, VariableKind::Number { .. } | VariableKind::Text));
        let mut open = true;
        let mut close = false;
        let set = |out: &mut Vec<Command>, v: &Variable, value: Option<Code>| {
            out.push(Command::SetCode {
                doc: path.to_owned(),
                variable: v.name.clone(),
                value,
            });
        };
        ctx.input(|i| {
            if i.key_pressed(Key::Escape) {
                close = true;
            }
            if i.key_pressed(Key::ArrowDown) && at + 1 < shown.len() {
                at += 1;
            }
            if i.key_pressed(Key::ArrowUp) && at > 0 {
                at -= 1;
            }
        });
        if let Some(v) = shown.get(at).copied()
            && !typing_field
        {
            let code = entry.codes.get(&v.name);
            ctx.input(|i| {
                for (k, key) in DIGITS.iter().enumerate() {
                    if i.key_pressed(*key)
                        && let Some(value) = picked(v, code, k + 1)
                    {
                        set(out, v, Some(value));
                    }
                }
                if i.key_pressed(Key::Num0) {
                    set(out, v, None);
                }
            });
        }
        let new_at = shown.get(at).map(|v| v.name.clone());
        if new_at != self.at {
            self.typed = shown
                .get(at)
                .and_then(|v| entry.codes.get(&v.name))
                .map(Code::display)
                .unwrap_or_default();
            self.message = None;
        }
        self.at = new_at;
        egui::Window::new("Code this document")
            .open(&mut open)
            .default_pos([300.0, 120.0])
            .show(ctx, |ui| {
                if shown.is_empty() {
                    ui.label("The schema has no codebook variable that applies here (Project › Schema… defines them).");
                    return;
                }
                ui.weak("Up/Down: variable · digit: value · 0: clear · Enter keeps a number or text · Esc: close");
                for (i, v) in shown.iter().enumerate() {
                    let here = i == at;
                    let code = entry.codes.get(&v.name);
                    let star = if v.required { " *" } else { "" };
                    let head = format!("{}{star}: {}", v.name, value_text(v, code));
                    let text = if here { RichText::new(format!("▶ {head}")).strong() } else { RichText::new(format!("  {head}")) };
                    ui.label(text).on_hover_text(&v.description);
                    if !here {
                        continue;
                    }
                    let opts = options(v);
                    if !opts.is_empty() {
                        ui.horizontal_wrapped(|ui| {
                            for (k, o) in opts.iter().enumerate().take(9) {
                                ui.weak(format!("{} {o}", k + 1));
                            }
                        });
                    }
                    if matches!(v.kind, VariableKind::Number { .. } | VariableKind::Text) {
                        let field = ui.add(egui::TextEdit::singleline(&mut self.typed).desired_width(320.0));
                        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("Value of {}", v.name)));
                        if !field.has_focus() && !field.lost_focus() {
                            field.request_focus();
                        }
                        let enter = ui.input(|i| i.key_pressed(Key::Enter));
                        if enter {
                            let text = self.typed.trim();
                            let value = if text.is_empty() {
                                Ok(None)
                            } else if matches!(v.kind, VariableKind::Text) {
                                Ok(Some(Code::Text(text.to_owned())))
                            } else {
                                text.replace(',', ".")
                                    .parse::<f64>()
                                    .map(|n| Some(Code::Number(Num(n))))
                                    .map_err(|_| format!("{text:?} is not a number"))
                            };
                            match value {
                                Ok(value) => {
                                    self.message = None;
                                    set(out, v, value);
                                    // On to the next variable.
                                    if let Some(next) = shown.get(i + 1) {
                                        self.at = Some(next.name.clone());
                                        self.typed = entry.codes.get(&next.name).map(Code::display).unwrap_or_default();
                                    }
                                }
                                Err(e) => self.message = Some(e),
                            }
                        }
                        if ui.input(|i| i.key_pressed(Key::ArrowDown) || i.key_pressed(Key::ArrowUp)) {
                            field.surrender_focus();
                        }
                    }
                    if let Some(m) = &self.message {
                        ui.colored_label(ui.visuals().warn_fg_color, m);
                    }
                }
            });
        open && !close
    }
}
