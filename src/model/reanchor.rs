//! Re-anchoring annotations after a document's text changed: each mention
//! and evidence span is found again from its quote (exact text plus prefix
//! and suffix, as W3C's `TextQuoteSelector`). Confident matches move;
//! ambiguous or lost ones become orphans, kept with their old text.

use std::sync::Arc;

use similar::TextDiff;

use super::annotation::{Mention, Quote};
use super::check::Problem;
use super::document::Document;
use super::occurrences::{MatchOptions, find_occurrences};
use super::project::{DocAnnotations, Orphan, OrphanKind, Project};
use super::span::CharSpan;
use super::stance::{Evidence, Level};

/// Where a quote belongs in the new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchoring {
    /// Found at this span.
    Found(CharSpan),
    /// Not confidently found.
    Orphan(&'static str),
}

fn similarity(a: &str, b: &str) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    TextDiff::from_chars(a, b).ratio()
}

/// How far (in code points) from its old place a quote's only occurrence may
/// be and still be taken when its context no longer matches.
pub const NEARBY: usize = 256;

/// Finds `quote` in `doc`: its exact text wherever it occurs; with several
/// occurrences, the one whose surroundings best match the quote's prefix and
/// suffix, when it is clearly better than the others.
#[must_use]
pub fn reanchor(quote: &Quote, doc: &Document) -> Anchoring {
    locate(quote, doc, None)
}

/// Like [`reanchor`], knowing the annotation's old place: it stays there if
/// it still sits on its exact text with its exact context, and a single
/// occurrence elsewhere is taken only if its context mostly matches or it is
/// near the old place (otherwise it is likely another use of the same words).
#[must_use]
pub fn reanchor_from(old: CharSpan, quote: &Quote, doc: &Document) -> Anchoring {
    let in_place = doc.slice(old) == Some(quote.exact.as_str())
        && doc.prefix(old.start, quote.prefix.chars().count()) == quote.prefix
        && doc.suffix(old.end, quote.suffix.chars().count()) == quote.suffix;
    if in_place {
        Anchoring::Found(old)
    } else {
        locate(quote, doc, Some(old))
    }
}

/// How well the text around `span` matches the quote's context: 0 to 2.
fn context_score(quote: &Quote, doc: &Document, span: CharSpan) -> f32 {
    let before = doc.prefix(span.start, quote.prefix.chars().count());
    let after = doc.suffix(span.end, quote.suffix.chars().count());
    similarity(&quote.prefix, before) + similarity(&quote.suffix, after)
}

fn locate(quote: &Quote, doc: &Document, old: Option<CharSpan>) -> Anchoring {
    if quote.exact.is_empty() {
        return Anchoring::Orphan("the quote is empty");
    }
    let options = MatchOptions {
        whole_word: false,
        case_sensitive: true,
    };
    let candidates = find_occurrences(&doc.text, &[quote.exact.as_str()], options);
    match candidates.as_slice() {
        [] => Anchoring::Orphan("its text is no longer in the document"),
        [one] => {
            let confident = old.is_none_or(|old| {
                old.start.abs_diff(one.start) <= NEARBY || context_score(quote, doc, *one) >= 1.0
            });
            if confident {
                Anchoring::Found(*one)
            } else {
                Anchoring::Orphan("its text occurs only elsewhere, in a different context")
            }
        }
        _ => {
            let mut scored: Vec<(f32, CharSpan)> = candidates
                .iter()
                .map(|s| (context_score(quote, doc, *s), *s))
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            if scored[0].0 - scored[1].0 > 1e-3 {
                Anchoring::Found(scored[0].1)
            } else {
                Anchoring::Orphan(
                    "its text occurs several times and the context does not tell which",
                )
            }
        }
    }
}

/// What re-anchoring a document did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReanchorReport {
    /// Annotations that moved (or stayed) with confidence.
    pub anchored: usize,
    /// Annotations that became orphans.
    pub orphaned: usize,
}

