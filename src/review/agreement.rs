//! Agreement between annotators' projects over the same corpus: mentions
//! (span F1, token-level kappa and alpha, unitizing alpha), entity linking and
//! stances, overall, per entity type and per document.

use std::collections::BTreeSet;

use crate::model::{CharSpan, Document, Mention, Project};

use super::keys::entity_key;
use super::spans::{MatchCounts, match_counts, prf};
use super::unitizing::{Disagreement, Unit, category_disagreement};

pub use super::report::{
    AgreementReport, DocumentFigures, Figure, MentionFigures, StanceFigures, TypeFigures,
    report_json,
};
use super::stance_agreement::stance_figures;
use super::token_agreement::{label_figures, label_names, token_profiles};

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

/// True when an annotator has started document `entry`: its status is past
/// "todo", or it holds any annotation, code or note (an import adds
/// annotations without a status).
#[must_use]
pub fn started(entry: &crate::model::DocAnnotations) -> bool {
    entry.status != crate::model::DocStatus::Todo
        || !entry.mentions.is_empty()
        || !entry.stances.is_empty()
        || !entry.relations.is_empty()
        || !entry.quotations.is_empty()
        || !entry.codes.is_empty()
        || !entry.note.is_empty()
}

/// Which documents a comparison takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Also documents some coder has not started (compared as empty).
    /// Off: only documents every coder has started are compared, the others
    /// listed as left out.
    pub include_unstarted: bool,
}

/// Documents every save annotated against the same text as the corpus
/// has, and (unless `scope` says otherwise) every coder has started.
#[must_use]
pub fn comparable_documents<'a>(
    saves: &[ReviewSave],
    corpus: &'a [Document],
) -> (Vec<&'a Document>, Vec<String>) {
    comparable_documents_in(saves, corpus, Scope::default())
}

