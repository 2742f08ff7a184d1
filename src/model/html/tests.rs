use super::*;
use crate::model::{Bulletin, Direction, Kind};

const LISTING: &str = include_str!("../../../tests/fixtures/web/listing.html");
const RSS: &[u8] = include_bytes!("../../../tests/fixtures/web/rss.xml");
const ATOM: &[u8] = include_bytes!("../../../tests/fixtures/web/atom.xml");
const JSON_FEED: &[u8] = include_bytes!("../../../tests/fixtures/web/feed.json");

fn page(html: &str) -> Bulletin {
    read_page(html, Some("https://courier.example/latest/"))
}

fn headlines(b: &Bulletin) -> Vec<&str> {
    b.articles.iter().map(|a| a.headline.as_str()).collect()
}

fn texts(a: &Article) -> Vec<String> {
    a.blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text } => format!("P {text}"),
            Block::Subheading { text } => format!("S {text}"),
        })
        .collect()
}

#[test]
fn a_listing_page_gives_its_articles_rates_and_date() {
    let b = page(LISTING);
    assert_eq!(
        headlines(&b),
        [
            "Kazakhstan Raises Wheat Exports to Afghanistan",
            "Uzbekistan’s Gold Reserves Reach a Record"
        ],
        "the sidebar's Most Read, the hidden draft and the menus are no stories"
    );
    let rates: Vec<(&str, &str, Option<&str>, Option<Direction>)> = b
        .rates
        .iter()
        .map(|r| {
            (
                r.pair.as_str(),
                r.value.as_str(),
                r.change.as_deref(),
                r.direction,
            )
        })
        .collect();
    assert_eq!(
        rates,
        [
            ("KGS/USD", "0.01150", Some("0%"), Some(Direction::Flat)),
            ("KZT/USD", "0.00197", Some("-0.51 %"), Some(Direction::Down)),
            ("TJS/USD", "0.10901", Some("+0.02%"), Some(Direction::Up)),
        ]
    );
    assert_eq!(b.date, Date::new(2025, 12, 9));
}

#[test]
fn an_articles_parts_become_blocks_its_link_and_time_its_url_and_date() {
    let b = page(LISTING);
    let first = &b.articles[0];
    assert_eq!(
        first.url.as_deref(),
        Some("https://courier.example/2025/12/09/kazakhstan-wheat-exports/"),
        "a relative link resolved against the page"
    );
    assert_eq!(
        first.date,
        Date::new(2025, 12, 9),
        "the time as written, +05:00"
    );
    assert_eq!(
        texts(first),
        [
            "P Kazakhstan shipped 1.2 million tons of wheat to Afghanistan in the first eleven months, the Ministry of Agriculture said.",
            "P Grain traders expect the figure to grow as the new rail line opens.",
            "S What the farmers say",
            "P Prices are stable.",
            "P Storage is short.",
            "P “We have never sold so much,” said one farmer.",
            "P Escapes never pass: and bidi reversed are cleaned.",
        ],
        "no byline, no 'Continue reading', no footer"
    );
    let second = &b.articles[1];
    assert_eq!(
        second.url.as_deref(),
        Some("https://courier.example/2025/12/08/uzbek-gold/"),
        "the link around the heading"
    );
    assert_eq!(
        second.date,
        Date::new(2025, 12, 8),
        "a date line inside the article"
    );
}

#[test]
fn nothing_a_page_holds_reaches_the_terminal_raw() {
    let b = page(LISTING);
    for a in &b.articles {
        for text in std::iter::once(a.headline.as_str()).chain(a.blocks.iter().map(|b| b.text())) {
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() || crate::model::is_dropped(c)),
                "{text:?}"
            );
        }
    }
}

