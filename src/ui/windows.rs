//! The app's floating windows and prompts: one trait each window implements
//! (in its own file under `views/`), and the registry that opens, draws and
//! closes them, so the app's field list does not grow with every window.
//!
//! Windows only read what [`WindowCx`] lends them and push
//! [`Command`]s; the app applies those commands in one place. A **modal**
//! window (recovery, quit) guards data: while one is open, only its own
//! commands are kept, and the app takes no keys, runs no timers and writes
//! nothing (see `StancemarkApp::blocked_by_modal`).

use std::any::Any;

use egui::Context;

use super::command::Command;
use super::session::Session;

/// Which window: at most one of each kind is open at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WindowKind {
    /// Open corpus / open project / Save As / gazetteer path.
    Path,
    /// Keyboard help.
    Help,
    /// Command palette.
    Palette,
    /// Schema editor.
    Schema,
    /// Files skipped when the corpus was read.
    Skipped,
    /// Problems found when the project was opened.
    Problems,
    /// A report (import, gazetteer).
    Report,
    /// Entity picker.
    EntityPicker,
    /// Statistics.
    Statistics,
    /// Corpus search.
    Search,
    /// Annotate all occurrences.
    Propagation,
    /// Stance form.
    StanceForm,
    /// Quotation form.
    QuotationForm,
    /// Corpus stance overview.
    Overview,
    /// Who is quoted: speakers × outlets.
    Quoted,
    /// The same passage elsewhere, and the corpus's repeats.
    SamePassage,
    /// Running a model command.
    Model,
    /// Export.
    Export,
    /// Import.
    Import,
    /// Which saves to review.
    ReviewPicker,
    /// Review of colleagues' saves.
    Review,
    /// The lead's team dashboard.
    TeamDashboard,
    /// Merge conflicts to settle.
    Conflicts,
    /// Coding the document's codebook by keyboard.
    CodebookForm,
    /// The codebook cross-tabulated.
    CodebookOverview,
    /// Offer of unsaved work found after a crash (modal).
    Recovery,
    /// Quitting with unsaved work (modal).
    QuitPrompt,
    /// "Mark done?" with required codebook variables empty.
    DonePrompt,
}

/// What a window may read while it draws.
pub struct WindowCx<'a> {
    /// The open corpus and project, if any.
    pub session: Option<&'a Session>,
}

/// A floating window or prompt.
pub trait AppWindow: Any {
    /// Which window this is.
    fn kind(&self) -> WindowKind;

    /// A modal window blocks every other input, the timers and every write
    /// until it closes.
    fn is_modal(&self) -> bool {
        false
    }

    /// The window takes the article's single keys (letters, digits, arrows,
    /// Enter) while it is open.
    fn takes_keys(&self) -> bool {
        false
    }

    /// Draws the window and pushes what the user asked for; returns `false`
    /// once it is closed.
    fn show(&mut self, ctx: &Context, cx: &WindowCx<'_>, out: &mut Vec<Command>) -> bool;
}

/// The open windows, in the order they were opened.
#[derive(Default)]
pub struct Windows {
    open: Vec<Box<dyn AppWindow>>,
    opened: u64,
}

impl Windows {
    /// Opens `window`, replacing an open window of the same kind.
    pub fn open(&mut self, window: impl AppWindow) {
        let kind = window.kind();
        self.opened += 1;
        let boxed: Box<dyn AppWindow> = Box::new(window);
        match self.open.iter().position(|w| w.kind() == kind) {
            Some(i) => self.open[i] = boxed,
            None => self.open.push(boxed),
        }
    }

    /// How many times a window was opened: changes whenever one opens.
    #[must_use]
    pub fn opened_count(&self) -> u64 {
        self.opened
    }

    /// Closes the window of `kind`, if open.
    pub fn close(&mut self, kind: WindowKind) {
        self.open.retain(|w| w.kind() != kind);
    }

    /// True when a window of `kind` is open.
    #[must_use]
    pub fn is_open(&self, kind: WindowKind) -> bool {
        self.open.iter().any(|w| w.kind() == kind)
    }

    /// The open window of type `T`, if any.
    #[must_use]
    pub fn get<T: AppWindow>(&self) -> Option<&T> {
        self.open.iter().find_map(|w| {
            let any: &dyn Any = w.as_ref();
            any.downcast_ref::<T>()
        })
    }

    /// The open window of type `T`, if any, to change.
    pub fn get_mut<T: AppWindow>(&mut self) -> Option<&mut T> {
        self.open.iter_mut().find_map(|w| {
            let any: &mut dyn Any = w.as_mut();
            any.downcast_mut::<T>()
        })
    }

    /// Closes the window of type `T` and hands it over.
    pub fn take<T: AppWindow>(&mut self) -> Option<T> {
        let i = self.open.iter().position(|w| {
            let any: &dyn Any = w.as_ref();
            any.is::<T>()
        })?;
        let any: Box<dyn Any> = self.open.remove(i);
        any.downcast::<T>().ok().map(|b| *b)
    }

    /// The kind of the modal window that is open, if any.
    #[must_use]
    pub fn modal(&self) -> Option<WindowKind> {
        self.open.iter().find(|w| w.is_modal()).map(|w| w.kind())
    }

    /// True when an open window takes the article's single keys.
    #[must_use]
    pub fn takes_keys(&self) -> bool {
        self.open.iter().any(|w| w.takes_keys())
    }

    /// Draws every open window and drops those that closed. While a modal
    /// window is open, what the others push is discarded (egui's modal layer
    /// already keeps the pointer from them).
    pub fn show(&mut self, ctx: &Context, cx: &WindowCx<'_>, out: &mut Vec<Command>) {
        let modal = self.open.iter().position(|w| w.is_modal());
        let mut closed = Vec::new();
        for (i, window) in self.open.iter_mut().enumerate() {
            let mut pushed = Vec::new();
            if !window.show(ctx, cx, &mut pushed) {
                closed.push(i);
            }
            if modal.is_none_or(|m| m == i) {
                out.append(&mut pushed);
            }
        }
        for i in closed.into_iter().rev() {
            self.open.remove(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Plain(WindowKind, bool);
    impl AppWindow for Plain {
        fn kind(&self) -> WindowKind {
            self.0
        }
        fn is_modal(&self) -> bool {
            self.1
        }
        fn show(&mut self, _: &Context, _: &WindowCx<'_>, out: &mut Vec<Command>) -> bool {
            out.push(Command::ShowHelp);
            true
        }
    }

    #[test]
    fn one_window_per_kind_and_a_modal_silences_the_others() {
        let mut windows = Windows::default();
        windows.open(Plain(WindowKind::Help, false));
        windows.open(Plain(WindowKind::Help, false));
        windows.open(Plain(WindowKind::Search, false));
        assert_eq!(windows.open.len(), 2);
        let ctx = Context::default();
        let cx = WindowCx { session: None };
        let mut out = Vec::new();
        let frame = |windows: &mut Windows, out: &mut Vec<Command>| {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                windows.show(ui.ctx(), &cx, out);
            });
            output.textures_delta.clear();
        };
        frame(&mut windows, &mut out);
        assert_eq!(out.len(), 2, "both windows speak");
        windows.open(Plain(WindowKind::Recovery, true));
        assert_eq!(windows.modal(), Some(WindowKind::Recovery));
        out.clear();
        frame(&mut windows, &mut out);
        assert_eq!(out.len(), 1, "only the modal window speaks: {out:?}");
        assert!(windows.take::<Plain>().is_some());
        windows.close(WindowKind::Search);
        windows.close(WindowKind::Recovery);
        assert!(windows.modal().is_none());
    }
}
