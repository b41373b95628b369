//! Comfort and first run: themes, zoom and type chips from the View menu,
//! recent projects and the last project remembered, the welcome window.

mod common;

use common::{app, options, save_now, wait_loaded};
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::ui::preferences::Preferences;
use stancemark::ui::{StancemarkApp, StartOptions};

fn app_with(options: StartOptions, preferences: Preferences) -> Harness<'static, StancemarkApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .build_eframe(move |cc| StancemarkApp::with_preferences(cc, options, preferences));
    wait_loaded(&mut harness);
    harness
}

fn click_menu(harness: &mut Harness<'_, StancemarkApp>, menu: &str, entry: &str) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, menu)
        .click();
    harness.run_ok();
    harness
        .get_all_by_label_contains(entry)
        .next()
        .expect("menu entry")
        .click();
    harness.run_ok();
}

#[test]
fn the_view_menu_sets_theme_zoom_and_type_chips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    click_menu(&mut harness, "View", "Theme: light");
    assert_eq!(
        harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Light
    );
    assert!(!harness.ctx.global_style().visuals.dark_mode);
    click_menu(&mut harness, "View", "Theme: dark");
    assert!(harness.ctx.global_style().visuals.dark_mode);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run_ok();
    let zoom = harness.ctx.zoom_factor();
    assert!((zoom - 1.2).abs() < 1e-3, "zoomed in twice: {zoom}");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run_ok();
    assert!((harness.ctx.zoom_factor() - 1.0).abs() < 1e-3);

    assert!(harness.state().preferences.type_labels, "chips by default");
    click_menu(&mut harness, "View", "Type labels above mentions");
    assert!(!harness.state().preferences.type_labels);
}

#[test]
fn recent_projects_are_listed_and_the_last_one_reopens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let saved = save_now(&mut harness);
    let preferences = harness.state().preferences.clone();
    assert_eq!(preferences.recent.len(), 1);
    assert!(preferences.recent[0].is_absolute());
    assert!(preferences.recent[0].ends_with(saved.file_name().expect("name")));

    // File › Open recent lists it.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Open recent").hover();
    harness.run_ok();
    let name = saved
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        harness.query_by_label(&name).is_some(),
        "{name} in Open recent"
    );
    drop(harness);

    // Started with nothing asked for, the app opens the last project.
    let start = StartOptions {
        corpus: None,
        ..options(&dir.path().join("saves"))
    };
    let harness = app_with(start, preferences);
    let session = harness.state().session.as_ref().expect("opened");
    assert_eq!(
        session
            .project_path
            .as_deref()
            .map(std::path::absolute)
            .and_then(Result::ok),
        Some(harness.state().preferences.recent[0].clone())
    );
    assert!(!harness.state().welcome, "no welcome once a project exists");
}

#[test]
fn the_welcome_shows_once_over_the_sample_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let start = StartOptions {
        corpus: None,
        ..options(&dir.path().join("saves"))
    };
    let mut harness = app_with(start.clone(), Preferences::default());
    assert!(
        harness.state().session.is_some(),
        "the sample corpus is open"
    );
    harness.get_by_label("Welcome to Stancemark");
    harness.get_by_label("▶ Explore the sample corpus").click();
    harness.run_ok();
    assert!(harness.query_by_label("Welcome to Stancemark").is_none());
    let preferences = harness.state().preferences.clone();
    assert!(preferences.welcomed);
    drop(harness);

    let harness = app_with(start, preferences);
    assert!(
        harness.query_by_label("Welcome to Stancemark").is_none(),
        "only once"
    );
}

