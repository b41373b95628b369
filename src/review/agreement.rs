//! Agreement between annotators' projects over the same corpus: mentions
//! (span F1, token-level kappa and alpha, unitizing alpha), entity linking and
//! stances, overall, per entity type and per document.

use std::collections::BTreeSet;

use crate::model::tokens::word_starts;
use crate::model::{CharSpan, Document, Mention, Project};

use super::coefficients::{Metric, fleiss_kappa, krippendorff_alpha, two_coder};
use super::keys::entity_key;
use super::spans::{MatchCounts, match_counts, prf};
use super::unitizing::{Unit, category_disagreement, joint_alpha};

pub use super::report::{
    AgreementReport, DocumentFigures, Figure, MentionFigures, StanceFigures, TypeFigures,
    report_json,
};
use super::stance_agreement::stance_figures;

/// One annotator's project under review.
#[derive(Clone, Debug)]
pub struct ReviewSave {
    /// A name for the report (the annotator, or the file name).
    pub name: String,
    /// The project.
    pub project: Project,
}

/// Adds the file name to the names of saves that share an annotator name,
/// so a report tells them apart: `files[i]` is the file of `saves[i]`.
pub fn disambiguate_names(saves: &mut [ReviewSave], files: &[std::path::PathBuf]) {
    // Decided on the names as they were: renaming the first of two would
    // otherwise leave the second looking unique.
    let shared: Vec<bool> = saves
        .iter()
        .map(|s| saves.iter().filter(|t| t.name == s.name).count() > 1)
        .collect();
    for (i, shared) in shared.into_iter().enumerate() {
        if shared {
            let stem = files
                .get(i)
                .and_then(|f| f.file_stem())
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            saves[i].name = format!("{} ({stem})", saves[i].name);
        }
    }
}

/// Documents every save annotated against the same text as the corpus has.
#[must_use]
pub fn comparable_documents<'a>(
    saves: &[ReviewSave],
    corpus: &'a [Document],
) -> (Vec<&'a Document>, Vec<String>) {
    let mut docs = Vec::new();
    let mut left_out = Vec::new();
    for doc in corpus {
        let mut problems = Vec::new();
        for s in saves {
            match s.project.documents.get(&doc.path) {
                None => problems.push(format!("not in {}'s save", s.name)),
                Some(e) if e.hash != doc.hash => problems.push(format!(
                    "{} annotated a different version of the text",
                    s.name
                )),
                Some(_) => {}
            }
        }
        if problems.is_empty() {
            docs.push(doc);
        } else {
            left_out.push(format!("{}: {}", doc.path, problems.join("; ")));
        }
    }
    for s in saves {
        for path in s.project.documents.keys() {
            if corpus
                .binary_search_by(|d| d.path.as_str().cmp(path))
                .is_err()
            {
                left_out.push(format!(
                    "{path}: in {}'s save but not in the corpus",
                    s.name
                ));
            }
        }
    }
    (docs, left_out)
}

fn accepted<'a>(save: &'a ReviewSave, doc: &str, label: Option<&str>) -> Vec<&'a Mention> {
    save.project
        .documents
        .get(doc)
        .map(|d| {
            d.mentions
                .iter()
                .filter(|m| !m.suggested && label.is_none_or(|l| m.label == l))
                .collect()
        })
        .unwrap_or_default()
}

fn spans_of(ms: &[&Mention]) -> Vec<(CharSpan, String)> {
    ms.iter().map(|m| (m.span, m.label.clone())).collect()
}

/// Mean pairwise (exact, partial) F1 over `docs`, for one type or all.
fn pairwise_f1(saves: &[ReviewSave], docs: &[&Document], label: Option<&str>) -> (Figure, Figure) {
    if saves.len() < 2 {
        return (
            Figure::of(None, 0, "a single annotator"),
            Figure::of(None, 0, "a single annotator"),
        );
    }
    let mut exact = Vec::new();
    let mut partial = Vec::new();
    let mut items = 0;
    for i in 0..saves.len() {
        for j in i + 1..saves.len() {
            let mut counts = MatchCounts::default();
            for d in docs {
                let a = spans_of(&accepted(&saves[i], &d.path, label));
                let b = spans_of(&accepted(&saves[j], &d.path, label));
                items += a.len() + b.len();
                let c = match_counts(&a, &b);
                counts.correct += c.correct;
                counts.partial += c.partial;
                counts.missing += c.missing;
                counts.spurious += c.spurious;
            }
            let strict = MatchCounts {
                partial: 0,
                missing: counts.missing + counts.partial,
                spurious: counts.spurious + counts.partial,
                ..counts
            };
            exact.extend(prf(strict, 0.0).f1);
            partial.extend(prf(counts, 0.5).f1);
        }
    }
    let mean = |v: &[f64]| {
        #[allow(clippy::cast_precision_loss)]
        let n = v.len() as f64;
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / n)
    };
    (
        Figure::of(mean(&exact), items, "no mentions to compare"),
        Figure::of(mean(&partial), items, "no mentions to compare"),
    )
}

