//! Rule 2's ticker: each pair once, in the order of its first appearance, the later figures
//! winning. The one place the rule lives, for text and JSON alike.

use super::Rate;
use std::collections::HashMap;

/// Rates gathered one by one, each pair kept once.
#[derive(Debug, Default)]
pub struct Ticker {
    rates: Vec<Rate>,
    index: HashMap<String, usize>,
}

impl Ticker {
    /// Adds a rate: a new pair goes last; a pair seen before takes the new figures in its
    /// old place.
    pub fn add(&mut self, rate: Rate) {
        match self.index.get(&rate.pair) {
            Some(&i) => self.rates[i] = rate,
            None => {
                self.index.insert(rate.pair.clone(), self.rates.len());
                self.rates.push(rate);
            }
        }
    }

    pub fn into_rates(self) -> Vec<Rate> {
        self.rates
    }
}
