//! Checking a project against the corpus it annotates.

use super::annotation::Mention;
use super::document::Document;
use super::project::{OrphanKind, Project};
use super::stance::Stance;

/// One thing wrong between a project and its corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The project has annotations for a document that is not in the corpus.
    MissingDocument {
        /// Document path.
        doc: String,
        /// How many mentions it holds.
        mentions: usize,
    },
    /// The document's text changed since the annotations were made.
    ChangedDocument {
        /// Document path.
        doc: String,
        /// Hash in the project.
        saved: String,
        /// Hash of the current text.
        current: String,
    },
    /// The document's annotations were re-anchored from their quotes: its
    /// text changed, or (in a damaged or forged file) their offsets did not
    /// match their quotes.
    Reanchored {
        /// Document path.
        doc: String,
        /// True when the text changed; false when only offsets were wrong.
        text_changed: bool,
        /// Annotations found again.
        anchored: usize,
        /// Annotations kept as orphans.
        orphaned: usize,
    },
    /// An annotation kept without a place after the text changed.
    Orphan {
        /// Document path.
        doc: String,
        /// What it was ("mention m3 (PER)", "stance s2" …).
        what: String,
        /// Its old text.
        text: String,
        /// Why it could not be placed.
        reason: String,
    },
    /// A mention lies beyond the end of the text.
    OutOfRange {
        /// Document path.
        doc: String,
        /// Mention id.
        id: u64,
        /// Its span as text.
        span: String,
        /// Length of the text in code points.
        len: usize,
    },
    /// The text at a mention's span is not its quote.
    QuoteMismatch {
        /// Document path.
        doc: String,
        /// Mention id.
        id: u64,
        /// Its span as text.
        span: String,
        /// The quote.
        expected: String,
        /// What the text holds there.
        found: String,
    },
    /// Evidence of a stance lies beyond the end of the text.
    EvidenceOutOfRange {
        /// Document path.
        doc: String,
        /// Stance id.
        id: u64,
        /// The span as text.
        span: String,
        /// Length of the text in code points.
        len: usize,
    },
    /// The text at an evidence span is not its quote.
    EvidenceMismatch {
        /// Document path.
        doc: String,
        /// Stance id.
        id: u64,
        /// The span as text.
        span: String,
        /// The quote.
        expected: String,
        /// What the text holds there.
        found: String,
    },
    /// A stance's polarity is not on the stance scale.
    UnknownPolarity {
        /// Document path.
        doc: String,
        /// Stance id.
        id: u64,
        /// The polarity.
        polarity: String,
    },
    /// A mention's type is not in the schema.
    UnknownLabel {
        /// Document path.
        doc: String,
        /// Mention id.
        id: u64,
        /// The label.
        label: String,
    },
    /// A relation's type is not in the schema, or no longer fits the types
    /// of its mentions (one was relabelled since).
    RelationMisfit {
        /// Document path.
        doc: String,
        /// Relation id.
        id: u64,
        /// Why.
        why: String,
    },
    /// A three-way merge recorded a conflict, waiting for the user.
    MergeConflict {
        /// Its position in the project's list.
        index: usize,
        /// What it is about, and the two versions.
        description: String,
    },
    /// A stance rests on a quotation the document no longer has (not even
    /// as an orphan).
    MissingQuotation {
        /// Document path.
        doc: String,
        /// Stance id.
        id: u64,
        /// The quotation's id.
        quotation: u64,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MergeConflict { index, description } => write!(
                f,
                "{description} (conflict {}; settle it in Project › Merge conflicts…)",
                index + 1
            ),
            Self::MissingDocument { doc, mentions } => write!(
                f,
                "{doc}: document not found in the corpus; its {mentions} annotation(s) are kept as saved"
            ),
            Self::ChangedDocument {
                doc,
                saved,
                current,
            } => write!(
                f,
                "{doc}: text changed since the annotations were made (hash {} in the project, {} now)",
                short(saved),
                short(current)
            ),
            Self::OutOfRange { doc, id, span, len } => write!(
                f,
                "{doc}: mention m{id} {span} lies beyond the end of the text ({len} code points)"
            ),
            Self::QuoteMismatch {
                doc,
                id,
                span,
                expected,
                found,
            } => write!(
                f,
                "{doc}: mention m{id} {span} quotes {expected:?} but the text there is {found:?}"
            ),
            Self::EvidenceOutOfRange { doc, id, span, len } => write!(
                f,
                "{doc}: evidence {span} of stance s{id} lies beyond the end of the text ({len} code points)"
            ),
            Self::EvidenceMismatch {
                doc,
                id,
                span,
                expected,
                found,
            } => write!(
                f,
                "{doc}: evidence {span} of stance s{id} quotes {expected:?} but the text there is {found:?}"
            ),
            Self::Reanchored {
                doc,
                text_changed,
                anchored,
                orphaned,
            } => {
                let why = if *text_changed {
                    "the text changed since it was annotated"
                } else {
                    "some offsets in the project file did not match their quoted text"
                };
                write!(
                    f,
                    "{doc}: {why}; {anchored} annotation(s) re-anchored, {orphaned} kept as orphans"
                )
            }
            Self::Orphan {
                doc,
                what,
                text,
                reason,
            } => write!(f, "{doc}: orphan {what} {text:?}: {reason}"),
            Self::UnknownPolarity { doc, id, polarity } => write!(
                f,
                "{doc}: stance s{id} has polarity {polarity:?}, which the stance scale does not define"
            ),
            Self::UnknownLabel { doc, id, label } => write!(
                f,
                "{doc}: mention m{id} has type {label:?}, which the schema does not define"
            ),
            Self::RelationMisfit { doc, id, why } => write!(f, "{doc}: relation r{id}: {why}"),
            Self::MissingQuotation { doc, id, quotation } => write!(
                f,
                "{doc}: stance s{id} rests on quotation q{quotation}, which the document does not have"
            ),
        }
    }
}

