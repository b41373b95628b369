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

#[cfg(test)]
mod tests {
    use super::plural;

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
