//! Small helpers for text shown to the user.

/// `n` and `noun`, in the plural unless `n` is 1: "1 document", "2 documents".
/// Nouns ending in "y" after a consonant take "ies" ("1 entity", "2 entities").
#[must_use]
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let mut chars = noun.chars().rev();
    let (last, before) = (chars.next(), chars.next());
    match (last, before) {
        (Some('y'), Some(c)) if !"aeiou".contains(c) => {
            format!("{n} {}ies", &noun[..noun.len() - 1])
        }
        (Some('s' | 'x'), _) => format!("{n} {noun}es"),
        _ => format!("{n} {noun}s"),
    }
}

/// `text` made safe to print on a terminal or in one line of the window:
/// control characters (newline, ESC, BEL, …) are shown as `\u{1b}` escapes,
/// and text longer than `max_chars` characters is cut with "…".
#[must_use]
pub fn printable(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars.saturating_mul(4)));
    for (i, c) in text.chars().enumerate() {
        if i == max_chars {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{plural, printable};

    #[test]
    fn printable_escapes_controls_and_cuts_long_text() {
        for (text, max, shown) in [
            ("Ana", 10, "Ana"),
            ("a\nb", 10, "a\\u{a}b"),
            ("\u{1b}[2J\u{7}x", 10, "\\u{1b}[2J\\u{7}x"),
            ("abcdef", 3, "abc…"),
            ("佐藤美咲", 2, "佐藤…"),
        ] {
            assert_eq!(printable(text, max), shown, "{text:?}");
        }
    }

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        for (n, noun, text) in [
            (1, "document", "1 document"),
            (0, "document", "0 documents"),
            (2, "document", "2 documents"),
            (1, "entity", "1 entity"),
            (3, "entity", "3 entities"),
            (2, "day", "2 days"),
            (2, "bus", "2 buses"),
            (1, ".txt file", "1 .txt file"),
        ] {
            assert_eq!(plural(n, noun), text);
        }
    }
}
