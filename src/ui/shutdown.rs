//! Termination signals (SIGTERM from `kill` or a shutting-down session,
//! SIGHUP when the terminal goes, SIGINT from Ctrl+C) close the app like its
//! close button: the work is saved first, and whatever cannot be saved stays
//! in the recovery file.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A request to close, set by a signal (or by a test).
#[derive(Clone, Debug, Default)]
pub struct ShutdownSignal {
    flag: Arc<AtomicBool>,
}

impl ShutdownSignal {
    /// Starts listening for SIGTERM, SIGHUP and SIGINT on a thread of its
    /// own; each one sets the request and wakes the window.
    ///
    /// # Errors
    /// When the handlers cannot be installed.
    #[cfg(unix)]
    pub fn listen(&self, ctx: egui::Context) -> std::io::Result<()> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let flag = Arc::clone(&self.flag);
        std::thread::Builder::new()
            .name("stancemark-signals".to_owned())
            .spawn(move || {
                for _ in signals.forever() {
                    flag.store(true, Ordering::SeqCst);
                    ctx.request_repaint();
                }
            })?;
        Ok(())
    }

    /// Signals are not caught on this platform.
    ///
    /// # Errors
    /// Never.
    #[cfg(not(unix))]
    pub fn listen(&self, _ctx: egui::Context) -> std::io::Result<()> {
        Ok(())
    }

    /// Asks the app to close (what a signal does).
    pub fn request(&self) {
        self.flag.store(true, Ordering::SeqCst);
    }

    /// True once closing was asked for.
    #[must_use]
    pub fn requested(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}
