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
    /// The unit every offset of the record counts in, when the file, the
    /// user or the text settles it.
    unit: Option<OffsetUnit>,
    /// The unit assumed when the record does not say (the tool's own).
    assumed: OffsetUnit,
}

impl<'d> Placer<'d> {
    /// A placer for `record` in `doc`. When the record does not say which
    /// unit it counts and a character beyond the BMP makes the two differ,
    /// its spans vote: a span whose quoted text, or else whose word
    /// boundaries, fit under exactly one unit speaks for that unit. The
    /// unit is settled when the votes agree.
    pub fn new(doc: &'d Document, record: &ImportRecord) -> Self {
        let map = Utf16Map::new(&doc.text);
        let mut placer = Self {
            doc,
            map,
            unit: None,
            assumed: record.unit,
        };
        placer.unit = if record.unit_known || !placer.map.has_astral() {
            Some(record.unit)
        } else {
            placer.vote(record)
        };
        placer
    }

    /// The unit the record's spans agree on, if any speaks.
    fn vote(&self, record: &ImportRecord) -> Option<OffsetUnit> {
        let words = WordEdges::new(&self.doc.text);
        let spans = record
            .mentions
            .iter()
            .map(|m| (m.start, m.end, m.text.as_deref()))
            .chain(
                record
                    .stances
                    .iter()
                    .flat_map(|s| &s.evidence)
                    .map(|(a, b, t)| (*a, *b, t.as_deref())),
            )
            .chain(
                record
                    .anchors
                    .iter()
                    .map(|(a, b, t)| (*a, *b, Some(t.as_str()))),
            );
        let mut said: Option<OffsetUnit> = None;
        for (start, end, text) in spans {
            let fits = |unit| {
                self.convert(start, end, unit).is_ok_and(|span| match text {
                    Some(t) => self.doc.slice(span) == Some(t),
                    None => words.fits(&self.doc.text, span),
                })
            };
            let unit = match (fits(OffsetUnit::CodePoints), fits(OffsetUnit::Utf16)) {
                (true, false) => OffsetUnit::CodePoints,
                (false, true) => OffsetUnit::Utf16,
                _ => continue,
            };
            match said {
                Some(other) if other != unit => return None,
                _ => said = Some(unit),
            }
        }
        said
    }

    fn convert(&self, start: usize, end: usize, unit: OffsetUnit) -> Result<CharSpan, String> {
        let len = self.map.from_code_points(self.doc.char_len(), unit);
        if end == start && end <= len {
            return Err(format!(
                "[{start}, {end}) is empty (zero width): an annotation needs at least one character"
            ));
        }
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
                    "offset {o} falls inside a character of {} in {} units",
                    self.doc.path,
                    unit.name()
                )
            })
        };
        Ok(CharSpan::new(at(start)?, at(end)?))
    }

    /// The code-point span of `[start, end)`, checked against `text` when
    /// the file quotes it. When the record's unit is not settled and the
    /// two units would place this span differently, its quoted text decides
    /// (refused if neither fits); without one it is refused, never guessed.
    pub fn span(&self, start: usize, end: usize, text: Option<&str>) -> Result<CharSpan, String> {
        let span = self.place(start, end, text)?;
        // A mention edge never falls inside a user-perceived character.
        for (which, at) in [("starts", span.start), ("ends", span.end)] {
            if !self.doc.is_cluster_edge(at) {
                return Err(format!(
                    "[{start}, {end}) {which} inside a character (between a letter and its combining mark, or inside an emoji or a conjunct): no annotation can begin or end there"
                ));
            }
        }
        Ok(span)
    }

    /// [`Placer::span`] without the character-edge check: where tokens
    /// stand, which may begin on a combining mark after a space.
    pub(super) fn place(
        &self,
        start: usize,
        end: usize,
        text: Option<&str>,
    ) -> Result<CharSpan, String> {
        let unit = match self.unit {
            Some(unit) => unit,
            None if !self.map.differs_before(end) => self.assumed,
            None => {
                let fits = |unit| {
                    self.convert(start, end, unit)
                        .ok()
                        .filter(|s| text.is_some_and(|t| self.doc.slice(*s) == Some(t)))
                };
                return fits(OffsetUnit::CodePoints)
                    .or_else(|| fits(OffsetUnit::Utf16))
                    .ok_or_else(|| match text {
                        Some(t) => format!(
                            "says {t:?} but neither code points nor UTF-16 units place that text at [{start}, {end})"
                        ),
                        None => format!(
                            "[{start}, {end}) comes after a character beyond the Basic Multilingual Plane (an emoji, say), where code points and UTF-16 units mean different text, and nothing in the file tells which it counts; import again with --offsets codepoints or --offsets utf16"
                        ),
                    });
            }
        };
        let span = self.convert(start, end, unit)?;
        match text {
            Some(t) if self.doc.slice(span) != Some(t) => Err(format!(
                "says {t:?} but the text at [{start}, {end}) is {:?}",
                self.doc.slice(span).unwrap_or_default()
            )),
            _ => Ok(span),
        }
    }
}

/// Where words start and end (UAX #29), to tell a span that lies on word
/// edges from one that cuts words.
struct WordEdges {
    edges: Vec<usize>,
}

impl WordEdges {
    fn new(text: &str) -> Self {
        use unicode_segmentation::UnicodeSegmentation as _;
        let mut edges = vec![0];
        let mut at = 0;
        for part in text.split_word_bounds() {
            at += part.chars().count();
            edges.push(at);
        }
        Self { edges }
    }

    /// True when `span` starts and ends on word edges and neither end is
    /// whitespace.
    fn fits(&self, text: &str, span: CharSpan) -> bool {
        let on_edge = |o| self.edges.binary_search(&o).is_ok();
        let Some(inner) = crate::model::span::slice(text, span) else {
            return false;
        };
        on_edge(span.start)
            && on_edge(span.end)
            && !inner.starts_with(char::is_whitespace)
            && !inner.ends_with(char::is_whitespace)
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
    // A zero-width sub-token (WebAnno writes one at the end of a text for an
    // annotation there) stands nowhere, so it cannot stand wrongly.
    record
        .anchors
        .iter()
        .filter(|(s, e, t)| !(s == e && t.is_empty()))
        .all(|(s, e, t)| placer.place(*s, *e, Some(t)).is_ok())
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
