//! The document list: title, date, mention count and status of each document.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Align2, FontId, Role, Sense, TextStyle, Ui, Vec2, WidgetInfo};

use crate::model::DocStatus;
use crate::ui::command::Command;
use crate::ui::session::Session;

/// Draws the list (virtualised: only visible rows are laid out).
pub fn document_list_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Command>) {
    ui.heading("Documents");
    let done = session.done_count;
    ui.label(format!(
        "{} documents, {done} done",
        session.corpus.documents.len()
    ));
    ui.separator();
    let body = ui.text_style_height(&TextStyle::Body);
    let row_height = body * 2.0 + 10.0;
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .auto_shrink([false, false])
        .show_rows(
            ui,
            row_height,
            session.corpus.documents.len(),
            |ui, rows| {
                for i in rows {
                    let doc = &session.corpus.documents[i];
                    let entry = session.project.documents.get(&doc.path);
                    let status = entry.map_or(DocStatus::Todo, |e| e.status);
                    let count = entry.map_or(0, |e| e.mentions.len());
                    let changed = session.is_read_only(&doc.path);
                    let selected = i == session.current;
                    let (rect, response) = ui.allocate_exact_size(
                        Vec2::new(ui.available_width(), row_height),
                        Sense::click(),
                    );
                    let title = if doc.title.is_empty() {
                        doc.path.clone()
                    } else {
                        doc.title.clone()
                    };
                    response.widget_info(|| {
                        WidgetInfo::selected(Role::ListBoxOption, true, selected, &title)
                    });
                    let visuals = ui.style().interact_selectable(&response, selected);
                    if selected || response.hovered() {
                        ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
                    }
                    let icon = match status {
                        DocStatus::Todo => "○",
                        DocStatus::InProgress => "◑",
                        DocStatus::Done => "✔",
                    };
                    let mut job = LayoutJob::simple_singleline(
                        format!("{icon} {title}"),
                        FontId::proportional(body),
                        visuals.text_color(),
                    );
                    job.wrap = TextWrapping::truncate_at_width(rect.width() - 8.0);
                    let galley = ui.fonts_mut(|f| f.layout_job(job));
                    ui.painter().galley(
                        rect.left_top() + Vec2::new(4.0, 4.0),
                        galley,
                        visuals.text_color(),
                    );
                    let stances = entry.map_or(0, |e| e.stances.len());
                    let mut second = format!(
                        "{} · {count} mention{} · {stances} stance{}",
                        doc.date.as_deref().unwrap_or("no date"),
                        if count == 1 { "" } else { "s" },
                        if stances == 1 { "" } else { "s" },
                    );
                    if changed {
                        second.push_str(" · ⚠ text changed");
                    }
                    ui.painter().text(
                        rect.left_top() + Vec2::new(20.0, body + 6.0),
                        Align2::LEFT_TOP,
                        second,
                        FontId::proportional(body * 0.85),
                        if changed {
                            ui.visuals().warn_fg_color
                        } else {
                            ui.visuals().weak_text_color()
                        },
                    );
                    if response.clicked() {
                        out.push(Command::ShowDocument(i));
                    }
                    let stances = entry.map_or(0, |e| e.stances.len());
                    response.on_hover_text(format!(
                        "{} · {count} mention(s) · {stances} stance(s) · {}",
                        doc.path,
                        status.label()
                    ));
                }
            },
        );
}
