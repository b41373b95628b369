//! Cutting a stretch of text into tokens: runs of non-whitespace, each cut
//! further at Unicode word boundaries (UAX #29) in `Unicode` mode. Word
//! boundaries never fall across whitespace, so each run is cut on its own:
//! an ASCII run by the UAX #29 rules as they apply to ASCII (a few lines,
//! several times faster than the general algorithm), any other run by
//! `unicode-segmentation`. A test checks the two give the same tokens as
//! `unicode-segmentation` on the whole text.

use unicode_segmentation::UnicodeSegmentation;

use super::{Token, TokenMode};
use crate::model::span::CharSpan;

/// Appends the tokens of `text[from..to]`, whose first code point is
/// `chars`, to `out`.
pub(super) fn tokenize(
    text: &str,
    (from, to): (usize, usize),
    chars: usize,
    mode: TokenMode,
    out: &mut Vec<Token>,
) {
    let bytes = text.as_bytes();
    let (mut i, mut c) = (from, chars);
    while i < to {
        // Whitespace before the run.
        let (space, len) = classify(text, i);
        if space {
            i += len;
            c += 1;
            continue;
        }
        // The run: everything up to the next whitespace. Only characters
        // whose first byte may start whitespace are decoded; code points
        // are counted as bytes less the bytes that continue a character.
        let (start, c_start) = (i, c);
        let (mut ascii, mut punctuation, mut continuing) = (true, 0, 0);
        while i < to {
            // ASCII that is not whitespace: one predictable test a byte.
            let kind = BYTE[usize::from(bytes[i])];
            if kind & ENDS_OR_HIGH == 0 {
                punctuation |= kind;
                i += 1;
                continue;
            }
            if kind == SPACE {
                break;
            }
            let (space, len) = classify(text, i);
            if space {
                break;
            }
            ascii = false;
            continuing += len - 1;
            i += len;
        }
        let alphanumeric = ascii && punctuation == 0;
        c = c_start + (i - start) - continuing;
        if alphanumeric || mode == TokenMode::Whitespace {
            // ASCII letters and digits only are one word (WB5, WB8–WB10).
            out.push(Token {
                span: CharSpan::new(c_start, c),
                bytes: (start, i),
            });
        } else if ascii {
            ascii_words(&bytes[start..i], start, c_start, out);
        } else {
            words(&text[start..i], start, c_start, mode, out);
        }
    }
}

/// [`BYTE`] of ASCII punctuation (not a letter, digit or whitespace).
const PUNCTUATION: u8 = 1;
/// [`BYTE`] of ASCII whitespace.
const SPACE: u8 = 2;
/// [`BYTE`] of a byte of a non-ASCII character.
const HIGH: u8 = 4;
/// Bytes that end an ASCII run or need a closer look.
const ENDS_OR_HIGH: u8 = SPACE | HIGH;

/// What the run scan needs to know of every byte: 0 for an ASCII letter or
/// digit, else [`PUNCTUATION`], [`SPACE`] or [`HIGH`].
static BYTE: [u8; 256] = {
    let mut table = [HIGH; 256];
    let mut i = 0;
    while i < 0x80 {
        let b = i as u8;
        table[i] = if b.is_ascii_alphanumeric() {
            0
        } else if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            SPACE
        } else {
            PUNCTUATION
        };
        i += 1;
    }
    table
};

/// Whether the character at byte `i` of `text` is whitespace, and its
/// length in bytes.
fn classify(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes().get(i).map(|&b| LEAD[usize::from(b)]) {
        Some(Lead::Space) => (true, 1),
        Some(Lead::Other(len)) => (false, usize::from(len)),
        Some(Lead::Look) => {
            let ch = text
                .get(i..)
                .and_then(|t| t.chars().next())
                .unwrap_or_default();
            (ch.is_whitespace(), ch.len_utf8())
        }
        None => (false, 1),
    }
}

/// The UAX #29 words of an ASCII run without whitespace, which starts at
/// byte (and code point) `byte` / `chars` of the text.
fn ascii_words(bytes: &[u8], byte: usize, chars: usize, out: &mut Vec<Token>) {
    let mut start = 0;
    for i in 1..=bytes.len() {
        // Within a word of letters and digits there is nothing to decide.
        if i < bytes.len()
            && bytes[i - 1].is_ascii_alphanumeric()
            && bytes[i].is_ascii_alphanumeric()
        {
            continue;
        }
        if i == bytes.len() || ascii_break(bytes, i) {
            // ASCII: bytes are code points.
            out.push(Token {
                span: CharSpan::new(chars + start, chars + i),
                bytes: (byte + start, byte + i),
            });
            start = i;
        }
    }
}

/// What a character's first byte says about it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Lead {
    /// ASCII whitespace.
    Space,
    /// Not whitespace; the character's length in bytes.
    Other(u8),
    /// Maybe whitespace (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
    /// U+2029, U+202F, U+205F, U+3000 start with 0xC2, 0xE1, 0xE2 or 0xE3):
    /// decode it.
    Look,
}

