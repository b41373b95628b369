//! Image snapshots of the main window on the sample corpus, light and dark,
//! with mentions (type chips, a linked entity) and a stance: reviewed by eye
//! and kept in `tests/snapshots/`. Rendered by wgpu on Mesa's software
//! renderer; `UPDATE_SNAPSHOTS=1 cargo test --test ui_snapshots` rewrites them.

mod common;

use common::{options, wait_loaded};
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::ui::StancemarkApp;

fn press(harness: &mut Harness<'_, StancemarkApp>, modifiers: Modifiers, key: Key, times: usize) {
    for _ in 0..times {
        harness.key_press_modifiers(modifiers, key);
        harness.run_ok();
    }
}

fn annotated(theme: egui::ThemePreference) -> Harness<'static, StancemarkApp> {
    let dir = tempfile::tempdir().expect("tempdir").keep();
    let options = options(&dir.join("saves"));
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1040.0, 600.0))
        .wgpu()
        .build_eframe(move |cc| StancemarkApp::new(cc, options));
    wait_loaded(&mut harness);
    harness.ctx.set_theme(theme);
    let none = Modifiers::NONE;
    let shift = Modifiers::SHIFT;
    // The keyboard flow of `ui_keyboard.rs`: two mentions, an entity, a stance.
    press(&mut harness, none, Key::ArrowDown, 2);
    press(&mut harness, none, Key::ArrowRight, 5);
    press(&mut harness, shift, Key::ArrowRight, 1);
    press(&mut harness, none, Key::Num2, 1);
    press(&mut harness, none, Key::ArrowRight, 1);
    press(&mut harness, shift, Key::ArrowRight, 1);
    press(&mut harness, none, Key::Num1, 1);
    press(&mut harness, none, Key::N, 1);
    press(&mut harness, none, Key::ArrowDown, 1);
    press(&mut harness, none, Key::S, 1);
    harness
        .get_by_label("Find target")
        .type_text("The spill came from Norvik's tanks");
    harness.run_ok();
    press(&mut harness, none, Key::Enter, 1);
    press(&mut harness, none, Key::Num2, 1);
    press(&mut harness, none, Key::Enter, 1);
    press(&mut harness, shift, Key::Tab, 1);
    harness
}

#[test]
fn main_window_light() {
    let mut harness = annotated(egui::ThemePreference::Light);
    harness.snapshot("main_window_light");
}

#[test]
fn main_window_dark() {
    let mut harness = annotated(egui::ThemePreference::Dark);
    harness.snapshot("main_window_dark");
}
