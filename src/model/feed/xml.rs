//! XML as feeds are really written, read as far as it goes: a tree of elements (with their
//! namespaces resolved and `xml:base` carried down) and text, and the first place where
//! the markup was not well formed. Recovery as libxml2's and feedparser's: an `&` that
//! starts no reference is a character; HTML's named entities (`&nbsp;`, the whole HTML5
//! list) are read as HTML would; a `<` that opens no tag is a character; an end tag that
//! closes nothing is dropped, one that closes an outer element closes what is open inside
//! it; whatever is open at the end is closed; a tag cut off by the end of the input is
//! dropped. One pass, no recursion; nesting is already bounded (`model::nesting`).

use std::collections::HashMap;

pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// An element: its namespace and local name, its attributes (namespace, local name,
/// value), its children, and the base address that applies inside it.
#[derive(Debug, Default)]
pub struct Element {
    pub ns: String,
    pub name: String,
    pub attrs: Vec<(String, String, String)>,
    pub children: Vec<Node>,
    pub base: Option<String>,
}

#[derive(Debug)]
pub enum Node {
    Element(usize),
    Text(String),
}

/// A document: its elements (the first is the root), and where it first went wrong.
#[derive(Debug, Default)]
pub struct Document {
    pub elements: Vec<Element>,
    /// The line (from 1) of the first fault recovered from, if any.
    pub fault_line: Option<usize>,
}

impl Document {
    pub fn root(&self) -> Option<&Element> {
        self.elements.first()
    }

    #[cfg(test)]
    pub fn get(&self, index: usize) -> &Element {
        &self.elements[index]
    }

    /// The element's children that are elements.
    pub fn children<'a>(&'a self, e: &'a Element) -> impl Iterator<Item = &'a Element> + 'a {
        e.children.iter().filter_map(move |n| match n {
            Node::Element(i) => Some(&self.elements[*i]),
            Node::Text(_) => None,
        })
    }

    /// Every element under `e` (not `e`), in document order, without recursion.
    pub fn descendants<'a>(&'a self, e: &'a Element) -> Vec<&'a Element> {
        let mut out = Vec::new();
        let mut stack: Vec<std::slice::Iter<'a, Node>> = vec![e.children.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Element(i)) => {
                    let child = &self.elements[*i];
                    out.push(child);
                    stack.push(child.children.iter());
                }
                Some(Node::Text(_)) => {}
                None => {
                    stack.pop();
                }
            }
        }
        out
    }

    /// All the text inside `e`, in order.
    pub fn text(&self, e: &Element) -> String {
        let mut out = String::new();
        let mut stack: Vec<std::slice::Iter<'_, Node>> = vec![e.children.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Element(i)) => stack.push(self.elements[*i].children.iter()),
                Some(Node::Text(t)) => out.push_str(t),
                None => {
                    stack.pop();
                }
            }
        }
        out
    }

    /// What is inside `e`, written back as markup (inline XHTML content, to be read as
    /// HTML): elements by their local names, attributes and text escaped.
    pub fn inner_markup(&self, e: &Element) -> String {
        let mut out = String::new();
        enum Step<'a> {
            Nodes(std::slice::Iter<'a, Node>),
            Close(&'a str),
        }
        let mut stack = vec![Step::Nodes(e.children.iter())];
        while let Some(step) = stack.pop() {
            match step {
                Step::Close(name) => {
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
                Step::Nodes(mut nodes) => match nodes.next() {
                    None => {}
                    Some(Node::Text(t)) => {
                        escape_into(&mut out, t);
                        stack.push(Step::Nodes(nodes));
                    }
                    Some(Node::Element(i)) => {
                        let child = &self.elements[*i];
                        out.push('<');
                        out.push_str(&child.name);
                        for (_, name, value) in &child.attrs {
                            out.push(' ');
                            out.push_str(name);
                            out.push_str("=\"");
                            escape_into(&mut out, value);
                            out.push('"');
                        }
                        out.push('>');
                        stack.push(Step::Nodes(nodes));
                        stack.push(Step::Close(&child.name));
                        stack.push(Step::Nodes(child.children.iter()));
                    }
                },
            }
        }
        out
    }
}

impl Element {
    /// An attribute by its local name (any namespace but `xml:`'s).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(ns, n, _)| n.eq_ignore_ascii_case(name) && ns != XML_NS)
            .map(|(_, _, v)| v.as_str())
    }

    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name) && self.ns == ns
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Reads `text` as XML, recovering from what is not well formed.
pub fn parse(text: &str, base: Option<&str>) -> Document {
    Builder::new(text, base).run()
}

