//! The user guide's keyboard reference (`docs/src/keyboard.md`) is generated
//! from the action list (`stancemark::ui::actions::keyboard_table`): it
//! fails here when a key or an action changes without the guide. Run with
//! `UPDATE_README=1` to write the new table into the guide.

use stancemark::ui::actions::{actions, keyboard_table};
use stancemark::ui::command::shortcuts;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/src/keyboard.md");
const HEADING: &str = "# Keyboard reference\n";

fn context() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_os(egui::os::OperatingSystem::Nix);
    ctx
}

/// The README's keyboard table: the lines from `| keys |` to the first line
/// after it that is not a table row. Returns (before, table, after).
fn split_readme(readme: &str) -> (String, String, String) {
    let at = readme.find(HEADING).expect("a Keyboard reference section");
    let start = at + readme[at..].find("\n| keys |").expect("a keys table") + 1;
    let mut end = start;
    for line in readme[start..].split_inclusive('\n') {
        if !line.starts_with('|') {
            break;
        }
        end += line.len();
    }
    (
        readme[..start].to_owned(),
        readme[start..end].to_owned(),
        readme[end..].to_owned(),
    )
}

#[test]
fn the_readme_keyboard_table_is_generated_from_the_actions() {
    let readme = std::fs::read_to_string(README).expect("docs/src/keyboard.md");
    let (before, table, after) = split_readme(&readme);
    let expected = keyboard_table(&context());
    if table != expected && std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(README, format!("{before}{expected}{after}")).expect("write README");
        return;
    }
    assert_eq!(
        table, expected,
        "the README's keyboard reference drifted from the actions; run `UPDATE_README=1 cargo test --test keyboard_reference`, or paste:\n{expected}"
    );
}

#[test]
fn every_bound_key_runs_a_listed_action() {
    let missing: Vec<String> = shortcuts()
        .iter()
        .filter(|s| !actions().iter().any(|a| a.command == s.command))
        .map(|s| format!("{:?}", s.command))
        .collect();
    assert!(
        missing.is_empty(),
        "keys bound to commands that are not in the action list (so not in the menus, help or README): {missing:?}"
    );
}

#[test]
fn the_table_lists_arrows_and_letters_as_well_as_ctrl_keys() {
    let table = keyboard_table(&context());
    for row in [
        "| Ctrl+S | Save |",
        "| Tab | Next mention |",
        "| Shift+Right | Extend selection by a word |",
        "| D | Mark document done / not done |",
        "| Ctrl+Plus, Ctrl+= | Zoom in |",
        "| F1, ? | Keyboard help |",
    ] {
        assert!(table.contains(row), "missing {row:?} in\n{table}");
    }
}
