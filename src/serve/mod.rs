//! `casebook serve`: one casebook for a whole office, over its own SSH server (russh).
//!
//! Officers reach it with `ssh -p 2222 casebook.office` and their own key: public-key
//! authentication only, against an OpenSSH `authorized_keys` file read again whenever it changes
//! ([`keys`]). A shell request opens the browser on a thread of its own, so that one session's
//! panic ends that session only ([`browser`]); an exec request runs one of the read-only commands
//! as a child process of this binary ([`exec`]). Nothing else is served: forwarding, agents, X11
//! and subsystems are refused ([`connection`]). One line per connection goes to stderr.

mod admission;
mod authorized;
mod browser;
mod connection;
mod crypto;
pub(crate) mod exec;
mod keys;
mod slot;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::keys::HashAlg;
use russh::{MethodKind, MethodSet};

use crate::library::Library;

use browser::Input;
use connection::Connection;
use keys::AuthorizedKeys;
pub use keys::{default_authorized_keys, default_host_key, host_key};

/// What `casebook serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub authorized_keys: PathBuf,
    pub host_key: PathBuf,
    pub max_sessions: usize,
    /// New connections one address may make in a minute; beyond, they are closed at once.
    pub per_address_per_minute: usize,
    pub max_sessions_per_key: usize,
    /// Connections not yet authenticated: in all, and from one address.
    pub max_startups: usize,
    pub max_startups_per_address: usize,
    /// The time a connection has to authenticate.
    pub login_grace_time: Duration,
    pub idle_timeout: Duration,
    /// The office's library directory, passed on to exec'd commands.
    pub cases: Option<PathBuf>,
    pub only: bool,
    /// The server's language chosen on purpose (`--lang`, `CASEBOOK_LANG`, its config file):
    /// a client's own CASEBOOK_LANG beats it, and it beats the client's locale.
    pub lang: Option<crate::msg::Lang>,
    /// Where each person's progress is kept (`STATE/people/NAME/`); `None`: not kept.
    pub state: Option<PathBuf>,
}

/// What every connection shares.
pub(super) struct Shared {
    library: &'static Library,
    options: ServeOptions,
    authorized: Mutex<AuthorizedKeys>,
    sessions: AtomicUsize,
    /// Sessions held per key (its fingerprint), against `max_sessions_per_key`.
    per_key: Mutex<HashMap<String, usize>>,
    /// Every browser's input, by number. The only sender of each: removed when its channel or
    /// connection ends, which ends the browser's thread and frees its slot.
    browsers: Mutex<HashMap<u64, std::sync::mpsc::SyncSender<Input>>>,
    next_browser: std::sync::atomic::AtomicU64,
    /// Every live connection's handle, to close them all when the server stops.
    connections: Mutex<HashMap<u64, russh::server::Handle>>,
}

impl Shared {
    /// Closes these browsers' input, which ends them.
    fn forget(&self, ids: &[u64]) {
        let mut browsers = self.browsers.lock().unwrap_or_else(|p| p.into_inner());
        for id in ids {
            browsers.remove(id);
        }
    }

