//! A cap on how deep a page's or a feed's markup nests, applied to its text before any
//! parser sees it.
//!
//! An HTML5 tree builder checks the stack of open elements at almost every tag, so a page
//! of 100,000 nested `<div>` costs quadratic time, and every walk of the tree that recurses
//! (ours, a feed parser's) overflows the stack long before. Browsers cap the depth of the
//! tree (Chromium's parser at 512 elements). We do it on the markup itself, in one pass: a
//! start tag that would open an element deeper than [`MAX_DEPTH`] is left out, with the end
//! tag that closes it, and its text is kept where it stands. Formatting elements left open
//! (`<b>`, `<font>`, …), which an HTML5 parser re-opens after every block, are capped the
//! same way ([`MAX_OPEN_FORMATTING`]). A page within the caps is returned as it was, at
//! the cost of one scan.

use std::borrow::Cow;

/// The deepest an element may stand: deeper start tags are left out.
pub const MAX_DEPTH: usize = 256;

/// The most formatting elements (`<b>`, `<i>`, `<font>`, …) open at once.
pub const MAX_OPEN_FORMATTING: usize = 64;

/// Which rules the markup follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// HTML: void elements, raw text elements, end tags left out, `/>` meaning nothing.
    Html,
    /// XML: every element closed, `/>` closing it, CDATA sections.
    Xml,
}

/// The markup with every element deeper than the caps left out (its text kept), or the
/// markup itself when it is within them. Works on any ASCII-compatible encoding.
pub fn cap_nesting(text: &[u8], markup: Markup) -> Cow<'_, [u8]> {
    let cuts = Scan::new(text, markup).cuts();
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in cuts {
        out.extend_from_slice(&text[at..start]);
        at = end;
    }
    out.extend_from_slice(&text[at..]);
    Cow::Owned(out)
}

/// [`cap_nesting`] for text: the tags left out begin at `<` and end after `>`, so what is
/// left is still UTF-8.
pub fn cap_nesting_str(text: &str, markup: Markup) -> Cow<'_, str> {
    match cap_nesting(text.as_bytes(), markup) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(bytes) => Cow::Owned(
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        ),
    }
}

/// A set of element names.
type Names = &'static [&'static [u8]];

/// Elements that have no content and no end tag.
const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"keygen",
    b"basefont",
    b"bgsound",
    b"frame",
    b"image",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
];

/// Formatting elements: an HTML5 parser keeps a list of those open and opens them again.
const FORMATTING: &[&[u8]] = &[
    b"a", b"b", b"big", b"code", b"em", b"font", b"i", b"nobr", b"s", b"small", b"strike",
    b"strong", b"tt", b"u",
];

/// Start tags that close an open element of their group (an HTML end tag left out:
/// `<p>one<p>two`, `<li>` after `<li>`), when it is open within their scope: the search for
/// it stops at the elements that bound the scope (an inner table's row closes no row of the
/// table around it).
const CLOSES_GROUP: &[(Names, Names)] = &[
    (&[b"p"], SCOPE),
    (
        &[b"li"],
        &[b"ul", b"ol", b"table", b"td", b"th", b"template"],
    ),
    (
        &[b"dt", b"dd"],
        &[b"dl", b"table", b"td", b"th", b"template"],
    ),
    (
        &[b"option", b"optgroup"],
        &[b"select", b"datalist", b"table", b"td", b"th"],
    ),
    (&[b"tr"], &[b"table", b"template"]),
    (&[b"td", b"th"], &[b"tr", b"table", b"template"]),
    (&[b"thead", b"tbody", b"tfoot"], &[b"table", b"template"]),
    (&[b"rb", b"rt", b"rp", b"rtc"], &[b"ruby"]),
];

/// The elements that bound an HTML5 parser's default scope.
const SCOPE: &[&[u8]] = &[
    b"html",
    b"table",
    b"td",
    b"th",
    b"caption",
    b"marquee",
    b"object",
    b"template",
    b"applet",
    b"button",
];

fn is_one_of(name: &[u8], set: &[&[u8]]) -> bool {
    set.iter().any(|s| s.eq_ignore_ascii_case(name))
}

