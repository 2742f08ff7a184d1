//! The ticker's motion: scrolling a column at a time (at every width: rates shorter than
//! the line travel across it), stepping a rate at a time, or standing still; pausing on a
//! rate's start.

use super::App;
use crate::config::TickerMode;
use std::time::Duration;

/// How long each rate leads in step mode.
pub const STEP_EVERY: Duration = Duration::from_secs(3);

#[derive(Debug, Default)]
pub(super) struct Ticker {
    pub paused: bool,
    /// Steps taken since the start.
    pub step: u64,
    /// The rate shown first while paused.
    pub first: usize,
}

/// What the ticker shows now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickerView {
    /// The scrolling marquee from this column of its cycle.
    Scrolling(usize),
    /// Whole rates standing still, from this rate on.
    Still(usize),
}

impl App {
    /// What the ticker shows now.
    pub fn ticker_view(&self) -> TickerView {
        let step = usize::try_from(self.ticker.step).unwrap_or(0);
        match self.settings.ticker.mode {
            TickerMode::Static => TickerView::Still(0),
            _ if self.ticker.paused => TickerView::Still(self.ticker.first),
            TickerMode::Step => TickerView::Still(step % self.marquee.len().max(1)),
            TickerMode::Scroll => TickerView::Scrolling(step),
        }
    }

    /// The columns the ticker's text takes: the bar less a column of margin each side.
    pub fn ticker_cols(&self) -> usize {
        let width = self.areas().ticker.width;
        usize::from(width.saturating_sub(2 * u16::from(width > 2)))
    }

    pub fn ticker_paused(&self) -> bool {
        self.ticker.paused
    }

    /// True when the ticker moves: rates to show, a moving mode, not paused, on screen.
    pub fn ticker_moves(&self) -> bool {
        self.settings.ticker.mode != TickerMode::Static
            && !self.ticker.paused
            && !self.marquee.is_empty()
            && self.areas().ticker.height > 0
    }

    /// How long until the next ticker step, or `None` when nothing moves (then the reader
    /// sleeps until something happens).
    pub fn tick_interval(&self) -> Option<Duration> {
        if !self.ticker_moves() {
            return None;
        }
        Some(match self.settings.ticker.mode {
            TickerMode::Step => STEP_EVERY,
            _ => Duration::from_millis(1000 / u64::from(self.settings.ticker.speed.max(1))),
        })
    }

    pub(super) fn tick(&mut self) {
        if self.ticker_moves() {
            self.ticker.step = self.ticker.step.wrapping_add(1);
        }
    }

    pub(super) fn toggle_ticker(&mut self) {
        if self.marquee.is_empty() {
            self.message = Some("no rates in this bulletin".into());
            return;
        }
        if self.settings.ticker.mode == TickerMode::Static {
            self.message = Some("the ticker stands still (ticker mode static)".into());
            return;
        }
        let step = usize::try_from(self.ticker.step).unwrap_or(0);
        let scroll = self.settings.ticker.mode == TickerMode::Scroll;
        if self.ticker.paused {
            // Go on from the rate shown, so nothing jumps.
            self.ticker.paused = false;
            let first = self.ticker.first;
            self.ticker.step = if scroll {
                self.marquee.starts().get(first).copied().unwrap_or(0) as u64
            } else {
                first as u64
            };
            self.message = Some("ticker running".into());
        } else {
            // Pause on a rate's start: the first whole rate shown.
            self.ticker.paused = true;
            self.ticker.first = if scroll {
                self.marquee.rate_at(step, self.ticker_cols())
            } else {
                step % self.marquee.len()
            };
            self.message = Some("ticker paused".into());
        }
    }
}
