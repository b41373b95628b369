//! The README's keyboard reference lists every global shortcut the app
//! binds, written as egui writes it in the menus: adding a shortcut without
//! documenting it fails here.

use stancemark::ui::command::global_shortcuts;

/// The key cells of the README's "Keyboard reference" table.
fn documented_keys() -> Vec<String> {
    let readme = include_str!("../README.md");
    let section = readme
        .split("\n## Keyboard reference\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a Keyboard reference section");
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(" | ").next())
        .flat_map(|cell| {
            cell.split(", ")
                .map(str::trim)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_global_shortcut_is_in_the_readme() {
    let ctx = egui::Context::default();
    ctx.set_os(egui::os::OperatingSystem::Nix);
    let documented = documented_keys();
    let missing: Vec<String> = global_shortcuts()
        .iter()
        .map(|s| ctx.format_shortcut(&s.keys))
        .filter(|k| !documented.contains(k))
        .collect();
    assert!(
        missing.is_empty(),
        "shortcuts bound but not in the README's keyboard reference: {missing:?}\ndocumented: {documented:?}"
    );
}