#[test]
fn with_no_corpus_the_window_says_how_to_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let start = StartOptions {
        corpus: Some(dir.path().join("no-such-folder")),
        ..options(&dir.path().join("saves"))
    };
    let mut harness = app_with(start, Preferences::default());
    assert!(harness.state().session.is_none());
    assert!(harness.state().error().is_some(), "the failure is shown");
    harness.get_by_label("No corpus open");
    harness.get_by_label("📂 Open a corpus folder…");
    harness.get_by_label("📄 Open a project…");
    harness.get_by_label("▶ Try the sample corpus").click();
    harness.run_ok();
    wait_loaded(&mut harness);
    let session = harness.state().session.as_ref().expect("sample opened");
    assert_eq!(session.corpus.documents.len(), 6);
}

/// A mention on the article's first line keeps its whole type chip in view:
/// the article leaves room above its first line.
#[test]
fn the_first_lines_type_chip_is_not_cut_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    // Right selects the first word ("date"); 6 labels it MISC.
    harness.key_press(Key::ArrowRight);
    harness.run_ok();
    harness.key_press(Key::Num6);
    harness.run_ok();
    assert_eq!(common::mention_count(&harness), 1);
    let article = harness.get_by_label("Article text").rect();
    let first = harness.state().article.char_rect(0).expect("on screen");
    assert!(
        first.top() - article.top() >= 12.0,
        "room for the chip above the first line: {} px",
        first.top() - article.top()
    );
}

/// In a small window (480×360) the side panels step aside so the article
/// keeps its room; the View menu brings them back.
#[test]
fn small_windows_keep_room_for_the_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = options(&dir.path().join("saves"));
    let mut harness = Harness::builder()
        .with_size(Vec2::new(480.0, 360.0))
        .build_eframe(move |cc| StancemarkApp::with_preferences(cc, opts, Preferences::default()));
    wait_loaded(&mut harness);
    harness.run_ok();
    let article = harness.get_by_label("Article text").rect();
    assert!(
        article.width() >= 400.0,
        "the article keeps the window's width: {article:?}"
    );
    assert!(
        harness.query_by_label("Document note").is_none(),
        "details hidden"
    );
    assert_eq!(harness.state().panels.shown(480.0), (false, false));
    click_menu(&mut harness, "View", "Details panel");
    harness.run_ok();
    harness.run_ok();
    harness.get_by_label("Document note");
}

#[test]
fn the_suggestion_switch_and_threshold_are_remembered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label("Suggest from what I annotate").click();
    harness.run_ok();
    let preferences = harness.state().preferences.clone();
    assert!(preferences.suggestions_off);
    assert!(preferences.suggestion_threshold.is_some());
    drop(harness);
    let preferences = Preferences {
        suggestion_threshold: Some(0.8),
        ..preferences
    };
    let harness = app_with(options(&dir.path().join("saves")), preferences);
    let session = harness.state().session.as_ref().expect("session");
    assert!(!session.suggestions_on, "still off");
    assert!((session.suggester.threshold - 0.8).abs() < 1e-9);
}

/// Issue 24 item 29: the side panel keeps its width whatever it shows (a
/// selected mention with a long quote, another document, the entities
/// tab), so the article never re-wraps under the pointer between two
/// drags.
#[test]
fn the_article_keeps_its_place_as_the_side_panel_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let place = |h: &Harness<'_, StancemarkApp>| h.get_by_label("Article text").rect();
    let first = place(&harness);
    common::drag_over(
        &mut harness,
        "The chief executive of Norvik Chemicals, Bjørn Aasheim, on Sunday rejected suggestions",
    );
    harness.key_press(egui::Key::Num2);
    harness.run_ok();
    harness.run_ok();
    assert_eq!(place(&harness), first, "a long mention selected");
    harness.get_by_label("All entities").click();
    harness.run_ok();
    harness.run_ok();
    assert_eq!(place(&harness), first, "the entities tab");
    harness.get_by_label("This document").click();
    harness.run_ok();
    harness
        .get_by_label_contains("Who pays for the white river?")
        .click();
    harness.run_ok();
    harness.run_ok();
    assert_eq!(place(&harness), first, "another document");
}
