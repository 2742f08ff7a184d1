//! The reader: its state and the one place it changes (`app`), the actions keys ask for,
//! the key table, the one event channel, the screen's geometry, the view, and the loop
//! that runs it all.

pub mod action;
pub mod app;
pub mod archivist;
pub mod areas;
pub mod asks;
pub mod event;
pub mod help;
pub mod host;
pub mod keymap;
pub mod list;
pub mod terminal;
pub mod theme;
pub mod ui;
