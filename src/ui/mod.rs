//! The egui views. Views draw and enqueue [`command::Command`]s; only
//! [`app::StancemarkApp::run_command`] changes state.

pub mod actions;
pub mod app;
pub mod command;
pub mod file_dialog;
pub mod fonts;
pub mod fuzzy;
pub mod guide;
pub mod input;
pub mod loader;
pub mod preferences;
pub mod session;
pub mod shutdown;
pub mod views;
pub mod widgets;
pub mod windows;
pub mod write_job;

pub use crate::model::wording::plural;
pub use app::{StancemarkApp, StartOptions};

/// Opens the main window and runs until it closes.
///
/// # Errors
/// When the window cannot be created (no display, no OpenGL).
pub fn run_gui(options: StartOptions) -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Stancemark")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Stancemark",
        native,
        Box::new(move |cc| {
            // SIGTERM and friends close the window like its close button.
            if let Err(e) = options.shutdown.listen(cc.egui_ctx.clone()) {
                eprintln!("stancemark: termination signals will not save first: {e}");
            }
            Ok(Box::new(StancemarkApp::new(cc, options)))
        }),
    )
}