#[test]
fn a_page_without_articles_is_read_as_its_text_without_its_chrome() {
    let html = r#"<html><head><title>X</title></head><body>
        <header><h1>Steppe Courier</h1><nav><a href="/">Home Page</a></nav></header>
        <div class="ticker"><span>KZT/USD = 0.00196 -0%</span> <span>KGS/USD = 0.01144 0%</span></div>
        <div class="main">
          <p>08 December 2025</p>
          <h2>China Seeks to Import Pork from Kazakhstan</h2>
          <p>Representatives visited Almaty.</p>
          <p>They signed a memorandum.</p>
          <h3>What comes next</h3>
          <p>Shipments start in spring.</p>
          <h2>Drop in Gold Sales</h2>
          <p>Sales fell.</p>
        </div>
        <aside class="sidebar"><h2>Most Read Stories</h2><p>Old news.</p></aside>
        <footer><p>All Rights Reserved</p></footer>
        </body></html>"#;
    let b = page(html);
    assert_eq!(
        headlines(&b),
        [
            "China Seeks to Import Pork from Kazakhstan",
            "Drop in Gold Sales"
        ]
    );
    assert_eq!(
        texts(&b.articles[0]),
        [
            "P Representatives visited Almaty.",
            "P They signed a memorandum.",
            "S What comes next",
            "P Shipments start in spring."
        ]
    );
    assert_eq!(
        b.rates.len(),
        2,
        "two inline rates on one line are both read"
    );
    assert_eq!(b.date, Date::new(2025, 12, 8));
    assert!(b.articles.iter().all(|a| a.date == Date::new(2025, 12, 8)));
}

#[test]
fn the_charset_comes_from_the_header_else_the_meta_else_rule_one() {
    let body = "<html><head><meta charset=\"windows-1251\"></head><body><p>\u{0}</p></body></html>";
    let mut bytes: Vec<u8> = body.replace('\u{0}', "").into_bytes();
    // "Привет" in windows-1251, inside the paragraph
    let at = bytes.windows(4).position(|w| w == b"</p>").unwrap();
    bytes.splice(at..at, [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]);
    let text = decode_page(bytes.clone(), None).unwrap();
    assert!(text.contains("Привет"), "{text}");
    // the header wins over the meta
    let latin = decode_page(bytes, Some("text/html; charset=ISO-8859-1")).unwrap();
    assert!(latin.contains("Ïðèâåò"), "{latin}");
    // no charset anywhere: UTF-8
    let utf8 = decode_page("<p>Алматы</p>".as_bytes().to_vec(), Some("text/html")).unwrap();
    assert!(utf8.contains("Алматы"));
}

#[test]
fn a_timestamp_is_dated_in_its_own_zone() {
    assert_eq!(
        date_as_written("2025-12-09T01:30:00+05:00"),
        Date::new(2025, 12, 9)
    );
    assert_eq!(
        date_as_written("Tue, 09 Dec 2025 01:15:00 +0500"),
        Date::new(2025, 12, 9)
    );
    assert_eq!(
        date_as_written("9 Dec 2025 23:59:00 -0800"),
        Date::new(2025, 12, 9)
    );
    assert_eq!(date_as_written("yesterday"), None);
}

#[test]
fn an_rss_feed_gives_a_story_an_item_with_its_full_content() {
    let (b, kind) = Bulletin::from_source(RSS.to_vec(), Some("application/rss+xml"), None).unwrap();
    assert_eq!(kind, Kind::Feed);
    assert_eq!(
        headlines(&b),
        [
            "Kyrgyzstan Opens a New Border Crossing With China",
            "Tajikistan’s Hydropower Exports Grow"
        ]
    );
    let a = &b.articles[0];
    assert_eq!(
        a.date,
        Date::new(2025, 12, 9),
        "01:15 +05:00 is the 9th where it was written"
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://courier.example/2025/12/09/kyrgyz-border/")
    );
    assert_eq!(
        texts(a),
        [
            "P The crossing at Irkeshtam will work around the clock from January.",
            "S Trade by the numbers",
            "P Trade between the two countries reached $19 billion last year.",
            "P Hidden: shown.",
        ],
        "content:encoded, not the description"
    );
    assert_eq!(texts(&b.articles[1]), ["P Rogun sent more power south."]);
    assert_eq!(b.articles[1].date, Date::new(2025, 12, 8));
    assert_eq!(b.date, Date::new(2025, 12, 9));
}

