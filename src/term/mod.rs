//! The terminal: the bytes it sends read as keys (`input`, `key`), and a ratatui backend
//! that spends few bytes over SSH (`backend`). Independent of the rest of the crate.

pub mod backend;
pub mod input;
pub mod key;
