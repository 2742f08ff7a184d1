//! Feeds as the web writes them: each rule of issue 16 on a feed written the way real ones
//! are.

use super::*;

fn read(xml: &str) -> Read {
    read_feed(xml.as_bytes(), None, Some("https://news.example/feed/")).unwrap()
}

fn headlines(b: &Bulletin) -> Vec<&str> {
    b.articles.iter().map(|a| a.headline.as_str()).collect()
}

fn text(a: &Article) -> String {
    a.blocks
        .iter()
        .map(|b| b.text())
        .collect::<Vec<_>>()
        .join("\n")
}

fn rss(items: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n<title>T</title>\n{items}\n</channel>\n</rss>\n"
    )
}

#[test]
fn a_stray_ampersand_and_html_entities_are_read_and_said_once() {
    let feed = rss(
        "<item><title>Rates & more</title>\n<description>Prices rose&nbsp;today &mdash; \
         again&hellip; R&D &eacute;t&eacute;</description></item>\n\
         <item><title>Second</title><description>Fine.</description></item>",
    );
    let read = read(&feed);
    assert_eq!(headlines(&read.bulletin), ["Rates & more", "Second"]);
    assert_eq!(
        text(&read.bulletin.articles[0]),
        "Prices rose today — again… R&D été"
    );
    assert_eq!(
        read.lenient.as_deref(),
        Some("not well-formed (line 5): read leniently")
    );
    // A well-formed feed says nothing.
    assert_eq!(
        super::read_feed(rss("<item><title>A</title></item>").as_bytes(), None, None)
            .unwrap()
            .lenient,
        None
    );
}

#[test]
fn a_stray_lt_unclosed_tags_and_a_feed_cut_off_keep_what_came() {
    let feed =
        "<rss><channel><item><title>One</title><description>a < b and c <= d</description></item>\
         <item><title>Two</title><description><p>unclosed <b>bold</description></item>\
         <item><title>Three</title><description>Cut off mid-ite";
    let read = read(feed);
    assert_eq!(headlines(&read.bulletin), ["One", "Two", "Three"]);
    assert_eq!(text(&read.bulletin.articles[0]), "a < b and c <= d");
    assert_eq!(text(&read.bulletin.articles[2]), "Cut off mid-ite");
    assert!(read.lenient.is_some());
}

#[test]
fn windows_1252_under_a_utf8_declaration_is_read_as_windows_1252() {
    let mut bytes = rss("<item><title>Caf\u{1}</title></item>").into_bytes();
    let at = bytes.iter().position(|&b| b == 1).unwrap();
    bytes[at] = 0xE9;
    let read = read_feed(&bytes, None, None).unwrap();
    assert_eq!(headlines(&read.bulletin), ["Café"]);
    assert!(read
        .lenient
        .unwrap()
        .contains("declared UTF-8 but written otherwise"));
    // The server's charset comes first.
    let latin = b"<rss><channel><item><title>Caf\xe9</title></item></channel></rss>";
    let read = read_feed(latin, Some("text/xml; charset=iso-8859-1"), None).unwrap();
    assert_eq!(headlines(&read.bulletin), ["Café"]);
    assert_eq!(read.lenient, None);
}

#[test]
fn rss_without_a_version_rss_091_and_rdf_are_read() {
    let bare = "<rss><channel><item><title>No Version</title><link>https://a.example/1</link></item></channel></rss>";
    assert_eq!(headlines(&read(bare).bulletin), ["No Version"]);
    let rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>C</title></channel>\
         <item rdf:about=\"https://a.example/2\"><title>From RDF</title><link>https://a.example/2</link>\
         <dc:date>2025-12-09T08:00:00+05:00</dc:date><description>Text.</description></item></rdf:RDF>";
    let b = read(rdf).bulletin;
    assert_eq!(headlines(&b), ["From RDF"]);
    assert_eq!(b.articles[0].date.unwrap().to_string(), "2025-12-09");
    let netscape = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
         xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><item><title>Old</title><link>https://a.example/3</link></item></rdf:RDF>";
    assert_eq!(headlines(&read(netscape).bulletin), ["Old"]);
}

