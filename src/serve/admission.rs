//! Who may start a connection, decided before the key exchange costs anything: at most
//! `max_startups` connections not yet authenticated in all and `per_address` from one address
//! (sshd's MaxStartups), and at most `per_minute` new connections from one address in a minute.
//! A refused connection is closed at once; an admitted one holds a [`Startup`] until it
//! authenticates or ends. Pure bookkeeping, no I/O, so every limit has a unit test.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_startups: usize,
    pub per_address: usize,
    pub per_minute: usize,
}

/// Why a connection was closed before the key exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many connections not yet authenticated, in all.
    Startups,
    /// Too many not yet authenticated from this address.
    AddressStartups,
    /// Too many new connections from this address this minute.
    AddressRate,
}

impl Refusal {
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::Startups => "too many connections not yet authenticated",
            Refusal::AddressStartups => {
                "too many connections not yet authenticated from this address"
            }
            Refusal::AddressRate => "too many connections from this address this minute",
        }
    }
}

#[derive(Default)]
struct Counts {
    startups: usize,
    by_address: HashMap<IpAddr, usize>,
    recent: HashMap<IpAddr, VecDeque<Instant>>,
}

/// The admission desk every connection passes.
#[derive(Clone)]
pub struct Admission {
    limits: Limits,
    counts: Arc<Mutex<Counts>>,
}

/// A connection not yet authenticated: counted until [`Startup::authenticated`] or drop.
pub struct Startup {
    counts: Arc<Mutex<Counts>>,
    address: IpAddr,
    counted: bool,
}

impl Admission {
    pub fn new(limits: Limits) -> Self {
        Admission {
            limits,
            counts: Arc::default(),
        }
    }

    /// Admits a new connection from `address` at `now`, or says why not.
    pub fn admit(&self, address: IpAddr, now: Instant) -> Result<Startup, Refusal> {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        // Forget what is more than a minute old, so the table cannot grow without bound.
        counts.recent.retain(|_, times| {
            while times
                .front()
                .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(60))
            {
                times.pop_front();
            }
            !times.is_empty()
        });
        let times = counts.recent.entry(address).or_default();
        times.push_back(now);
        if times.len() > self.limits.per_minute {
            return Err(Refusal::AddressRate);
        }
        if counts.startups >= self.limits.max_startups {
            return Err(Refusal::Startups);
        }
        let here = counts.by_address.get(&address).copied().unwrap_or(0);
        if here >= self.limits.per_address {
            return Err(Refusal::AddressStartups);
        }
        counts.startups += 1;
        *counts.by_address.entry(address).or_default() += 1;
        Ok(Startup {
            counts: self.counts.clone(),
            address,
            counted: true,
        })
    }

    /// Connections not yet authenticated, in all.
    #[cfg(test)]
    pub fn startups(&self) -> usize {
        self.counts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .startups
    }
}

impl Startup {
    /// The connection authenticated: it no longer counts against the startup limits.
    pub fn authenticated(&mut self) {
        self.release();
    }

    fn release(&mut self) {
        if !std::mem::take(&mut self.counted) {
            return;
        }
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        counts.startups = counts.startups.saturating_sub(1);
        if let Some(n) = counts.by_address.get_mut(&self.address) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.by_address.remove(&self.address);
            }
        }
    }
}

impl Drop for Startup {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desk(max_startups: usize, per_address: usize, per_minute: usize) -> Admission {
        Admission::new(Limits {
            max_startups,
            per_address,
            per_minute,
        })
    }

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([127, 0, 0, last])
    }

    #[test]
    fn unauthenticated_connections_are_capped_in_all_and_per_address() {
        let desk = desk(3, 2, 100);
        let now = Instant::now();
        let a1 = desk.admit(ip(1), now).unwrap();
        let _a2 = desk.admit(ip(1), now).unwrap();
        assert_eq!(desk.admit(ip(1), now).err(), Some(Refusal::AddressStartups));
        let _b1 = desk.admit(ip(2), now).unwrap();
        assert_eq!(desk.admit(ip(3), now).err(), Some(Refusal::Startups));
        // One that ends frees its place.
        drop(a1);
        assert_eq!(desk.startups(), 2);
        assert!(desk.admit(ip(3), now).is_ok());
    }

    #[test]
    fn an_authenticated_connection_no_longer_counts() {
        let desk = desk(1, 1, 100);
        let now = Instant::now();
        let mut first = desk.admit(ip(1), now).unwrap();
        assert!(desk.admit(ip(1), now).is_err());
        first.authenticated();
        assert_eq!(desk.startups(), 0);
        let _second = desk.admit(ip(1), now).unwrap();
        drop(first);
        assert_eq!(
            desk.startups(),
            1,
            "releasing twice must not free another's place"
        );
    }

    #[test]
    fn an_address_gets_so_many_new_connections_a_minute() {
        let desk = desk(100, 100, 3);
        let now = Instant::now();
        let kept: Vec<Startup> = (0..3).map(|_| desk.admit(ip(1), now).unwrap()).collect();
        assert_eq!(desk.admit(ip(1), now).err(), Some(Refusal::AddressRate));
        assert!(
            desk.admit(ip(2), now).is_ok(),
            "another address is not held back"
        );
        let later = now + Duration::from_secs(61);
        assert!(
            desk.admit(ip(1), later).is_ok(),
            "a minute later it may again"
        );
        drop(kept);
    }
}
