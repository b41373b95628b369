//! Turning a file's bytes into text: BOMs, UTF-8, and guessed legacy encodings.

use encoding_rs::Encoding;

/// Why bytes could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// NUL bytes or many control characters: not a text file.
    #[error("binary file (contains NUL or control bytes)")]
    Binary,
    /// Malformed sequences for the detected encoding.
    #[error("malformed {0} text")]
    Malformed(&'static str),
}

/// Text decoded from bytes, with the name of the encoding used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// Encoding name, such as `UTF-8`, `UTF-16LE` or `windows-1252`.
    pub encoding: &'static str,
}

/// Decodes a text file's bytes.
///
/// * A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); the mark itself is
///   not part of the text.
/// * Otherwise NUL bytes, or more than 10% control bytes, mean binary.
/// * Valid UTF-8 is UTF-8.
/// * Anything else is guessed by `chardetng` (e.g. Windows-1252) and must
///   decode without errors.
///
/// # Errors
/// [`DecodeError`] when the bytes are binary or malformed.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DecodeError::Malformed(encoding.name()));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, false);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::Malformed(encoding.name()));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

/// [`decode`], taking the bytes: valid UTF-8 without a byte-order mark (the
/// common case) becomes the text without a copy.
///
/// # Errors
/// As for [`decode`].
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if Encoding::for_bom(&bytes).is_some() || looks_binary(&bytes) {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: "UTF-8",
        }),
        Err(e) => decode(e.as_bytes()),
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expected: Result<(&str, &str), DecodeError>) {
        assert_eq!(decode_owned(bytes.to_vec()), decode(bytes), "{bytes:?}");
        let got = decode(bytes);
        let got = got
            .as_ref()
            .map(|d| (d.text.as_str(), d.encoding))
            .map_err(Clone::clone);
        assert_eq!(got, expected, "{bytes:?}");
    }

    #[test]
    fn decodes_the_common_encodings() {
        check("Hélène 🌊".as_bytes(), Ok(("Hélène 🌊", "UTF-8")));
        check(b"\xEF\xBB\xBFHi", Ok(("Hi", "UTF-8")));
        check(b"\xFF\xFEH\0i\0", Ok(("Hi", "UTF-16LE")));
        check(b"\xFE\xFF\0H\0i", Ok(("Hi", "UTF-16BE")));
        check(
            b"Le ma\xEEtre H\xE9l\xE8ne a dit \x93non\x94 \xE0 la presse.",
            Ok(("Le maître Hélène a dit “non” à la presse.", "windows-1252")),
        );
        check(b"\x7FELF\x02\x01\x01\0\0\0", Err(DecodeError::Binary));
        check(b"\x01\x02\x03\x04abc", Err(DecodeError::Binary));
        check(
            b"\xFF\xFEH\0\x00\xD8",
            Err(DecodeError::Malformed("UTF-16LE")),
        );
        check(b"", Ok(("", "UTF-8")));
    }
}
