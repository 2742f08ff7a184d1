//! Who may come in: at most so many sessions at once, so many from one address, and new
//! connections from one address at a pace (a token bucket, `governor`). Each admitted
//! connection holds a ticket; dropping it frees its place.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

/// The limits and who holds a place now.
pub struct Limits {
    max_sessions: u32,
    max_per_address: u32,
    per_minute: u32,
    held: Mutex<Held>,
    pace: DefaultKeyedRateLimiter<IpAddr>,
}

#[derive(Default)]
struct Held {
    total: u32,
    by_address: HashMap<IpAddr, u32>,
}

/// A place held by an admitted connection, given back when dropped.
pub struct Ticket {
    limits: Arc<Limits>,
    address: IpAddr,
}

impl Limits {
    pub fn new(max_sessions: u32, max_per_address: u32, per_minute: u32) -> Arc<Limits> {
        let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        Arc::new(Limits {
            max_sessions,
            max_per_address,
            per_minute,
            held: Mutex::new(Held::default()),
            pace: RateLimiter::keyed(Quota::per_minute(n)),
        })
    }

    /// A place for a connection from `address`, or the one line that says why not.
    pub fn admit(self: &Arc<Self>, address: IpAddr) -> Result<Ticket, String> {
        if self.pace.check_key(&address).is_err() {
            return Err(format!(
                "too many connections from {address}: at most {} a minute; try again in a minute",
                self.per_minute
            ));
        }
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        if held.total >= self.max_sessions {
            return Err(format!(
                "the service is full ({} sessions): try again later",
                self.max_sessions
            ));
        }
        let mine = held.by_address.entry(address).or_insert(0);
        if *mine >= self.max_per_address {
            return Err(format!(
                "too many sessions from {address} (at most {} at once): close one first",
                self.max_per_address
            ));
        }
        *mine += 1;
        held.total += 1;
        Ok(Ticket {
            limits: Arc::clone(self),
            address,
        })
    }

    /// Sessions held now.
    #[cfg(test)]
    pub fn held(&self) -> u32 {
        self.held.lock().map(|h| h.total).unwrap_or(0)
    }

    /// Forgets the buckets of addresses that have not come lately (they are full again).
    pub fn tidy(&self) {
        self.pace.retain_recent();
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut held = self.limits.held.lock().unwrap_or_else(|e| e.into_inner());
        held.total = held.total.saturating_sub(1);
        if let Some(n) = held.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                held.by_address.remove(&self.address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    #[test]
    fn places_are_counted_per_address_and_in_all_and_given_back() {
        let limits = Limits::new(3, 2, 100);
        let a1 = limits.admit(ip(1)).unwrap();
        let _a2 = limits.admit(ip(1)).unwrap();
        let e = limits.admit(ip(1)).err().unwrap();
        assert!(
            e.contains("too many sessions from 10.0.0.1 (at most 2"),
            "{e}"
        );
        let _b = limits.admit(ip(2)).unwrap();
        let e = limits.admit(ip(3)).err().unwrap();
        assert!(e.contains("the service is full (3 sessions)"), "{e}");
        drop(a1);
        assert_eq!(limits.held(), 2);
        assert!(
            limits.admit(ip(1)).is_ok(),
            "a place given back is free again"
        );
    }

    #[test]
    fn new_connections_from_one_address_are_paced() {
        let limits = Limits::new(100, 100, 5);
        for _ in 0..5 {
            drop(limits.admit(ip(1)).unwrap());
        }
        let e = limits.admit(ip(1)).err().unwrap();
        assert!(e.contains("at most 5 a minute"), "{e}");
        assert!(
            limits.admit(ip(2)).is_ok(),
            "another address has its own bucket"
        );
    }
}