#[test]
fn atom_03_dates_and_content_modes() {
    let feed = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">\
         <entry><title>Escaped</title><link rel=\"alternate\" type=\"text/html\" href=\"https://a.example/e\"/>\
         <issued>2025-12-08T23:30:00-05:00</issued><modified>2025-12-10T00:00:00Z</modified>\
         <content type=\"text/html\" mode=\"escaped\">&lt;p&gt;First &lt;b&gt;para&lt;/b&gt;.&lt;/p&gt;</content></entry>\
         <entry><title>Base64</title><created>2025-12-07T10:00:00Z</created>\
         <content type=\"text/plain\" mode=\"base64\">SGVsbG8gZnJvbSBiYXNlNjQu</content></entry>\
         <entry><title>Inline</title><modified>2025-12-06T10:00:00Z</modified>\
         <content type=\"application/xhtml+xml\" mode=\"xml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Inline <i>xml</i>.</p></div></content></entry>\
         </feed>";
    let b = read(feed).bulletin;
    assert_eq!(headlines(&b), ["Escaped", "Base64", "Inline"]);
    assert_eq!(text(&b.articles[0]), "First para.");
    assert_eq!(
        b.articles[0].date.unwrap().to_string(),
        "2025-12-08",
        "issued, as written"
    );
    assert_eq!(b.articles[0].url.as_deref(), Some("https://a.example/e"));
    assert_eq!(text(&b.articles[1]), "Hello from base64.");
    assert_eq!(b.articles[1].date.unwrap().to_string(), "2025-12-07");
    assert_eq!(text(&b.articles[2]), "Inline xml.");
    assert_eq!(
        b.articles[2].date.unwrap().to_string(),
        "2025-12-06",
        "modified when nothing else"
    );
}

#[test]
fn atom_text_html_xhtml_and_base64_content() {
    let feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <entry><title type=\"text\">Less &lt;than&gt; more</title><content type=\"text\">Shown &lt;b&gt;as written&lt;/b&gt;</content></entry>\
         <entry><title type=\"html\">&lt;b&gt;Bold&lt;/b&gt; title</title><content type=\"html\">&lt;p&gt;HTML &lt;script&gt;evil()&lt;/script&gt;body&lt;/p&gt;</content></entry>\
         <entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">X <b>title</b></div></title>\
         <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>One</p><ul><li>two</li></ul></div></content></entry>\
         <entry><title>Binary</title><content type=\"application/octet-stream\">UGxhaW4gdGV4dA==</content></entry>\
         </feed>";
    let b = read(feed).bulletin;
    assert_eq!(
        headlines(&b),
        ["Less <than> more", "Bold title", "X title", "Binary"]
    );
    assert_eq!(text(&b.articles[0]), "Shown <b>as written</b>");
    assert_eq!(
        text(&b.articles[1]),
        "HTML body",
        "scripts dropped as a browser would"
    );
    assert_eq!(text(&b.articles[2]), "One\ntwo");
    assert_eq!(text(&b.articles[3]), "Plain text");
}