/// An element open while its content is read: where it is, and the namespaces it declared.
struct Open {
    index: usize,
    qname: String,
    scope: Vec<(String, String)>,
}

struct Builder<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    doc: Document,
    open: Vec<Open>,
    /// The namespace of each prefix in scope ("" for the default namespace).
    prefixes: HashMap<String, Vec<String>>,
    /// Text read since the last tag.
    pending: String,
    base: Option<String>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, base: Option<&str>) -> Builder<'a> {
        let mut prefixes = HashMap::new();
        prefixes.insert("xml".to_owned(), vec![XML_NS.to_owned()]);
        Builder {
            text,
            bytes: text.as_bytes(),
            at: 0,
            doc: Document::default(),
            open: Vec::new(),
            prefixes,
            pending: String::new(),
            base: base.map(str::to_owned),
        }
    }

    fn fault(&mut self, at: usize) {
        if self.doc.fault_line.is_none() {
            let line = self.bytes[..at.min(self.bytes.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            self.doc.fault_line = Some(line);
        }
    }

    fn run(mut self) -> Document {
        self.scan(true);
        self.flush_text();
        if !self.open.is_empty() {
            // Unclosed at the end: a feed cut off, or tags never closed.
            self.fault(self.bytes.len());
        }
        while let Some(open) = self.open.pop() {
            self.leave_scope(open.scope);
        }
        self.doc
    }

    /// `&...`: a character reference, an XML or HTML named entity, or a lone `&`.
    fn reference(&mut self) {
        let rest = &self.text[self.at + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (digits, radix) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16),
                None => (num, 10),
            };
            let len = digits
                .bytes()
                .take_while(|b| (*b as char).is_digit(radix))
                .count();
            if len > 0 && len <= 8 {
                let value = u32::from_str_radix(&digits[..len], radix).unwrap_or(0xFFFD);
                let used = 1 + (num.len() - digits.len()) + len;
                let semicolon = rest[used..].starts_with(';');
                if !semicolon {
                    self.fault(self.at);
                }
                self.pending.push(numeric_char(value));
                self.at += 1 + used + usize::from(semicolon);
                return;
            }
        }
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .take(40)
            .count();
        let name = &rest[..name_len];
        if rest[name_len..].starts_with(';') && name_len > 0 {
            let xml = match name {
                "lt" => Some("<"),
                "gt" => Some(">"),
                "amp" => Some("&"),
                "quot" => Some("\""),
                "apos" => Some("'"),
                _ => None,
            };
            if let Some(c) = xml {
                self.pending.push_str(c);
                self.at += name_len + 2;
                return;
            }
            let key = &rest[..name_len + 1];
            if let Some(&(a, b)) = markup5ever::data::NAMED_ENTITIES.get(key) {
                // An HTML entity: not XML, read as HTML would.
                self.fault(self.at);
                self.pending.push(numeric_char(a));
                if b != 0 {
                    self.pending.push(numeric_char(b));
                }
                self.at += name_len + 2;
                return;
            }
        }
        // Not a reference: the `&` is a character.
        self.fault(self.at);
        self.pending.push('&');
        self.at += 1;
    }

    /// `<...`: a tag, a comment, CDATA, a declaration or processing instruction, or a
    /// lone `<`.
    fn markup(&mut self) {
        let rest = &self.bytes[self.at..];
        if rest.starts_with(b"<!--") {
            self.skip_past(4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            let from = self.at + 9;
            match find(&self.bytes[from..], b"]]>") {
                Some(n) => {
                    self.pending.push_str(&self.text[from..from + n]);
                    self.at = from + n + 3;
                }
                None => {
                    self.fault(self.at);
                    self.pending.push_str(&self.text[from..]);
                    self.at = self.bytes.len();
                }
            }
        } else if rest.starts_with(b"<?") {
            self.skip_past(2, b"?>");
        } else if rest.starts_with(b"<!") {
            self.declaration();
        } else if rest.starts_with(b"</") {
            self.end_tag(self.at + 2);
        } else if rest.starts_with(b"<&/") {
            // `<&/item>`: a stray `&` before the slash.
            self.fault(self.at);
            self.end_tag(self.at + 3);
        } else if rest.len() > 1 && is_name_start(rest[1]) {
            self.start_tag(self.at + 1);
        } else if rest.len() > 2 && rest[1] == b'&' && is_name_start(rest[2]) {
            // `<&item>`: a stray `&` before a name.
            self.fault(self.at);
            self.start_tag(self.at + 2);
        } else {
            // A `<` that opens nothing is a character.
            self.fault(self.at);
            self.pending.push('<');
            self.at += 1;
        }
    }

    /// Skips from `skip` bytes in to past `end`; when it never comes, to past the next `>`
    /// (a comment or instruction whose end was mistyped), else to the end of the input.
    fn skip_past(&mut self, skip: usize, end: &[u8]) {
        let from = self.at + skip;
        match find(&self.bytes[from..], end) {
            Some(n) => self.at = from + n + end.len(),
            None => {
                self.fault(self.at);
                self.at = match memchr::memchr(b'>', &self.bytes[from..]) {
                    Some(n) => from + n + 1,
                    None => self.bytes.len(),
                };
            }
        }
    }

    /// `<!DOCTYPE ...>`, with an internal subset in brackets.
    fn declaration(&mut self) {
        let mut depth = 0usize;
        let mut i = self.at + 2;
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                b'>' if depth == 0 => {
                    self.at = i + 1;
                    return;
                }
                _ => {}
            }
            i += 1;
        }
        self.fault(self.at);
        self.at = self.bytes.len();
    }

    /// An end tag whose name begins at `name_at`.
    fn end_tag(&mut self, name_at: usize) {
        let start = self.at;
        let Some(close) = memchr::memchr(b'>', &self.bytes[start..]) else {
            // Cut off by the end of the input.
            self.fault(start);
            self.at = self.bytes.len();
            return;
        };
        let written = self.text[name_at..start + close].trim();
        // A stray character in the name (`</ti&tle>`) is dropped.
        let qname: String = written
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
            .collect();
        if qname != written {
            self.fault(start);
        }
        self.at = start + close + 1;
        self.flush_text();
        match self.open.iter().rposition(|o| o.qname == qname) {
            Some(found) => {
                if found + 1 != self.open.len() {
                    self.fault(start); // closes elements left open inside it
                }
                while self.open.len() > found {
                    if let Some(open) = self.open.pop() {
                        self.leave_scope(open.scope);
                    }
                }
            }
            None => self.fault(start), // closes nothing
        }
    }

    /// A start tag whose name begins at `name_at`.
    fn start_tag(&mut self, name_at: usize) {
        let start = self.at;
        let mut i = name_at;
        let name_end = i + name_len(&self.bytes[i..]);
        let mut qname = self.text[i..name_end].to_owned();
        i = name_end;
        // A stray character inside the name (`<ite&m>`) is dropped, the name goes on.
        while i + 1 < self.bytes.len()
            && matches!(self.bytes[i], b'&' | b';' | b'<' | b'"' | b'\'')
            && is_name_start(self.bytes[i + 1])
        {
            self.fault(start);
            let n = name_len(&self.bytes[i + 1..]);
            qname.push_str(&self.text[i + 1..i + 1 + n]);
            i += 1 + n;
        }
        let mut raw_attrs: Vec<(String, String)> = Vec::new();
        let mut self_closing = false;
        loop {
            while i < self.bytes.len() && self.bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= self.bytes.len() {
                // Cut off by the end of the input: the tag is dropped.
                self.fault(start);
                self.at = self.bytes.len();
                return;
            }
            match self.bytes[i] {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' if self.bytes.get(i + 1) == Some(&b'>') => {
                    self_closing = true;
                    i += 2;
                    break;
                }
                b'<' => {
                    // A tag never closed: it ends where the next begins.
                    self.fault(start);
                    break;
                }
                b if is_name_start(b) => {
                    let n = name_len(&self.bytes[i..]);
                    let name = self.text[i..i + n].to_owned();
                    i += n;
                    while i < self.bytes.len() && self.bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    if self.bytes.get(i) != Some(&b'=') {
                        // An attribute without a value (never a namespace's declaration).
                        self.fault(start);
                        if !name.starts_with("xmlns") {
                            raw_attrs.push((name.clone(), name));
                        }
                        continue;
                    }
                    i += 1;
                    while i < self.bytes.len() && self.bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    let (value, next) = match self.bytes.get(i) {
                        Some(&q) if q == b'"' || q == b'\'' => {
                            match memchr::memchr(q, &self.bytes[i + 1..]) {
                                Some(n) => (&self.text[i + 1..i + 1 + n], i + 2 + n),
                                None => {
                                    self.fault(start);
                                    self.at = self.bytes.len();
                                    return;
                                }
                            }
                        }
                        _ => {
                            self.fault(start); // an unquoted value
                            let n = self.bytes[i..]
                                .iter()
                                .take_while(|b| !b.is_ascii_whitespace() && **b != b'>')
                                .count();
                            (&self.text[i..i + n], i + n)
                        }
                    };
                    raw_attrs.push((name, decode_value(value)));
                    i = next;
                }
                _ => {
                    self.fault(start);
                    i += 1;
                }
            }
        }
        self.at = i;
        self.flush_text();
        // Namespaces declared here, in scope inside.
        let mut scope = Vec::new();
        for (name, value) in &raw_attrs {
            let prefix = if name == "xmlns" {
                Some(String::new())
            } else {
                name.strip_prefix("xmlns:").map(str::to_owned)
            };
            if let Some(prefix) = prefix {
                self.prefixes
                    .entry(prefix.clone())
                    .or_default()
                    .push(value.clone());
                scope.push((prefix, value.clone()));
            }
        }
        let (ns, name) = self.resolve(&qname, true);
        let mut attrs = Vec::with_capacity(raw_attrs.len());
        for (qn, value) in raw_attrs {
            if qn == "xmlns" || qn.starts_with("xmlns:") {
                continue;
            }
            let (ns, local) = self.resolve(&qn, false);
            attrs.push((ns, local, value));
        }
        let parent_base = match self.open.last() {
            Some(open) => self.doc.elements[open.index].base.clone(),
            None => self.base.clone(),
        };
        let base = match attrs.iter().find(|(ns, n, _)| ns == XML_NS && n == "base") {
            Some((_, _, b)) => Some(resolve_url(parent_base.as_deref(), b)),
            None => parent_base,
        };
        let index = self.doc.elements.len();
        self.doc.elements.push(Element {
            ns,
            name,
            attrs,
            children: Vec::new(),
            base,
        });
        match self.open.last() {
            Some(parent) => self.doc.elements[parent.index]
                .children
                .push(Node::Element(index)),
            None if index > 0 => {
                // A second root: kept under the first, as a reader wants its items.
                self.fault(start);
                self.doc.elements[0].children.push(Node::Element(index));
            }
            None => {}
        }
        if self_closing {
            self.leave_scope(scope);
        } else {
            self.open.push(Open {
                index,
                qname,
                scope,
            });
        }
    }

    fn leave_scope(&mut self, scope: Vec<(String, String)>) {
        for (prefix, _) in scope {
            if let Some(stack) = self.prefixes.get_mut(&prefix) {
                stack.pop();
            }
        }
    }

    /// A qualified name's namespace and local name (an unknown prefix is kept as the
    /// namespace itself, so that `media:title` still reads as Media RSS's without its
    /// declaration).
    fn resolve(&self, qname: &str, element: bool) -> (String, String) {
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", qname),
        };
        if prefix.is_empty() && !element {
            return (String::new(), local.to_owned());
        }
        let ns = self
            .prefixes
            .get(prefix)
            .and_then(|s| s.last())
            .cloned()
            .unwrap_or_else(|| known_prefix(prefix).to_owned());
        (ns, local.to_owned())
    }

    /// Text read since the last tag, to the open element (text outside the root is dropped).
    fn flush_text(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        if let Some(open) = self.open.last() {
            self.doc.elements[open.index]
                .children
                .push(Node::Text(text));
        }
    }
}

