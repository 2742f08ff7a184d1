//! Reading a web page into a bulletin, as a person reads it in a browser.
//!
//! The page is decoded as a browser would (the charset of the headers, else of a `<meta>`,
//! else our own rule 1), parsed by an HTML5 parser, and what a browser does not show
//! (scripts, styles, hidden elements) is dropped. Then:
//! - rates: every text line of the page that is a rate line (rule 2), wherever it stands,
//!   and a line of several rates run together (a ticker of inline items) gives each;
//! - the date: the page's first date line (rule 3);
//! - stories: each `<article>` that is not navigation, a sidebar or a footer; or, in a page
//!   without such articles, the page's text in reading order, read by the rules of FORMAT.md.
//!
//! Markup nested deeper than a browser builds is flattened first (`nesting`), so that any
//! page reads in time linear in its size, with a bounded stack.
//!
//! Every text then goes through rule 1's cleaning: nothing the page holds (an entity-encoded
//! escape, a bidi control) reaches the terminal.

use super::date::Date;
use super::nesting::{cap_nesting_str, Markup};
use super::parse::{parse_str, rate_from_line, rates_in_line};
use super::sanitize::{clean_line, clean_text, split_lines};
use super::{Article, Block, Bulletin};
use ego_tree::NodeRef;
use scraper::{node::Element, ElementRef, Html, Node};

/// Decodes a page's bytes: the charset the server named (`Content-Type: text/html;
/// charset=…`), else the one a `<meta>` in the first kilobytes names, else FORMAT.md rule 1
/// (UTF-8, a byte-order mark, or a legacy single-byte page).
pub fn decode_page(bytes: Vec<u8>, content_type: Option<&str>) -> Result<String, super::NotText> {
    let label = content_type
        .and_then(charset_param)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(4096)]));
    if let Some(encoding) = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) {
        if encoding != encoding_rs::UTF_8
            && encoding != encoding_rs::UTF_16LE
            && encoding != encoding_rs::UTF_16BE
        {
            let (text, _, _) = encoding.decode(&bytes);
            return Ok(text.into_owned());
        }
    }
    super::decode(bytes)
}

/// `charset=` of a header or `<meta content>` value.
pub(crate) fn charset_param(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| {
            c == ';' || c == '"' || c == '\'' || c.is_whitespace() || c == '>' || c == '/'
        })
        .unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then(|| label.to_owned())
}

/// The charset a `<meta charset>` or `<meta http-equiv content>` names, looked for as a
/// browser's pre-scan does: in the bytes, before any decoding.
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&lower[start..end]);
        if let Some(label) = charset_param(&tag) {
            return Some(label);
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads a decoded page. `base` is the page's address, for the stories' links.
pub fn read_page(text: &str, base: Option<&str>) -> Bulletin {
    let page = Html::parse_document(&cap_nesting_str(text, Markup::Html));
    let root = page.root_element();
    let base = page_base(&page, base);

    // The stories first; their text is read once, for the rates and dates in it too.
    let stories = collect_articles(root);
    let mut in_stories = Scan::default();
    let mut articles = Vec::with_capacity(stories.len());
    for story in &stories {
        let (article, scan) = read_article(*story, base.as_ref());
        in_stories.merge(scan);
        articles.extend(article);
    }
    // Rates and the date from every other line of the page a browser shows.
    let mut all = Lines {
        scan: Some(Scan::default()),
        stories: stories.iter().map(|a| a.id()).collect(),
        ..Lines::default()
    };
    all.walk(*root, &|_| false);
    let mut around = all.scan.take().unwrap_or_default();
    // The page's first date line: before the first story, in the stories, or after them.
    let date = around.date.or(in_stories.date).or(around.late_date);
    around.merge(in_stories);
    for article in &mut articles {
        article.date = article.date.or(date);
    }
    let whole = Bulletin {
        date,
        rates: around.ticker.into_rates(),
        articles: Vec::new(),
    };
    let articles = if articles.is_empty() {
        // No articles: the page's own text, without its navigation, sidebars and footers.
        let mut body = Lines::default();
        body.walk(*root, &|e| is_chrome(e, true));
        let mut read = parse_str(&body.text_with_rates_split());
        for article in &mut read.articles {
            article.date = article.date.or(whole.date);
        }
        read.articles
    } else {
        articles
    };
    Bulletin {
        date: whole.date,
        rates: whole.rates,
        articles,
    }
}

/// The address relative links are resolved against: the page's `<base href>`, else its own.
fn page_base(page: &Html, base: Option<&str>) -> Option<url::Url> {
    let own = base.and_then(|b| url::Url::parse(b).ok());
    // `<base>` belongs in the head: the body (most of the page) is not searched.
    let head = page
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "head");
    let declared = head
        .into_iter()
        .flat_map(|h| h.descendants())
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "base" && e.value().attr("href").is_some())
        .and_then(|e| e.value().attr("href").map(str::to_owned));
    match (own, declared) {
        (Some(own), Some(d)) => own.join(&d).ok().or(Some(own)),
        (None, Some(d)) => url::Url::parse(&d).ok(),
        (own, None) => own,
    }
}