#[test]
fn the_title_and_text_come_from_where_feeds_put_them() {
    let feed = "<rss xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <item><media:title>Media Title</media:title><description>Summary.</description>\
         <content:encoded><![CDATA[<p>Full content.</p>]]></content:encoded></item>\
         <item><dc:title>Dublin Core Title</dc:title><itunes:summary>Only the podcast's summary.</itunes:summary></item>\
         <item><title>Described</title><dc:description>From Dublin Core.</dc:description></item>\
         <item><title>Grouped</title><media:group><media:description>From a media group.</media:description></media:group></item>\
         <item><title>Body</title><body xmlns=\"http://www.w3.org/1999/xhtml\"><p>From an xhtml body.</p></body></item>\
         <item><description>An item without a title gets its first words as a headline.</description></item>\
         <item><title>Empty content</title><content:encoded>  </content:encoded><description>The summary then.</description></item>\
         </channel></rss>";
    let b = read(feed).bulletin;
    assert_eq!(
        headlines(&b),
        [
            "Media Title",
            "Dublin Core Title",
            "Described",
            "Grouped",
            "Body",
            "An item without a title gets its first words as a headline.",
            "Empty content"
        ]
    );
    let texts: Vec<String> = b.articles.iter().map(text).collect();
    assert_eq!(
        texts,
        [
            "Full content.",
            "Only the podcast's summary.",
            "From Dublin Core.",
            "From a media group.",
            "From an xhtml body.",
            "An item without a title gets its first words as a headline.",
            "The summary then."
        ]
    );
}

#[test]
fn links_resolve_against_xml_base_and_the_feeds_address() {
    let feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://blog.example/\">\
         <entry xml:base=\"2025/12/\"><title>A</title><link rel=\"self\" href=\"/self\"/><link rel=\"alternate\" href=\"post-a\"/></entry>\
         <entry><title>B</title><link rel=\"enclosure\" href=\"b.mp3\"/></entry>\
         </feed>";
    let b = read(feed).bulletin;
    assert_eq!(
        b.articles[0].url.as_deref(),
        Some("https://blog.example/2025/12/post-a")
    );
    assert_eq!(
        b.articles[1].url.as_deref(),
        Some("https://blog.example/b.mp3"),
        "the first link"
    );
    let feed = rss(
        "<item><title>Relative</title><link>/2025/rel</link></item>\
         <item><title>Guid</title><guid>https://news.example/p/9</guid></item>\
         <item><title>Not a permalink</title><guid isPermaLink=\"false\">https://news.example/?p=1</guid></item>\
         <item><title>Script</title><link>javascript:alert(1)</link></item>",
    );
    let b = read(&feed).bulletin;
    let urls: Vec<Option<&str>> = b.articles.iter().map(|a| a.url.as_deref()).collect();
    assert_eq!(
        urls,
        [
            Some("https://news.example/2025/rel"),
            Some("https://news.example/p/9"),
            None,
            None
        ]
    );
}

#[test]
fn dates_in_every_form_feeds_use() {
    let feed = rss(
        "<item><title>A</title><pubDate>Tue, 9 Dec 25 01:15 EST</pubDate></item>\
         <item><title>B</title><pubDate>Mon, 09 Dec 2025 01:15:00 +0500</pubDate></item>\
         <item><title>C</title><dc:date>2025-12-07</dc:date></item>\
         <item xmlns:dcterms=\"http://purl.org/dc/terms/\"><title>D</title><dcterms:modified>2025-12-06T10:00:00Z</dcterms:modified></item>",
    );
    let b = read(&feed).bulletin;
    let dates: Vec<String> = b
        .articles
        .iter()
        .map(|a| a.date.unwrap().to_string())
        .collect();
    assert_eq!(
        dates,
        ["2025-12-09", "2025-12-09", "2025-12-07", "2025-12-06"]
    );
    assert_eq!(b.date.unwrap().to_string(), "2025-12-09");
}

#[test]
fn escapes_bidi_and_controls_never_survive_whatever_hides_them() {
    let feed = rss(
        "<item><title>Ti&#27;[31mtle&#x202E;x</title><description>a&#x1b;]0;pwn&#7;b &#x200F;c\u{1b}[2J d</description></item>",
    );
    let b = read(&feed).bulletin;
    let all = format!("{}{}", b.articles[0].headline, text(&b.articles[0]));
    assert!(
        !all.chars()
            .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c) || c == '\u{200F}'),
        "{all:?}"
    );
}

