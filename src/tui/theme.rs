//! Every style of the reader, in one place: the config's theme made into ratatui styles.
//! With colour off (`NO_COLOR`, `--color never`) colours go and the `mono` theme's bold,
//! underline and reverse stay, so what colour meant still shows.

use crate::config::theme::{Color as ConfigColor, Element, StyleSpec, ThemeName};
use crate::config::ThemeConfig;
use crate::text::layout::LineKind;
use crate::text::marquee::Part;
use ratatui::style::{Color, Modifier, Style};

/// The styles of every element.
#[derive(Debug, Clone)]
pub struct Theme {
    styles: Vec<Style>,
}

impl Theme {
    pub fn new(config: &ThemeConfig, color: bool) -> Theme {
        let styles = Element::ALL
            .iter()
            .map(|&e| {
                let spec = config.style(e);
                if color {
                    style(&spec)
                } else {
                    let mono = ThemeName::Mono.style(e);
                    style(&StyleSpec {
                        fg: None,
                        bg: None,
                        ..spec
                    })
                    .patch(style(&mono))
                }
            })
            .collect();
        Theme { styles }
    }

    /// The style of an element.
    pub fn get(&self, element: Element) -> Style {
        let i = Element::ALL
            .iter()
            .position(|&e| e == element)
            .expect("every element has a style");
        self.styles[i]
    }

    /// A piece of the ticker.
    pub fn ticker(&self, part: Part) -> Style {
        self.get(match part {
            Part::Up => Element::Rising,
            Part::Down => Element::Falling,
            Part::RoundedDown => Element::RoundedFall,
            Part::Flat => Element::Flat,
            Part::Text | Part::Gap => Element::Ticker,
        })
    }

    /// The border of a pane: marked when it has the keys.
    pub fn border(&self, focused: bool) -> Style {
        self.get(if focused {
            Element::BorderFocused
        } else {
            Element::Border
        })
    }

    /// The selected headline, the list having the keys or not.
    pub fn selected(&self, focused: bool) -> Style {
        self.get(if focused {
            Element::Selection
        } else {
            Element::SelectionUnfocused
        })
    }

    /// A line of a story.
    pub fn line(&self, kind: LineKind) -> Style {
        self.get(match kind {
            LineKind::Headline => Element::Headline,
            LineKind::Subheading => Element::Subheading,
            LineKind::Date => Element::Date,
            LineKind::Text | LineKind::Blank => Element::Text,
        })
    }
}

fn style(spec: &StyleSpec) -> Style {
    let mut s = Style::new();
    if let Some(c) = spec.fg {
        s = s.fg(color(c));
    }
    if let Some(c) = spec.bg {
        s = s.bg(color(c));
    }
    for (on, m) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underline, Modifier::UNDERLINED),
        (spec.reverse, Modifier::REVERSED),
    ] {
        if on {
            s = s.add_modifier(m);
        }
    }
    s
}

fn color(c: ConfigColor) -> Color {
    match c {
        ConfigColor::Default => Color::Reset,
        ConfigColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
        ConfigColor::Ansi(n) => [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ][usize::from(n % 16)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_is_the_readers_colours() {
        let t = Theme::new(&ThemeConfig::default(), true);
        assert_eq!(t.ticker(Part::Down), Style::new().fg(Color::Red));
        assert_eq!(t.border(true), Style::new().fg(Color::Cyan));
        assert_eq!(
            t.selected(true),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        );
        assert_eq!(
            t.get(Element::Match),
            Style::new().fg(Color::Black).bg(Color::Yellow)
        );
    }

    #[test]
    fn without_colour_no_element_has_one_and_meaning_stays() {
        let mut config = ThemeConfig::default();
        let red_bg = StyleSpec {
            fg: Some(ConfigColor::Ansi(15)),
            bg: Some(ConfigColor::Rgb(200, 0, 0)),
            ..StyleSpec::default()
        };
        config.overrides.insert(Element::Selection, red_bg);
        let t = Theme::new(&config, false);
        for e in Element::ALL {
            let s = t.get(e);
            assert_eq!((s.fg, s.bg), (None, None), "{e:?}");
        }
        assert!(t.selected(true).add_modifier.contains(Modifier::REVERSED));
        assert!(t
            .get(Element::Match)
            .add_modifier
            .contains(Modifier::REVERSED));
        assert!(t.border(true).add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn an_override_replaces_the_themes_style() {
        let mut config = ThemeConfig::default();
        config.overrides.insert(
            Element::Selection,
            StyleSpec {
                fg: Some(ConfigColor::Ansi(0)),
                bg: Some(ConfigColor::Ansi(6)),
                bold: true,
                ..StyleSpec::default()
            },
        );
        let t = Theme::new(&config, true);
        assert_eq!(
            t.selected(true),
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        );
    }
}
