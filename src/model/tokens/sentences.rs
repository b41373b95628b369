//! Where sentences end, in one pass over the text:
//!
//! * after a line break (a paragraph in news text);
//! * after a full stop, question or exclamation mark or ellipsis (and any
//!   closing quotes and brackets after it) followed by whitespace, unless
//!   the next word starts in lower case ("… 3 p.m. on Friday") or the word
//!   before is an abbreviation or a single capital initial and the next one
//!   is capitalised ("Mr. Putin", "B. Young");
//! * after an ideographic full stop, question or exclamation mark, even
//!   without a space ("…です。次に").
//!
//! A stop without whitespace after it ("U.S", "3.5", "example.com") ends
//! nothing. These are the Unicode sentence rules (UAX #29) as they bear on
//! news text, plus the abbreviation rule; unlike the general algorithm they
//! cost one look at each character.

use super::{ABBREVIATIONS, Piece};
use crate::model::span::CharSpan;

/// Stops that end a sentence before whitespace.
fn is_stop(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '։' | '።' | '।' | '॥' | '۔'
    )
}

/// Stops that end a sentence even without whitespace after them.
fn is_ideographic_stop(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '｡' | '．' | '︒' | '﹒' | '﹖' | '﹗'
    )
}

/// Closing quotes and brackets that stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '》'
            | '〕'
            | '）'
    )
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// What the scan does with a byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// The first byte of a character that is no stop and no line break.
    Char,
    /// A byte inside a character.
    Continuation,
    /// The first byte of a character that may be a stop or a line break.
    Look,
}

/// [`Scan`] of every byte: ASCII `\n`, `\r`, `.`, `!`, `?`, and the first
/// bytes of the non-ASCII stops and line breaks (U+0085, U+0589, U+061F,
/// U+06D4, U+0964–5, U+1362, U+2026, U+2028–9, U+203C, U+2047–9, U+3002,
/// U+FE12, U+FE52–7, U+FF01–61) are looked at; a test checks every
/// character of [`is_stop`], [`is_ideographic_stop`] and [`is_line_break`]
/// starts with such a byte.
static SCAN: [Scan; 256] = {
    let mut table = [Scan::Char; 256];
    let mut i = 0x80;
    while i < 0xC0 {
        table[i] = Scan::Continuation;
        i += 1;
    }
    let look: [u8; 14] = [
        b'\n', b'\r', b'.', b'!', b'?', 0xC2, 0xD6, 0xD8, 0xDB, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF,
    ];
    let mut k = 0;
    while k < look.len() {
        table[look[k] as usize] = Scan::Look;
        k += 1;
    }
    table
};

/// The sentences of `text` as pieces (each with the whitespace after it),
/// with `extra` abbreviations besides [`ABBREVIATIONS`].
pub(super) fn sentence_pieces(text: &str, extra: &[String]) -> Vec<Piece> {
    let mut out = Vec::new();
    let (mut start_b, mut start_c) = (0, 0);
    // The scan position, in bytes and in code points.
    let (mut b, mut c) = (0, 0);
    let next_at = |at: usize| text[at..].chars().next();
    let bytes = text.as_bytes();
    while b < bytes.len() {
        // Most bytes start no stop or line break: skip them undecoded.
        match SCAN[usize::from(bytes[b])] {
            Scan::Char => {
                b += 1;
                c += 1;
                continue;
            }
            Scan::Continuation => {
                b += 1;
                continue;
            }
            Scan::Look => {}
        }
        let ch = next_at(b).unwrap_or_default();
        let after = b + ch.len_utf8();
        let end = if is_line_break(ch) {
            Some(after + usize::from(ch == '\r' && next_at(after) == Some('\n')))
        } else if is_stop(ch) || is_ideographic_stop(ch) {
            let mut j = after;
            let mut ideographic = is_ideographic_stop(ch);
            while let Some(x) = next_at(j).filter(|x| is_stop(*x) || is_ideographic_stop(*x)) {
                ideographic |= is_ideographic_stop(x);
                j += x.len_utf8();
            }
            while let Some(x) = next_at(j).filter(|x| is_closer(*x)) {
                j += x.len_utf8();
            }
            let ends = match next_at(j) {
                None => true,
                _ if ideographic => true,
                Some(x) if x.is_whitespace() => {
                    !continues(&text[j..]) && !glued(&text[start_b..after], &text[j..], extra)
                }
                Some(_) => false,
            };
            if ends {
                // The spaces after the sentence go with it; a line break
                // right after them ends it too.
                while let Some(x) = next_at(j).filter(|x| x.is_whitespace() && !is_line_break(*x)) {
                    j += x.len_utf8();
                }
                if let Some(x) = next_at(j).filter(|x| is_line_break(*x)) {
                    j += x.len_utf8();
                    if x == '\r' && next_at(j) == Some('\n') {
                        j += 1;
                    }
                }
                Some(j)
            } else {
                c += count_chars(&text[b..j]);
                b = j;
                continue;
            }
        } else {
            None
        };
        match end {
            Some(e) => {
                c += count_chars(&text[b..e]);
                out.push(Piece {
                    chars: CharSpan::new(start_c, c),
                    bytes: (start_b, e),
                });
                (start_b, start_c) = (e, c);
                b = e;
            }
            None => {
                b = after;
                c += 1;
            }
        }
    }
    if start_b < text.len() {
        out.push(Piece {
            chars: CharSpan::new(start_c, c),
            bytes: (start_b, text.len()),
        });
    }
    out
}

/// Code points in `s` (bytes that do not continue a character).
fn count_chars(s: &str) -> usize {
    s.bytes().filter(|b| (b & 0xC0) != 0x80).count()
}

/// True when the first letter of `rest` (before any line break or stop) is
/// lower case: the sentence goes on.
fn continues(rest: &str) -> bool {
    for c in rest.chars() {
        if is_line_break(c) || is_stop(c) || is_ideographic_stop(c) {
            return false;
        }
        if c.is_alphabetic() {
            return c.is_lowercase();
        }
    }
    false
}

/// True when `sentence` (up to its stop) ends with an abbreviation or an
/// initial and the next word, in `rest` after whitespace, is capitalised.
fn glued(sentence: &str, rest: &str, extra: &[String]) -> bool {
    let next = rest.chars().find(|c| !c.is_whitespace());
    if !next.is_some_and(char::is_uppercase) {
        return false;
    }
    let word = sentence
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '[', '"', '“', '‘', '\'']);
    let mut letters = word.chars();
    let initial = matches!(
        (letters.next(), letters.next(), letters.next()),
        (Some(c), Some('.'), None) if c.is_uppercase()
    );
    initial || ABBREVIATIONS.contains(&word) || extra.iter().any(|a| a == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stop_and_line_break_starts_with_a_byte_the_scan_looks_at() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_stop(c) || is_ideographic_stop(c) || is_line_break(c) {
                let mut buf = [0; 4];
                let first = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(SCAN[usize::from(first)] == Scan::Look, "{c:?}");
            }
        }
    }
}
