//! Pure text work, measured in display columns: wrapping and truncation, a story laid out at
//! a width, search, the ticker's marquee, the glyphs drawn with, and the plain-text form.

pub mod ascii;
pub mod glyphs;
pub mod layout;
pub mod marquee;
pub mod plain;
pub mod search;
pub mod suggest;
pub mod wrap;