#[test]
fn an_atom_feed_and_a_json_feed_are_read_alike() {
    let (atom, kind) = Bulletin::from_source(ATOM.to_vec(), None, None).unwrap();
    assert_eq!(kind, Kind::Feed);
    assert_eq!(
        headlines(&atom),
        [
            "Turkmenistan &amp; Azerbaijan Sign a Gas Deal",
            "Ferry Traffic Resumes Across the Caspian"
        ]
        .map(|h| h.replace("&amp;", "&"))
    );
    assert_eq!(
        texts(&atom.articles[0]),
        [
            "P The deal covers ten years of supplies.",
            "P Both sides called it historic."
        ]
    );
    assert_eq!(atom.articles[0].date, Date::new(2025, 12, 9));
    assert_eq!(
        atom.articles[1].date,
        Date::new(2025, 12, 8),
        "updated when not published"
    );
    assert_eq!(
        texts(&atom.articles[1]),
        ["P Ferries from Turkmenbashi to Baku run again after the storm."]
    );
    assert_eq!(
        atom.articles[0].url.as_deref(),
        Some("https://dispatch.example/gas-deal")
    );

    let (json, kind) =
        Bulletin::from_source(JSON_FEED.to_vec(), Some("application/json"), None).unwrap();
    assert_eq!(kind, Kind::Feed);
    assert_eq!(
        headlines(&json),
        [
            "Water Returns to the Northern Aral",
            "Saxaul Planting Reaches the Seabed"
        ]
    );
    assert_eq!(
        texts(&json.articles[1]),
        [
            "P Volunteers planted saxaul on the dry seabed.",
            "P The shrubs hold the sand."
        ]
    );
    assert_eq!(
        json.articles[0].url.as_deref(),
        Some("https://aral.example/3")
    );
}

#[test]
fn kinds_are_told_by_content_first_then_by_the_servers_type() {
    assert_eq!(
        Kind::sniff(RSS, Some("text/html")),
        Kind::Feed,
        "a feed served as a page"
    );
    assert_eq!(
        Kind::sniff(LISTING.as_bytes(), Some("text/plain")),
        Kind::Html
    );
    assert_eq!(Kind::sniff(b"KZT/USD = 1\n", Some("text/html")), Kind::Html);
    assert_eq!(Kind::sniff(b"KZT/USD = 1\n", None), Kind::Text);
    assert_eq!(Kind::sniff(b"{\"date\": null}", None), Kind::Json);
    assert_eq!(Kind::sniff(JSON_FEED, None), Kind::Feed);
}

#[test]
fn a_broken_feed_is_refused_with_a_reason() {
    let err = Bulletin::from_source(
        b"<?xml version=\"1.0\"?><rss><channel><item>".to_vec(),
        None,
        None,
    );
    // feed-rs reads what it can of a truncated feed or refuses it; either way, no panic and
    // no story without a headline
    if let Ok((b, _)) = err {
        assert!(b.articles.iter().all(|a| !a.headline.is_empty()));
    }
    let err = Bulletin::from_source(b"<?xml version=\"1.0\"?><nothing/>".to_vec(), None, None)
        .unwrap_err();
    assert!(
        err.to_string().starts_with("is not a bulletin or a feed"),
        "{err}"
    );
}

mod any_markup {
    use super::*;
    use proptest::prelude::*;

    fn clean(b: &Bulletin) -> bool {
        let ok = |t: &str| {
            !t.chars()
                .any(|c| c.is_control() || crate::model::is_dropped(c))
        };
        b.articles.iter().all(|a| {
            ok(&a.headline)
                && a.blocks.iter().all(|b| ok(b.text()))
                && a.url
                    .as_deref()
                    .is_none_or(|u| u.bytes().all(|b| b.is_ascii_graphic()))
        }) && b.rates.iter().all(|r| ok(&r.value))
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 300,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]
        #[test]
        fn arbitrary_html_never_panics_nor_lets_a_control_out(
            parts in proptest::collection::vec(prop_oneof![
                Just("<article>".to_owned()), Just("</article>".to_owned()),
                Just("<h2>".to_owned()), Just("</h2>".to_owned()),
                Just("<p>".to_owned()), Just("<a href=\"javascript:x\">".to_owned()),
                Just("<time datetime=\"2025-13-45\">".to_owned()),
                Just("&#27;[31m".to_owned()), Just("&#x202e;".to_owned()),
                Just("KZT/USD = 0.1 -1 %".to_owned()), Just("<br>".to_owned()),
                Just("<nav>".to_owned()), Just("<!--".to_owned()), Just("<script>".to_owned()),
                (0usize..1000).prop_map(|n| "<div>".repeat(n)),
                (0usize..1000).prop_map(|n| "<b>".repeat(n)),
                (0usize..400).prop_map(|n| "<table><tr><td>".repeat(n)),
                "[ -~\u{80}-\u{10ffff}]{0,12}",
            ], 0..40)
        ) {
            let html = parts.concat();
            let b = read_page(&html, Some("https://x.example/"));
            prop_assert!(clean(&b));
        }

