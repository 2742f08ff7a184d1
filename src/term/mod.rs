//! The terminal: a ratatui backend that spends few bytes over SSH. Independent of the rest
//! of the crate.

pub mod backend;