#[test]
fn bytes_with_no_feed_are_refused_and_json_feeds_read() {
    assert!(matches!(
        read_feed(b"<html><body>x</body></html>", None, None),
        Err(FeedError::NotAFeed(_))
    ));
    assert!(matches!(
        read_feed(b"<rss>\0\0\0</rss>", None, None),
        Err(FeedError::NotText)
    ));
    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
        {"id":"1","content_text":"Text only item, no title.","date_published":"2025-12-09T01:00:00+05:00"},
        {"id":"2","title":"Linked","content_html":"<p>Hi</p>","external_url":"/x"}]}"#;
    let b = read_feed(json.as_bytes(), None, Some("https://j.example/feed.json"))
        .unwrap()
        .bulletin;
    assert_eq!(headlines(&b), ["Text only item, no title.", "Linked"]);
    assert_eq!(b.articles[1].url.as_deref(), Some("https://j.example/x"));
}

mod property {
    use super::*;
    use proptest::prelude::*;

    fn feed_of(items: &[(String, String)]) -> String {
        let body: String = items
            .iter()
            .map(|(t, d)| {
                format!(
                    "<item><title>{t}</title><link>https://a.example/{}</link>\
                     <description>{d}</description></item>\n",
                    t.len()
                )
            })
            .collect();
        rss(&body)
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 256,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]
        #[test]
        fn a_well_formed_feed_with_one_stray_ampersand_still_yields_its_items(
            items in proptest::collection::vec(
                ("[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){0,3}", "[a-z .,]{1,40}"), 1..12),
            at in any::<prop::sample::Index>(),
        ) {
            let feed = feed_of(&items);
            let whole = read_feed(feed.as_bytes(), None, None).unwrap();
            prop_assert_eq!(whole.bulletin.articles.len(), items.len());
            prop_assert!(whole.lenient.is_none());
            // One stray `&` anywhere at all: every item still comes.
            let boundaries: Vec<usize> = (0..=feed.len()).filter(|i| feed.is_char_boundary(*i)).collect();
            let i = boundaries[at.index(boundaries.len())];
            let mutated = format!("{}&{}", &feed[..i], &feed[i..]);
            let read = read_feed(mutated.as_bytes(), None, None).unwrap();
            prop_assert_eq!(read.bulletin.articles.len(), items.len(), "{}", mutated);
        }

        #[test]
        fn a_stray_ampersand_in_a_text_leaves_every_headline_as_it_was_but_that_one(
            items in proptest::collection::vec(
                ("[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){0,3}", "[a-z .,]{1,40}"), 1..12),
            which in any::<prop::sample::Index>(),
            cut in any::<prop::sample::Index>(),
        ) {
            let mut mutated = items.clone();
            let k = which.index(items.len());
            let d = &mut mutated[k].1;
            let at = cut.index(d.len() + 1);
            d.insert(at, '&');
            let read = read_feed(feed_of(&mutated).as_bytes(), None, None).unwrap();
            let got: Vec<&str> = read.bulletin.articles.iter().map(|a| a.headline.as_str()).collect();
            let want: Vec<&str> = items.iter().map(|(t, _)| t.as_str()).collect();
            prop_assert_eq!(got, want);
            prop_assert!(read.lenient.is_some());
        }
    }
}

#[test]
fn one_stray_ampersand_at_any_place_of_a_feed_loses_no_item() {
    let feed = rss(
        "<item><title>One Title</title><link>https://a.example/1</link>\
         <description>first text</description></item>\n\
         <item><title>Two Title</title><link>https://a.example/2</link>\
         <description>second text</description></item>",
    );
    for i in (0..=feed.len()).filter(|i| feed.is_char_boundary(*i)) {
        let mutated = format!("{}&{}", &feed[..i], &feed[i..]);
        let read = read_feed(mutated.as_bytes(), None, None);
        let n = read.as_ref().map(|r| r.bulletin.articles.len()).ok();
        assert_eq!(
            n,
            Some(2),
            "& at {i}: {}",
            &mutated[i.saturating_sub(20)..(i + 20).min(mutated.len())]
        );
    }
}