        #[test]
        fn arbitrary_xml_never_panics_nor_lets_a_control_out(
            parts in proptest::collection::vec(prop_oneof![
                (0usize..3000).prop_map(|n| "<x>".repeat(n)),
                (0usize..3000).prop_map(|n| "</x>".repeat(n)),
                Just("<rss><channel>".to_owned()), Just("<item><title>".to_owned()),
                Just("</title>".to_owned()), Just("<description><![CDATA[<p>".to_owned()),
                Just("]]></description>".to_owned()), Just("</item>".to_owned()),
                Just("<pubDate>Tue, 99 Dec 2025</pubDate>".to_owned()),
                Just("&#x1b;]0;t&#x7;".to_owned()), Just("<link>javascript:1</link>".to_owned()),
                "[ -~\u{80}-\u{10ffff}]{0,12}",
            ], 0..40)
        ) {
            let xml = format!("<?xml version=\"1.0\"?>{}", parts.concat());
            if let Ok((b, _)) = Bulletin::from_source(xml.into_bytes(), None, None) {
                prop_assert!(clean(&b));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]
        #[test]
        fn deeply_nested_html_reads_on_a_test_threads_small_stack(
            tag in prop_oneof![
                Just("div"), Just("b"), Just("table"), Just("li"), Just("span"), Just("p"),
                Just("blockquote"), Just("a href=\"/x\""), Just("td"), Just("font"),
            ],
            depth in 0usize..6_000,
            inside in "[ -~]{0,12}",
        ) {
            let open = format!("<{tag}>").repeat(depth);
            let html = format!("<article><h2>Deep</h2>{open}{inside}</article>");
            let b = read_page(&html, Some("https://x.example/"));
            prop_assert!(clean(&b));
            prop_assert_eq!(headlines(&b), vec!["Deep"]);
            let feed = format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item>\
                 <title>Deep</title><description><![CDATA[{open}{inside}]]></description>\
                 </item></channel></rss>"
            );
            let (b, _) = Bulletin::from_source(feed.into_bytes(), None, None).unwrap();
            prop_assert_eq!(headlines(&b), vec!["Deep"]);
        }

    }
}

#[test]
fn an_rss_1_rdf_feed_is_read_too() {
    let rdf = r#"<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://steppe.example/"><title>Steppe</title><link>https://steppe.example/</link>
    <description>News</description></channel>
  <item rdf:about="https://steppe.example/a">
    <title>Almaty Opens a Metro Line</title>
    <link>https://steppe.example/a</link>
    <description>Three new stations opened.</description>
    <dc:date>2025-12-09T01:00:00+06:00</dc:date>
  </item>
</rdf:RDF>"#;
    let (b, kind) = Bulletin::from_source(rdf.as_bytes().to_vec(), None, None).unwrap();
    assert_eq!(kind, Kind::Feed);
    assert_eq!(headlines(&b), ["Almaty Opens a Metro Line"]);
    assert_eq!(texts(&b.articles[0]), ["P Three new stations opened."]);
    assert_eq!(
        b.articles[0].url.as_deref(),
        Some("https://steppe.example/a")
    );
    assert_eq!(b.articles[0].date, Date::new(2025, 12, 9));
}

