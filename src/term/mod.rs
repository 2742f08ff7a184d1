//! The terminal: the bytes it sends read as keys (`input`, `key`), the device's modes and
//! size (`tty`), and a ratatui backend that spends few bytes over SSH (`backend`).
//! Independent of the rest of the crate.

pub mod backend;
pub mod input;
pub mod key;
pub mod modes;
pub mod tty;