/// The namespaces feeds use under their usual prefixes, for a feed that forgot to declare
/// one.
fn known_prefix(prefix: &str) -> &str {
    match prefix {
        "content" => "http://purl.org/rss/1.0/modules/content/",
        "dc" => "http://purl.org/dc/elements/1.1/",
        "dcterms" => "http://purl.org/dc/terms/",
        "media" => "http://search.yahoo.com/mrss/",
        "itunes" => "http://www.itunes.com/dtds/podcast-1.0.dtd",
        "atom" => "http://www.w3.org/2005/Atom",
        "rdf" => "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "xhtml" => "http://www.w3.org/1999/xhtml",
        other => other,
    }
}

/// An attribute's value with its references read (leniently, as text is).
fn decode_value(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    let mut b = Builder::new(value, None);
    b.run_text();
    b.pending
}

impl Builder<'_> {
    /// Reads the input as text alone: references decoded, `<` kept.
    fn run_text(&mut self) {
        self.scan(false);
    }

    /// Reads text up to each `&` (and `<`, when `markup`), and what each starts.
    fn scan(&mut self, markup: bool) {
        while self.at < self.bytes.len() {
            let rest = &self.bytes[self.at..];
            let next = if markup {
                memchr::memchr2(b'<', b'&', rest)
            } else {
                memchr::memchr(b'&', rest)
            };
            let start = self.at;
            let Some(n) = next else {
                self.pending.push_str(&self.text[start..]);
                self.at = self.bytes.len();
                return;
            };
            self.pending.push_str(&self.text[start..start + n]);
            self.at = start + n;
            if self.bytes[self.at] == b'&' {
                self.reference();
            } else {
                self.markup();
            }
        }
    }
}

