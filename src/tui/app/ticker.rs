//! The ticker's motion: when it moves, how far it has gone, pausing.

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
}

impl App {
    /// The column of the ticker's cycle at the left edge now.
    pub fn ticker_offset(&self) -> usize {
        let step = usize::try_from(self.ticker.step).unwrap_or(0);
        match self.settings.ticker.mode {
            TickerMode::Scroll => step,
            TickerMode::Step => {
                let starts = self.marquee.starts();
                starts.get(step % starts.len().max(1)).copied().unwrap_or(0)
            }
            TickerMode::Static => 0,
        }
    }

    pub fn ticker_paused(&self) -> bool {
        self.ticker.paused
    }

    /// True when the ticker moves: rates that do not fit, a moving mode, not paused.
    pub fn ticker_moves(&self) -> bool {
        self.settings.ticker.mode != TickerMode::Static
            && !self.ticker.paused
            && !self.marquee.is_empty()
            && !self.marquee.fits(usize::from(self.width))
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
        self.ticker.paused = !self.ticker.paused;
        let said = if self.ticker.paused {
            "ticker paused"
        } else {
            "ticker running"
        };
        self.message = Some(said.into());
    }
}
