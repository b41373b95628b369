//! Synthetic corpora and projects of any size, deterministic from a seed, for
//! benchmarks and scale tests. The text mixes ASCII, accented letters,
//! combining marks, CJK and emoji so that code-point offsets are exercised.

use super::annotation::{Entity, EntityId, Mention, MentionId};
use super::document::Document;
use super::project::{DocAnnotations, Project};
use super::schema::Schema;
use super::span::CharSpan;
use super::stance::{Evidence, Holder, Stance, StanceId, Target};

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct SplitMix(u64);

impl SplitMix {
    /// A generator started from `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for test data.
        usize::try_from(self.next_u64() % n.max(1) as u64).unwrap_or(0)
    }
}

const WORDS: &[&str] = &[
    "the",
    "river",
    "council",
    "said",
    "on",
    "Monday",
    "spill",
    "report",
    "minister",
    "company",
    "denied",
    "water",
    "samples",
    "showed",
    "Café",
    "naïve",
    "e\u{301}cole",
    "東京",
    "佐藤美咲",
    "🐟",
    "inspection",
    "mayor",
    "port",
    "results",
    "and",
    "of",
    "a",
    "was",
    "that",
    "in",
];
const NAMES: &[&str] = &[
    "Ana Duarte",
    "Norvik",
    "Port Avel",
    "佐藤美咲",
    "Bjørn Aasheim",
];

/// One synthetic article of about `words` words, in paragraphs.
#[must_use]
pub fn document(rng: &mut SplitMix, path: String, words: usize) -> Document {
    let mut text = String::with_capacity(words * 7);
    text.push_str("date 2026-03-16\nSynthetic report ");
    text.push_str(&path);
    text.push_str("\n\n");
    for i in 0..words {
        if i > 0 {
            if i % 120 == 0 {
                text.push_str(".\n\n");
            } else if i % 15 == 0 {
                text.push_str(". ");
            } else {
                text.push(' ');
            }
        }
        if rng.below(12) == 0 {
            text.push_str(NAMES[rng.below(NAMES.len())]);
        } else {
            text.push_str(WORDS[rng.below(WORDS.len())]);
        }
    }
    text.push_str(".\n");
    Document::new(path, text, "UTF-8")
}

/// A corpus of `docs` articles of about `words` words each, sorted by path.
#[must_use]
pub fn corpus(seed: u64, docs: usize, words: usize) -> Vec<Document> {
    let mut rng = SplitMix::new(seed);
    let mut out: Vec<Document> = (0..docs)
        .map(|i| {
            document(
                &mut rng,
                format!("outlet-{}/article-{i:06}.txt", i % 7),
                words,
            )
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Word-like spans of `doc` (maximal runs of non-space, non-punctuation), in
/// code points.
fn word_spans(doc: &Document) -> Vec<CharSpan> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in doc.text.chars().enumerate() {
        let inside = !(c.is_whitespace() || c == '.');
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push(CharSpan::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push(CharSpan::new(s, doc.char_len()));
    }
    spans
}

/// A project over `corpus` with about `mentions` mentions and `stances`
/// span-level stances spread evenly over the documents, 100 entities, and
/// every other mention linked. Each stance has one evidence span of up to 25
/// words, as a quoted clause would be.
#[must_use]
pub fn project(seed: u64, corpus: &[Document], mentions: usize, stances: usize) -> Project {
    let mut rng = SplitMix::new(seed);
    let mut project = Project::new("synthetic", Schema::builtin());
    let labels = ["PER", "ORG", "GPE", "MISC"];
    for i in 0..100u64 {
        let e = Entity::new(
            EntityId(i + 1),
            format!("Entity {i}"),
            labels[(i % 4) as usize],
        );
        project.entities.insert(e.id, e);
    }
    let n = corpus.len().max(1);
    for (d, doc) in corpus.iter().enumerate() {
        let spans = word_spans(doc);
        if spans.is_empty() {
            continue;
        }
        let mut entry = DocAnnotations::for_document(doc);
        let want = mentions / n + usize::from(d < mentions % n);
        // Distinct words, as many as asked (or every word of a short text).
        let want = want.min(spans.len());
        let mut chosen = std::collections::BTreeSet::new();
        while chosen.len() < want {
            chosen.insert(rng.below(spans.len()));
        }
        let picked: Vec<CharSpan> = chosen.into_iter().map(|i| spans[i]).collect();
        for (i, span) in picked.iter().enumerate() {
            let mut m = Mention::new(doc, MentionId(i as u64 + 1), *span, labels[rng.below(4)]);
            if i % 2 == 0 {
                m.entity = Some(EntityId(rng.below(100) as u64 + 1));
            }
            entry.mentions.push(m);
        }
        entry
            .mentions
            .sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        let want = stances / n + usize::from(d < stances % n);
        for i in 0..want {
            // Evidence is a clause: up to 25 consecutive words.
            let first = rng.below(spans.len());
            let last = (first + rng.below(25)).min(spans.len() - 1);
            let span = CharSpan::new(spans[first].start, spans[last].end);
            let stance = Stance::new(
                StanceId(i as u64 + 1),
                Holder::Entity(EntityId(rng.below(100) as u64 + 1)),
                Target::Entity(EntityId(rng.below(100) as u64 + 1)),
                if i % 2 == 0 { "support" } else { "oppose" },
                vec![Evidence::new(doc, span)],
            );
            entry.stances.push(stance);
        }
        project.documents.insert(doc.path.clone(), entry.into());
    }
    project
}

/// Another coder's version of `project`, as a second annotator of the same
/// documents would make it: each mention kept with probability 0.9, and a
/// kept one given another type with probability 0.1; stances, entities and
/// everything else unchanged. Deterministic from `seed`.
#[must_use]
pub fn coder_variant(seed: u64, project: &Project, annotator: &str) -> Project {
    let mut rng = SplitMix::new(seed);
    let labels = ["PER", "ORG", "GPE", "MISC"];
    let mut out = project.clone();
    out.annotator = annotator.to_owned();
    for entry in out.documents.values_mut() {
        let entry = std::sync::Arc::make_mut(entry);
        entry.mentions.retain(|_| rng.below(10) != 0);
        for m in &mut entry.mentions {
            if rng.below(10) == 0 {
                m.label = labels[rng.below(4)].to_owned();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::check::check_project;

    #[test]
    fn generated_data_is_deterministic_and_valid() {
        let docs = corpus(7, 20, 300);
        assert_eq!(docs, corpus(7, 20, 300));
        assert_ne!(docs, corpus(8, 20, 300));
        let p = project(7, &docs, 1_000, 100);
        assert_eq!(p, project(7, &docs, 1_000, 100));
        assert_eq!(p.mention_count(), 1_000, "exactly as many as asked");
        assert_eq!(p.stance_count(), 100);
        assert!(
            check_project(&p, &docs).is_empty(),
            "{:?}",
            check_project(&p, &docs)
        );
        assert!(docs.iter().any(|d| d.text.contains("🐟")));
        let other = coder_variant(3, &p, "second");
        assert_eq!(other.annotator, "second");
        assert!(other.mention_count() < p.mention_count());
        assert!(other.mention_count() > p.mention_count() * 3 / 4);
        assert!(check_project(&other, &docs).is_empty());
        assert_eq!(other, coder_variant(3, &p, "second"));
    }
}
