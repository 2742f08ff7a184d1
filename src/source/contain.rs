//! A panic while a source is read is that source's failure, never the process's: the reader
//! keeps its screen, and `fetch` and `import` go on with the sources after it.
//!
//! The reader's panic hook gives the terminal back and exits at any panic; while a source is
//! read under [`contained`], the hooks stand aside (see [`is_contained`]) and the panic
//! unwinds to here, where it becomes an error. (A stack overflow cannot be caught: reading
//! never recurses without bound, see `model::nesting`.)

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CONTAINED: Cell<u32> = const { Cell::new(0) };
}

/// True while this thread runs under [`contained`]: a panic hook then leaves the panic to it.
pub fn is_contained() -> bool {
    CONTAINED.with(|c| c.get() > 0)
}

/// Runs `read`; a panic in it is returned as an error naming what went wrong, and printed
/// nowhere.
pub fn contained<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    static QUIET: Once = Once::new();
    QUIET.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !is_contained() {
                previous(info);
            }
        }));
    });
    CONTAINED.with(|c| c.set(c.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    CONTAINED.with(|c| c.set(c.get() - 1));
    result.map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        format!("an internal error while reading it ({what})")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_the_readings_error_and_the_thread_goes_on() {
        assert_eq!(contained(|| 5), Ok(5));
        let failed = contained(|| -> u8 { panic!("bad page") });
        assert_eq!(
            failed,
            Err("an internal error while reading it (bad page)".to_owned())
        );
        assert!(!is_contained());
        assert_eq!(contained(|| contained(|| 1)), Ok(Ok(1)));
    }
}