/// [`Lead`] of every byte that can start a character; a test checks every
/// whitespace character starts with a `Space` or `Look` byte.
static LEAD: [Lead; 256] = {
    let mut table = [Lead::Other(1); 256];
    let mut i = 0xC0;
    while i < 0x100 {
        table[i] = Lead::Other(if i < 0xE0 {
            2
        } else if i < 0xF0 {
            3
        } else {
            4
        });
        i += 1;
    }
    let spaces: [u8; 6] = [b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r'];
    let mut k = 0;
    while k < spaces.len() {
        table[spaces[k] as usize] = Lead::Space;
        k += 1;
    }
    table[0xC2] = Lead::Look;
    table[0xE1] = Lead::Look;
    table[0xE2] = Lead::Look;
    table[0xE3] = Lead::Look;
    table
};

/// The words of `run` (not ASCII, no whitespace in it), which starts at
/// byte `byte` and code point `chars` of the text: UAX #29, and in
/// `Unicode` mode the dictionary words of spaceless scripts.
fn words(run: &str, byte: usize, chars: usize, mode: TokenMode, out: &mut Vec<Token>) {
    let dictionary =
        mode == TokenMode::Unicode && run.chars().any(crate::model::words::needs_dictionary);
    if !dictionary && let Some(kind) = simple_run(run) {
        push_simple(run, kind, byte, chars, out);
        return;
    }
    let parts = if dictionary {
        crate::model::words::word_bounds(run)
    } else {
        run.split_word_bounds().collect()
    };
    let (mut b, mut c) = (byte, chars);
    for part in parts {
        let n = part.chars().count();
        out.push(Token {
            span: CharSpan::new(c, c + n),
            bytes: (b, b + part.len()),
        });
        b += part.len();
        c += n;
    }
}

/// Runs whose UAX #29 words are known without the general algorithm.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Simple {
    /// Letters (ASCII, Latin-1 and Latin Extended-A/B) and ASCII digits,
    /// with combining marks after the first: one word (WB4, WB5, WB8–WB10).
    Word,
    /// CJK Unified Ideographs only: each one a word (WB999).
    Ideographs,
}

/// A Latin letter outside ASCII (U+00C0–U+024F but × and ÷): ALetter.
fn latin_letter(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}') && c != '×' && c != '÷'
}

/// A combining diacritical mark (U+0300–U+036F): Extend.
fn combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// A CJK Unified Ideograph (U+4E00–U+9FFF).
fn ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

/// Which [`Simple`] run `run` (not ASCII, no whitespace) is, if any.
fn simple_run(run: &str) -> Option<Simple> {
    let first = run.chars().next()?;
    if ideograph(first) {
        return run.chars().all(ideograph).then_some(Simple::Ideographs);
    }
    let letter = |c: char| c.is_ascii_alphanumeric() || latin_letter(c);
    (letter(first) && run.chars().all(|c| letter(c) || combining_mark(c))).then_some(Simple::Word)
}

/// Appends the words of a [`Simple`] run.
fn push_simple(run: &str, kind: Simple, byte: usize, chars: usize, out: &mut Vec<Token>) {
    match kind {
        Simple::Word => out.push(Token {
            span: CharSpan::new(chars, chars + run.chars().count()),
            bytes: (byte, byte + run.len()),
        }),
        Simple::Ideographs => {
            for (k, (b, c)) in run.char_indices().enumerate() {
                out.push(Token {
                    span: CharSpan::new(chars + k, chars + k + 1),
                    bytes: (byte + b, byte + b + c.len_utf8()),
                });
            }
        }
    }
}

/// UAX #29 word-break classes of the ASCII characters that are not
/// whitespace.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Numeric,
    /// `_`.
    ExtendNumLet,
    /// `:`.
    MidLetter,
    /// `,` and `;`.
    MidNum,
    /// `.` and `'` (MidNumLet and Single_Quote).
    MidNumLetQ,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b'_' => Class::ExtendNumLet,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'.' | b'\'' => Class::MidNumLetQ,
        _ => Class::Other,
    }
}

