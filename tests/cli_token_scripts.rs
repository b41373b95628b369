//! Token exports in the scripts written without spaces (issue 25): a Thai
//! and a Chinese article exported to CoNLL with `--tokens unicode` give
//! the words ICU4X's dictionary segmenter finds, not one token per letter
//! (Thai) or per ideograph (Chinese); every mention stays whole; the old
//! behaviour is still there as `--tokens uax29`.

mod cli_common;

use cli_common::{annotate_all, stancemark};

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use stancemark::io::save_project;

const THAI: &str = "รัฐมนตรีต่างประเทศกล่าวที่กรุงเทพว่าความเชื่อมั่นลดลง\n";
const CHINESE: &str = "外交部长拉夫罗夫在北京说两国之间的信任度很低\n";

/// The segmenter's own words of `line` (no whitespace).
fn segmenter_words(line: &str) -> Vec<String> {
    let breaks: Vec<usize> = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default())
        .segment_str(line.trim_end())
        .collect();
    breaks
        .windows(2)
        .map(|w| line[w[0]..w[1]].to_owned())
        .collect()
}

/// The tokens of each document of a CoNLL file.
fn conll_documents(text: &str) -> Vec<Vec<(String, String)>> {
    let mut docs: Vec<Vec<(String, String)>> = Vec::new();
    for line in text.lines() {
        if line.starts_with("-DOCSTART-") {
            docs.push(Vec::new());
            continue;
        }
        let mut fields = line.split_whitespace();
        if let (Some(token), Some(tag), Some(doc)) =
            (fields.next(), fields.next_back(), docs.last_mut())
        {
            doc.push((token.to_owned(), tag.to_owned()));
        }
    }
    docs
}

#[test]
fn thai_and_chinese_tokens_are_words_and_mentions_stay_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    std::fs::write(corpus.join("a-thai.txt"), THAI).expect("thai");
    std::fs::write(corpus.join("b-chinese.txt"), CHINESE).expect("chinese");
    // A mention in each: a city inside a run of Thai, and one that is
    // not a dictionary word of its own (half of "拉夫罗夫" would be cut by
    // the mention, not by the dictionary).
    let project = annotate_all(
        &corpus,
        &[("กรุงเทพ", "GPE"), ("拉夫罗夫", "PER"), ("北京", "GPE")],
    );
    let file = dir.path().join("saves/p.ron");
    save_project(&file, &project, &corpus).expect("save");
    let export = |tokens: &str| {
        let target = dir.path().join(format!("out-{tokens}.conll"));
        let (code, out, err) = stancemark(&[
            "export",
            file.to_str().expect("utf-8"),
            "--format",
            "conll",
            "--tokens",
            tokens,
            "--out",
            target.to_str().expect("utf-8"),
        ]);
        assert_eq!(code, 0, "{out}{err}");
        conll_documents(&std::fs::read_to_string(&target).expect("read"))
    };

    let docs = export("unicode");
    assert_eq!(docs.len(), 2);
    for (doc, text) in docs.iter().zip([THAI, CHINESE]) {
        let tokens: Vec<&str> = doc.iter().map(|(t, _)| t.as_str()).collect();
        let words = segmenter_words(text);
        // The segmenter's words, except where a mention cuts one.
        let joined: String = tokens.concat();
        assert_eq!(joined, text.trim_end());
        for word in &words {
            let whole = tokens.contains(&word.as_str());
            let cut = !whole && {
                // Made of consecutive tokens.
                (0..tokens.len())
                    .any(|i| (i + 1..=tokens.len()).any(|j| tokens[i..j].concat() == *word))
            };
            assert!(whole || cut, "{word} in {tokens:?}");
        }
        assert!(
            tokens.len() >= words.len() && tokens.len() > 4,
            "{tokens:?}"
        );
    }
    // Every mention whole: its tokens, and only they, carry its tags.
    let tagged = |doc: &[(String, String)], tag: &str| -> String {
        doc.iter()
            .filter(|(_, t)| t.ends_with(tag))
            .map(|(w, _)| w.as_str())
            .collect()
    };
    assert_eq!(tagged(&docs[0], "GPE"), "กรุงเทพ");
    assert_eq!(tagged(&docs[1], "PER"), "拉夫罗夫");
    assert_eq!(tagged(&docs[1], "GPE"), "北京");

    // UAX #29 alone, kept as `uax29`: each Thai letter (with its marks)
    // is a token, each ideograph one.
    let old = export("uax29");
    assert!(old[0].len() > 2 * docs[0].len(), "{:?}", old[0]);
    assert_eq!(old[1].len(), CHINESE.trim_end().chars().count());
}
