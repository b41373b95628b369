//! A document of the corpus: its exact text, derived metadata and paragraphs.

use super::span::CharSpan;

/// One document as loaded from the corpus. Its text is exactly what was
/// decoded from the file: no normalisation, so offsets always refer to what
/// is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Path relative to the corpus folder, with `/` separators. This is the
    /// document's identity in project files.
    pub path: String,
    /// The decoded text.
    pub text: String,
    /// Name of the encoding the text was decoded from (e.g. `UTF-8`).
    pub encoding: String,
    /// Title: the first non-empty line, after any leading `date` marker.
    pub title: String,
    /// Date from a leading `date YYYY-MM-DD` marker, if any.
    pub date: Option<String>,
    /// Default outlet: the first folder of the relative path, if any.
    pub default_outlet: String,
    /// BLAKE3 hash of the text (hex), to notice when the file changed.
    pub hash: String,
    char_len: usize,
    paragraphs: Vec<Paragraph>,
    /// The paragraphs cut into pieces of at most [`BLOCK_CHARS`] code points,
    /// for laying out: a long paragraph is laid out piece by piece.
    blocks: Vec<Block>,
    /// Byte offset of every [`CHECKPOINT`]-th code point: a code point's
    /// byte offset is found by walking at most that many code points.
    checkpoints: Vec<usize>,
}

/// Code points between two entries of a document's checkpoint index.
const CHECKPOINT: usize = 256;

/// A paragraph: one line of the text (without its line break).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Code-point range of the line's content (line break excluded).
    pub chars: CharSpan,
    /// Byte offset of the first byte of the line.
    pub byte_start: usize,
    /// Byte offset one past the line's content.
    pub byte_end: usize,
}

/// A piece of a paragraph laid out on its own. A paragraph of up to
/// [`BLOCK_CHARS`] code points is one block; a longer one is cut near that
/// length after the end of a sentence, else after a space (or, in text
/// without spaces, before a letter), so only the pieces in view are ever
/// laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// Code-point range of the piece.
    pub chars: CharSpan,
    /// Byte offset of its first byte.
    pub byte_start: usize,
    /// Byte offset one past its last byte.
    pub byte_end: usize,
    /// It is the last piece of its paragraph.
    pub ends_paragraph: bool,
}

/// Longest block, in code points.
pub const BLOCK_CHARS: usize = 2_000;

/// Longest title kept, in code points.
const TITLE_MAX_CHARS: usize = 120;

impl Document {
    /// Builds a document from its relative path, decoded text and encoding name.
    #[must_use]
    pub fn new(
        path: impl Into<String>,
        text: impl Into<String>,
        encoding: impl Into<String>,
    ) -> Self {
        let path = path.into();
        let text = text.into();
        let hash = content_hash(&text);
        let paragraphs = split_paragraphs(&text);
        let char_len = paragraphs.last().map_or(0, |p| p.chars.end);
        let (date, title) = date_and_title(&text);
        let default_outlet = path
            .split_once('/')
            .map(|(folder, _)| folder.to_owned())
            .unwrap_or_default();
        let blocks = split_blocks(&text, &paragraphs);
        let checkpoints = checkpoints(&text);
        Self {
            path,
            text,
            encoding: encoding.into(),
            title,
            date,
            default_outlet,
            hash,
            char_len,
            paragraphs,
            blocks,
            checkpoints,
        }
    }

    /// Length of the text in code points.
    #[must_use]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The document's paragraphs (lines), in order.
    #[must_use]
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// The layout pieces of the paragraphs, in order (see [`Block`]).
    #[must_use]
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Index of the block holding code point `offset` (a line break belongs
    /// to the block it ends).
    #[must_use]
    pub fn block_at(&self, offset: usize) -> usize {
        self.blocks
            .partition_point(|b| b.chars.start <= offset)
            .saturating_sub(1)
    }

    /// Text of one block.
    #[must_use]
    pub fn block_text(&self, index: usize) -> &str {
        self.blocks
            .get(index)
            .map_or("", |b| &self.text[b.byte_start..b.byte_end])
    }

    /// Index of the paragraph holding code point `offset`: the last one that
    /// starts at or before it (a line break belongs to the line it ends).
    #[must_use]
    pub fn paragraph_at(&self, offset: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.chars.start <= offset)
            .saturating_sub(1)
    }

    /// Text of one paragraph.
    #[must_use]
    pub fn paragraph_text(&self, index: usize) -> &str {
        self.paragraphs
            .get(index)
            .map_or("", |p| &self.text[p.byte_start..p.byte_end])
    }

