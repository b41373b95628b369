//! Searching the corpus: plain text or a regular expression, whole words or
//! not, case or not. Results come a page at a time, in corpus order, so the
//! first hits show long before a large corpus has been read to the end.

use regex::{Regex, RegexBuilder};

use super::document::Document;
use super::span::{CharCursor, CharSpan, is_whole_word};

/// What to look for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// The text, or the pattern when `regex` is set.
    pub pattern: String,
    /// Read `pattern` as a regular expression (Rust `regex` syntax).
    pub regex: bool,
    /// Only hits not flanked by letters, digits or `_`.
    pub whole_word: bool,
    /// Match upper and lower case exactly.
    pub case_sensitive: bool,
}

/// Why a query cannot run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// Nothing to look for.
    #[error("type something to search for")]
    Empty,
    /// The regular expression does not compile.
    #[error("not a valid regular expression: {0}")]
    BadPattern(String),
}

/// A hit: a document (its index in the corpus) and the code points matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchHit {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// The matched code points.
    pub span: CharSpan,
}

/// One page of hits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchPage {
    /// Hits in corpus order.
    pub hits: Vec<SearchHit>,
    /// The document to continue from for the next page; `None` when the
    /// whole corpus has been searched.
    pub next_doc: Option<usize>,
}

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Searcher {
    regex: Regex,
    whole_word: bool,
}

impl Searcher {
    /// Compiles `query`.
    ///
    /// # Errors
    /// [`SearchError`] when the pattern is empty or not a valid expression.
    pub fn new(query: &SearchQuery) -> Result<Self, SearchError> {
        if query.pattern.is_empty() {
            return Err(SearchError::Empty);
        }
        let pattern = if query.regex {
            query.pattern.clone()
        } else {
            regex::escape(&query.pattern)
        };
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(!query.case_sensitive)
            .size_limit(1 << 24)
            .build()
            .map_err(|e| SearchError::BadPattern(e.to_string()))?;
        Ok(Self {
            regex,
            whole_word: query.whole_word,
        })
    }

    /// Every hit in `doc`'s text (empty matches are skipped).
    #[must_use]
    pub fn hits_in(&self, doc: &Document) -> Vec<CharSpan> {
        let text = doc.text.as_str();
        let mut cursor = CharCursor::default();
        self.regex
            .find_iter(text)
            .filter(|m| {
                !m.is_empty() && (!self.whole_word || is_whole_word(text, m.start(), m.end()))
            })
            .map(|m| cursor.span(text, m.start(), m.end()))
            .collect()
    }

    /// Hits from document `from_doc` on, stopping at the end of the document
    /// in which `limit` hits are reached (a document's hits are never split
    /// between pages).
    #[must_use]
    pub fn page(&self, corpus: &[Document], from_doc: usize, limit: usize) -> SearchPage {
        let mut hits = Vec::new();
        for (i, doc) in corpus.iter().enumerate().skip(from_doc) {
            hits.extend(
                self.hits_in(doc)
                    .into_iter()
                    .map(|span| SearchHit { doc: i, span }),
            );
            if hits.len() >= limit {
                let next = i + 1;
                return SearchPage {
                    hits,
                    next_doc: (next < corpus.len()).then_some(next),
                };
            }
        }
        SearchPage {
            hits,
            next_doc: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Vec<Document> {
        vec![
            Document::new(
                "a.txt",
                "Putin met 佐藤美咲. putin? Putinism 🐟 Putin",
                "UTF-8",
            ),
            Document::new(
                "b.txt",
                "e\u{301}cole, École; the Ecole 東京 東京都",
                "UTF-8",
            ),
            Document::new("c.txt", "nothing here", "UTF-8"),
            Document::new("d.txt", "รัฐมนตรีกล่าวที่กรุงเทพ 外交部长说", "UTF-8"),
        ]
    }

    fn query(pattern: &str, regex: bool, whole_word: bool, case_sensitive: bool) -> SearchQuery {
        SearchQuery {
            pattern: pattern.to_owned(),
            regex,
            whole_word,
            case_sensitive,
        }
    }

    #[test]
    fn hits_are_code_point_spans_under_each_option() {
        let corpus = docs();
        let cases: [(SearchQuery, &[(usize, &str)]); 10] = [
            // Whole words in scripts without spaces: the dictionary's.
            (query("กรุงเทพ", false, true, true), &[(3, "กรุงเทพ")]),
            (query("รุงเทพ", false, true, true), &[]),
            (query("外交部", false, true, true), &[(3, "外交部")]),
            (
                query("Putin", false, false, true),
                &[(0, "Putin"), (0, "Putin"), (0, "Putin")],
            ),
            (
                query("putin", false, true, false),
                &[(0, "Putin"), (0, "putin"), (0, "Putin")],
            ),
            (
                query("Putin", false, true, true),
                &[(0, "Putin"), (0, "Putin")],
            ),
            (query("佐藤美咲", false, true, true), &[(0, "佐藤美咲")]),
            (
                query("東京", false, false, true),
                &[(1, "東京"), (1, "東京")],
            ),
            (
                query(r"[EÉ]cole", true, false, true),
                &[(1, "École"), (1, "Ecole")],
            ),
            (
                query("e\u{301}cole", false, false, true),
                &[(1, "e\u{301}cole")],
            ),
        ];
        for (q, expected) in cases {
            let page = Searcher::new(&q).expect("compiles").page(&corpus, 0, 100);
            let got: Vec<(usize, &str)> = page
                .hits
                .iter()
                .map(|h| (h.doc, corpus[h.doc].slice(h.span).expect("in range")))
                .collect();
            assert_eq!(got, expected, "{q:?}");
            assert_eq!(page.next_doc, None);
        }
    }

    #[test]
    fn pages_stop_after_the_document_that_fills_them() {
        let corpus = docs();
        let s = Searcher::new(&query("e", false, false, false)).expect("compiles");
        let first = s.page(&corpus, 0, 1);
        assert!(first.hits.iter().all(|h| h.doc == 0));
        assert_eq!(first.next_doc, Some(1));
        let second = s.page(&corpus, 1, 1);
        assert!(second.hits.iter().all(|h| h.doc == 1));
        assert_eq!(second.next_doc, Some(2));
        let rest = s.page(&corpus, 2, 100);
        assert_eq!(rest.next_doc, None);
    }

    #[test]
    fn bad_queries_are_refused_with_a_reason() {
        assert_eq!(
            Searcher::new(&query("", false, false, false)).err(),
            Some(SearchError::Empty)
        );
        assert!(matches!(
            Searcher::new(&query("(unclosed", true, false, false)),
            Err(SearchError::BadPattern(_))
        ));
        // As plain text the same characters are fine.
        assert!(Searcher::new(&query("(unclosed", false, false, false)).is_ok());
    }
}
