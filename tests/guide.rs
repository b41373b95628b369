//! The user guide (`docs/src/`, an mdBook) stays whole: every chapter the
//! app's help lists exists, is in the book's summary in the same order and
//! is linked from the README; every relative link in the guide, the README
//! and the format description leads to a file that exists.

use std::path::Path;

use stancemark::ui::guide::{CHAPTERS, chapter_path};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn chapters_summary_and_readme_agree() {
    let summary =
        std::fs::read_to_string(Path::new(ROOT).join("docs/src/SUMMARY.md")).expect("summary");
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("readme");
    let mut at = 0;
    for (title, file) in CHAPTERS {
        assert!(chapter_path(file).is_file(), "{file} exists");
        let line = format!("- [{title}]({file})");
        let found = summary[at..]
            .find(&line)
            .unwrap_or_else(|| panic!("{line} in SUMMARY.md, in order"));
        at += found + line.len();
        assert!(
            readme.contains(&format!("[{title}](docs/src/{file})")),
            "the README links {file}"
        );
    }
}

#[test]
fn relative_links_lead_to_files() {
    let mut files: Vec<std::path::PathBuf> = vec![
        Path::new(ROOT).join("README.md"),
        Path::new(ROOT).join("docs/format.md"),
    ];
    for entry in std::fs::read_dir(Path::new(ROOT).join("docs/src")).expect("docs/src") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "md") {
            files.push(path);
        }
    }
    let link = regex::Regex::new(r"\]\(([^)#\s]+)(#[^)]*)?\)").expect("regex");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        let dir = file.parent().expect("folder");
        for c in link.captures_iter(&text) {
            let target = &c[1];
            if target.starts_with("http://") || target.starts_with("https://") {
                continue;
            }
            assert!(
                dir.join(target).exists(),
                "{}: the link to {target} leads nowhere",
                file.display()
            );
        }
    }
}
