//! Words in every script. Unicode word boundaries (UAX #29,
//! `unicode-segmentation`) find words wherever spaces or punctuation part
//! them; scripts written without spaces between words (Thai, Lao, Khmer,
//! Burmese, Chinese, Japanese) need a dictionary, and there the words come
//! from ICU4X's dictionary segmenter (`icu_segmenter`), which ships its
//! dictionaries in the binary. Word snapping, keyboard word steps, token
//! exports, learned suggestions and the corpus search all use this.

use std::ops::Range;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use unicode_segmentation::UnicodeSegmentation;

/// The most code points looked at on each side of a position to decide
/// whether a word breaks there (a run of a spaceless script longer than
/// this is cut at its edge: a newspaper sentence is far shorter).
const WINDOW: usize = 256;

/// True for a character of a script written without spaces between
/// words, whose words need a dictionary: Thai, Lao, Burmese, Khmer, the
/// CJK ideographs, hiragana and katakana (with their marks).
#[must_use]
pub fn needs_dictionary(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'   // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{19E0}'..='\u{19FF}' // Khmer symbols
        | '\u{AA60}'..='\u{AA7F}' // Myanmar Extended-A
        | '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}' // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{FF66}'..='\u{FF9F}' // half-width katakana
        | '\u{20000}'..='\u{2FA1F}') // CJK Extensions B–F, supplement
}

/// The dictionary words of `run` (all of one spaceless script or several),
/// as byte ranges of it.
fn dictionary_words(run: &str) -> Vec<Range<usize>> {
    let breaks: Vec<usize> = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default())
        .segment_str(run)
        .collect();
    breaks
        .windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| w[0]..w[1])
        .collect()
}

/// `text` cut into words and the pieces between them, in order, covering
/// it: like `split_word_bounds`, with every run of a spaceless script cut
/// into its dictionary words.
#[must_use]
pub fn word_bounds(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !needs_dictionary(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(b, next)) = chars.peek() {
            if !needs_dictionary(next) && !is_mark(next) {
                break;
            }
            end = b + next.len_utf8();
            chars.next();
        }
        out.extend(text[rest..start].split_word_bounds());
        let run = &text[start..end];
        out.extend(dictionary_words(run).into_iter().map(|r| &run[r]));
        rest = end;
    }
    out.extend(text[rest..].split_word_bounds());
    out
}

/// A combining mark, which stays with the run before it.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{3099}'..='\u{309A}' | '\u{200C}'..='\u{200D}')
}

/// True when a word of a spaceless script ends at byte `at` of `text`
/// (both characters around it are of such scripts, and the dictionary
/// puts a break between them). False anywhere else.
#[must_use]
pub fn is_dictionary_break(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    let left: Vec<(usize, char)> = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| needs_dictionary(*c) || is_mark(*c))
        .take(WINDOW)
        .collect();
    let right_len: usize = after
        .chars()
        .take_while(|c| needs_dictionary(*c) || is_mark(*c))
        .take(WINDOW)
        .map(char::len_utf8)
        .sum();
    let Some(&(start, _)) = left.last() else {
        return false;
    };
    if right_len == 0 {
        return false;
    }
    let run = &text[start..at + right_len];
    dictionary_words(run).iter().any(|w| w.start == at - start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaceless_scripts_are_cut_into_dictionary_words() {
        // (text, words and what lies between them)
        let cases: [(&str, &[&str]); 4] = [
            ("Lavrov said so.", &["Lavrov", " ", "said", " ", "so", "."]),
            ("รัฐมนตรีกล่าวที่กรุงเทพ", &["รัฐมนตรี", "กล่าว", "ที่", "กรุงเทพ"]),
            ("外交部长说", &["外交部", "长", "说"]),
            (
                "Bangkok (กรุงเทพ) 2017",
                &["Bangkok", " ", "(", "กรุงเทพ", ")", " ", "2017"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(word_bounds(text), expected, "{text}");
        }
    }

    #[test]
    fn a_dictionary_break_is_found_inside_a_spaceless_run_only() {
        let text = "ที่กรุงเทพ said";
        let at = "ที่".len();
        assert!(is_dictionary_break(text, at));
        assert!(!is_dictionary_break(text, at + "กรุ".len()));
        // Between Thai and a space, or in Latin text: not a dictionary
        // question.
        assert!(!is_dictionary_break(text, "ที่กรุงเทพ".len()));
        assert!(!is_dictionary_break(text, text.len() - 2));
        assert!(!is_dictionary_break(text, 1), "inside a character");
    }
}