fn units_of(save: &ReviewSave, docs: &[(&Document, usize)], label: Option<&str>) -> Vec<Unit> {
    let mut out = Vec::new();
    for (d, base) in docs {
        for m in accepted(save, &d.path, label) {
            out.push(Unit {
                begin: base + m.span.start,
                length: m.span.len(),
                category: m.label.clone(),
            });
        }
    }
    out
}

fn unitizing(saves: &[ReviewSave], docs: &[&Document], label: Option<&str>) -> Figure {
    if saves.len() < 2 {
        return Figure::of(None, 0, "a single annotator");
    }
    let mut placed = Vec::new();
    let mut length = 0;
    for d in docs {
        placed.push((*d, length));
        length += d.char_len();
    }
    let coders: Vec<Vec<Unit>> = saves.iter().map(|s| units_of(s, &placed, label)).collect();
    let items = coders.iter().map(Vec::len).sum();
    let value = match label {
        Some(l) => category_disagreement(0, length, &coders, l).and_then(|d| d.alpha()),
        None => joint_alpha(0, length, &coders),
    };
    Figure::of(
        value,
        items,
        if items == 0 {
            "no mentions to compare"
        } else {
            "no variation to compare against"
        },
    )
}

/// Token labels per annotator: the type of the longest accepted mention
/// covering each token, else `O`, as indices into a sorted list of the labels
/// used (the coefficients only compare labels, so names are not needed).
/// Linear in text plus mention length: each mention marks the code points it
/// covers, and each token reads the mark at its start.
fn token_labels(saves: &[ReviewSave], docs: &[&Document]) -> Vec<Vec<usize>> {
    const OUTSIDE: &str = "O";
    let mut names: BTreeSet<&str> = BTreeSet::from([OUTSIDE]);
    for s in saves {
        for d in docs {
            names.extend(accepted(s, &d.path, None).iter().map(|m| m.label.as_str()));
        }
    }
    let names: Vec<&str> = names.into_iter().collect();
    let index = |label: &str| names.binary_search(&label).unwrap_or(0);
    let outside = index(OUTSIDE);
    let mut out = vec![Vec::new(); saves.len()];
    for d in docs {
        let starts = word_starts(&d.text);
        for (k, s) in saves.iter().enumerate() {
            // (length, label) of the longest mention over each code point;
            // among equally long ones the last, as before.
            let mut best: Vec<Option<(usize, usize)>> = vec![None; d.char_len()];
            for m in accepted(s, &d.path, None) {
                let label = index(&m.label);
                let end = m.span.end.min(best.len());
                for slot in best.iter_mut().take(end).skip(m.span.start) {
                    if slot.is_none_or(|(len, _)| m.span.len() >= len) {
                        *slot = Some((m.span.len(), label));
                    }
                }
            }
            out[k].extend(
                starts
                    .iter()
                    .map(|&t| best.get(t).copied().flatten().map_or(outside, |(_, l)| l)),
            );
        }
    }
    out
}

fn label_figures(labels: &[Vec<usize>]) -> (Figure, Figure, Figure) {
    let items = labels.first().map_or(0, Vec::len);
    if labels.len() < 2 {
        let f = || Figure::of(None, items, "a single annotator");
        return (f(), f(), f());
    }
    let cohen = if labels.len() == 2 {
        let pairs: Vec<(usize, usize)> = labels[0]
            .iter()
            .copied()
            .zip(labels[1].iter().copied())
            .collect();
        Figure::of(
            two_coder(&pairs).and_then(|t| t.cohen_kappa),
            items,
            "only one category is used, or nothing to compare",
        )
    } else {
        Figure::of(
            None,
            items,
            "Cohen's kappa is for two annotators; see Fleiss' kappa",
        )
    };
    let categories: Vec<usize> = labels
        .iter()
        .flatten()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let counts: Vec<Vec<usize>> = (0..items)
        .map(|t| {
            categories
                .iter()
                .map(|c| labels.iter().filter(|l| l[t] == *c).count())
                .collect()
        })
        .collect();
    let fleiss = Figure::of(
        fleiss_kappa(&counts),
        items,
        "only one category is used, or nothing to compare",
    );
    let data: Vec<Vec<Option<usize>>> = labels
        .iter()
        .map(|l| l.iter().copied().map(Some).collect())
        .collect();
    let alpha = Figure::of(
        krippendorff_alpha(&data, Metric::Nominal, &|_| 0.0),
        items,
        "only one category is used, or nothing to compare",
    );
    (cohen, fleiss, alpha)
}

