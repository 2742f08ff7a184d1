//! The rates panel, in place of the story: each pair of the day with its value, the change
//! from the day before, a sparkline and the range's low and high; Enter on a pair, its
//! chart. The histories come from the archive, asked for as effects.

use super::{App, Effect, Focus, Mode};
use crate::archive::Pair;
use crate::model::Date;
use crate::model::Rate;
use crate::tui::action::Action;
use crate::tui::asks::Request;

/// How far back the rates go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    Month,
    Quarter,
    Year,
    All,
}

impl Range {
    /// Days of the range (`None`: every day of the archive).
    pub fn days(self) -> Option<i64> {
        match self {
            Range::Month => Some(30),
            Range::Quarter => Some(90),
            Range::Year => Some(365),
            Range::All => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Range::Month => "30 days",
            Range::Quarter => "90 days",
            Range::Year => "a year",
            Range::All => "every day",
        }
    }
}

/// The rates panel: which pair, the chart or the panel, the range, and the histories once
/// they come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatesView {
    pub selected: usize,
    pub chart: bool,
    pub range: Range,
    /// Every pair's history (the panel) or the selected pair's (the chart).
    pub history: Option<Vec<Pair>>,
    /// The last day of the range.
    pub day: Date,
    /// In a chart, the day the cursor is on (Left and Right move it through the days).
    pub cursor: Option<usize>,
}

impl App {
    /// The pairs of the rates panel: the day's, then those the archive holds in the range
    /// that the day shown has not (each with its last value in the range, and that day's
    /// date), so that the panel shows the rates on any day.
    pub fn panel_rates(&self) -> Vec<(Rate, Option<Date>)> {
        let mut rows: Vec<(Rate, Option<Date>)> = self
            .bulletin
            .rates
            .iter()
            .map(|r| (r.clone(), None))
            .collect();
        let Mode::Rates(view) = &self.mode else {
            return rows;
        };
        let Some(history) = view.history.as_ref().filter(|_| !view.chart) else {
            return self.held_pairs_kept(rows);
        };
        for pair in history {
            if rows.iter().any(|(r, _)| r.pair == pair.pair) {
                continue;
            }
            let Some(last) = pair.days.iter().rev().find(|d| d.date <= view.day) else {
                continue;
            };
            rows.push((
                rate_without_change(&pair.pair, &last.value),
                Some(last.date),
            ));
        }
        rows
    }

    /// While a chart is open, the panel's rows as they were (the chart's history holds one
    /// pair): the pairs noted when the panel was shown.
    fn held_pairs_kept(&self, mut rows: Vec<(Rate, Option<Date>)>) -> Vec<(Rate, Option<Date>)> {
        for (pair, date) in &self.panel_extra {
            if !rows.iter().any(|(r, _)| &r.pair == pair) {
                rows.push((rate_without_change(pair, ""), Some(*date)));
            }
        }
        rows
    }

    /// The pairs of the rates panel, in its order.
    pub fn pairs(&self) -> Vec<String> {
        self.panel_rates()
            .into_iter()
            .map(|(r, _)| r.pair)
            .collect()
    }

    /// Opens the rates panel (or closes it).
    pub(super) fn open_rates(&mut self) -> Vec<Effect> {
        if self.bulletin.rates.is_empty() && !self.archive.on {
            self.message = Some("no rates in this bulletin".into());
            return Vec::new();
        }
        self.panel_extra.clear();
        let day = self
            .archive
            .day
            .or(self.bulletin.date)
            .unwrap_or_else(Date::today);
        self.mode = Mode::Rates(RatesView {
            selected: 0,
            chart: false,
            range: Range::Month,
            history: None,
            day,
            cursor: None,
        });
        if !self.bulletin.articles.is_empty() {
            self.focus = Focus::Story;
        }
        if !self.archive.on {
            self.message = Some("no archive: the rates' history needs one".into());
            return Vec::new();
        }
        self.ask_history()
    }