/// A relative address made absolute against a base, as a browser would.
pub fn resolve_url(base: Option<&str>, href: &str) -> String {
    let href = href.trim();
    match base.and_then(|b| url::Url::parse(b).ok()) {
        Some(base) => base
            .join(href)
            .map(String::from)
            .unwrap_or_else(|_| href.to_owned()),
        None => href.to_owned(),
    }
}

fn numeric_char(value: u32) -> char {
    match value {
        0 => '\u{FFFD}',
        // The C1 range as HTML reads it: Windows-1252's characters.
        0x80..=0x9F => {
            let b = value as u8;
            super::super::decode::windows_1252_char(b)
        }
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

fn name_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|&&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'-' | b'.') || b >= 0x80
        })
        .count()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(doc: &Document) -> Vec<String> {
        doc.elements.iter().map(|e| e.name.clone()).collect()
    }

    #[test]
    fn well_formed_xml_reads_without_a_fault() {
        let doc = parse(
            "<?xml version=\"1.0\"?><!-- c --><a xmlns:x=\"urn:x\"><x:b k='v &amp; w'>t&lt;<![CDATA[<raw>]]></x:b><c/></a>",
            None,
        );
        assert_eq!(doc.fault_line, None);
        assert_eq!(names(&doc), ["a", "b", "c"]);
        let b = doc.get(1);
        assert_eq!(b.ns, "urn:x");
        assert_eq!(b.attr("k"), Some("v & w"));
        assert_eq!(doc.text(b), "t<<raw>");
    }

    #[test]
    fn stray_ampersands_html_entities_and_stray_lt_are_characters() {
        let doc = parse(
            "<a>\n\nRates & more&nbsp;now &eacute; a < b &bogus; &#233;</a>",
            None,
        );
        assert_eq!(
            doc.text(doc.root().unwrap()),
            "\n\nRates & more\u{a0}now é a < b &bogus; é"
        );
        assert_eq!(doc.fault_line, Some(3));
    }

    #[test]
    fn what_is_left_open_is_closed_and_a_cut_tag_is_dropped() {
        let doc = parse(
            "<rss><channel><item><title>One</title></item><item><title>Tw",
            None,
        );
        assert_eq!(
            names(&doc),
            ["rss", "channel", "item", "title", "item", "title"]
        );
        assert_eq!(doc.text(doc.get(5)), "Tw");
        assert!(doc.fault_line.is_some());
        let doc = parse("<a><b>x</a><c>y</c></zzz>", None);
        assert_eq!(names(&doc), ["a", "b", "c"]);
        assert_eq!(doc.text(doc.root().unwrap()), "xy");
        let doc = parse("<a><b x=\"1\" y=2 z>t</b><cut att", None);
        assert_eq!(doc.get(1).attr("y"), Some("2"));
        assert_eq!(names(&doc), ["a", "b"]);
    }

    #[test]
    fn xml_base_is_carried_down_and_resolved() {
        let doc = parse(
            "<feed xml:base=\"https://ex.org/blog/\"><entry xml:base=\"2025/\"><link href=\"a\"/></entry></feed>",
            Some("https://fetched.example/feed"),
        );
        assert_eq!(
            doc.get(2).base.as_deref(),
            Some("https://ex.org/blog/2025/")
        );
        assert_eq!(
            resolve_url(doc.get(2).base.as_deref(), "a"),
            "https://ex.org/blog/2025/a"
        );
    }

    #[test]
    fn inline_markup_is_written_back() {
        let doc = parse("<c><div xmlns=\"http://www.w3.org/1999/xhtml\"><p class=\"x\">a &amp; <b>b</b></p></div></c>", None);
        let div = doc.get(1);
        assert_eq!(doc.inner_markup(div), "<p class=\"x\">a &amp; <b>b</b></p>");
    }
}