struct Scan<'a> {
    text: &'a [u8],
    markup: Markup,
    /// The names of the elements open, outermost first (at most `MAX_DEPTH`).
    open: Vec<&'a [u8]>,
    /// How many formatting elements are open.
    formatting: usize,
    /// Start tags left out whose end tags are still to come, by name (lower case).
    left_out: Vec<(Vec<u8>, usize)>,
    cuts: Vec<(usize, usize)>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a [u8], markup: Markup) -> Scan<'a> {
        Scan {
            text,
            markup,
            open: Vec::new(),
            formatting: 0,
            left_out: Vec::new(),
            cuts: Vec::new(),
        }
    }

    /// The byte ranges of the tags to leave out, in order.
    fn cuts(mut self) -> Vec<(usize, usize)> {
        let text = self.text;
        let mut at = 0;
        while let Some(found) = memchr::memchr(b'<', &text[at..]) {
            let lt = at + found;
            at = match text.get(lt + 1) {
                Some(b'!') => self.declaration(lt),
                Some(b'?') => after(text, lt, b">"),
                Some(b'/') => self.end_tag(lt),
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
                _ => lt + 1,
            };
        }
        self.cuts
    }

    /// A comment, a CDATA section, a doctype: passed over whole.
    fn declaration(&self, lt: usize) -> usize {
        let rest = &self.text[lt..];
        if rest.starts_with(b"<!--") {
            after(self.text, lt + 4, b"-->")
        } else if self.markup == Markup::Xml && rest.starts_with(b"<![CDATA[") {
            after(self.text, lt + 9, b"]]>")
        } else {
            after(self.text, lt, b">")
        }
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let name = name_at(self.text, lt + 1);
        let end = tag_end(self.text, lt + 1 + name.len());
        let self_closed = self.markup == Markup::Xml && self.text[..end].ends_with(b"/>");
        if self.markup == Markup::Html {
            if is_one_of(name, VOID) {
                return end;
            }
            if is_one_of(name, RAW_TEXT) {
                // Its text holds no tags: passed over to its end tag, as one element.
                return raw_text_end(self.text, end, name);
            }
            if name.eq_ignore_ascii_case(b"plaintext") {
                return self.text.len();
            }
            if let Some((group, bounds)) = CLOSES_GROUP.iter().find(|(g, _)| is_one_of(name, g)) {
                let in_scope = self
                    .open
                    .iter()
                    .rev()
                    .take_while(|n| !is_one_of(n, bounds) || is_one_of(n, group))
                    .position(|n| is_one_of(n, group));
                if let Some(from_top) = in_scope {
                    self.close_from(self.open.len() - 1 - from_top);
                }
            }
        }
        if self_closed {
            return end;
        }
        let formatting = self.markup == Markup::Html && is_one_of(name, FORMATTING);
        if self.open.len() >= MAX_DEPTH || (formatting && self.formatting >= MAX_OPEN_FORMATTING) {
            self.leave_out(name, lt, end);
        } else {
            self.formatting += usize::from(formatting);
            self.open.push(name);
        }
        end
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        let name = name_at(self.text, lt + 2);
        let end = tag_end(self.text, lt + 2 + name.len());
        if name.is_empty() {
            return end;
        }
        if let Some(entry) = self
            .left_out
            .iter_mut()
            .find(|(n, count)| *count > 0 && n.eq_ignore_ascii_case(name))
        {
            entry.1 -= 1;
            self.cuts.push((lt, end));
        } else if let Some(i) = self.open.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
            self.close_from(i);
        }
        end
    }

    /// The elements from the `i`th open one inward are closed.
    fn close_from(&mut self, i: usize) {
        for name in self.open.drain(i..) {
            if self.markup == Markup::Html && is_one_of(name, FORMATTING) {
                self.formatting -= 1;
            }
        }
    }

    fn leave_out(&mut self, name: &[u8], lt: usize, end: usize) {
        self.cuts.push((lt, end));
        match self
            .left_out
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(entry) => entry.1 += 1,
            None => self.left_out.push((name.to_ascii_lowercase(), 1)),
        }
    }
}

/// The tag name that starts at `at`: letters, digits, and the `-`, `_`, `:` and `.` of
/// custom elements and namespaces.
fn name_at(text: &[u8], at: usize) -> &[u8] {
    let rest = text.get(at..).unwrap_or(&[]);
    let len = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    &rest[..len]
}

/// Just after the `>` that ends a tag whose attributes start at `at` (a `>` inside a
/// quoted value does not end it); the end of the text when none does.
fn tag_end(text: &[u8], mut at: usize) -> usize {
    let mut quote = None;
    while let Some(&b) = text.get(at) {
        match (quote, b) {
            (None, b'>') => return at + 1,
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            _ => {}
        }
        at += 1;
    }
    text.len()
}

