//! The content of one exported file, in pieces (one per document for the
//! large formats): written piece by piece, it is never copied into one
//! buffer, which for a large corpus would double the memory and the time
//! spent filling fresh pages.

use std::io::Write;

/// A file's bytes, in order, in pieces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Content(Vec<Vec<u8>>);

impl Content {
    /// Content made of `pieces`, in order.
    #[must_use]
    pub fn from_pieces(pieces: Vec<Vec<u8>>) -> Self {
        Self(pieces)
    }

    /// The pieces, in order.
    #[must_use]
    pub fn pieces(&self) -> &[Vec<u8>] {
        &self.0
    }

    /// Length in bytes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// True when there are no bytes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes every piece to `out`, in order.
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        for piece in &self.0 {
            out.write_all(piece)?;
        }
        Ok(())
    }

    /// The content as one string (exports write UTF-8; anything else would
    /// be shown with replacement characters, never dropped).
    #[must_use]
    pub fn into_string(self) -> String {
        let bytes = self.0.concat();
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl From<String> for Content {
    fn from(text: String) -> Self {
        Self(vec![text.into_bytes()])
    }
}
