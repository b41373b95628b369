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
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for line in lines {
                        ui.label(line);
                    }
                });
        });
    open
}
