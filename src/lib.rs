//! `bulletin`: a terminal reader for daily regional news bulletins.
//!
//! The layers, from pure to impure:
//! - [`bulletin`]: bytes to a clean model (`Bulletin`), the rules of FORMAT.md; no I/O.
//! - [`wrap`]: text laid out at a width, measured in display columns.
//! - [`plain`]: the model as readable plain text.
//! - [`input`]: loading a bulletin from a path or standard input, with clear refusals.

pub mod bulletin;
pub mod glyphs;
pub mod input;
pub mod plain;
pub mod ticker;
pub mod wrap;

pub use bulletin::{Article, Block, Bulletin, Date, Direction, Rate};
pub mod action;
pub mod app;
pub mod backend;
pub mod keymap;
pub mod layout;
pub mod search;
pub mod terminal;
pub mod ui;