fn mention_name(m: &Mention) -> String {
    format!("mention m{} ({})", m.id.0, m.label)
}

fn stance_name(st: &Stance) -> String {
    format!("stance s{}", st.id.0)
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// Every problem between `project` and `corpus` (documents sorted by path),
/// in document order.
#[must_use]
pub fn check_project(project: &Project, corpus: &[Document]) -> Vec<Problem> {
    let mut out = Vec::new();
    check_project_into(project, corpus, &mut out);
    out
}

/// As [`check_project`], handing each problem to `out` as it is found: a
/// [`crate::model::bounded::Bounded`] keeps the first and counts the rest
/// (bounded memory for a project with millions of problems), a printer
/// prints them.
pub fn check_project_into<S: Extend<Problem>>(project: &Project, corpus: &[Document], out: &mut S) {
    for (index, c) in project.conflicts.iter().enumerate() {
        out.extend([Problem::MergeConflict {
            index,
            description: c.describe(),
        }]);
    }
    for (path, entry) in &project.documents {
        for o in &entry.orphans {
            let what = match &o.kind {
                OrphanKind::Mention(m) => mention_name(m),
                OrphanKind::Evidence { stance, .. } => format!("evidence of stance s{}", stance.0),
                OrphanKind::Stance(st) => stance_name(st),
                OrphanKind::Quotation(q) => format!("quotation {}", q.id),
                OrphanKind::Relation(r) => {
                    format!(
                        "relation {} {} ({} ➡ {})",
                        r.id, r.label, r.source, r.target
                    )
                }
            };
            out.extend([Problem::Orphan {
                doc: path.clone(),
                what,
                text: o.old_text().to_owned(),
                reason: o.reason.clone(),
            }]);
        }
        for m in &entry.mentions {
            if project.schema.entity_type(&m.label).is_none() {
                out.extend([Problem::UnknownLabel {
                    doc: path.clone(),
                    id: m.id.0,
                    label: m.label.clone(),
                }]);
            }
        }
        for r in &entry.relations {
            let label_of = |id| entry.mention(id).map_or("", |m| m.label.as_str());
            let why = match project.schema.relation_type(&r.label) {
                None => Some(format!(
                    "type {:?}, which the schema does not define",
                    r.label
                )),
                Some(t) => t.refuses(label_of(r.source), label_of(r.target)),
            };
            if let Some(why) = why {
                out.extend([Problem::RelationMisfit {
                    doc: path.clone(),
                    id: r.id.0,
                    why,
                }]);
            }
        }
        for st in &entry.stances {
            if project.schema.polarity(&st.polarity).is_none() {
                out.extend([Problem::UnknownPolarity {
                    doc: path.clone(),
                    id: st.id.0,
                    polarity: st.polarity.clone(),
                }]);
            }
            if let Some(q) = st.quotation
                && entry.quotation(q).is_none()
                && !entry
                    .orphans
                    .iter()
                    .any(|o| matches!(&o.kind, OrphanKind::Quotation(oq) if oq.id == q))
            {
                out.extend([Problem::MissingQuotation {
                    doc: path.clone(),
                    id: st.id.0,
                    quotation: q.0,
                }]);
            }
        }
        let Ok(at) = corpus.binary_search_by(|d| d.path.as_str().cmp(path)) else {
            out.extend([Problem::MissingDocument {
                doc: path.clone(),
                mentions: entry.mentions.len() + entry.stances.len(),
            }]);
            // Kept in the project as they are (the document may come back),
            // and each listed with its text like an orphan.
            let gone = "its document is no longer in the corpus";
            for m in &entry.mentions {
                out.extend([Problem::Orphan {
                    doc: path.clone(),
                    what: mention_name(m),
                    text: m.quote.exact.clone(),
                    reason: gone.to_owned(),
                }]);
            }
            for st in &entry.stances {
                out.extend([Problem::Orphan {
                    doc: path.clone(),
                    what: stance_name(st),
                    text: st
                        .evidence
                        .first()
                        .map(|e| e.quote.exact.clone())
                        .unwrap_or_default(),
                    reason: gone.to_owned(),
                }]);
            }
            continue;
        };
        let doc = &corpus[at];
        if doc.hash != entry.hash {
            out.extend([Problem::ChangedDocument {
                doc: path.clone(),
                saved: entry.hash.clone(),
                current: doc.hash.clone(),
            }]);
        }
        for m in &entry.mentions {
            match doc.slice(m.span) {
                None => out.extend([Problem::OutOfRange {
                    doc: path.clone(),
                    id: m.id.0,
                    span: m.span.to_string(),
                    len: doc.char_len(),
                }]),
                Some(found) if found != m.quote.exact => out.extend([Problem::QuoteMismatch {
                    doc: path.clone(),
                    id: m.id.0,
                    span: m.span.to_string(),
                    expected: m.quote.exact.clone(),
                    found: found.to_owned(),
                }]),
                Some(_) => {}
            }
        }
        for st in &entry.stances {
            for e in &st.evidence {
                match doc.slice(e.span) {
                    None => out.extend([Problem::EvidenceOutOfRange {
                        doc: path.clone(),
                        id: st.id.0,
                        span: e.span.to_string(),
                        len: doc.char_len(),
                    }]),
                    Some(found) if found != e.quote.exact => {
                        out.extend([Problem::EvidenceMismatch {
                            doc: path.clone(),
                            id: st.id.0,
                            span: e.span.to_string(),
                            expected: e.quote.exact.clone(),
                            found: found.to_owned(),
                        }])
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharSpan, DocAnnotations, Mention, MentionId, Schema};

    /// A project annotated on `saved` text, checked against `current` text.
    fn problems(
        saved: &str,
        span: (usize, usize),
        label: &str,
        current: Option<&str>,
    ) -> Vec<String> {
        let old = Document::new("a.txt", saved, "UTF-8");
        let mut project = Project::new("t", Schema::builtin());
        let mut entry = DocAnnotations::for_document(&old);
        let mut m = Mention::new(&old, MentionId(1), CharSpan::new(span.0, span.1), label);
        if span.1 > old.char_len() {
            m.quote.exact = "東京🐟".to_owned();
        }
        entry.insert_sorted(m);
        project.documents.insert("a.txt".to_owned(), entry.into());
        let corpus: Vec<Document> = current
            .map(|t| Document::new("a.txt", t, "UTF-8"))
            .into_iter()
            .collect();
        check_project(&project, &corpus)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_problem_is_named() {
        let text = "東京🐟 e\u{301}té";
        // Unchanged: nothing to report.
        assert!(problems(text, (0, 3), "GPE", Some(text)).is_empty());
        // Beyond the end of the text (the saved text was shorter than the span).
        let got = problems(text, (5, 40), "GPE", Some(text));
        assert_eq!(
            got,
            ["a.txt: mention m1 [5, 40) lies beyond the end of the text (8 code points)"]
        );
        // Text changed under the mention.
        let got = problems(text, (0, 3), "GPE", Some("大阪🐟 e\u{301}té"));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].starts_with("a.txt: text changed since the annotations were made"),
            "{got:?}"
        );
        assert!(
            got[1].contains("quotes \"東京🐟\" but the text there is \"大阪🐟\""),
            "{got:?}"
        );
        // Document gone, unknown type.
        let got = problems(text, (0, 3), "ALIEN", None);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            got[0].contains("type \"ALIEN\", which the schema does not define"),
            "{got:?}"
        );
        assert_eq!(
            got[1],
            "a.txt: document not found in the corpus; its 1 annotation(s) are kept as saved"
        );
        assert_eq!(
            got[2],
            "a.txt: orphan mention m1 (ALIEN) \"東京🐟\": its document is no longer in the corpus"
        );
    }
}
