//! Every control the user can reach has an accessible name (for screen
//! readers through AccessKit, and for these tests): the whole tree of the
//! main window, with a mention selected, and of each window and menu.

mod common;

use common::{app, drag_over, options};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use stancemark::ui::StancemarkApp;

/// Roles a user operates, which must each carry a name.
const CONTROLS: [Role; 10] = [
    Role::Button,
    Role::CheckBox,
    Role::ComboBox,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::SearchInput,
    Role::Slider,
    Role::RadioButton,
    Role::MenuItem,
    Role::Link,
];

/// Controls without a name, described by role and value, with where.
fn unnamed(harness: &Harness<'_, StancemarkApp>, state: &str) -> Vec<String> {
    harness
        .root()
        .children_recursive()
        .map(|n| n.accesskit_node())
        .filter(|n| CONTROLS.contains(&n.role()) && !n.is_hidden())
        .filter(|n| n.label().is_none_or(|l| l.trim().is_empty()))
        .map(|n| format!("{state}: {:?} (value {:?})", n.role(), n.value()))
        .collect()
}

fn step(harness: &mut Harness<'_, StancemarkApp>) {
    harness.run_ok();
}

fn open_menu_entry(harness: &mut Harness<'_, StancemarkApp>, menu: &str, entry: &str) {
    harness.get_by_role_and_label(Role::Button, menu).click();
    step(harness);
    harness
        .get_all_by_label_contains(entry)
        .next()
        .expect("menu entry")
        .click();
    step(harness);
}

/// The app on the sample corpus with one mention, selected; each in its own
/// saves folder (another's recovery file would be offered otherwise).
fn with_mention(dir: &std::path::Path) -> Harness<'static, StancemarkApp> {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut harness = app(options(&dir.join(format!("saves-{n}"))));
    drag_over(&mut harness, "Bjørn Aasheim");
    harness.key_press(Key::Num1);
    step(&mut harness);
    assert_eq!(common::mention_count(&harness), 1, "a mention was made");
    harness
}

#[test]
fn every_control_has_an_accessible_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut missing = Vec::new();

    let mut harness = with_mention(dir.path());
    missing.extend(unnamed(&harness, "main window, mention selected"));
    for (_, title) in stancemark::ui::actions::MENUS {
        harness.get_by_role_and_label(Role::Button, title).click();
        step(&mut harness);
        missing.extend(unnamed(&harness, &format!("{title} menu")));
        harness.key_press(Key::Escape);
        step(&mut harness);
    }

    let keyed: [(&str, Modifiers, Key); 6] = [
        ("Keyboard help", Modifiers::NONE, Key::F1),
        (
            "Search corpus",
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::F,
        ),
        ("Find in article", Modifiers::COMMAND, Key::F),
        (
            "Command palette",
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::P,
        ),
        ("Find entity", Modifiers::NONE, Key::E),
        ("Annotate all occurrences", Modifiers::NONE, Key::P),
    ];
    for (title, modifiers, key) in keyed {
        let mut harness = with_mention(dir.path());
        harness.key_press_modifiers(modifiers, key);
        step(&mut harness);
        assert!(
            harness.query_all_by_label(title).next().is_some(),
            "{title} opened"
        );
        missing.extend(unnamed(&harness, title));
    }

    // The stance form, from a sentence selected with the keyboard.
    let mut harness = with_mention(dir.path());
    harness.key_press(Key::ArrowDown);
    step(&mut harness);
    harness.key_press(Key::S);
    step(&mut harness);
    harness.get_by_label("New stance");
    missing.extend(unnamed(&harness, "stance form"));

    for (menu, entry, title) in [
        ("File", "Open corpus…", "Open corpus"),
        ("File", "Open project…", "Open project"),
        ("File", "Export…", "Export"),
        ("File", "Import annotations…", "Import annotations"),
        ("File", "Review saves…", "Review saves"),
        ("Project", "Schema…", "Schema"),
        ("Project", "Statistics…", "Statistics"),
        ("Stances", "Stance overview…", "Stance overview"),
        ("Entities", "Entities panel", "All entities"),
        ("Stances", "Claims panel", "Claims"),
    ] {
        let mut harness = with_mention(dir.path());
        open_menu_entry(&mut harness, menu, entry);
        assert!(
            harness.query_all_by_label(title).next().is_some(),
            "{title} opened"
        );
        missing.extend(unnamed(&harness, entry));
    }
    assert!(
        missing.is_empty(),
        "controls without an accessible name:\n{}",
        missing.join("\n")
    );
}
