//! The parse of the sample, the JSON round trip, and properties of the parse of any bytes.

use bulletin::{Block, Bulletin};
use proptest::prelude::*;

const SAMPLE: &[u8] = include_bytes!("../assets/central-asia-2025-12-08.txt");
const SAMPLE_JSON: &str = include_str!("fixtures/central-asia-2025-12-08.json");

#[test]
fn the_sample_parses_to_the_expected_json_exactly() {
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let got = serde_json::to_string_pretty(&b).unwrap();
    assert_eq!(got.trim_end(), SAMPLE_JSON.trim_end());
}

#[test]
fn the_sample_has_six_stories_with_the_listed_block_counts() {
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let counts: Vec<usize> = b.articles.iter().map(|a| a.blocks.len()).collect();
    assert_eq!(counts, [6, 5, 3, 5, 7, 24]);
    let subheadings: Vec<&str> = b.articles[5]
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Subheading { .. }))
        .map(Block::text)
        .collect();
    assert_eq!(
        subheadings,
        [
            "When Mom and Dad are the murderers",
            "New laws must be drafted and funds allocated"
        ]
    );
}

#[test]
fn text_to_json_to_model_is_the_same_model() {
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let json = serde_json::to_vec(&b).unwrap();
    assert_eq!(Bulletin::from_bytes(json).unwrap(), b);
}

#[test]
fn json_text_is_cleaned_like_the_text_form() {
    let json = r#"{"date":null,"rates":[],"articles":[{"headline":"Hi\u001b]0;x\u0007 There\u202e",
        "date":null,"blocks":[{"type":"paragraph","text":"a\u001b[2J\nb"}]}]}"#;
    let b = Bulletin::from_bytes(json.as_bytes().to_vec()).unwrap();
    assert_eq!(b.articles[0].headline, "Hi There");
    assert_eq!(b.articles[0].blocks[0].text(), "a b");
}

#[test]
fn json_with_a_mismatched_pair_is_refused() {
    let json = r#"{"date":null,"articles":[],"rates":[{"pair":"KZT/USD","base":"KGS","quote":"USD",
        "value":"1","change":null,"direction":null}]}"#;
    let err = Bulletin::from_bytes(json.as_bytes().to_vec()).unwrap_err();
    assert!(err.to_string().contains("rates[0]"), "{err}");
}

/// Every text a reader would show.
fn texts(b: &Bulletin) -> Vec<&str> {
    let mut out = Vec::new();
    for r in &b.rates {
        out.extend([&r.pair, &r.base, &r.quote, &r.value].map(String::as_str));
        out.extend(r.change.as_deref());
    }
    for a in &b.articles {
        out.push(&a.headline);
        out.extend(a.blocks.iter().map(Block::text));
    }
    out
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' | '\u{e0000}'..='\u{e007f}')
}

/// Bytes that look like a bulletin with hostile bits: lines from a small vocabulary of real
/// parts, escape introducers, C1 controls and odd line ends.
fn bulletinish() -> impl Strategy<Value = Vec<u8>> {
    let part = prop_oneof![
        Just("• KZT/USD = 0.00196 -0%".to_owned()),
        Just("08 December 2025".to_owned()),
        Just("A Headline In Title Case".to_owned()),
        Just("a subheading in sentence case".to_owned()),
        Just("A paragraph, with words.".to_owned()),
        Just("\u{a0}".to_owned()),
        Just(String::new()),
        Just("\x1b[31m".to_owned()),
        Just("\x1b]0;title".to_owned()),
        Just("\u{9b}2J".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\x1b".to_owned()),
        Just("\r".to_owned()),
        Just("\u{2028}".to_owned()),
        "\\PC{0,12}",
    ];
    proptest::collection::vec(part, 0..40).prop_map(|parts| parts.join("\n").into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_bytes_parse_without_panic_and_nothing_unsafe_comes_out(
        bytes in proptest::collection::vec(any::<u8>(), 0..2000)
    ) {
        if let Ok(b) = Bulletin::from_bytes(bytes) {
            for t in texts(&b) {
                prop_assert!(!t.chars().any(is_unsafe), "{:?}", t);
                prop_assert!(!t.starts_with(' ') && !t.ends_with(' ') && !t.contains("  "));
            }
        }
    }

    #[test]
    fn hostile_bulletins_are_clean_and_round_trip(bytes in bulletinish()) {
        // Text that opens like a JSON object is read as JSON (and refused if it is not).
        prop_assume!(!String::from_utf8_lossy(&bytes).trim_start().starts_with('{'));
        let b = Bulletin::from_bytes(bytes).unwrap();
        for t in texts(&b) {
            prop_assert!(!t.chars().any(is_unsafe), "{:?}", t);
            prop_assert!(!t.is_empty());
        }
        let json = serde_json::to_vec(&b).unwrap();
        prop_assert_eq!(Bulletin::from_bytes(json).unwrap(), b);
    }
}