    /// Hands input to a browser, waiting while its queue is full: the connection is not read
    /// meanwhile, so a client typing faster than the browser draws is slowed, not buffered.
    async fn send(&self, id: u64, mut input: Input) {
        let Some(browser) = self
            .browsers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
            .cloned()
        else {
            return;
        };
        loop {
            match browser.try_send(input) {
                Ok(()) => return,
                Err(std::sync::mpsc::TrySendError::Full(back)) => {
                    input = back;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                Err(std::sync::mpsc::TrySendError::Disconnected(_)) => return,
            }
        }
    }
}

/// A log line: the time, then what happened, cut to [`LOG_LINE`] bytes.
pub(super) fn log(line: &str) {
    let mut line = crate::text::sanitize_line(line);
    cut(&mut line, LOG_LINE);
    eprintln!("{} casebook serve: {line}", timestamp());
}

/// Cuts `text` to at most `max` bytes at a character's edge, marking the cut with `…`.
pub(super) fn cut(text: &mut String, max: usize) {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
}

/// Asks a connection to close, saying why.
async fn disconnect(handle: &russh::server::Handle, why: &str) {
    let _ = handle
        .disconnect(russh::Disconnect::ByApplication, why.into(), String::new())
        .await;
}

/// The longest log line, in bytes: whatever a client sends, the log stays readable.
pub(super) const LOG_LINE: usize = 2048;

/// The time now, in UTC, as a log line starts.
pub(super) fn timestamp() -> String {
    crate::training::clock::format(crate::training::clock::now())
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
    let config = Arc::new(russh::server::Config {
        methods: MethodSet::from(&[MethodKind::PublicKey][..]),
        auth_rejection_time: Duration::from_millis(500),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        inactivity_timeout: Some(options.idle_timeout + Duration::from_secs(60)),
        nodelay: true,
        preferred: crypto::preferred(),
        ..Default::default()
    });
    let listen = options.listen;
    let admission = admission::Admission::new(admission::Limits {
        max_startups: options.max_startups,
        per_address: options.max_startups_per_address,
        per_minute: options.per_address_per_minute,
    });
    let shared = Arc::new(Shared {
        library,
        options,
        authorized: Mutex::new(authorized),
        sessions: AtomicUsize::new(0),
        per_key: Mutex::new(HashMap::new()),
        browsers: Mutex::new(HashMap::new()),
        next_browser: std::sync::atomic::AtomicU64::new(0),
        connections: Mutex::new(HashMap::new()),
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
        let socket = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("{listen}: {e}"))?;
        eprintln!("casebook serve: listening on {listen}");
        let stopping = async {
            tokio::select! {
                _ = terminate.recv() => {}
                _ = interrupt.recv() => {}
            }
        };
        tokio::pin!(stopping);
        let mut next = 0u64;
        loop {
            tokio::select! {
                accepted = socket.accept() => match accepted {
                    Ok((stream, peer)) => match admission.admit(peer.ip(), Instant::now()) {
                        // Closed before the key exchange costs anything.
                        Err(refusal) => log(&format!("{peer} closed: {}", refusal.reason())),
                        Ok(startup) => {
                            next += 1;
                            tokio::spawn(serve_connection(
                                shared.clone(),
                                config.clone(),
                                stream,
                                peer,
                                startup,
                                next,
                            ));
                        }
                    },
                    // Out of descriptors (EMFILE) or another passing failure: the server goes
                    // on, after a pause that lets connections end.
                    Err(error) => {
                        log(&format!("cannot accept a connection: {error}; trying again"));
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                },
                () = &mut stopping => break,
            }
        }
        // The browsers are told and end, so that their last words reach them; then the
        // connections are closed.
        stop(&shared).await;
        let handles: Vec<russh::server::Handle> = shared
            .connections
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .cloned()
            .collect();
        for handle in handles {
            disconnect(&handle, "casebook is stopping").await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        Ok(())
    })
}

/// One connection, from the first byte to the last: it has `login_grace_time` to authenticate
/// (the SSH banner exchange included), else it is closed and logged.
async fn serve_connection(
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    startup: admission::Startup,
    number: u64,
) {
    log(&format!("{peer} connected"));
    let _ = stream.set_nodelay(true);
    let authenticated = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let handler = Connection::new(shared.clone(), Some(peer), startup, authenticated.clone());
    let grace = tokio::time::sleep(shared.options.login_grace_time);
    tokio::pin!(grace);
    let running = tokio::select! {
        started = russh::server::run_stream(config, stream, handler) => match started {
            Ok(running) => running,
            Err(error) => {
                log(&format!("{peer} ended before authenticating: {error}"));
                return;
            }
        },
        () = &mut grace => {
            log(&format!("{peer} closed: not authenticated within {} s", shared.options.login_grace_time.as_secs()));
            return;
        }
    };
    let handle = running.handle();
    shared
        .connections
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(number, handle.clone());
    tokio::pin!(running);
    let mut graced = false;
    loop {
        tokio::select! {
            _ = &mut running => break,
            () = &mut grace, if !graced => {
                graced = true;
                if !authenticated.load(Ordering::SeqCst) {
                    log(&format!(
                        "{peer} closed: not authenticated within {} s",
                        shared.options.login_grace_time.as_secs()
                    ));
                    disconnect(&handle, "authentication took too long").await;
                    let _ = tokio::time::timeout(Duration::from_secs(1), &mut running).await;
                    break;
                }
            }
        }
    }
    shared
        .connections
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&number);
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
