//! Sessions: a place among `--max-sessions` and the key's `--max-sessions-per-key`, taken when a
//! browser or command starts and given back when it ends, whatever ends it.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::Shared;

/// A place among `--max-sessions` and the key's `--max-sessions-per-key`, given back when dropped.
pub(super) struct Slot {
    shared: Arc<Shared>,
    key: String,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.shared.sessions.fetch_sub(1, Ordering::SeqCst);
        let mut per_key = self
            .shared
            .per_key
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some(n) = per_key.get_mut(&self.key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                per_key.remove(&self.key);
            }
        }
    }
}

/// A session's place, or what to tell the client when there is none: the server is full, or
/// this key holds its share already.
pub(super) fn take(shared: &Arc<Shared>, key: String) -> Result<Slot, String> {
    let max = shared.options.max_sessions;
    shared
        .sessions
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            (n < max).then_some(n + 1)
        })
        .map_err(|_| {
            format!("casebook: the server is full ({max} sessions); try again later\r\n")
        })?;
    let held = {
        let mut per_key = shared.per_key.lock().unwrap_or_else(|p| p.into_inner());
        let held = per_key.entry(key.clone()).or_default();
        *held += 1;
        *held
    };
    // Made before the check, so that a refusal gives both counts back.
    let slot = Slot {
        shared: shared.clone(),
        key,
    };
    if held > shared.options.max_sessions_per_key {
        return Err(format!(
            "casebook: this key has {} sessions open already; close one first\r\n",
            shared.options.max_sessions_per_key
        ));
    }
    Ok(slot)
}
