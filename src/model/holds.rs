//! What one version of a project holds that another lacks: the question a
//! recovery file must answer before it is offered ("is there work in it
//! that the project file does not have?"), and the lines that show a user
//! the difference, document by document.
//!
//! Linear in the size of both projects: every layer is compared through a
//! hash set of the other side's items.

use std::collections::HashSet;
use std::hash::Hash;

use super::bounded::Bounded;
use super::project::{DocAnnotations, DocStatus, Project};

/// How many lines of a difference are kept for showing (the rest counted).
pub const SHOWN_LINES: usize = 12;

/// Where a document stands in the workflow, for "is further along".
fn rank(status: DocStatus) -> u8 {
    match status {
        DocStatus::Todo => 0,
        DocStatus::InProgress => 1,
        DocStatus::Done => 2,
    }
}

/// What `a` holds that `b` lacks, one line per item, the first
/// [`SHOWN_LINES`] kept: mentions, stances, relations, quotations, notes and
/// codes that `b` does not have as they are in `a` (changed ones included),
/// documents `a` has further along in the workflow, entities and claims.
/// Empty when `b` holds everything `a` does.
#[must_use]
pub fn held_only_by(a: &Project, b: &Project) -> Bounded<String> {
    let mut out = Bounded::new(SHOWN_LINES);
    for (path, da) in &a.documents {
        let empty = DocAnnotations::default();
        let db = b.documents.get(path).map_or(&empty, |d| &**d);
        document_lines(path, da, db, &mut out);
    }
    for t in &a.schema.entity_types {
        if b.schema.entity_type(&t.name).is_none() {
            out.push(format!("entity type {} in the schema", t.name));
        }
    }
    for v in &a.schema.variables {
        if !b.schema.variables.iter().any(|x| x.name == v.name) {
            out.push(format!("codebook variable “{}”", v.name));
        }
    }
    let entities: HashSet<_> = b.entities.values().collect();
    for e in a.entities.values().filter(|e| !entities.contains(e)) {
        out.push(format!("entity “{}” ({})", e.name, e.label));
    }
    let claims: HashSet<_> = b.claims.values().collect();
    for c in a.claims.values().filter(|c| !claims.contains(c)) {
        out.push(format!("claim “{}”", c.text));
    }
    out
}

fn missing<'a, T: Eq + Hash>(a: &'a [T], b: &[T]) -> impl Iterator<Item = &'a T> {
    let there: HashSet<&T> = b.iter().collect();
    a.iter().filter(move |x| !there.contains(x))
}

fn document_lines(path: &str, a: &DocAnnotations, b: &DocAnnotations, out: &mut Bounded<String>) {
    if rank(a.status) > rank(b.status) {
        out.push(format!(
            "{path}: status {} (the other: {})",
            a.status.label(),
            b.status.label()
        ));
    }
    for m in missing(&a.mentions, &b.mentions) {
        out.push(format!("{path}: mention “{}” ({})", m.quote.exact, m.label));
    }
    for s in missing(&a.stances, &b.stances) {
        out.push(format!("{path}: stance {} ({})", s.id.0, s.polarity));
    }
    for r in missing(&a.relations, &b.relations) {
        out.push(format!("{path}: relation {} ({})", r.id.0, r.label));
    }
    for q in missing(&a.quotations, &b.quotations) {
        out.push(format!("{path}: quotation {}", q.id.0));
    }
    if !a.note.is_empty() && a.note != b.note {
        out.push(format!("{path}: document note"));
    }
    for (name, code) in &a.codes {
        if b.codes.get(name) != Some(code) {
            out.push(format!("{path}: code for “{name}”"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharSpan, Document, Mention, MentionId, Schema};

    fn project(statuses: &[(&str, DocStatus, usize)]) -> (Project, Vec<Document>) {
        let mut p = Project::new("ana", Schema::builtin());
        let mut docs = Vec::new();
        for (path, status, mentions) in statuses {
            let doc = Document::new(*path, "Ana met Bo and Cy in Oslo.", "utf-8");
            let mut entry = DocAnnotations::for_document(&doc);
            entry.status = *status;
            // "Ana", "Bo", "Cy".
            for (k, (start, end)) in [(0, 3), (8, 10), (15, 17)]
                .into_iter()
                .take(*mentions)
                .enumerate()
            {
                entry.insert_sorted(Mention::new(
                    &doc,
                    MentionId(k as u64 + 1),
                    CharSpan::new(start, end),
                    "PER",
                ));
            }
            p.documents
                .insert((*path).to_owned(), std::sync::Arc::new(entry));
            docs.push(doc);
        }
        (p, docs)
    }

    #[test]
    fn an_older_copy_holds_nothing_the_newer_lacks() {
        use DocStatus::{Done, InProgress, Todo};
        // The kill-loop case: the recovery was written before more work
        // was saved. It holds less, and nothing else.
        let (older, _) = project(&[("a.txt", Done, 2), ("b.txt", Todo, 0)]);
        let (newer, _) = project(&[("a.txt", Done, 3), ("b.txt", Done, 1)]);
        assert!(held_only_by(&older, &newer).is_empty());
        let lines = held_only_by(&newer, &older);
        assert_eq!(
            lines.kept(),
            [
                "a.txt: mention “Cy” (PER)",
                "b.txt: status done (the other: todo)",
                "b.txt: mention “Ana” (PER)",
            ]
        );
        // Work on both sides: each holds something of its own.
        let (mixed, _) = project(&[("a.txt", InProgress, 1), ("b.txt", Todo, 2)]);
        assert_eq!(
            held_only_by(&mixed, &newer).kept(),
            ["b.txt: mention “Bo” (PER)"]
        );
    }
}