/// Just after the first `needle` from `from`; the end of the text when there is none.
fn after(text: &[u8], from: usize, needle: &[u8]) -> usize {
    let from = from.min(text.len());
    memchr::memmem::find(&text[from..], needle).map_or(text.len(), |i| from + i + needle.len())
}

/// Just after the end tag of a raw text element whose content starts at `from`.
fn raw_text_end(text: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(found) = memchr::memmem::find(&text[at.min(text.len())..], b"</") {
        let lt = at + found;
        let closing = name_at(text, lt + 2);
        if closing.eq_ignore_ascii_case(name) {
            return tag_end(text, lt + 2 + closing.len());
        }
        at = lt + 2;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capped(text: &str, markup: Markup) -> String {
        cap_nesting_str(text, markup).into_owned()
    }

    #[test]
    fn markup_within_the_caps_is_left_as_it_was() {
        let page = "<html><body><div><p>One<p>Two <b>bold</b><br>x</div>\
                    <script>if (a<b) {'<div>'}</script><!-- <div> --></body></html>";
        assert!(matches!(
            cap_nesting_str(page, Markup::Html),
            Cow::Borrowed(_)
        ));
        let many_paragraphs = "<p>para".repeat(10_000);
        assert!(matches!(
            cap_nesting_str(&many_paragraphs, Markup::Html),
            Cow::Borrowed(_)
        ));
        let many_items = format!("<ul>{}</ul>", "<li>item".repeat(10_000));
        assert!(matches!(
            cap_nesting_str(&many_items, Markup::Html),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn tags_past_the_deepest_level_are_left_out_with_their_end_tags_and_text_kept() {
        let n = MAX_DEPTH + 100;
        let page = format!("{}deep{}after", "<div>".repeat(n), "</div>".repeat(n));
        let out = capped(&page, Markup::Html);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(
            out.contains(">deep<") && out.ends_with("</div>after"),
            "{out}"
        );
    }

    #[test]
    fn nested_tables_and_lists_nest_and_are_capped() {
        let n = MAX_DEPTH;
        let tables = "<table><tr><td>".repeat(n) + "cell";
        let out = capped(&tables, Markup::Html);
        assert_eq!(out.matches("<table>").count(), MAX_DEPTH / 3 + 1);
        let lists = "<ul><li>".repeat(n) + "item";
        let out = capped(&lists, Markup::Html);
        assert_eq!(out.matches("<ul>").count(), MAX_DEPTH / 2);
        // Siblings left unclosed do not nest.
        let rows = format!("<table>{}</table>", "<tr><td>a<td>b".repeat(n));
        assert!(matches!(
            cap_nesting_str(&rows, Markup::Html),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn formatting_left_open_is_capped() {
        let page = format!("<p>{}text", "<b>".repeat(1000));
        let out = capped(&page, Markup::Html);
        assert_eq!(out.matches("<b>").count(), MAX_OPEN_FORMATTING);
        assert!(out.ends_with("<b>text"));
    }

    #[test]
    fn xml_self_closed_elements_and_cdata_do_not_nest() {
        let n = MAX_DEPTH + 10;
        let feed = format!(
            "<rss>{}<![CDATA[<a><a><a>]]>{}</rss>",
            "<x/>".repeat(n * 2),
            "<y>".repeat(n) + &"</y>".repeat(n)
        );
        let out = capped(&feed, Markup::Xml);
        assert_eq!(out.matches("<x/>").count(), n * 2);
        assert!(out.contains("<![CDATA[<a><a><a>]]>"));
        assert_eq!(out.matches("<y>").count(), MAX_DEPTH - 1);
        assert_eq!(out.matches("</y>").count(), MAX_DEPTH - 1);
        assert!(out.ends_with("</y></rss>"));
    }

    #[test]
    fn a_quoted_greater_than_and_an_unclosed_tag_end_where_they_should() {
        let page = format!("{}<a title=\"x>y\">", "<div>".repeat(MAX_DEPTH));
        let out = capped(&page, Markup::Html);
        assert!(!out.contains("<a "), "{out}");
        let cut_short = format!("{}<div class=\"never closed", "<div>".repeat(MAX_DEPTH));
        assert_eq!(capped(&cut_short, Markup::Html), "<div>".repeat(MAX_DEPTH));
    }

    #[test]
    fn what_is_left_is_still_utf8_around_the_cuts() {
        let page = format!(
            "{}«é»{}",
            "<i>".repeat(MAX_OPEN_FORMATTING + 3),
            "</i>".repeat(3)
        );
        let out = capped(&page, Markup::Html);
        assert!(out.contains("«é»"));
    }
}
