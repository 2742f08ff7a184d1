//! One test (or a few) per reading rule of FORMAT.md.

use super::*;
use crate::model::decode;

fn parse(text: &str) -> Bulletin {
    parse_str(text)
}

fn headlines(b: &Bulletin) -> Vec<&str> {
    b.articles.iter().map(|a| a.headline.as_str()).collect()
}

fn rate(line: &str) -> Option<(String, String, Option<String>, Option<Direction>)> {
    rate_from_line(line).map(|r| (r.pair, r.value, r.change, r.direction))
}

fn dir(line: &str) -> Option<Direction> {
    rate_from_line(line).and_then(|r| r.direction)
}

const STORY: &str = "Some Headline Here\n\nA paragraph of text.\n";

// Rule 2: rate lines.

#[test]
fn rate_lines_in_every_written_form() {
    let want =
        |v: &str, c: Option<&str>| Some(("KZT/USD".to_owned(), v.to_owned(), c.map(str::to_owned)));
    for (line, value, change) in [
        ("• KZT/USD = 0.00196 -0%", "0.00196", Some("-0%")),
        ("KZT/USD = 0.00196", "0.00196", None),
        ("* KZT / USD : 1,234.5 +1.25%", "1,234.5", Some("+1.25%")),
        ("- KZT/USD=0.00196 −0.5%", "0.00196", Some("−0.5%")),
        ("· KZT/USD = 7 0%", "7", Some("0%")),
        ("▪ KZT/USD = 7 2%", "7", Some("2%")),
        ("► KZT/USD = 7", "7", None),
        ("\u{FFFD} KZT/USD = 7", "7", None),
        ("•KZT/USD = 7", "7", None),
        ("KZT/USD = 0.00196 1.25 %", "0.00196", Some("1.25 %")),
        ("KZT/USD = 0.00196 −0.00 %", "0.00196", Some("−0.00 %")),
    ] {
        let got = rate(line).map(|(p, v, c, _)| (p, v, c));
        assert_eq!(got, want(value, change), "{line}");
    }
}

#[test]
fn things_that_are_not_rates() {
    for line in [
        "KZT/USD = 1e309",
        "KZT/USD = NaN",
        "kzt/usd = 0.1",
        "KZT/USD = .5",
        "KZT/USD = 0.5.1",
        "KZT/USD = 1. ",
        "KZTX/USD = 1",
        "KZ/USD = 1",
        "KZT/USD = -1",
        "KZT/USD = 1 5",
        "KZT/USD = 1 5% more",
        "KZT/USD = 1 %",
        "KZT/USD 1",
        "The KZT/USD = 1 rate",
        "• • KZT/USD = 1",
    ] {
        assert_eq!(rate(line), None, "{line}");
    }
}

#[test]
fn direction_follows_the_sign() {
    assert_eq!(dir("KZT/USD = 1 -0%"), Some(Direction::Down));
    assert_eq!(dir("KZT/USD = 1 −0.5%"), Some(Direction::Down));
    assert_eq!(dir("KZT/USD = 1 +0%"), Some(Direction::Up));
    assert_eq!(dir("KZT/USD = 1 0.01%"), Some(Direction::Up));
    assert_eq!(dir("KZT/USD = 1 0%"), Some(Direction::Flat));
    assert_eq!(dir("KZT/USD = 1 0.00%"), Some(Direction::Flat));
    assert_eq!(dir("KZT/USD = 1"), None);
}

#[test]
fn ticker_is_deduplicated_in_order_of_first_appearance_later_figures_win() {
    let b = parse(
        "• KGS/USD = 0.01144 0%\n• KZT/USD = 0.00196 -0%\n• KGS/USD = 0.01144 0%\n\
         • KZT/USD = 0.00201 +2.5%\n• TMT/USD = 0.28490 0%\n",
    );
    let got: Vec<(&str, &str, Option<&str>)> = b
        .rates
        .iter()
        .map(|r| (r.pair.as_str(), r.value.as_str(), r.change.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("KGS/USD", "0.01144", Some("0%")),
            ("KZT/USD", "0.00201", Some("+2.5%")),
            ("TMT/USD", "0.28490", Some("0%")),
        ]
    );
    assert_eq!(b.rates[1].direction, Some(Direction::Up));
    assert_eq!(
        (b.rates[1].base.as_str(), b.rates[1].quote.as_str()),
        ("KZT", "USD")
    );
}

#[test]
fn a_ticker_anywhere_never_becomes_article_text() {
    let b = parse(&format!(
        "{STORY}\n• KZT/USD = 0.00196 -0%\n  • TJS/USD = 0.10899 0%\nSecond paragraph.\n\
         • KZT/USD = 0.00196 -0%\n"
    ));
    assert_eq!(b.rates.len(), 2);
    let texts: Vec<&str> = b.articles[0].blocks.iter().map(Block::text).collect();
    assert_eq!(texts, ["A paragraph of text.", "Second paragraph."]);
}

