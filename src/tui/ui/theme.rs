//! Every style of the reader, in one place. Only the 16 ANSI colours, so the terminal's
//! theme applies; with colour off, bold and reverse still carry the meaning.

use crate::text::layout::LineKind;
use crate::text::marquee::Part;
use ratatui::style::{Color, Modifier, Style};

/// The styles, with colour on or off.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// A piece of the ticker: rises green, falls red, flat and text plain.
    pub fn ticker(&self, part: Part) -> Style {
        match part {
            Part::Up => self.fg(Color::Green),
            Part::Down => self.fg(Color::Red),
            Part::Flat | Part::Text | Part::Gap => Style::new(),
        }
    }

    /// The border of a pane: marked when it has the keys.
    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, true) => Style::new().fg(Color::DarkGray),
            (false, false) => Style::new(),
        }
    }

    /// The selected headline: reversed where the list has the keys, bold where it has not.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn list_date(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// A line of a story.
    pub fn line(&self, kind: LineKind) -> Style {
        match kind {
            LineKind::Headline | LineKind::Subheading => Style::new().add_modifier(Modifier::BOLD),
            LineKind::Date => self.fg(Color::DarkGray),
            LineKind::Text | LineKind::Blank => Style::new(),
        }
    }

    /// A search match in the text.
    pub fn hit(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn message(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn hint(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