/// [`comparable_documents`] with an explicit scope.
#[must_use]
pub fn comparable_documents_in<'a>(
    saves: &[ReviewSave],
    corpus: &'a [Document],
    scope: Scope,
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
                Some(e) if !scope.include_unstarted && !started(e) => problems.push(format!(
                    "{} has not started it (--all-documents compares it as empty)",
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

/// The accepted (not suggested) mentions of every save in every document:
/// `[document][save]`, in the order of the documents compared. Built once,
/// so no figure looks a document up again.
type Accepted<'a> = Vec<Vec<Vec<&'a Mention>>>;

fn accepted_index<'a>(saves: &'a [ReviewSave], docs: &[&Document]) -> Accepted<'a> {
    docs.iter()
        .map(|d| {
            saves
                .iter()
                .map(|s| {
                    s.project
                        .documents
                        .get(&d.path)
                        .map(|e| e.mentions.iter().filter(|m| !m.suggested).collect())
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect()
}

/// The mentions of `ms` of type `label` (all with `None`).
fn of_type<'a, 'b>(
    ms: &'b [&'a Mention],
    label: Option<&'b str>,
) -> impl Iterator<Item = &'a Mention> + 'b {
    ms.iter()
        .copied()
        .filter(move |m| label.is_none_or(|l| m.label == l))
}

fn spans_of<'a>(ms: &[&'a Mention], label: Option<&str>) -> Vec<(CharSpan, &'a str)> {
    of_type(ms, label)
        .map(|m| (m.span, m.label.as_str()))
        .collect()
}

/// Mean pairwise (exact, partial) F1 over `docs`, for one type or all.
fn pairwise_f1(
    saves: usize,
    accepted: &[Vec<Vec<&Mention>>],
    label: Option<&str>,
) -> (Figure, Figure) {
    if saves < 2 {
        return (
            Figure::of(None, 0, "a single annotator"),
            Figure::of(None, 0, "a single annotator"),
        );
    }
    let mut exact = Vec::new();
    let mut partial = Vec::new();
    let mut items = 0;
    for i in 0..saves {
        for j in i + 1..saves {
            let mut counts = MatchCounts::default();
            for d in accepted {
                let a = spans_of(&d[i], label);
                let b = spans_of(&d[j], label);
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

fn units_of<'a>(
    save: usize,
    accepted: &[Vec<Vec<&'a Mention>>],
    bases: &[usize],
    label: Option<&str>,
) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    for (d, base) in accepted.iter().zip(bases) {
        for m in of_type(&d[save], label) {
            out.push(Unit {
                begin: base + m.span.start,
                length: m.span.len(),
                category: m.label.as_str(),
            });
        }
    }
    out
}

/// Unitizing alpha over all types and for each type. Each type's
/// disagreement is computed once, and the joint figure sums them (as
/// `unitizing::joint_alpha` does), so the per-type figures cost nothing
/// extra.
fn unitizing_by_type(
    saves: usize,
    docs: &[&Document],
    accepted: &[Vec<Vec<&Mention>>],
) -> (Figure, std::collections::BTreeMap<String, Figure>) {
    let mut per_type = std::collections::BTreeMap::new();
    let types: BTreeSet<&str> = accepted
        .iter()
        .flatten()
        .flatten()
        .map(|m| m.label.as_str())
        .collect();
    if saves < 2 {
        for t in types {
            per_type.insert(t.to_owned(), Figure::of(None, 0, "a single annotator"));
        }
        return (Figure::of(None, 0, "a single annotator"), per_type);
    }
    let mut bases = Vec::with_capacity(docs.len());
    let mut length = 0;
    for d in docs {
        bases.push(length);
        length += d.char_len();
    }
    let coders: Vec<Vec<Unit<'_>>> = (0..saves)
        .map(|s| units_of(s, accepted, &bases, None))
        .collect();
    let why = |items: usize| {
        if items == 0 {
            "no mentions to compare"
        } else {
            "no variation to compare against"
        }
    };
    let mut joint = Some((0.0, 0.0));
    for t in types {
        let d = category_disagreement(0, length, &coders, t);
        joint = joint
            .zip(d)
            .map(|((o, e), d)| (o + d.observed, e + d.expected));
        let items = coders.iter().flatten().filter(|u| u.category == t).count();
        per_type.insert(
            t.to_owned(),
            Figure::of(d.and_then(Disagreement::alpha), items, why(items)),
        );
    }
    let items = coders.iter().map(Vec::len).sum();
    let value = joint.and_then(|(o, e)| (e > 0.0).then(|| 1.0 - o / e));
    (Figure::of(value, items, why(items)), per_type)
}

fn linking(saves: &[ReviewSave], accepted: &[Vec<Vec<&Mention>>]) -> Figure {
    if saves.len() < 2 {
        return Figure::of(None, 0, "a single annotator");
    }
    let (mut same, mut total) = (0usize, 0usize);
    for i in 0..saves.len() {
        for j in i + 1..saves.len() {
            for d in accepted {
                let b = &d[j];
                for ma in &d[i] {
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
    agreement_in(saves, corpus, Scope::default())
}

/// [`agreement`] over the documents `scope` takes.
#[must_use]
pub fn agreement_in(saves: &[ReviewSave], corpus: &[Document], scope: Scope) -> AgreementReport {
    let (docs, left_out) = comparable_documents_in(saves, corpus, scope);
    let accepted = accepted_index(saves, &docs);
    let names = label_names(&accepted);
    // Token labelling (segmentation of every text) and the per-document
    // figures are most of the work, document by document: they run on two
    // more threads, each over half of the documents, while this one computes
    // the corpus-wide figures.
    let half = docs.len() / 2;
    std::thread::scope(|scope| {
        let (names, docs, accepted) = (&names, &docs, &accepted);
        let n = saves.len();
        let halves = [(0, half), (half, docs.len())].map(|(from, to)| {
            scope.spawn(move || {
                let (docs, accepted) = (&docs[from..to], &accepted[from..to]);
                (
                    token_profiles(n, docs, accepted, names),
                    document_figures(n, docs, accepted),
                )
            })
        });
        let rest = report_without_tokens(saves, docs, accepted, left_out);
        let mut profiles: std::collections::BTreeMap<Vec<usize>, usize> =
            std::collections::BTreeMap::new();
        let mut per_document = Vec::with_capacity(docs.len());
        for half in halves {
            let (part, figures) = half
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (row, n) in part {
                *profiles.entry(row).or_default() += n;
            }
            per_document.extend(figures);
        }
        per_document.sort_by(|a, b| {
            b.disagreements
                .cmp(&a.disagreements)
                .then_with(|| a.path.cmp(&b.path))
        });
        let profiles: Vec<(Vec<usize>, usize)> = profiles.into_iter().collect();
        let (cohen_kappa, fleiss, alpha_nominal) = label_figures(&profiles, saves.len());
        AgreementReport {
            mentions: MentionFigures {
                cohen_kappa,
                fleiss_kappa: fleiss,
                alpha_nominal,
                ..rest.mentions
            },
            per_document,
            ..rest
        }
    })
}

/// The figures of each of `docs` (in their order), `accepted` being their
/// accepted mentions.
fn document_figures(
    saves: usize,
    docs: &[&Document],
    accepted: &[Vec<Vec<&Mention>>],
) -> Vec<DocumentFigures> {
    docs.iter()
        .enumerate()
        .map(|(k, d)| {
            let one = &accepted[k..=k];
            let per: Vec<Vec<(CharSpan, &str)>> =
                accepted[k].iter().map(|ms| spans_of(ms, None)).collect();
            let all: BTreeSet<&(CharSpan, &str)> = per.iter().flatten().collect();
            let disagreements = all
                .iter()
                .filter(|x| !per.iter().all(|p| p.contains(x)))
                .count();
            DocumentFigures {
                path: d.path.clone(),
                mentions: per.iter().map(Vec::len).collect(),
                disagreements,
                f1_exact: pairwise_f1(saves, one, None).0,
                alpha_unitizing: unitizing_by_type(saves, &docs[k..=k], one).0,
            }
        })
        .collect()
}

/// Everything but the token-level coefficients and the per-document
/// figures (left at their defaults).
fn report_without_tokens(
    saves: &[ReviewSave],
    docs: &[&Document],
    accepted: &[Vec<Vec<&Mention>>],
    left_out: Vec<String>,
) -> AgreementReport {
    let n = saves.len();
    let (f1_exact, f1_partial) = pairwise_f1(n, accepted, None);
    let (alpha_unitizing, mut unitizing_per_type) = unitizing_by_type(n, docs, accepted);
    let mentions = MentionFigures {
        f1_exact,
        f1_partial,
        alpha_unitizing,
        linking: linking(saves, accepted),
        ..MentionFigures::default()
    };
    let types: BTreeSet<&str> = accepted
        .iter()
        .flatten()
        .flatten()
        .map(|m| m.label.as_str())
        .collect();
    let per_type = types
        .into_iter()
        .map(|t| {
            let (e, p) = pairwise_f1(n, accepted, Some(t));
            let u = unitizing_per_type
                .remove(t)
                .unwrap_or_else(|| Figure::of(None, 0, "no mentions to compare"));
            (
                t.to_owned(),
                TypeFigures {
                    f1_exact: e,
                    f1_partial: p,
                    alpha_unitizing: u,
                },
            )
        })
        .collect();
    let per_document = Vec::new();
    AgreementReport {
        annotators: saves.iter().map(|s| s.name.clone()).collect(),
        compared: docs.iter().map(|d| d.path.clone()).collect(),
        left_out,
        mentions,
        per_type,
        per_document,
        stances: stance_figures(saves, docs),
        relations: super::relation_agreement::relation_figures(saves, docs),
        quotations: super::quotation_agreement::quotation_figures(saves, docs),
        codebook: {
            // Every save's variables, the first save's order first.
            let mut variables: Vec<crate::model::codebook::Variable> = Vec::new();
            for s in saves {
                for v in &s.project.schema.variables {
                    if !variables.iter().any(|x| x.name == v.name) {
                        variables.push(v.clone());
                    }
                }
            }
            super::codebook_agreement::codebook_figures(&variables, saves, docs)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MentionId, Schema};
    use crate::review::token_agreement::visit_token_rows;

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

    /// A mention of one document says nothing of the next one's tokens.
    #[test]
    fn token_labels_start_afresh_in_each_document() {
        let a = Document::new("a.txt", "Vladimir Putin met Xi.", "utf-8");
        let b = Document::new("b.txt", "They met in Moscow again.", "utf-8");
        let mut one = save("a", &a, &[(0, 14, "PER")]);
        one.project.attach(std::slice::from_ref(&b));
        let mut two = save("b", &a, &[]);
        two.project.attach(std::slice::from_ref(&b));
        let saves = [one, two];
        let docs = [&a, &b];
        let accepted = accepted_index(&saves, &docs);
        let names = label_names(&accepted);
        let mut rows = Vec::new();
        visit_token_rows(&docs, &accepted, &names, |row| rows.push(row.to_vec()));
        let per = |k: usize| names[rows[k][0]];
        // "Vladimir" "Putin" "met" "Xi" "." then "They" "met" "in" ...
        assert_eq!([per(0), per(1), per(2)], ["PER", "PER", "O"]);
        assert!((5..rows.len()).all(|k| per(k) == "O"), "{rows:?}");
    }

    #[test]
    fn token_labels_take_the_longest_covering_mention() {
        // Tokens: "🙂"(0) "Vladimir"(2) "Putin"(11) "met"(17) "東京"(21,
        // one word by the dictionary) "."(23)
        let doc = Document::new("a.txt", "🙂 Vladimir Putin met 東京.", "utf-8");
        let cases: [(&[Marked], [&str; 6]); 4] = [
            (&[], ["O", "O", "O", "O", "O", "O"]),
            (&[(11, 16, "PER")], ["O", "O", "PER", "O", "O", "O"]),
            (
                // The longer mention wins over the one nested inside it.
                &[(2, 16, "PER"), (11, 16, "ORG"), (21, 23, "GPE")],
                ["O", "PER", "PER", "O", "GPE", "O"],
            ),
            (
                // Equally long: the later one in reading order.
                &[(21, 23, "GPE"), (21, 23, "LOC")],
                ["O", "O", "O", "O", "LOC", "O"],
            ),
        ];
        for (mentions, expected) in cases {
            let saves = [save("a", &doc, mentions), save("b", &doc, &[])];
            let mut labels = vec![Vec::new(); saves.len()];
            let accepted = accepted_index(&saves, &[&doc]);
            let names = label_names(&accepted);
            visit_token_rows(&[&doc], &accepted, &names, |row| {
                for (column, &label) in labels.iter_mut().zip(row) {
                    column.push(label);
                }
            });
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