    /// Asks for what the panel or the chart shows now.
    fn ask_history(&mut self) -> Vec<Effect> {
        let pairs = self.pairs();
        let Mode::Rates(view) = &mut self.mode else {
            return Vec::new();
        };
        if !self.archive.on {
            return Vec::new();
        }
        view.history = None;
        // The panel asks for every pair the archive holds, the chart for the one picked.
        let pairs = if view.chart {
            pairs.get(view.selected).cloned().into_iter().collect()
        } else {
            Vec::new()
        };
        let from = view.range.days().and_then(|n| view.day.plus_days(1 - n));
        vec![Effect::Archive(Request::History {
            pairs,
            from,
            to: view.day,
        })]
    }

    /// Left or Right in a chart: the cursor to the day before or after, with its value and
    /// date shown. False when no chart is open (the key means what it always does).
    pub(super) fn chart_cursor(&mut self, key: crate::term::key::Key) -> bool {
        use crate::term::key::KeyCode;
        let Mode::Rates(view) = &mut self.mode else {
            return false;
        };
        let step: isize = match key.code {
            KeyCode::Left if !key.ctrl && !key.alt => -1,
            KeyCode::Right if !key.ctrl && !key.alt => 1,
            _ => return false,
        };
        if !view.chart {
            return false;
        }
        let days = view
            .history
            .as_ref()
            .and_then(|h| h.first())
            .map_or(0, |p| p.days.len());
        if days == 0 {
            return true;
        }
        let at = view.cursor.unwrap_or(days);
        view.cursor = Some(at.saturating_add_signed(step).min(days - 1));
        true
    }

    /// A history came.
    pub(super) fn on_history(&mut self, pairs: Vec<Pair>) {
        if let Mode::Rates(view) = &mut self.mode {
            view.history = Some(pairs);
            view.cursor = None;
        }
        if matches!(&self.mode, Mode::Rates(view) if !view.chart) {
            self.panel_extra = self
                .panel_rates()
                .into_iter()
                .filter_map(|(r, date)| Some((r.pair, date?)))
                .collect();
        }
    }

    /// A key in the rates panel or a chart.
    pub(super) fn rates_key(&mut self, action: Action) -> Vec<Effect> {
        let count = self.panel_rates().len();
        let Mode::Rates(view) = &mut self.mode else {
            return Vec::new();
        };
        let last = count.saturating_sub(1);
        let before = (view.selected, view.chart, view.range);
        match action {
            Action::NextStory | Action::OpenNextStory => {
                view.selected = (view.selected + 1).min(last)
            }
            Action::PrevStory | Action::OpenPrevStory => {
                view.selected = view.selected.saturating_sub(1)
            }
            Action::Top => view.selected = 0,
            Action::Bottom => view.selected = last,
            Action::Open => view.chart = true,
            Action::RangeMonth => view.range = Range::Month,
            Action::RangeQuarter => view.range = Range::Quarter,
            Action::RangeYear => view.range = Range::Year,
            Action::RangeAll => view.range = Range::All,
            Action::Back if view.chart => view.chart = false,
            Action::Back | Action::Rates | Action::ToggleFocus => {
                self.mode = Mode::Reading;
                return Vec::new();
            }
            Action::Help => {
                self.mode = Mode::Help { scroll: 0 };
                return Vec::new();
            }
            _ => {}
        }
        // The panel shows every pair: moving in it needs nothing new.
        let moved_only = !view.chart && (view.chart, view.range) == (before.1, before.2);
        if (view.selected, view.chart, view.range) == before || moved_only {
            return Vec::new();
        }
        self.ask_history()
    }
}

/// A pair of the panel that the day shown has not: its value, no change of the day's.
fn rate_without_change(pair: &str, value: &str) -> Rate {
    let (base, quote) = pair.split_once('/').unwrap_or((pair, ""));
    Rate {
        pair: pair.to_owned(),
        base: base.to_owned(),
        quote: quote.to_owned(),
        value: value.to_owned(),
        change: None,
        direction: None,
    }
}