    /// Byte offset of code point `offset`, or `None` past the end. Costs at
    /// most a walk over a few hundred code points, however long the text.
    #[must_use]
    pub fn byte_offset(&self, offset: usize) -> Option<usize> {
        if offset > self.char_len {
            return None;
        }
        if offset == self.char_len {
            return Some(self.text.len());
        }
        let from = *self.checkpoints.get(offset / CHECKPOINT)?;
        let rest = offset % CHECKPOINT;
        self.text[from..]
            .char_indices()
            .nth(rest)
            .map(|(b, _)| from + b)
    }

    /// True when code point `offset` is the edge of a user-perceived
    /// character (a grapheme cluster, UAX #29): not between "e" and its
    /// combining accent, inside an emoji sequence or a conjunct. The ends of
    /// the text are edges; an offset past the end is none.
    #[must_use]
    pub fn is_cluster_edge(&self, offset: usize) -> bool {
        let Some(byte) = self.byte_offset(offset) else {
            return false;
        };
        unicode_segmentation::GraphemeCursor::new(byte, self.text.len(), true)
            .is_boundary(&self.text, 0)
            .unwrap_or(true)
    }

    /// `span` widened to whole user-perceived characters: its start moved
    /// back and its end moved on to the nearest cluster edges, so no
    /// selection, mention edge or resize falls inside "e" + accent, an
    /// emoji sequence or a conjunct.
    #[must_use]
    pub fn widen_to_clusters(&self, span: CharSpan) -> CharSpan {
        let end_of_text = self.char_len;
        let mut start = span.start.min(end_of_text);
        while start > 0 && !self.is_cluster_edge(start) {
            start -= 1;
        }
        let mut end = span.end.min(end_of_text).max(start);
        while end < end_of_text && !self.is_cluster_edge(end) {
            end += 1;
        }
        CharSpan::new(start, end)
    }

    /// The text of `span`, or `None` when it runs past the end.
    #[must_use]
    pub fn slice(&self, span: CharSpan) -> Option<&str> {
        let start = self.byte_offset(span.start)?;
        let end = self.byte_offset(span.end)?;
        self.text.get(start..end)
    }

    /// Up to `n` code points before `offset` (for quotes and context).
    #[must_use]
    pub fn prefix(&self, offset: usize, n: usize) -> &str {
        let from = offset.saturating_sub(n);
        self.slice(CharSpan::new(from, offset)).unwrap_or("")
    }

    /// Up to `n` code points from `offset` on.
    #[must_use]
    pub fn suffix(&self, offset: usize, n: usize) -> &str {
        let to = (offset + n).min(self.char_len);
        self.slice(CharSpan::new(offset.min(to), to)).unwrap_or("")
    }

    /// The span snapped to word boundaries (see [`super::snap::snap_to_words`]),
    /// computed on the paragraphs the span touches.
    #[must_use]
    pub fn snap_to_words(&self, span: CharSpan) -> Option<CharSpan> {
        if span.end > self.char_len {
            return None;
        }
        let first = self.paragraphs.get(self.paragraph_at(span.start))?;
        let last = self.paragraphs.get(self.paragraph_at(span.end))?;
        let window = CharSpan::new(first.chars.start, last.chars.end);
        let text = self.slice(window)?;
        let local = CharSpan::new(span.start - window.start, span.end - window.start);
        super::snap::snap_to_words(text, local).map(|s| s.shifted(window.start))
    }
}

/// BLAKE3 hash of a text, as lowercase hex.
#[must_use]
pub fn content_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// The byte offset of every [`CHECKPOINT`]-th code point of `text` (the
/// first at 0). Counts code points 64 bytes at a time (a code point starts at
/// every byte that is not a continuation byte) and looks at single bytes only
/// in the chunk where the next checkpoint falls.
fn checkpoints(text: &str) -> Vec<usize> {
    const CHUNK: usize = 64;
    let bytes = text.as_bytes();
    let starts = |b: &u8| (*b as i8) >= -0x40;
    let mut out = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
    // Code points before `at`, and the index of the next checkpoint.
    let (mut at, mut seen, mut next) = (0usize, 0usize, 0usize);
    while at < bytes.len() {
        let end = (at + CHUNK).min(bytes.len());
        let here = bytes[at..end].iter().filter(|b| starts(b)).count();
        if seen + here <= next {
            seen += here;
            at = end;
            continue;
        }
        for (i, b) in bytes[at..end].iter().enumerate() {
            if starts(b) {
                if seen == next {
                    out.push(at + i);
                    next += CHECKPOINT;
                }
                seen += 1;
            }
        }
        at = end;
    }
    out
}

fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut byte_start = 0;
    let mut char_start = 0;
    for line in text.split('\n') {
        let content = line.strip_suffix('\r').unwrap_or(line);
        let chars = content.chars().count();
        out.push(Paragraph {
            chars: CharSpan::new(char_start, char_start + chars),
            byte_start,
            byte_end: byte_start + content.len(),
        });
        // The line's own chars, a possible '\r', and the '\n'.
        char_start += line.chars().count() + 1;
        byte_start += line.len() + 1;
    }
    out
}

fn split_blocks(text: &str, paragraphs: &[Paragraph]) -> Vec<Block> {
    let mut out = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        if p.chars.len() <= BLOCK_CHARS {
            out.push(Block {
                chars: p.chars,
                byte_start: p.byte_start,
                byte_end: p.byte_end,
                ends_paragraph: true,
            });
            continue;
        }
        let line = &text[p.byte_start..p.byte_end];
        // Where the current block starts (code point, byte within the line),
        // and the last place after a space seen since.
        let (mut start_char, mut start_byte) = (0usize, 0usize);
        let mut after_space: Option<(usize, usize)> = None;
        let mut after_sentence: Option<(usize, usize)> = None;
        let mut previous_space = false;
        let mut sentence_end = false;
        for (i, (b, c)) in line.char_indices().enumerate() {
            if i > start_char && previous_space {
                after_space = Some((i, b));
                if sentence_end {
                    after_sentence = Some((i, b));
                }
            }
            if !c.is_whitespace() {
                sentence_end = matches!(
                    c,
                    '.' | '!' | '?' | '…' | '。' | '！' | '？' | '"' | '”' | '»'
                );
            }
            previous_space = c.is_whitespace();
            if i - start_char < BLOCK_CHARS {
                continue;
            }
            // Full: cut after the last sentence end in the block's second
            // half, else after the last space, else (text without spaces)
            // before a letter or digit, never before a combining mark.
            let at = after_sentence
                .filter(|(ci, _)| ci - start_char >= BLOCK_CHARS / 2)
                .or(after_space)
                .or_else(|| c.is_alphanumeric().then_some((i, b)));
            if let Some((ci, cb)) = at {
                out.push(Block {
                    chars: CharSpan::new(p.chars.start + start_char, p.chars.start + ci),
                    byte_start: p.byte_start + start_byte,
                    byte_end: p.byte_start + cb,
                    ends_paragraph: false,
                });
                (start_char, start_byte) = (ci, cb);
                after_space = None;
                after_sentence = None;
            }
        }
        out.push(Block {
            chars: CharSpan::new(p.chars.start + start_char, p.chars.end),
            byte_start: p.byte_start + start_byte,
            byte_end: p.byte_end,
            ends_paragraph: true,
        });
    }
    out
}

