//! Where an imported record belongs: the corpus document it matches, and
//! where its offsets land in that document's text, converted from the unit
//! the file counts in and checked against the text it quotes.

use crate::model::document::Document;
use crate::model::span::CharSpan;
use crate::model::units::{OffsetUnit, Utf16Map};

use super::ImportRecord;

/// Places a record's offsets in one document.
pub(super) struct Placer<'d> {
    doc: &'d Document,
    map: Utf16Map,
    unit: OffsetUnit,
    known: bool,
}

impl<'d> Placer<'d> {
    pub fn new(doc: &'d Document, record: &ImportRecord) -> Self {
        Self {
            doc,
            map: Utf16Map::new(&doc.text),
            unit: record.unit,
            known: record.unit_known,
        }
    }

    fn convert(&self, start: usize, end: usize, unit: OffsetUnit) -> Result<CharSpan, String> {
        let len = self.map.from_code_points(self.doc.char_len(), unit);
        if end <= start || end > len {
            return Err(format!(
                "offsets [{start}, {end}) do not fit the text of {} ({len} {} units)",
                self.doc.path,
                unit.name()
            ));
        }
        let at = |o| {
            self.map.to_code_points(o, unit).ok_or_else(|| {
                format!(
                    "offset {o} is not a character boundary of {} in {} units",
                    self.doc.path,
                    unit.name()
                )
            })
        };
        Ok(CharSpan::new(at(start)?, at(end)?))
    }

    /// The code-point span of `[start, end)`, given in the record's unit,
    /// checked against `text` when the file quotes it. Where the unit is
    /// not known for sure and a character beyond the BMP comes first, the
    /// quoted text decides (the span is refused if neither unit fits it),
    /// and without one the span is refused rather than guessed.
    pub fn span(&self, start: usize, end: usize, text: Option<&str>) -> Result<CharSpan, String> {
        let span = self.convert(start, end, self.unit);
        let fits = |s: &Result<CharSpan, String>| match (s, text) {
            (Ok(s), Some(t)) => self.doc.slice(*s) == Some(t),
            (Ok(_), None) => true,
            (Err(_), _) => false,
        };
        if fits(&span) {
            // The two readings agree unless a character beyond the BMP comes
            // before the end (the raw offset is the larger code point).
            let ambiguous = !self.known && text.is_none() && self.map.differs_before(end);
            if ambiguous {
                return Err(format!(
                    "[{start}, {end}) comes after a character beyond the Basic Multilingual Plane (an emoji, say), where code points and UTF-16 units mean different text, and the file does not say which it counts; import again with --offsets codepoints or --offsets utf16"
                ));
            }
            return span;
        }
        if !self.known {
            let other = match self.unit {
                OffsetUnit::CodePoints => OffsetUnit::Utf16,
                OffsetUnit::Utf16 => OffsetUnit::CodePoints,
            };
            let alt = self.convert(start, end, other);
            if fits(&alt) {
                return alt;
            }
        }
        match (span, text) {
            (Ok(s), Some(t)) => Err(format!(
                "says {t:?} but the text at [{start}, {end}) is {:?}",
                self.doc.slice(s).unwrap_or_default()
            )),
            (Err(e), _) => Err(e),
            (Ok(s), None) => Ok(s),
        }
    }
}

/// The corpus document a record belongs to: by path (or, failing that, a
/// unique file name); when the record carries its text and that document's
/// text differs, the document with exactly that text (an export may have
/// had to rename a file); a record with tokens but no text goes to the
/// document its tokens are found in.
pub(super) fn find_doc<'a>(docs: &'a [Document], record: &ImportRecord) -> Option<&'a Document> {
    let by_path = record.path.as_ref().and_then(|path| {
        if let Ok(at) = docs.binary_search_by(|d| d.path.as_str().cmp(path)) {
            return Some(&docs[at]);
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        let mut same_name = docs
            .iter()
            .filter(|d| d.path.rsplit('/').next() == Some(name));
        match (same_name.next(), same_name.next()) {
            (Some(d), None) => Some(d),
            _ => None,
        }
    });
    if !record.token_sentences.is_empty() {
        let tokens: Vec<&str> = record
            .token_sentences
            .iter()
            .flatten()
            .map(|(t, _)| t.as_str())
            .collect();
        if by_path.is_some_and(|d| align(&d.text, &tokens).is_some()) {
            return by_path;
        }
        return docs.iter().find(|d| align(&d.text, &tokens).is_some());
    }
    if let Some(text) = record.text.as_deref() {
        if by_path.is_some_and(|d| d.text == text) {
            return by_path;
        }
        return docs.iter().find(|d| d.text == text).or(by_path);
    }
    if record.anchors.is_empty() || by_path.is_some_and(|d| anchors_fit(d, record)) {
        return by_path;
    }
    docs.iter().find(|d| anchors_fit(d, record)).or(by_path)
}

/// True when every token the record claims is at its place in `doc`.
pub(super) fn anchors_fit(doc: &Document, record: &ImportRecord) -> bool {
    let placer = Placer::new(doc, record);
    record
        .anchors
        .iter()
        .all(|(s, e, t)| placer.span(*s, *e, Some(t)).is_ok())
}

/// Where `tokens` are in `text`, in order, separated (and surrounded) by
/// nothing but whitespace; `None` when they are not.
pub(super) fn align(text: &str, tokens: &[&str]) -> Option<Vec<CharSpan>> {
    let mut spans = Vec::with_capacity(tokens.len());
    let (mut byte, mut chars) = (0, 0);
    let skip_space = |byte: &mut usize, chars: &mut usize| {
        for c in text[*byte..].chars() {
            if !c.is_whitespace() {
                break;
            }
            *byte += c.len_utf8();
            *chars += 1;
        }
    };
    for token in tokens {
        skip_space(&mut byte, &mut chars);
        if !text[byte..].starts_with(token) {
            return None;
        }
        let n = token.chars().count();
        spans.push(CharSpan::new(chars, chars + n));
        byte += token.len();
        chars += n;
    }
    skip_space(&mut byte, &mut chars);
    (byte == text.len()).then_some(spans)
}
