//! A window listing lines of a report (skipped files, problems).

use egui::Context;

/// Draws a report window titled `title` with `intro` and one line per item;
/// returns false when closed.
pub fn report_window_ui(ctx: &Context, title: &str, intro: &str, lines: &[String]) -> bool {
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .default_width(520.0)
        .default_pos([320.0, 120.0])
        .show(ctx, |ui| {
            ui.label(intro);
            ui.separator();
            if lines.is_empty() {
                ui.weak("Nothing to report.");
            }
            // Only the rows in view are laid out (a report may be long).
            let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
            egui::ScrollArea::vertical().max_height(360.0).show_rows(
                ui,
                row,
                lines.len(),
                |ui, rows| {
                    for line in &lines[rows] {
                        ui.add(egui::Label::new(line).truncate());
                    }
                },
            );
        });
    open
}

/// A report window: skipped files, problems, or the report of an import.
pub struct ReportWindow {
    /// Which report (one window of each).
    pub kind: crate::ui::windows::WindowKind,
    /// Title.
    pub title: String,
    /// What the lines are.
    pub intro: String,
    /// One line per item.
    pub lines: Vec<String>,
}

impl crate::ui::windows::AppWindow for ReportWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        self.kind
    }

    fn show(
        &mut self,
        ctx: &Context,
        cx: &crate::ui::windows::WindowCx<'_>,
        _out: &mut Vec<crate::ui::command::Command>,
    ) -> bool {
        if self.kind != crate::ui::windows::WindowKind::Problems {
            return report_window_ui(ctx, &self.title, &self.intro, &self.lines);
        }
        // The project's merge conflicts as they stand now (settling one in
        // Merge conflicts, or undoing that, shows here at once); the other
        // problems as found when the project was opened.
        let mut lines: Vec<String> = cx
            .session
            .map(|s| {
                s.project
                    .conflicts
                    .iter()
                    .enumerate()
                    .map(|(index, c)| {
                        crate::model::check::Problem::MergeConflict {
                            index,
                            description: c.describe(),
                        }
                        .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default();
        lines.extend(self.lines.iter().cloned());
        report_window_ui(ctx, &self.title, &self.intro, &lines)
    }
}
