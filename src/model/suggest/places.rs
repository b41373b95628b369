//! Where learned forms occur: whole-word matches in each document's text,
//! as code-point spans.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem;

use crate::model::document::Document;
use crate::model::span::{CharCursor, CharSpan, is_whole_word};

/// The places of each of `forms` in `corpus`: one pass over every text for
/// all forms at once.
pub(super) fn find_all(
    corpus: &[Document],
    forms: &[&str],
) -> HashMap<String, Vec<(usize, CharSpan)>> {
    let mut out: HashMap<String, Vec<(usize, CharSpan)>> = forms
        .iter()
        .map(|f| ((*f).to_owned(), Vec::new()))
        .collect();
    if forms.is_empty() {
        return out;
    }
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(forms)
    else {
        return out;
    };
    for (i, doc) in corpus.iter().enumerate() {
        let text = doc.text.as_str();
        let mut hits: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // The cursor needs increasing starts; overlapping matches come in
        // order of their ends.
        hits.sort_unstable();
        let mut cursor = CharCursor::default();
        for (start, end, p) in hits {
            let span = cursor.span(text, start, start);
            let span = CharSpan::new(span.start, span.start + text[start..end].chars().count());
            if let Some(v) = out.get_mut(forms[p]) {
                v.push((i, span));
            }
        }
    }
    out
}

/// The places of `form` in `corpus`.
pub(super) fn find_one(corpus: &[Document], form: &str) -> Vec<(usize, CharSpan)> {
    let mut out = Vec::new();
    if form.is_empty() {
        return out;
    }
    let finder = memmem::Finder::new(form.as_bytes());
    for (i, doc) in corpus.iter().enumerate() {
        let text = doc.text.as_str();
        let mut cursor = CharCursor::default();
        for start in finder.find_iter(text.as_bytes()) {
            let end = start + form.len();
            if !text.is_char_boundary(start) || !is_whole_word(text, start, end) {
                continue;
            }
            out.push((i, cursor.span(text, start, end)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A learned form is found as a whole word in every script, Thai and
    /// Chinese included, where a letter beside it is no glue if the
    /// dictionary breaks there; never inside a longer word.
    #[test]
    fn forms_are_found_as_whole_words_in_every_script() {
        let corpus = [
            Document::new("a.txt", "ที่กรุงเทพว่า Putinism Putin", "UTF-8"),
            Document::new("b.txt", "在北京说 北京大学", "UTF-8"),
        ];
        let found = find_all(&corpus, &["กรุงเทพ", "Putin", "北京", "รุง"]);
        let at = |form: &str| -> Vec<(usize, CharSpan)> { found[form].clone() };
        assert_eq!(at("กรุงเทพ"), [(0, CharSpan::new(3, 10))]);
        assert_eq!(at("Putin"), [(0, CharSpan::new(23, 28))]);
        assert_eq!(at("รุง"), []);
        assert_eq!(at("北京").first(), Some(&(1, CharSpan::new(1, 3))));
    }
}