/// Splits off a leading `date YYYY-MM-DD` marker (leading whitespace allowed)
/// and takes the first non-empty line after it as the title.
fn date_and_title(text: &str) -> (Option<String>, String) {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let (date, rest) = match trimmed.strip_prefix("date ") {
        Some(after) if is_iso_date(after.get(..10).unwrap_or("")) => {
            (Some(after[..10].to_owned()), &after[10..])
        }
        _ => (None, trimmed),
    };
    let title_line = rest
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut title: String = title_line.chars().take(TITLE_MAX_CHARS).collect();
    if title_line.chars().count() > TITLE_MAX_CHARS {
        title.push('…');
    }
    (date, title)
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_are_every_256th_code_point() {
        let texts = [
            String::new(),
            "a".repeat(255),
            "a".repeat(256),
            "a".repeat(257),
            "é🐟東x\u{301}".repeat(400),
            format!("{}{}", "ü".repeat(300), "a".repeat(1000)),
        ];
        for text in &texts {
            let expected: Vec<usize> = text
                .char_indices()
                .step_by(CHECKPOINT)
                .map(|(b, _)| b)
                .collect();
            assert_eq!(checkpoints(text), expected, "{} bytes", text.len());
        }
    }

    #[test]
    fn metadata_from_text() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            (
                " date 2017-04-12 Putin said things.\n\nMore.",
                Some("2017-04-12"),
                "Putin said things.",
            ),
            (
                "date 2026-03-14\nHarbour spill\n\nBody",
                Some("2026-03-14"),
                "Harbour spill",
            ),
            ("\n\n  Title here  \nbody", None, "Title here"),
            ("date 2026-3-14 no", None, "date 2026-3-14 no"),
            ("", None, ""),
        ];
        for (text, date, title) in cases {
            let doc = Document::new("a.txt", *text, "UTF-8");
            assert_eq!(doc.date.as_deref(), *date, "{text:?}");
            assert_eq!(doc.title, *title, "{text:?}");
        }
    }

    #[test]
    fn paragraphs_and_offsets_with_crlf_emoji_cjk() {
        let text = "a🌊b\r\n佐藤\n\nRene\u{301}";
        let doc = Document::new("outlet/x.txt", text, "UTF-8");
        assert_eq!(doc.default_outlet, "outlet");
        assert_eq!(doc.char_len(), text.chars().count());
        let texts: Vec<_> = (0..doc.paragraphs().len())
            .map(|i| doc.paragraph_text(i))
            .collect();
        assert_eq!(texts, ["a🌊b", "佐藤", "", "Rene\u{301}"]);
        for start in 0..=doc.char_len() {
            for end in start..=doc.char_len() {
                let span = CharSpan::new(start, end);
                assert_eq!(
                    doc.slice(span),
                    crate::model::span::slice(text, span),
                    "{span}"
                );
            }
        }
        assert_eq!(doc.slice(CharSpan::new(0, doc.char_len() + 1)), None);
        assert_eq!(doc.prefix(5, 3), "b\r\n");
        assert_eq!(doc.suffix(5, 100), "佐藤\n\nRene\u{301}");
    }

    #[test]
    fn offsets_in_a_long_paragraph_of_mixed_widths() {
        let text: String = "a🌊佐e\u{301} ".repeat(300) + "end";
        let doc = Document::new("x.txt", text.clone(), "UTF-8");
        assert_eq!(doc.paragraphs().len(), 1);
        let n = doc.char_len();
        for start in (0..=n).step_by(37) {
            for end in [start, (start + 1).min(n), (start + 300).min(n), n] {
                let span = CharSpan::new(start, end);
                assert_eq!(
                    doc.slice(span),
                    crate::model::span::slice(&text, span),
                    "{span}"
                );
            }
        }
        assert_eq!(doc.byte_offset(n), Some(text.len()));
        assert_eq!(doc.byte_offset(n + 1), None);
    }

    #[test]
    fn long_paragraphs_are_cut_into_blocks_that_cover_them() {
        let spaced = "word ".repeat(1_000);
        let unspaced = "佐e\u{301}".repeat(1_500);
        let text = format!("short\n{spaced}\n{unspaced}\nend");
        let doc = Document::new("x.txt", text.as_str(), "UTF-8");
        let blocks = doc.blocks();
        // They tile every paragraph exactly, in order, none too long.
        let mut joined = String::new();
        for (i, b) in blocks.iter().enumerate() {
            assert!(b.chars.len() <= BLOCK_CHARS + 1, "{b:?}");
            assert_eq!(doc.block_text(i), doc.slice(b.chars).expect("slice"));
            joined.push_str(doc.block_text(i));
            if b.ends_paragraph {
                joined.push('\n');
            }
        }
        assert_eq!(joined.trim_end_matches('\n'), text);
        assert_eq!(blocks.iter().filter(|b| b.ends_paragraph).count(), 4);
        // Spaced text is cut after a space; unspaced never before a mark.
        for (i, b) in blocks.iter().enumerate() {
            if !b.ends_paragraph {
                let t = doc.block_text(i);
                let next = doc.block_text(i + 1);
                assert!(t.ends_with(' ') || !next.starts_with('\u{301}'), "{i}");
            }
        }
        assert!(blocks.len() >= 7, "{}", blocks.len());
        assert_eq!(doc.block_at(0), 0);
        assert_eq!(doc.block_at(doc.char_len()), blocks.len() - 1);
        // Prose is cut after the end of a sentence.
        let prose = "A sentence of several words ends here. ".repeat(200);
        let doc = Document::new("p.txt", prose.as_str(), "UTF-8");
        let n = doc.blocks().len();
        assert!(n > 2);
        for i in 0..n - 1 {
            assert!(doc.block_text(i).ends_with("here. "), "{i}");
        }
    }

    #[test]
    fn snapping_across_paragraphs() {
        let doc = Document::new("a.txt", "first line\nsecond line", "UTF-8");
        assert_eq!(
            doc.snap_to_words(CharSpan::new(8, 14)),
            Some(CharSpan::new(6, 17))
        );
        assert_eq!(doc.snap_to_words(CharSpan::new(0, 99)), None);
    }
}
