//! `stancemark generate`: synthetic corpora and projects for benchmarks.

use std::path::Path;

use anyhow::Context as _;

use crate::io::save_project;

/// Sizes for `stancemark generate`.
#[derive(Clone, Copy, Debug)]
pub struct Generated {
    /// Articles.
    pub docs: usize,
    /// Words per article.
    pub words: usize,
    /// Mentions in the project (0: none written).
    pub mentions: usize,
    /// Stances in the project.
    pub stances: usize,
    /// Generator seed.
    pub seed: u64,
    /// Further coders' versions of the project (`coder-2.ron`…).
    pub coders: usize,
}

/// `stancemark generate`: a synthetic corpus under `out/corpus` and, when
/// mentions are asked for, `out/project.ron` (and `out/coder-K.ron` for
/// further coders). Refuses a folder that exists.
///
/// # Errors
/// When `out` exists or a file cannot be written.
pub fn generate(
    out: &Path,
    sizes: &Generated,
    report: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    use crate::model::synthetic;
    if out.exists() {
        anyhow::bail!("{} already exists; choose a new folder", out.display());
    }
    let root = out.join("corpus");
    let corpus = synthetic::corpus(sizes.seed, sizes.docs, sizes.words);
    let mut bytes = 0;
    for doc in &corpus {
        let file = root.join(&doc.path);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&file, &doc.text).with_context(|| format!("writing {}", file.display()))?;
        bytes += doc.text.len();
    }
    writeln!(
        report,
        "{}: {} articles, {bytes} bytes of text",
        root.display(),
        corpus.len()
    )?;
    if sizes.mentions > 0 {
        let project = synthetic::project(
            sizes.seed.wrapping_add(1),
            &corpus,
            sizes.mentions,
            sizes.stances,
        );
        let file = out.join("project.ron");
        save_project(&file, &project, &root)?;
        writeln!(
            report,
            "{}: {} mentions, {} stances",
            file.display(),
            project.mention_count(),
            project.stance_count()
        )?;
        for k in 2..sizes.coders + 2 {
            let name = format!("coder-{k}");
            let other =
                synthetic::coder_variant(sizes.seed.wrapping_add(k as u64), &project, &name);
            let file = out.join(format!("{name}.ron"));
            save_project(&file, &other, &root)?;
            writeln!(
                report,
                "{}: {} mentions",
                file.display(),
                other.mention_count()
            )?;
        }
    }
    Ok(())
}