/// True when UAX #29 breaks between `bytes[i - 1]` and `bytes[i]` (an ASCII
/// run without whitespace): rules WB5–WB13b; everything else breaks (WB999).
fn ascii_break(bytes: &[u8], i: usize) -> bool {
    use Class::{ExtendNumLet, Letter, MidLetter, MidNum, MidNumLetQ, Numeric};
    let at = |k: usize| bytes.get(k).map_or(Class::Other, |&b| class(b));
    let (before, after) = (at(i - 1), at(i));
    let word = |c: Class| matches!(c, Letter | Numeric | ExtendNumLet);
    let joins = match (before, after) {
        // WB5, WB8, WB9, WB10, WB13a, WB13b.
        (a, b) if word(a) && word(b) => true,
        // WB6, WB12: a letter or digit, a joiner, the same again.
        (Letter, MidLetter | MidNumLetQ) => at(i + 1) == Letter,
        (Numeric, MidNum | MidNumLetQ) => at(i + 1) == Numeric,
        // WB7, WB11.
        (MidLetter | MidNumLetQ, Letter) => i >= 2 && at(i - 2) == Letter,
        (MidNum | MidNumLetQ, Numeric) => i >= 2 && at(i - 2) == Numeric,
        _ => false,
    };
    !joins
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What tokens were before the fast path: UAX #29 segments of the whole
    /// text, with whitespace taken out.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        without_whitespace(text.split_word_bounds())
    }

    /// Pieces that cover a text, with whitespace taken out, as code points.
    fn without_whitespace<'a>(pieces: impl IntoIterator<Item = &'a str>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut c = 0;
        for part in pieces {
            let mut start: Option<usize> = None;
            for ch in part.chars() {
                match (ch.is_whitespace(), start) {
                    (false, None) => start = Some(c),
                    (true, Some(s)) => {
                        out.push((s, c));
                        start = None;
                    }
                    _ => {}
                }
                c += 1;
            }
            if let Some(s) = start {
                out.push((s, c));
            }
        }
        out
    }

    /// Tokens in `uax29` mode, which must be UAX #29's words.
    fn ours(text: &str) -> Vec<(usize, usize)> {
        tokens_in(text, TokenMode::Uax29)
    }

    fn tokens_in(text: &str, mode: TokenMode) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        tokenize(text, (0, text.len()), 0, mode, &mut out);
        out.iter().map(|t| (t.span.start, t.span.end)).collect()
    }

    /// The non-whitespace pieces of `model::words::word_bounds`: what
    /// `unicode` mode must give.
    fn dictionary_reference(text: &str) -> Vec<(usize, usize)> {
        without_whitespace(crate::model::words::word_bounds(text))
    }

    #[test]
    fn thai_and_chinese_tokens_are_the_dictionary_s_words() {
        for text in [
            "รัฐมนตรีต่างประเทศกล่าวที่กรุงเทพว่าความเชื่อมั่นลดลง",
            "外交部长拉夫罗夫说，两国之间的信任度很低。",
            "Dr 佐藤美咲 agreed in กรุงเทพ.",
        ] {
            assert_eq!(
                tokens_in(text, TokenMode::Unicode),
                dictionary_reference(text),
                "{text}"
            );
            assert!(tokens_in(text, TokenMode::Unicode).len() > 3, "{text}");
        }
    }

    #[test]
    fn every_whitespace_character_starts_with_a_byte_that_is_looked_at() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let lead = LEAD[usize::from(bytes[0])];
            if c.is_whitespace() {
                assert!(matches!(lead, Lead::Space | Lead::Look), "{c:?}");
            } else if lead != Lead::Look {
                assert_eq!(lead, Lead::Other(bytes.len() as u8), "{c:?}");
            }
        }
    }

    /// The classes [`simple_run`] relies on, checked for every character
    /// against `unicode-segmentation`.
    #[test]
    fn simple_runs_hold_for_every_character_they_cover() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if latin_letter(c) {
                let word = format!("a{c}1{c}b");
                assert_eq!(word.split_word_bounds().count(), 1, "{c:?}");
            }
            if combining_mark(c) {
                let word = format!("a{c}1{c}é");
                assert_eq!(word.split_word_bounds().count(), 1, "{c:?}");
            }
            if ideograph(c) {
                let pair = format!("{c}{c}");
                assert_eq!(pair.split_word_bounds().count(), 2, "{c:?}");
            }
        }
    }

    #[test]
    fn ascii_words_follow_uax29() {
        for text in [
            "U.S. officials, Putin's aides; 3.5 or 1,000.00 e.g. a:b a_b 1_a 1996-08-22",
            "x.y.z '' ''a a'' .5 5. a..b 1..2 ((x)) -> @user #tag http://a.b/c?d=e",
        ] {
            assert_eq!(ours(text), reference(text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn tokens_match_uax29_on_the_whole_text(
            parts in prop::collection::vec(prop::sample::select(vec![
                "a", "Z", "7", "_", ":", ".", ",", ";", "'", "\"", "-", "(", " ", "  ", "\n",
                "\r\n", "\t", "é", "e\u{301}", "\u{301}", "\u{200d}", "👍", "🏽", "🇫", "🇷",
                "佐藤", "カタカナ", "\u{a0}", "’", "·", "٣", "ß", "ø", "×", "Ǆ", "ǀ",
                "東京", "\u{36f}", "กรุงเทพ", "ที่", "外交部长",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(ours(&text), reference(&text), "{:?}", text);
            prop_assert_eq!(
                tokens_in(&text, TokenMode::Unicode),
                dictionary_reference(&text),
                "{:?}",
                text
            );
        }
    }
}