/// A link as a story keeps it: resolved, and only when it is http or https.
fn resolve(href: &str, base: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    super::clean_url(url.as_str())
}

/// Elements whose content a browser does not show as text.
fn is_unseen(e: &Element) -> bool {
    if matches!(
        e.name(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "canvas"
            | "select"
            | "button"
            | "textarea"
            | "input"
            | "dialog"
    ) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// The words of class and id names that mark a page's chrome: menus, sidebars, footers,
/// pagination, sharing buttons and lists of other stories.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "widget",
    "widgets",
    "pagination",
    "pager",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "popular",
    "trending",
    "related",
    "share",
    "sharing",
    "social",
    "comments",
    "cookie",
    "newsletter",
];

/// Whether an element is navigation, a sidebar, a footer or the like: no story is there.
/// `page_level` adds the page's header (its site title and menus), which the text of a page
/// without articles must leave out, but an article's own header holds its headline.
fn is_chrome(e: &Element, page_level: bool) -> bool {
    match e.name() {
        "nav" | "aside" | "footer" | "menu" | "form" => return true,
        "header" if page_level => return true,
        _ => {}
    }
    if let Some(role) = e.attr("role") {
        if matches!(
            role,
            "navigation" | "complementary" | "contentinfo" | "search" | "menu" | "menubar"
        ) || (page_level && role == "banner")
        {
            return true;
        }
    }
    let names = [e.attr("class").unwrap_or(""), e.attr("id").unwrap_or("")];
    names
        .iter()
        .flat_map(|n| n.split_whitespace())
        .any(|token| {
            let token = token.to_ascii_lowercase();
            token.contains("most-read")
                || token.contains("mostread")
                || token.contains("most_read")
                || token
                    .split(['-', '_'])
                    .any(|word| CHROME_WORDS.contains(&word))
        })
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "marquee"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "caption"
            | "legend"
            | "option"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The text of a page as lines in reading order: a block element starts and ends a block
/// (a blank line), `<br>` ends a line, and the spaces of the markup are one space.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    line: String,
    /// Set: each line is read for rates and a date as it ends, and not kept (the whole
    /// page's lines, of which only these are wanted).
    scan: Option<Scan>,
    /// The stories' `<article>` elements, read on their own: passed over.
    stories: std::collections::HashSet<ego_tree::NodeId>,
}

/// The rates and the first date line of the lines read.
#[derive(Default)]
struct Scan {
    ticker: super::rates::Ticker,
    date: Option<Date>,
    /// A story was passed: a date line found from then on comes after the stories' own.
    passed_story: bool,
    late_date: Option<Date>,
}

impl Scan {
    /// What another scan found, after what this one did.
    fn merge(&mut self, other: Scan) {
        for rate in other.ticker.into_rates() {
            self.ticker.add(rate);
        }
        self.date = self.date.or(other.date);
        self.late_date = self.late_date.or(other.late_date);
    }

    fn line(&mut self, line: &str) {
        // A date line is short, and a line of rates has a slash: the paragraphs, most of
        // a page, need no cleaning to be passed over.
        if line.len() > 60 && !line.contains('/') {
            return;
        }
        let Some(line) = clean_line(line) else {
            return;
        };
        if let Some(rate) = rate_from_line(&line) {
            self.ticker.add(rate);
        } else if let Some(rates) = rates_in_line(&line) {
            rates.into_iter().for_each(|r| self.ticker.add(r));
        } else if let Some(date) = Date::from_line(&line) {
            if self.passed_story {
                self.late_date.get_or_insert(date);
            } else {
                self.date.get_or_insert(date);
            }
        }
    }
}

impl Lines {
    fn walk(&mut self, node: NodeRef<'_, Node>, skip: &dyn Fn(&Element) -> bool) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.push_text(t),
                Node::Element(e) => {
                    if is_unseen(e) || skip(e) {
                        continue;
                    }
                    let name = e.name();
                    if name == "article" && self.stories.contains(&child.id()) {
                        self.end_block();
                        if let Some(scan) = &mut self.scan {
                            scan.passed_story = true;
                        }
                        continue;
                    }
                    if name == "br" {
                        self.end_line();
                    } else if is_block(name) {
                        self.end_block();
                        if name == "pre" {
                            self.walk_pre(child);
                        } else {
                            self.walk(child, skip);
                        }
                        self.end_block();
                    } else {
                        self.walk(child, skip);
                    }
                }
                _ => {}
            }
        }
    }

    /// Preformatted text keeps its line breaks.
    fn walk_pre(&mut self, node: NodeRef<'_, Node>) {
        for child in node.descendants() {
            if let Node::Text(t) = child.value() {
                for (i, part) in t.split('\n').enumerate() {
                    if i > 0 {
                        self.end_line();
                    }
                    self.push_text(part);
                }
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        // Markup's white space (new lines among it) is one space; every other space (a
        // no-break one) is left to rule 1. Runs between are copied whole.
        let markup_space = |c: char| matches!(c, ' ' | '\n' | '\r' | '\t' | '\x0c');
        let mut first = true;
        for word in text.split(markup_space) {
            if !first && !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            first = false;
            self.line.push_str(word);
        }
    }

    fn end_line(&mut self) {
        if let Some(scan) = &mut self.scan {
            scan.line(&self.line);
            self.line.clear();
            return;
        }
        let line = std::mem::take(&mut self.line);
        if !line.trim().is_empty() {
            self.lines.push(line);
        }
    }

    fn end_block(&mut self) {
        self.end_line();
        if self.scan.is_none() && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// The lines joined, a line of several rates run together given as one rate a line.
    fn text_with_rates_split(mut self) -> String {
        self.end_line();
        let mut out = String::new();
        for line in &self.lines {
            let split = clean_line(line)
                .filter(|l| rate_from_line(l).is_none())
                .and_then(|l| rates_in_line(&l));
            match split {
                Some(rates) => {
                    for r in rates {
                        out.push_str(&r.pair);
                        out.push_str(" = ");
                        out.push_str(&r.value);
                        if let Some(change) = &r.change {
                            out.push(' ');
                            out.push_str(change);
                        }
                        out.push('\n');
                    }
                }
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// The page's `<article>` elements that can be stories: not inside navigation, a sidebar or
/// a footer, not hidden, and not inside another such article.
fn collect_articles(root: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut found = Vec::new();
    fn visit<'a>(node: NodeRef<'a, Node>, found: &mut Vec<ElementRef<'a>>) {
        for child in node.children() {
            let Some(e) = ElementRef::wrap(child) else {
                continue;
            };
            if is_unseen(e.value()) || is_chrome(e.value(), false) {
                continue;
            }
            if e.value().name() == "article" {
                found.push(e);
            } else {
                visit(child, found);
            }
        }
    }
    visit(*root, &mut found);
    found
}

/// One `<article>`: its first heading the headline (the link around or inside it the
/// story's address), later headings subheadings, paragraphs, list items and quotes its
/// paragraphs, a `<time>` or a date line its date. No heading: no story. And the rates and
/// date lines its text holds, as every line of the page is read for them.
fn read_article(article: ElementRef<'_>, base: Option<&url::Url>) -> (Option<Article>, Scan) {
    let mut body = Body {
        base,
        ..Body::default()
    };
    body.walk(*article);
    body.end_loose();
    let story = body.headline.map(|headline| Article {
        headline,
        date: body.date,
        blocks: body.blocks,
        url: body.url,
    });
    (story, body.scan)
}

/// What the body of an article or a feed item gives.
#[derive(Default)]
struct Body<'u> {
    base: Option<&'u url::Url>,
    headline: Option<String>,
    url: Option<String>,
    date: Option<Date>,
    blocks: Vec<Block>,
    /// A feed item's body has its headline apart, and its text may stand outside any
    /// paragraph: loose text becomes paragraphs and every heading a subheading.
    fragment: bool,
    loose: String,
    /// Every text read, for the rates and date lines in it.
    scan: Scan,
}

impl Body<'_> {
    fn walk(&mut self, node: NodeRef<'_, Node>) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.loose_text(t),
                Node::Element(e) => {
                    if is_unseen(e) || is_chrome(e, false) {
                        continue;
                    }
                    self.element(child, e);
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, node: NodeRef<'_, Node>, e: &Element) {
        let name = e.name();
        if is_heading(name) {
            self.end_loose();
            let Some(text) = flat_text(node) else {
                return;
            };
            self.scan.line(&text);
            if self.headline.is_none() && !self.fragment {
                self.url = heading_link(node, self.base);
                self.headline = Some(text);
            } else {
                self.blocks.push(Block::Subheading { text });
            }
        } else if name == "time" {
            let text = flat_text(node);
            if let Some(t) = &text {
                self.scan.line(t);
            }
            if self.date.is_none() {
                self.date = e
                    .attr("datetime")
                    .and_then(date_as_written)
                    .or_else(|| text.and_then(|t| Date::from_line(&t)));
            }
            if self.fragment {
                self.walk(node);
            }
        } else if matches!(name, "p" | "li" | "blockquote" | "dd" | "pre") {
            self.end_loose();
            if has_blocks_inside(node) {
                self.walk(node);
                self.end_loose();
            } else if let Some(text) = flat_text(node) {
                self.paragraph(text);
            }
        } else if name == "br" {
            self.loose.push(' ');
        } else if is_block(name) {
            self.end_loose();
            self.walk(node);
            self.end_loose();
        } else {
            self.walk(node);
        }
    }

    fn loose_text(&mut self, text: &str) {
        self.loose.push_str(text);
    }

    /// Text outside any paragraph: a date line dates the story; in a feed item's body it is
    /// a paragraph of its own.
    fn end_loose(&mut self) {
        if self.loose.bytes().all(|b| b.is_ascii_whitespace()) {
            self.loose.clear();
            return;
        }
        let loose = std::mem::take(&mut self.loose);
        let text = clean_text(&loose);
        if text.is_empty() {
            return;
        }
        self.scan.line(&text);
        if let Some(date) = Date::from_line(&text) {
            self.date.get_or_insert(date);
        } else if self.fragment {
            self.paragraph(text);
        }
    }

    fn paragraph(&mut self, text: String) {
        self.scan.line(&text);
        // Rates never become a story's text (rule 2): the scan has them.
        if rate_from_line(&text).is_some() || rates_in_line(&text).is_some() {
            return;
        }
        if let Some(date) = Date::from_line(&text) {
            self.date.get_or_insert(date);
            return;
        }
        if is_more_link(&text) {
            return;
        }
        self.blocks.push(Block::Paragraph { text });
    }
}

/// "Read more", "Continue reading →": a link to the story, not its text.
fn is_more_link(text: &str) -> bool {
    let t = text
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        t.as_str(),
        "read more" | "more" | "continue reading" | "read the full story"
    ) || t.starts_with("continue reading")
}

fn has_blocks_inside(node: NodeRef<'_, Node>) -> bool {
    node.descendants().skip(1).any(|d| match d.value() {
        Node::Element(e) => {
            matches!(
                e.name(),
                "p" | "li" | "blockquote" | "ul" | "ol" | "div" | "table"
            ) || is_heading(e.name())
        }
        _ => false,
    })
}

/// An element's text flattened into one cleaned line: inline markup and `<br>` are spaces.
fn flat_text(node: NodeRef<'_, Node>) -> Option<String> {
    fn gather(node: NodeRef<'_, Node>, out: &mut String) {
        for child in node.children() {
            match child.value() {
                // Rule 1 takes a line break for the end of a line: markup's are spaces.
                Node::Text(t) => {
                    for (i, part) in t.split(['\n', '\r']).enumerate() {
                        if i > 0 {
                            out.push(' ');
                        }
                        out.push_str(part);
                    }
                }
                Node::Element(e) if e.name() == "br" => out.push(' '),
                Node::Element(e) if !is_unseen(e) => {
                    // A block inside is a word apart from what stands before it.
                    if is_block(e.name()) {
                        out.push(' ');
                    }
                    gather(child, out);
                }
                _ => {}
            }
        }
    }
    let mut raw = String::new();
    gather(node, &mut raw);
    clean_line(&raw).map(std::borrow::Cow::into_owned)
}

/// The story's link: an `<a href>` around the heading, else the first inside it.
fn heading_link(heading: NodeRef<'_, Node>, base: Option<&url::Url>) -> Option<String> {
    let around = heading.ancestors().find_map(|a| match a.value() {
        Node::Element(e) if e.name() == "a" => e.attr("href"),
        _ => None,
    });
    let inside = || {
        heading.descendants().find_map(|d| match d.value() {
            Node::Element(e) if e.name() == "a" => e.attr("href"),
            _ => None,
        })
    };
    around.or_else(inside).and_then(|href| resolve(href, base))
}

/// The calendar date of a timestamp as it is written, in its own time zone:
/// `2025-12-08T01:30:00+05:00` and `Mon, 08 Dec 2025 01:30:00 +0500` are both 8 December,
/// though it was still the 7th in UTC.
pub fn date_as_written(stamp: &str) -> Option<Date> {
    let s = stamp.trim();
    if s.len() >= 10 && s.as_bytes()[4] == b'-' {
        if let Some(d) = Date::parse_iso(&s[..10]) {
            return Some(d);
        }
    }
    // RFC 822/1123: `[Weekday,] DD Mon YYYY …`; the first three words after a weekday.
    let rest = match s.split_once(',') {
        Some((day, rest)) if day.chars().all(char::is_alphabetic) => rest,
        _ => s,
    };
    let words: Vec<&str> = rest.split_whitespace().take(3).collect();
    Date::from_line(&words.join(" ")).or_else(|| Date::from_line(s))
}

/// The body of a feed item (its HTML content or summary) as a story's blocks, with the
/// date a `<time>` or a date line in it gives.
pub fn read_fragment(html: &str, base: Option<&str>) -> (Vec<Block>, Option<Date>) {
    let base = base.and_then(|b| url::Url::parse(b).ok());
    let fragment = Html::parse_fragment(&cap_nesting_str(html, Markup::Html));
    let mut body = Body {
        base: base.as_ref(),
        fragment: true,
        ..Body::default()
    };
    body.walk(*fragment.root_element());
    body.end_loose();
    (body.blocks, body.date)
}

/// Plain text (a JSON Feed's `content_text`) as paragraphs: blank lines part them.
pub fn text_paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open = String::new();
    for line in split_lines(text) {
        match clean_line(line) {
            Some(l) => {
                if !open.is_empty() {
                    open.push(' ');
                }
                open.push_str(&l);
            }
            None if !open.is_empty() => blocks.push(Block::Paragraph {
                text: std::mem::take(&mut open),
            }),
            None => {}
        }
    }
    if !open.is_empty() {
        blocks.push(Block::Paragraph { text: open });
    }
    blocks
}

/// A title that may hold markup or entities (an Atom `type="html"` title), as one clean
/// line.
pub fn title_text(title: &str) -> Option<String> {
    if title.contains('<') || title.contains('&') {
        let fragment = Html::parse_fragment(&cap_nesting_str(title, Markup::Html));
        flat_text(*fragment.root_element())
    } else {
        let t = clean_text(title);
        (!t.is_empty()).then_some(t)
    }
}

#[cfg(test)]
mod tests;