fn linking(saves: &[ReviewSave], docs: &[&Document]) -> Figure {
    if saves.len() < 2 {
        return Figure::of(None, 0, "a single annotator");
    }
    let (mut same, mut total) = (0usize, 0usize);
    for i in 0..saves.len() {
        for j in i + 1..saves.len() {
            for d in docs {
                let b = accepted(&saves[j], &d.path, None);
                for ma in accepted(&saves[i], &d.path, None) {
                    let Some(mb) = b
                        .iter()
                        .find(|mb| mb.span == ma.span && mb.label == ma.label)
                    else {
                        continue;
                    };
                    if ma.entity.is_none() && mb.entity.is_none() {
                        continue;
                    }
                    total += 1;
                    let ka = ma.entity.map(|e| entity_key(&saves[i].project, e));
                    let kb = mb.entity.map(|e| entity_key(&saves[j].project, e));
                    if ka.is_some() && ka == kb {
                        same += 1;
                    }
                }
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let value = (total > 0).then(|| same as f64 / total as f64);
    Figure::of(value, total, "no linked mention marked by two annotators")
}

/// The agreement report of `saves` over `corpus` (sorted by path).
#[must_use]
pub fn agreement(saves: &[ReviewSave], corpus: &[Document]) -> AgreementReport {
    let (docs, left_out) = comparable_documents(saves, corpus);
    // Token labelling (segmentation of every text) is about half the work
    // and independent of the rest: it runs on a second core.
    std::thread::scope(|scope| {
        let tokens = scope.spawn(|| label_figures(&token_labels(saves, &docs)));
        let rest = report_without_tokens(saves, &docs, left_out);
        let (cohen_kappa, fleiss, alpha_nominal) = tokens
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        AgreementReport {
            mentions: MentionFigures {
                cohen_kappa,
                fleiss_kappa: fleiss,
                alpha_nominal,
                ..rest.mentions
            },
            ..rest
        }
    })
}

/// Everything but the token-level coefficients (left at their defaults).
fn report_without_tokens(
    saves: &[ReviewSave],
    docs: &[&Document],
    left_out: Vec<String>,
) -> AgreementReport {
    let docs = docs.to_vec();
    let (f1_exact, f1_partial) = pairwise_f1(saves, &docs, None);
    let mentions = MentionFigures {
        f1_exact,
        f1_partial,
        alpha_unitizing: unitizing(saves, &docs, None),
        linking: linking(saves, &docs),
        ..MentionFigures::default()
    };
    let types: BTreeSet<String> = saves
        .iter()
        .flat_map(|s| {
            docs.iter()
                .flat_map(move |d| accepted(s, &d.path, None))
                .map(|m| m.label.clone())
        })
        .collect();
    let per_type = types
        .into_iter()
        .map(|t| {
            let (e, p) = pairwise_f1(saves, &docs, Some(&t));
            let u = unitizing(saves, &docs, Some(&t));
            (
                t,
                TypeFigures {
                    f1_exact: e,
                    f1_partial: p,
                    alpha_unitizing: u,
                },
            )
        })
        .collect();
    let mut per_document: Vec<DocumentFigures> = docs
        .iter()
        .map(|d| {
            let one = [*d];
            let per: Vec<Vec<(CharSpan, String)>> = saves
                .iter()
                .map(|s| spans_of(&accepted(s, &d.path, None)))
                .collect();
            let all: BTreeSet<&(CharSpan, String)> = per.iter().flatten().collect();
            let disagreements = all
                .iter()
                .filter(|x| !per.iter().all(|p| p.contains(x)))
                .count();
            DocumentFigures {
                path: d.path.clone(),
                mentions: per.iter().map(Vec::len).collect(),
                disagreements,
                f1_exact: pairwise_f1(saves, &one, None).0,
                alpha_unitizing: unitizing(saves, &one, None),
            }
        })
        .collect();
    per_document.sort_by(|a, b| {
        b.disagreements
            .cmp(&a.disagreements)
            .then_with(|| a.path.cmp(&b.path))
    });
    AgreementReport {
        annotators: saves.iter().map(|s| s.name.clone()).collect(),
        compared: docs.iter().map(|d| d.path.clone()).collect(),
        left_out,
        mentions,
        per_type,
        per_document,
        stances: stance_figures(saves, &docs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MentionId, Schema};

    fn save(name: &str, doc: &Document, mentions: &[(usize, usize, &str)]) -> ReviewSave {
        let mut project = Project::new(name, Schema::default());
        project.attach(std::slice::from_ref(doc));
        let entry = project.document_mut(&doc.path).expect("attached");
        for (i, &(start, end, label)) in mentions.iter().enumerate() {
            entry.insert_sorted(Mention::new(
                doc,
                MentionId(i as u64),
                CharSpan::new(start, end),
                label,
            ));
        }
        ReviewSave {
            name: name.to_owned(),
            project,
        }
    }

    /// (start, end, label).
    type Marked<'a> = (usize, usize, &'a str);

    #[test]
    fn saves_sharing_a_name_all_get_their_file_name() {
        let named = |name: &str| ReviewSave {
            name: name.to_owned(),
            project: Project::default(),
        };
        let mut saves = vec![named("ana"), named("ana"), named("ben")];
        let files: Vec<std::path::PathBuf> = ["a/ana-1.ron", "b/ana-2.ron", "c/ben.ron"]
            .iter()
            .map(Into::into)
            .collect();
        disambiguate_names(&mut saves, &files);
        let names: Vec<&str> = saves.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["ana (ana-1)", "ana (ana-2)", "ben"]);
    }

    #[test]
    fn token_labels_take_the_longest_covering_mention() {
        // Tokens: "🙂"(0) "Vladimir"(2) "Putin"(11) "met"(17) "東"(21) "京"(22) "."(23)
        let doc = Document::new("a.txt", "🙂 Vladimir Putin met 東京.", "utf-8");
        let cases: [(&[Marked], [&str; 7]); 4] = [
            (&[], ["O", "O", "O", "O", "O", "O", "O"]),
            (&[(11, 16, "PER")], ["O", "O", "PER", "O", "O", "O", "O"]),
            (
                // The longer mention wins over the one nested inside it.
                &[(2, 16, "PER"), (11, 16, "ORG"), (21, 23, "GPE")],
                ["O", "PER", "PER", "O", "GPE", "GPE", "O"],
            ),
            (
                // Equally long: the later one in reading order.
                &[(21, 23, "GPE"), (21, 23, "LOC")],
                ["O", "O", "O", "O", "LOC", "LOC", "O"],
            ),
        ];
        for (mentions, expected) in cases {
            let saves = [save("a", &doc, mentions), save("b", &doc, &[])];
            let labels = token_labels(&saves, &[&doc]);
            let mut names: Vec<&str> = mentions.iter().map(|m| m.2).collect();
            names.push("O");
            names.sort_unstable();
            names.dedup();
            let got: Vec<&str> = labels[0].iter().map(|&i| names[i]).collect();
            assert_eq!(got, expected, "{mentions:?}");
            assert!(labels[1].iter().all(|&i| names[i] == "O"));
        }
    }

    /// A type one annotator used and the other never did shows F1 0, not
    /// "not defined"; a type neither used is not listed at all.
    #[test]
    fn per_type_f1_is_zero_when_only_one_annotator_used_the_type() {
        let doc = Document::new("a.txt", "Putin met Trump in Moscow.", "utf-8");
        let saves = [
            save("a", &doc, &[(0, 5, "PER"), (19, 25, "GPE")]),
            save("b", &doc, &[(0, 5, "PER")]),
        ];
        let report = agreement(&saves, std::slice::from_ref(&doc));
        let gpe = &report.per_type["GPE"];
        assert_eq!(gpe.f1_exact.value, Some(0.0));
        assert_eq!(gpe.f1_partial.value, Some(0.0));
        assert_eq!(report.per_type["PER"].f1_exact.value, Some(1.0));
        assert!(!report.per_type.contains_key("ORG"));
    }
}