/// Re-anchors every mention and evidence span of `entry` in `doc` (whose text
/// changed), and takes the new text's hash. Lost ones become orphans of the
/// document; a span-level stance that loses all its evidence becomes an orphan
/// as a whole.
pub fn reanchor_document(entry: &mut DocAnnotations, doc: &Document) -> ReanchorReport {
    let mut report = ReanchorReport::default();
    // Rejected suggestions follow their words to the nearest place they
    // still stand as a whole word; one whose words are gone is forgotten
    // (nothing would be suggested there either).
    for r in std::mem::take(&mut entry.rejections) {
        if let Some(span) = nearest_word(doc, &r.text, r.span.start) {
            entry.rejections.push(crate::model::Rejection { span, ..r });
        }
    }
    entry.rejections.sort();
    for p in std::mem::take(&mut entry.proposals) {
        if let Some(span) = nearest_word(doc, &p.text, p.span.start) {
            entry.proposals.push(crate::model::Proposal { span, ..p });
        }
    }
    entry.proposals.sort();
    entry.rejections.dedup();
    let mut kept: Vec<Mention> = Vec::new();
    for mut m in std::mem::take(&mut entry.mentions) {
        match reanchor_from(m.span, &m.quote, doc) {
            Anchoring::Found(span) => {
                m.span = span;
                m.quote = Quote::of(doc, span);
                kept.push(m);
                report.anchored += 1;
            }
            Anchoring::Orphan(why) => {
                entry.orphans.push(Orphan {
                    kind: OrphanKind::Mention(m),
                    reason: why.to_owned(),
                });
                report.orphaned += 1;
            }
        }
    }
    kept.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    entry.mentions = kept;
    // A relation goes with a mention that lost its place.
    for r in std::mem::take(&mut entry.relations) {
        let lost = [r.source, r.target]
            .into_iter()
            .find(|&id| entry.mention(id).is_none());
        match lost {
            None => entry.relations.push(r),
            Some(id) => {
                entry.orphans.push(Orphan {
                    reason: format!(
                        "its mention {id} lost its place; it comes back when its mentions are placed again"
                    ),
                    kind: OrphanKind::Relation(r),
                });
                report.orphaned += 1;
            }
        }
    }
    // A quotation follows its spans and mentions; one that loses any of
    // them becomes an orphan, its found spans moved and its lost ones kept
    // with their old text, so it can be placed again span by span.
    for mut q in std::mem::take(&mut entry.quotations) {
        let mut lost: Option<String> = None;
        for e in q.cue.iter_mut().chain(q.contents.iter_mut()) {
            match reanchor_from(e.span, &e.quote, doc) {
                Anchoring::Found(span) => *e = Evidence::new(doc, span),
                Anchoring::Orphan(why) => {
                    lost.get_or_insert_with(|| format!("“{}”: {why}", e.quote.exact));
                }
            }
        }
        if let Some(m) = q.mentions().find(|m| entry.mention(*m).is_none()) {
            lost.get_or_insert_with(|| {
                format!("its mention {m} lost its place; it comes back when that is placed again")
            });
        }
        q.sort_contents();
        match lost {
            None => {
                entry.quotations.push(q);
                report.anchored += 1;
            }
            Some(reason) => {
                entry.orphans.push(Orphan {
                    kind: OrphanKind::Quotation(q),
                    reason,
                });
                report.orphaned += 1;
            }
        }
    }
    let mut stances = Vec::new();
    for mut st in std::mem::take(&mut entry.stances) {
        let mut found: Vec<Evidence> = Vec::new();
        let mut lost: Vec<(Evidence, &'static str)> = Vec::new();
        for e in std::mem::take(&mut st.evidence) {
            match reanchor_from(e.span, &e.quote, doc) {
                Anchoring::Found(span) => found.push(Evidence::new(doc, span)),
                Anchoring::Orphan(why) => lost.push((e, why)),
            }
        }
        if st.level == Level::Span && found.is_empty() && !lost.is_empty() {
            // The whole stance becomes one orphan, with its old evidence.
            st.evidence = lost.into_iter().map(|(e, _)| e).collect();
            entry.orphans.push(Orphan {
                kind: OrphanKind::Stance(st),
                reason: "none of its evidence is in the document any more".to_owned(),
            });
            report.orphaned += 1;
            continue;
        }
        report.anchored += found.len();
        report.orphaned += lost.len();
        for (evidence, why) in lost {
            entry.orphans.push(Orphan {
                kind: OrphanKind::Evidence {
                    stance: st.id,
                    evidence,
                },
                reason: why.to_owned(),
            });
        }
        st.evidence = found;
        st.sort_evidence();
        stances.push(st);
    }
    entry.stances = stances;
    entry.hash.clone_from(&doc.hash);
    entry.title.clone_from(&doc.title);
    entry.date.clone_from(&doc.date);
    report
}

/// Re-anchors every document of `project` whose text changed, or whose
/// offsets do not match their quotes (a damaged or forged file), against
/// `corpus`. Returns one [`Problem::Reanchored`] per document re-anchored.
pub fn reanchor_project(project: &mut Project, corpus: &[Document]) -> Vec<Problem> {
    let mut out = Vec::new();
    for doc in corpus {
        let Some(entry) = project.documents.get_mut(&doc.path) else {
            continue;
        };
        let text_changed = entry.hash != doc.hash;
        let misplaced = entry.mentions.iter().any(|m| !m.matches(doc))
            || entry
                .stances
                .iter()
                .flat_map(|st| &st.evidence)
                .any(|e| !e.matches(doc))
            || entry
                .quotations
                .iter()
                .flat_map(super::quotation::Quotation::spans)
                .any(|e| !e.matches(doc));
        if text_changed || misplaced {
            let report = reanchor_document(Arc::make_mut(entry), doc);
            out.push(Problem::Reanchored {
                doc: doc.path.clone(),
                text_changed,
                anchored: report.anchored,
                orphaned: report.orphaned,
            });
        }
    }
    out
}

/// The whole-word place of `text` in `doc` nearest to code point `near`.
fn nearest_word(doc: &Document, text: &str, near: usize) -> Option<CharSpan> {
    if text.is_empty() {
        return None;
    }
    let mut cursor = crate::model::span::CharCursor::default();
    doc.text
        .match_indices(text)
        .filter(|(b, m)| crate::model::span::is_whole_word(&doc.text, *b, b + m.len()))
        .map(|(b, m)| cursor.span(&doc.text, b, b + m.len()))
        .min_by_key(|s| s.start.abs_diff(near))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MentionId;

    fn quote_in(text: &str, word: &str, nth: usize) -> (Document, Quote) {
        let doc = Document::new("a.txt", text, "UTF-8");
        let byte = text.match_indices(word).nth(nth).expect("word").0;
        let start = crate::model::span::char_count_before(text, byte);
        let span = CharSpan::new(start, start + word.chars().count());
        (
            doc.clone(),
            Mention::new(&doc, MentionId(1), span, "PER").quote,
        )
    }

    fn check(old: &str, word: &str, nth: usize, new: &str, expected: Result<&str, ()>) {
        let (_, quote) = quote_in(old, word, nth);
        let doc = Document::new("a.txt", new, "UTF-8");
        let got = match reanchor(&quote, &doc) {
            Anchoring::Found(span) => Ok(doc.prefix(span.start, 8).to_owned()
                + "|"
                + doc.slice(span).unwrap_or_default()),
            Anchoring::Orphan(_) => Err(()),
        };
        assert_eq!(
            got.as_deref().map_err(|_| ()),
            expected,
            "{old:?} -> {new:?}"
        );
    }

    #[test]
    fn quotes_are_found_again() {
        // Moved by an insertion before it.
        check(
            "Mr Putin said so.",
            "Putin",
            0,
            "🐟 Then Mr Putin said so.",
            Ok("Then Mr |Putin"),
        );
        // Two occurrences: the context decides.
        check(
            "Putin met Trump. Later Putin left.",
            "Putin",
            1,
            "Putin met Trump. Much later Putin left.",
            Ok("h later |Putin"),
        );
        // Lost.
        check(
            "Mr Putin said so.",
            "Putin",
            0,
            "Mr Lavrov said so.",
            Err(()),
        );
        // Two occurrences with identical contexts: ambiguous.
        check("A Putin B.", "Putin", 0, "A Putin B. A Putin B.", Err(()));
        // ... unless it still sits on its text with its context.
        let (doc, quote) = quote_in("A Putin B. A Putin B.", "Putin", 1);
        assert_eq!(
            reanchor_from(CharSpan::new(13, 18), &quote, &doc),
            Anchoring::Found(CharSpan::new(13, 18))
        );
        // From a wrong place, the context still finds the right occurrence.
        assert_eq!(
            reanchor_from(CharSpan::new(2, 7), &quote, &doc),
            Anchoring::Found(CharSpan::new(13, 18))
        );
    }

    #[test]
    fn a_single_occurrence_far_away_in_another_context_is_not_taken() {
        let filler = "word ".repeat(80);
        let old = format!(
            "The attack in Idlib province killed many. {filler}Later, in Idlib province again."
        );
        let (old_doc, quote) = quote_in(&old, "Idlib province", 0);
        let old_span = CharSpan::new(14, 28);
        assert_eq!(old_doc.slice(old_span), Some("Idlib province"));
        // The first use is rewritten; the other, 400 code points on, is another use.
        let new = Document::new(
            "a.txt",
            old.replacen("Idlib province", "the province", 1),
            "UTF-8",
        );
        assert!(matches!(
            reanchor_from(old_span, &quote, &new),
            Anchoring::Orphan(_)
        ));
        // Without the old place there is nothing to tell: it is taken.
        assert!(matches!(reanchor(&quote, &new), Anchoring::Found(_)));
        // Moved far but with its context: taken.
        let moved = Document::new(
            "a.txt",
            format!("{filler}The attack in Idlib province killed many."),
            "UTF-8",
        );
        assert!(matches!(
            reanchor_from(old_span, &quote, &moved),
            Anchoring::Found(_)
        ));
        // Near its old place, even with a new context: taken.
        let near = Document::new(
            "a.txt",
            old.replacen("The attack in", "Bombs hit", 1).replacen(
                "Idlib province again",
                "the north",
                1,
            ),
            "UTF-8",
        );
        assert!(matches!(
            reanchor_from(old_span, &quote, &near),
            Anchoring::Found(_)
        ));
    }

    #[test]
    fn documents_keep_what_they_cannot_place_as_orphans() {
        use crate::model::StanceId;
        use crate::model::stance::{Holder, Stance, Target};
        let old = Document::new(
            "a.txt",
            "Ana said 東京 is safe. Ben said the river is clean.",
            "UTF-8",
        );
        let span_of = |doc: &Document, w: &str| {
            let byte = doc.text.find(w).expect("word");
            let start = crate::model::span::char_count_before(&doc.text, byte);
            CharSpan::new(start, start + w.chars().count())
        };
        let mut entry = DocAnnotations::for_document(&old);
        entry.insert_sorted(Mention::new(
            &old,
            MentionId(1),
            span_of(&old, "Ana"),
            "PER",
        ));
        entry.insert_sorted(Mention::new(
            &old,
            MentionId(2),
            span_of(&old, "Ben"),
            "PER",
        ));
        let two = vec![
            Evidence::new(&old, span_of(&old, "東京 is safe")),
            Evidence::new(&old, span_of(&old, "the river is clean")),
        ];
        entry.insert_stance(Stance::new(
            StanceId(1),
            Holder::Author,
            Target::Topic("t".into()),
            "support",
            two,
        ));
        let one = vec![Evidence::new(&old, span_of(&old, "the river is clean"))];
        entry.insert_stance(Stance::new(
            StanceId(2),
            Holder::Author,
            Target::Topic("t".into()),
            "oppose",
            one,
        ));

        let new = Document::new(
            "a.txt",
            "🐟 Ana said 東京 is safe. Someone said the water is clean.",
            "UTF-8",
        );
        let report = reanchor_document(&mut entry, &new);
        assert_eq!(
            report,
            ReanchorReport {
                anchored: 2,
                orphaned: 3
            }
        );
        assert_eq!(entry.hash, new.hash);
        assert_eq!(entry.mentions.len(), 1);
        assert!(entry.mentions[0].matches(&new));
        assert_eq!(entry.mentions[0].span, span_of(&new, "Ana"));
        // Stance 1 keeps its surviving evidence; stance 2 lost all of it.
        assert_eq!(entry.stances.len(), 1);
        assert_eq!(entry.stances[0].evidence.len(), 1);
        assert!(entry.stances[0].evidence[0].matches(&new));
        let old_texts: Vec<&str> = entry.orphans.iter().map(Orphan::old_text).collect();
        assert_eq!(
            old_texts,
            ["Ben", "the river is clean", "the river is clean"]
        );
        assert!(matches!(entry.orphans[2].kind, OrphanKind::Stance(_)));
    }
}