#[test]
fn value_and_change_are_kept_as_written() {
    let b = parse("TMT/USD = 0.28490 -0%\n");
    assert_eq!(b.rates[0].value, "0.28490");
    assert_eq!(b.rates[0].change.as_deref(), Some("-0%"));
}

// Rule 3: date lines.

#[test]
fn date_lines_date_the_stories_after_them() {
    let b = parse(
        "08 December 2025\n\nFirst Story Today\n\nText.\n\nMonday, 9 December 2025\n\n\
         Second Story Today\n\nText.\n\nDecember 10, 2025\nThird Story Today\n",
    );
    let dates: Vec<String> = b
        .articles
        .iter()
        .map(|a| a.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(dates, ["2025-12-08", "2025-12-09", "2025-12-10"]);
    assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2025-12-08"));
}

#[test]
fn an_impossible_date_is_text_not_a_date() {
    let b = parse("31 February 2025\n\nA Real Headline\n");
    assert_eq!(b.date, None);
    assert_eq!(headlines(&b), ["31 February 2025", "A Real Headline"]);
}

#[test]
fn no_date_line_means_no_date() {
    let b = parse(STORY);
    assert_eq!(b.date, None);
    assert_eq!(b.articles[0].date, None);
}

// Rule 4: blocks.

#[test]
fn hard_wrapped_lines_join_into_one_paragraph() {
    let b = parse("A Headline\n\nThe first line\nof a paragraph\n  wrapped by hand\n\nNext.\n");
    let texts: Vec<&str> = b.articles[0].blocks.iter().map(Block::text).collect();
    assert_eq!(
        texts,
        ["The first line of a paragraph wrapped by hand", "Next."]
    );
}

#[test]
fn no_break_space_lines_separate_blocks() {
    let b = parse("A Headline\n\u{a0}\nFirst.\n\u{a0}\nSecond.\n\u{a0}\u{a0} \nThird.\n");
    assert_eq!(b.articles[0].blocks.len(), 3);
}

#[test]
fn every_line_end_is_a_line_end() {
    for sep in ["\n", "\r\n", "\r", "\u{2028}", "\u{85}", "\u{2029}"] {
        let text = [
            "A Headline",
            "",
            "First line",
            "second line.",
            "",
            "Another One",
        ]
        .join(sep);
        let b = parse(&text);
        assert_eq!(headlines(&b), ["A Headline", "Another One"], "{sep:?}");
        assert_eq!(
            b.articles[0].blocks[0].text(),
            "First line second line.",
            "{sep:?}"
        );
    }
}

// Rule 5: headlines and subheadings.

#[test]
fn title_case_counts_three_in_four() {
    assert!(title_case(
        "China Seeks to Import 20,000 Tons of Pork from Kazakhstan"
    ));
    assert!(title_case("Drop in Uzbekistan’s Gold Sales"));
    assert!(title_case(
        "UNDP Launches Course on Gender Issues in Turkmenistan"
    ));
    assert!(title_case("The iPhone Arrives"));
    assert!(title_case("2025"));
    assert!(title_case("In the Heat of the Night"));
    assert!(!title_case("When Mom and Dad are the murderers"));
    assert!(!title_case("New laws must be drafted and funds allocated"));
    assert!(!title_case("the heat is on"));
    // 3 of 4 is enough; 2 of 3 is not.
    assert!(title_case("Big Red Apples fall"));
    assert!(!title_case("Big Red falls"));
}

#[test]
fn uncased_scripts_do_not_count() {
    assert!(title_case("中国 与 哈萨克斯坦 合作"));
    assert!(title_case("Kazakhstan 与 China 合作"));
    assert!(!title_case("Kazakhstan 与 china 合作 news"));
}

#[test]
fn headings_are_single_short_lines_not_ending_like_a_clause() {
    assert!(is_heading("Is This the End?"));
    assert!(is_heading("“Enough Is Enough”"));
    assert!(is_heading("We Won!"));
    assert!(!is_heading("This Ends With a Full Stop."));
    assert!(!is_heading("Colon Ends It:"));
    assert!(!is_heading("全角句号结尾。"));
    assert!(!is_heading("全角逗号结尾，"));
    assert!(!is_heading("Word ".repeat(21).trim_end()));
    assert!(!is_heading(&"A".repeat(151)));
    assert!(is_heading(&"A".repeat(150)));
}

#[test]
fn headlines_start_stories_subheadings_stay_inside() {
    let b = parse(
        "Taking the Necessary Steps\n\nIntro text.\n\nWhen Mom and Dad are the murderers\n\n\
         More text.\n\nIs This the End?\n\n“Quoted Headline Here”\n",
    );
    assert_eq!(
        headlines(&b),
        [
            "Taking the Necessary Steps",
            "Is This the End?",
            "“Quoted Headline Here”"
        ]
    );
    assert_eq!(
        b.articles[0].blocks,
        [
            Block::Paragraph {
                text: "Intro text.".into()
            },
            Block::Subheading {
                text: "When Mom and Dad are the murderers".into()
            },
            Block::Paragraph {
                text: "More text.".into()
            },
        ]
    );
    assert!(
        b.articles[2].blocks.is_empty(),
        "a story with no paragraphs is still a story"
    );
}

#[test]
fn cjk_headline_is_a_headline() {
    let b = parse("中国与哈萨克斯坦合作\n\n两国签署了协议。\n");
    assert_eq!(headlines(&b), ["中国与哈萨克斯坦合作"]);
    assert_eq!(b.articles[0].blocks.len(), 1);
}

#[test]
fn a_multi_line_block_is_never_a_heading() {
    let b = parse("A Headline\n\nTwo Short Lines\nIn Title Case\n");
    assert_eq!(headlines(&b), ["A Headline"]);
    assert_eq!(
        b.articles[0].blocks[0].text(),
        "Two Short Lines In Title Case"
    );
}

#[test]
fn sentence_case_publisher_has_every_heading_a_headline() {
    let b = parse("First story in sentence case\n\nText.\n\nSecond story here\n\nMore text.\n");
    assert_eq!(
        headlines(&b),
        ["First story in sentence case", "Second story here"]
    );
    assert_eq!(b.articles[1].blocks.len(), 1);
}

// Rule 6: before the first headline.

#[test]
fn text_before_the_first_headline_is_not_a_story() {
    let b = parse(
        "• KZT/USD = 1 0%\nsubscribe to our newsletter\n\nSome preamble text.\n\n\
         08 December 2025\n\nThe Real First Story\n\nBody.\n",
    );
    assert_eq!(headlines(&b), ["The Real First Story"]);
    assert_eq!(b.articles[0].blocks.len(), 1);
}

#[test]
fn empty_and_storyless_bulletins_parse_to_empty_models() {
    assert_eq!(parse(""), Bulletin::default());
    assert_eq!(parse("\n\n\u{a0}\n"), Bulletin::default());
    let b = parse("• KZT/USD = 1 0%\nall lower case paragraph text.\n");
    assert!(b.articles.is_empty());
    assert_eq!(b.rates.len(), 1);
}

// Rule 1, through the whole parse.

#[test]
fn escape_sequences_and_bidi_never_reach_the_model() {
    let b = parse(
        "A \x1b[31mRed\x1b[0m Headline\x1b]0;pwned\x07\n\nText \u{9b}2J with\u{202e} override \
         and \x1b]8;;http://x unterminated\nNext line\u{2066}.\n",
    );
    assert_eq!(headlines(&b), ["A Red Headline"]);
    assert_eq!(
        b.articles[0].blocks[0].text(),
        "Text with override and Next line."
    );
}

#[test]
fn bom_utf16_and_windows_1252_parse_alike() {
    let text = "• KZT/USD = 0.00196 -0%\r\n08 December 2025\r\n\r\nDrop in Uzbekistan’s Gold Sales\r\n\r\n\u{a0}In April, sales “dropped”.\r\n";
    let want = parse(text);
    assert_eq!(headlines(&want), ["Drop in Uzbekistan’s Gold Sales"]);
    assert_eq!(
        want.articles[0].blocks[0].text(),
        "In April, sales “dropped”."
    );

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    assert_eq!(parse(&decode(bom).unwrap()), want);

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(parse(&decode(utf16).unwrap()), want);

    let cp1252: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '•' => 0x95,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            c => u8::try_from(u32::from(c)).unwrap(),
        })
        .collect();
    assert_eq!(parse(&decode(cp1252).unwrap()), want);
}

#[test]
fn invalid_utf8_in_a_utf8_file_is_replaced_not_fatal() {
    let b = parse(&decode(b"Caf\xC3\xA9 Opens \xFF Today\n\nText.\n".to_vec()).unwrap());
    assert_eq!(headlines(&b), ["Café Opens \u{FFFD} Today"]);
}

#[test]
fn lost_bullet_still_makes_a_rate() {
    // A bullet in a bad encoding decodes to U+FFFD.
    let b = parse(&decode(b"\xE2\x80 KZT/USD = 1 0%\nCaf\xC3\xA9\n".to_vec()).unwrap());
    assert_eq!(b.rates.len(), 1);
}