#[test]
fn the_pages_date_is_its_first_date_line_wherever_the_stories_stand() {
    let story = |date: &str| {
        format!("<article><h2>A Story Headline Here</h2><p>{date}</p><p>Text.</p></article>")
    };
    // before the stories
    let b = page(&format!(
        "<body><div>08 December 2025</div>{}<footer>10 December 2025</footer></body>",
        story("Words.")
    ));
    assert_eq!(b.date, Date::new(2025, 12, 8));
    // only in a story, and after the stories: the story's comes first
    let b = page(&format!(
        "<body>{}<footer>10 December 2025</footer></body>",
        story("09 December 2025")
    ));
    assert_eq!(b.date, Date::new(2025, 12, 9));
    // only after the stories
    let b = page(&format!(
        "<body>{}<div>10 December 2025</div></body>",
        story("Words.")
    ));
    assert_eq!(b.date, Date::new(2025, 12, 10));
    assert_eq!(
        b.articles[0].date,
        Date::new(2025, 12, 10),
        "an undated story takes it"
    );
}

#[test]
fn a_rate_line_inside_a_story_is_a_rate_and_not_its_text() {
    let b = page(
        "<body><div>KZT/USD = 0.00196 -0%</div><article><h2>Tenge Holds Steady Today</h2>\
         <p>KGS/USD = 0.01144 0%</p><p>The tenge held.</p></article></body>",
    );
    let pairs: Vec<&str> = b.rates.iter().map(|r| r.pair.as_str()).collect();
    assert_eq!(pairs, ["KZT/USD", "KGS/USD"]);
    assert_eq!(texts(&b.articles[0]), ["P The tenge held."]);
}

/// A page, an RSS description, a JSON Feed's HTML and an Atom XHTML content, each nested
/// 100,000 deep: read, on a test thread's small stack, with the story that holds them.
#[test]
fn markup_nested_100000_deep_reads_its_story() {
    const N: usize = 100_000;
    for tag in ["div", "b", "table", "li", "span"] {
        let html = format!(
            "<html><body><article><h2>Deep</h2><p>First.</p>{}text</article></body></html>",
            format!("<{tag}>").repeat(N)
        );
        let b = page(&html);
        assert_eq!(headlines(&b), vec!["Deep"], "{tag}");
        assert_eq!(texts(&b.articles[0])[0], "P First.", "{tag}");
    }
    let deep = "<b>".repeat(N) + "Deep text.";
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item>\
         <title>One</title><description><![CDATA[{deep}]]></description></item></channel></rss>"
    );
    let json = format!(
        "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": \
         [{{\"id\": \"1\", \"title\": \"One\", \"content_html\": \"{deep}\"}}]}}"
    );
    let atom = format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\
         <entry><title>One</title><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">\
         {}Deep text.{}</div></content></entry></feed>",
        "<b>".repeat(N),
        "</b>".repeat(N)
    );
    let nested_xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item>\
         <title>One</title><description>Deep text.</description>{}{}</item></channel></rss>",
        "<x>".repeat(N),
        "</x>".repeat(N)
    );
    for (what, feed) in [
        ("rss", rss),
        ("json", json),
        ("atom", atom),
        ("xml", nested_xml),
    ] {
        let (b, _) = Bulletin::from_source(feed.into_bytes(), None, None).unwrap();
        assert_eq!(headlines(&b), vec!["One"], "{what}");
        assert_eq!(texts(&b.articles[0]), vec!["P Deep text."], "{what}");
    }
}

#[test]
fn a_feed_link_is_capped_as_a_page_link_is() {
    let feed = |link: &str| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item>\
             <title>One</title><link>{link}</link><description>Text.</description></item>\
             </channel></rss>"
        )
    };
    let long = format!("https://x.example/{}", "a".repeat(100_000));
    let (b, _) = Bulletin::from_source(feed(&long).into_bytes(), None, None).unwrap();
    assert_eq!(
        b.articles[0].url, None,
        "a 100,000-character link is not kept"
    );
    let fine = format!("https://x.example/{}", "a".repeat(2000));
    let (b, _) = Bulletin::from_source(feed(&fine).into_bytes(), None, None).unwrap();
    assert_eq!(b.articles[0].url.as_deref(), Some(fine.as_str()));
}
