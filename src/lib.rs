//! `bulletin`: a terminal reader for daily regional news bulletins.
//!
//! The layers, from pure to impure (see ARCHITECTURE.md):
//! - [`model`]: bytes to a clean [`Bulletin`], the rules of the format (text, JSON, web
//!   pages, feeds); no I/O.
//! - [`text`]: pure text work in display columns: wrapping, a story's layout, search, the
//!   ticker's marquee, glyphs, the plain-text form.
//! - [`config`]: the settings file, read and checked.
//! - [`source`]: where bulletins come from (a file, standard input, the built-in sample,
//!   an http(s) address), and file watching.
//! - [`archive`]: every bulletin kept in SQLite: days, rates' history, search, read state.
//! - [`sync`]: fetching sources into the archive, where the network meets the database.
//! - [`cli`]: the command line and its commands.
//! - [`tui`]: the reader: its state and `update`, the key table, the view, the run loop.
//! - [`term`]: the terminal itself: the lean backend; it imports nothing of ours.

pub mod archive;
pub mod cli;
pub mod config;
pub mod model;
pub mod serve;
pub mod source;
pub mod sync;
pub mod term;
pub mod text;
pub mod tui;

pub use model::{Article, Block, Bulletin, Date, Direction, Rate};
