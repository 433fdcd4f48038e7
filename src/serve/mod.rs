//! `casebook serve`: one casebook for a whole office, over its own SSH server (russh).
//!
//! Officers reach it with `ssh -p 2222 casebook.office` and their own key: public-key
//! authentication only, against an OpenSSH `authorized_keys` file read again whenever it changes
//! ([`keys`]). A shell request opens the browser on a thread of its own, so that one session's
//! panic ends that session only ([`browser`]); an exec request runs one of the read-only commands
//! as a child process of this binary ([`exec`]). Nothing else is served: forwarding, agents, X11
//! and subsystems are refused ([`connection`]). One line per connection goes to stderr.

mod browser;
mod connection;
mod exec;
mod keys;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::keys::HashAlg;
use russh::server::Server as _;
use russh::{MethodKind, MethodSet};

use crate::library::Library;

use browser::Input;
use connection::Connection;
use keys::AuthorizedKeys;
pub use keys::{default_authorized_keys, default_host_key, host_key, parse_authorized_keys};

/// What `casebook serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub authorized_keys: PathBuf,
    pub host_key: PathBuf,
    pub max_sessions: usize,
    /// New connections one address may make in a minute; beyond, they are refused.
    pub per_address_per_minute: usize,
    pub idle_timeout: Duration,
    /// The office's library directory, passed on to exec'd commands.
    pub cases: Option<PathBuf>,
    pub only: bool,
}

/// What every connection shares.
pub(super) struct Shared {
    library: &'static Library,
    options: ServeOptions,
    authorized: Mutex<AuthorizedKeys>,
    sessions: AtomicUsize,
    /// Every browser's input, by number. The only sender of each: removed when its channel or
    /// connection ends, which ends the browser's thread and frees its slot.
    browsers: Mutex<HashMap<u64, std::sync::mpsc::Sender<Input>>>,
    next_browser: std::sync::atomic::AtomicU64,
    /// When each address last connected, within the last minute.
    recent: Mutex<HashMap<std::net::IpAddr, std::collections::VecDeque<Instant>>>,
}

impl Shared {
    /// Closes these browsers' input, which ends them.
    fn forget(&self, ids: &[u64]) {
        let mut browsers = self.browsers.lock().unwrap_or_else(|p| p.into_inner());
        for id in ids {
            browsers.remove(id);
        }
    }

    fn send(&self, id: u64, input: Input) {
        let browsers = self.browsers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(browser) = browsers.get(&id) {
            let _ = browser.send(input);
        }
    }

    /// Counts a new connection from `address`; false when it is one too many this minute.
    fn admit(&self, address: Option<SocketAddr>) -> bool {
        let Some(ip) = address.map(|a| a.ip()) else {
            return true;
        };
        let now = Instant::now();
        let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        // Forget addresses quiet for a minute, so the table cannot grow without bound.
        recent.retain(|_, times| {
            while times
                .front()
                .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(60))
            {
                times.pop_front();
            }
            !times.is_empty()
        });
        let times = recent.entry(ip).or_default();
        times.push_back(now);
        times.len() <= self.options.per_address_per_minute
    }
}

/// The time now, in UTC, as a log line starts.
pub(super) fn timestamp() -> String {
    crate::training::clock::format(crate::training::clock::now())
}

struct Listener {
    shared: Arc<Shared>,
}

impl russh::server::Server for Listener {
    type Handler = Connection;

    fn new_client(&mut self, address: Option<SocketAddr>) -> Connection {
        let throttled = !self.shared.admit(address);
        Connection::new(self.shared.clone(), address, throttled)
    }
}

/// Serves until the process is stopped.
pub fn run(library: &'static Library, options: ServeOptions) -> Result<(), String> {
    let key = host_key(&options.host_key)?;
    eprintln!(
        "casebook serve: host key {} ({})",
        key.public_key().fingerprint(HashAlg::Sha256),
        options.host_key.display()
    );
    let mut authorized = AuthorizedKeys::new(options.authorized_keys.clone());
    if !authorized.path().exists() {
        return Err(format!(
            "{}: no authorized keys file; put each officer's public key in it, one per line",
            authorized.path().display()
        ));
    }
    authorized.current();
    let config = russh::server::Config {
        methods: MethodSet::from(&[MethodKind::PublicKey][..]),
        auth_rejection_time: Duration::from_millis(500),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        inactivity_timeout: Some(options.idle_timeout + Duration::from_secs(60)),
        nodelay: true,
        ..Default::default()
    };
    let listen = options.listen;
    let shared = Arc::new(Shared {
        library,
        options,
        authorized: Mutex::new(authorized),
        sessions: AtomicUsize::new(0),
        browsers: Mutex::new(HashMap::new()),
        next_browser: std::sync::atomic::AtomicU64::new(0),
        recent: Mutex::new(HashMap::new()),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate()).map_err(|e| e.to_string())?;
        let mut interrupt = signal(SignalKind::interrupt()).map_err(|e| e.to_string())?;
        let mut hangup = signal(SignalKind::hangup()).map_err(|e| e.to_string())?;
        let reread = shared.clone();
        tokio::spawn(async move {
            while hangup.recv().await.is_some() {
                let mut authorized = reread.authorized.lock().unwrap_or_else(|p| p.into_inner());
                authorized.reload();
            }
        });
        let mut listener = Listener {
            shared: shared.clone(),
        };
        let socket = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("{listen}: {e}"))?;
        eprintln!("casebook serve: listening on {listen}");
        let mut serving = listener.run_on_socket(Arc::new(config), &socket);
        let server = serving.handle();
        // On a signal the server keeps running while the browsers are told and end, so that
        // their last words reach them; then the connections are closed.
        let stopping = async {
            tokio::select! {
                _ = terminate.recv() => {}
                _ = interrupt.recv() => {}
            }
            stop(&shared).await;
            server.shutdown("casebook is stopping".into());
        };
        tokio::select! {
            result = &mut serving => result.map_err(|e| format!("{listen}: {e}")),
            () = stopping => {
                let _ = tokio::time::timeout(Duration::from_millis(500), &mut serving).await;
                Ok(())
            }
        }
    })
}

/// Stops accepting, tells every browser, and waits up to 4 s for the sessions to end.
async fn stop(shared: &Shared) {
    eprintln!("casebook serve: stopping");
    for browser in shared
        .browsers
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .values()
    {
        let _ = browser.send(Input::Stop);
    }
    let deadline = Instant::now() + Duration::from_secs(4);
    while shared.sessions.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The last frames and exit statuses go out before the connections close.
    tokio::time::sleep(Duration::from_millis(200)).await;
}
