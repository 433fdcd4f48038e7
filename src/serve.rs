//! `casebook serve`: one casebook for a whole office, over its own SSH server (russh).
//!
//! Officers reach it with `ssh -p 2222 casebook.office` and their own key: public-key
//! authentication only, against an OpenSSH `authorized_keys` file read again whenever it changes.
//! A shell request opens the browser (a [`Session`] of its own, on a thread of its own, so that
//! one session's panic ends that session only); an exec request runs one of the read-only
//! commands (`list`, `search`, `show`, `similar`, `statute`, `stats`) as a child process of this
//! binary, and returns its output and exit status. Nothing else is served: forwarding, agents,
//! X11 and subsystems are refused. One line per connection goes to stderr.

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use russh::keys::{HashAlg, PrivateKey, PublicKey};
use russh::server::{Auth, Handle, Msg, Server as _, Session as SshSession};
use russh::{Channel, ChannelId, MethodKind, MethodSet};

use crate::library::Library;
use crate::tui::keymap;
use crate::tui::session::{Session, SessionOptions};
use crate::tui::types::Look;

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

/// The commands an exec request may run: they only read.
const READ_ONLY: [&str; 6] = ["list", "search", "show", "similar", "statute", "stats"];
/// Options an exec request may not give: they would read or write the server's files.
const REFUSED_OPTIONS: [&str; 4] = ["--cases", "--config", "--state", "--no-cache"];

/// Where the host key is kept when `--host-key` is not given.
pub fn default_host_key() -> Option<PathBuf> {
    let nonempty = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    let base = nonempty("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| nonempty("HOME").map(|h| PathBuf::from(h).join(".local").join("share")))?;
    Some(base.join("casebook").join("host_ed25519"))
}

/// Where the authorized keys are read when `--authorized-keys` is not given.
pub fn default_authorized_keys() -> Option<PathBuf> {
    let nonempty = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    let base = nonempty("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| nonempty("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("casebook").join("authorized_keys"))
}

/// The host key: read (refused if others may read it), or made on first start (ed25519, 0600).
pub fn host_key(path: &Path) -> Result<PrivateKey, String> {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::metadata(path) {
        Ok(meta) => {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(format!(
                    "{}: the host key may be read by others (mode {mode:o}); run chmod 600 {0}",
                    path.display()
                ));
            }
            russh::keys::load_secret_key(path, None)
                .map_err(|e| format!("{}: cannot read the host key: {e}", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = PrivateKey::random(&mut rand::rng(), russh::keys::Algorithm::Ed25519)
                .map_err(|e| format!("cannot make a host key: {e}"))?;
            let text = key
                .to_openssh(russh::keys::ssh_key::LineEnding::LF)
                .map_err(|e| format!("cannot write the host key: {e}"))?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode_0600()
                .open(path)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!("casebook serve: made a new host key {}", path.display());
            Ok(key)
        }
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Opening a file with mode 0600 from the start, so the key is never readable by others.
trait Mode0600 {
    fn mode_0600(&mut self) -> &mut Self;
}

impl Mode0600 for std::fs::OpenOptions {
    fn mode_0600(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt;
        self.mode(0o600)
    }
}

/// The keys of an OpenSSH `authorized_keys` file: one key per line, options before it allowed
/// (and ignored), comments and blank lines skipped. Lines that are not keys are reported.
pub fn parse_authorized_keys(text: &str) -> (Vec<PublicKey>, Vec<String>) {
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // The key starts at its type (`ssh-ed25519 AAAA…`), after any options.
        let start = line
            .split_whitespace()
            .position(|w| w.starts_with("ssh-") || w.starts_with("ecdsa-") || w.starts_with("sk-"));
        let key = start.and_then(|at| {
            let from: Vec<&str> = line.split_whitespace().skip(at).collect();
            PublicKey::from_openssh(&from.join(" ")).ok()
        });
        match key {
            Some(key) => keys.push(key),
            None => problems.push(format!("line {}: not a public key", n + 1)),
        }
    }
    (keys, problems)
}

/// The authorized keys, read again when the file changes.
struct AuthorizedKeys {
    path: PathBuf,
    seen: Option<(SystemTime, u64)>,
    keys: Vec<PublicKey>,
}

impl AuthorizedKeys {
    fn current(&mut self) -> &[PublicKey] {
        let stamp = std::fs::metadata(&self.path)
            .ok()
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        if stamp != self.seen {
            self.seen = stamp;
            let text = std::fs::read_to_string(&self.path).unwrap_or_default();
            let (keys, problems) = parse_authorized_keys(&text);
            for problem in problems {
                eprintln!("casebook serve: {}: {problem}", self.path.display());
            }
            eprintln!(
                "casebook serve: {} authorized key(s) from {}",
                keys.len(),
                self.path.display()
            );
            self.keys = keys;
        }
        &self.keys
    }
}

/// What every connection shares.
struct Shared {
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

/// One connection: its client, its key once known, its channels.
struct Connection {
    shared: Arc<Shared>,
    address: Option<SocketAddr>,
    fingerprint: Option<String>,
    /// Over the per-address limit: every authentication is refused.
    throttled: bool,
    ran: Vec<String>,
    /// Per channel: the pty's terminal type and size, and whether NO_COLOR was sent.
    ptys: HashMap<ChannelId, (String, u16, u16)>,
    no_color: bool,
    /// The client's language settings (LANG, LC_*, CASEBOOK_LANG), if it sent them.
    locale: HashMap<String, String>,
    /// Per channel with a browser: its number in [`Shared::browsers`].
    browsers: HashMap<ChannelId, u64>,
    started: Instant,
}

/// What a browser's thread is told.
enum Input {
    Bytes(Vec<u8>),
    Resize(u16, u16),
    /// The server is stopping.
    Stop,
}

impl Drop for Connection {
    fn drop(&mut self) {
        // A client gone (or killed) ends its browsers: their input closes.
        let ids: Vec<u64> = self.browsers.drain().map(|(_, id)| id).collect();
        self.shared.forget(&ids);
        let address = self.address.map_or("?".to_string(), |a| a.to_string());
        let key = self.fingerprint.as_deref().unwrap_or("no key accepted");
        let ran = if self.ran.is_empty() {
            "nothing".to_string()
        } else {
            self.ran.join("; ")
        };
        eprintln!(
            "{} casebook serve: {address} {key} ran {ran}; closed after {:.1} s",
            timestamp(),
            self.started.elapsed().as_secs_f64()
        );
    }
}

/// The time now, in UTC, as a log line starts.
fn timestamp() -> String {
    crate::training::clock::format(crate::training::clock::now())
}

struct Listener {
    shared: Arc<Shared>,
}

impl russh::server::Server for Listener {
    type Handler = Connection;

    fn new_client(&mut self, address: Option<SocketAddr>) -> Connection {
        let throttled = !self.shared.admit(address);
        Connection {
            shared: self.shared.clone(),
            address,
            fingerprint: None,
            throttled,
            ran: Vec::new(),
            ptys: HashMap::new(),
            no_color: false,
            locale: HashMap::new(),
            browsers: HashMap::new(),
            started: Instant::now(),
        }
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_publickey(&mut self, _user: &str, key: &PublicKey) -> Result<Auth, Self::Error> {
        if self.throttled {
            if self.ran.is_empty() {
                self.ran
                    .push("nothing: too many connections from this address this minute".into());
            }
            return Ok(Auth::reject());
        }
        let known = {
            let mut authorized = self
                .shared
                .authorized
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            authorized
                .current()
                .iter()
                .any(|k| k.key_data() == key.key_data())
        };
        if known {
            self.fingerprint = Some(key.fingerprint(HashAlg::Sha256).to_string());
            Ok(Auth::Accept)
        } else {
            Ok(Auth::Reject {
                proceed_with_methods: Some(MethodSet::from(&[MethodKind::PublicKey][..])),
                partial_success: false,
            })
        }
    }

    async fn channel_open_session(
        &mut self,
        _channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        width: u32,
        height: u32,
        _: u32,
        _: u32,
        _: &[(russh::Pty, u32)],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        let clamp =
            |n: u32, default: u16| u16::try_from(n).ok().filter(|&n| n > 0).unwrap_or(default);
        self.ptys.insert(
            channel,
            (term.to_string(), clamp(width, 80), clamp(height, 24)),
        );
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if name == "NO_COLOR" && !value.is_empty() {
            self.no_color = true;
        }
        if ["LANG", "LC_ALL", "LC_MESSAGES", "CASEBOOK_LANG"].contains(&name) {
            self.locale.insert(name.to_string(), value.to_string());
        }
        session.channel_success(channel)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        width: u32,
        height: u32,
        _: u32,
        _: u32,
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let (Some(&id), Ok(w), Ok(h)) = (
            self.browsers.get(&channel),
            u16::try_from(width),
            u16::try_from(height),
        ) && w > 0
            && h > 0
        {
            self.shared.send(id, Input::Resize(w, h));
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)?;
        let handle = session.handle();
        let Some(slot) = self.take_slot() else {
            refuse(handle, channel, self.full_message()).await;
            self.ran.push("browser (refused: full)".into());
            return Ok(());
        };
        let (term, width, height) =
            self.ptys
                .get(&channel)
                .cloned()
                .unwrap_or(("dumb".into(), 80, 24));
        let look = Look {
            ascii: crate::tui::ascii_terminal(Some(&term)),
            color: !self.no_color,
            ..Look::default()
        };
        let (input, inbox) = std::sync::mpsc::channel();
        let id = self.shared.next_browser.fetch_add(1, Ordering::SeqCst);
        self.shared
            .browsers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, input);
        self.browsers.insert(channel, id);
        self.ran.push("browser".into());
        let lang = self.lang();
        let browser = Browser {
            library: self.shared.library,
            idle: self.shared.options.idle_timeout,
            look,
            size: (width, height),
            catalog: lang.catalog(),
        };
        start_browser(browser, slot, handle, channel, inbox);
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(&id) = self.browsers.get(&channel) {
            self.shared.send(id, Input::Bytes(data.to_vec()));
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(id) = self.browsers.remove(&channel) {
            self.shared.forget(&[id]);
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)?;
        let handle = session.handle();
        let line = String::from_utf8_lossy(data).into_owned();
        let shown = crate::text::sanitize_line(&line);
        let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let allowed = words
            .first()
            .is_some_and(|w| READ_ONLY.contains(&w.as_str()))
            && !words.iter().any(|w| {
                REFUSED_OPTIONS
                    .iter()
                    .any(|o| w == o || w.starts_with(&format!("{o}=")))
            });
        if !allowed {
            self.ran.push(format!("`{shown}` (refused)"));
            let message = format!(
                "casebook: `{shown}` is not served here; the commands are: {}\r\n",
                READ_ONLY.join(", ")
            );
            let _ = handle.extended_data(channel, 1, message.into_bytes()).await;
            finish(&handle, channel, 2).await;
            return Ok(());
        }
        let Some(slot) = self.take_slot() else {
            refuse(handle, channel, self.full_message()).await;
            return Ok(());
        };
        self.ran.push(format!("`{shown}`"));
        let options = self.shared.options.clone();
        let lang = self.lang();
        tokio::spawn(async move {
            let _slot = slot;
            let output =
                tokio::task::spawn_blocking(move || run_command(&options, &words, lang)).await;
            let (stdout, stderr, status) = match output {
                Ok(Ok(out)) => (out.stdout, out.stderr, out.status.code().unwrap_or(1)),
                _ => (Vec::new(), b"casebook: the command failed\n".to_vec(), 1),
            };
            let _ = handle.data(channel, stdout).await;
            if !stderr.is_empty() {
                let _ = handle.extended_data(channel, 1, stderr).await;
            }
            finish(&handle, channel, status as u32).await;
        });
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _: Channel<Msg>,
        host: &str,
        port: u32,
        _: &str,
        _: u32,
        _reply: russh::server::ChannelOpenHandle,
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        // The reply dropped unanswered is a refusal.
        let host = crate::text::sanitize_line(host);
        self.ran
            .push(format!("forwarding to {host}:{port} (refused)"));
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _: Channel<Msg>,
        _: &str,
        _reply: russh::server::ChannelOpenHandle,
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.ran.push("socket forwarding (refused)".into());
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        _: &str,
        port: &mut u32,
        _: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.ran
            .push(format!("remote forwarding of port {port} (refused)"));
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _: &str,
        _: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.ran.push("remote socket forwarding (refused)".into());
        Ok(false)
    }

    async fn agent_request(
        &mut self,
        _: ChannelId,
        _: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.ran.push("agent forwarding (refused)".into());
        Ok(false)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _: bool,
        _: &str,
        _: &str,
        _: u32,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.ran.push("X11 forwarding (refused)".into());
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.ran.push(format!(
            "subsystem {} (refused)",
            crate::text::sanitize_line(name)
        ));
        session.channel_failure(channel)
    }
}

/// A place among `--max-sessions`, given back when dropped.
struct Slot(Arc<Shared>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.sessions.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Connection {
    /// The client's language, as the local browser chooses it: CASEBOOK_LANG, then the locale
    /// (which OpenSSH clients send by default: `SendEnv LANG LC_*`).
    fn lang(&self) -> crate::msg::Lang {
        let asked = self
            .locale
            .get("CASEBOOK_LANG")
            .and_then(|v| crate::cli::lenient_lang(v));
        crate::msg::Lang::choose(asked, &|name| self.locale.get(name).cloned())
    }

    fn take_slot(&self) -> Option<Slot> {
        let shared = &self.shared;
        let max = shared.options.max_sessions;
        let taken = shared
            .sessions
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < max).then_some(n + 1)
            });
        taken.ok().map(|_| Slot(shared.clone()))
    }

    fn full_message(&self) -> String {
        format!(
            "casebook: the server is full ({} sessions); try again later\r\n",
            self.shared.options.max_sessions
        )
    }
}

async fn refuse(handle: Handle, channel: ChannelId, message: String) {
    let _ = handle.extended_data(channel, 1, message.into_bytes()).await;
    finish(&handle, channel, 1).await;
}

async fn finish(handle: &Handle, channel: ChannelId, status: u32) {
    let _ = handle.exit_status_request(channel, status).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
}

/// Runs a read-only command as a child of this binary, on the served library.
fn run_command(
    options: &ServeOptions,
    words: &[String],
    lang: crate::msg::Lang,
) -> std::io::Result<std::process::Output> {
    let exe = std::env::current_exe()?;
    let mut command = std::process::Command::new(exe);
    if let Some(dir) = &options.cases {
        command.arg("--cases").arg(dir);
        if options.only {
            command.arg("--only");
        }
    }
    command
        .args(words)
        .env_clear()
        .env(
            "CASEBOOK_LANG",
            match lang {
                crate::msg::Lang::Zh => "zh",
                crate::msg::Lang::En => "en",
            },
        )
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-serve")
        .env("PATH", "/usr/bin:/bin")
        .stdin(std::process::Stdio::null())
        .output()
}

/// What a browser's thread needs.
struct Browser {
    library: &'static Library,
    idle: Duration,
    look: Look,
    size: (u16, u16),
    catalog: &'static crate::msg::Catalog,
}

/// What a browser's thread sends to its channel: frames, then how it ended.
enum Out {
    Bytes(Vec<u8>),
    End(u32),
}

/// The browser of one channel, on a thread of its own: its input from `inbox`, its frames to the
/// channel. A panic ends this session only, logged. The slot is given back when it ends.
fn start_browser(
    browser: Browser,
    slot: Slot,
    handle: Handle,
    channel: ChannelId,
    inbox: std::sync::mpsc::Receiver<Input>,
) {
    let (outbox, mut frames) = tokio::sync::mpsc::unbounded_channel::<Out>();
    std::thread::spawn(move || {
        let _slot = slot;
        let send = |bytes: Vec<u8>| outbox.send(Out::Bytes(bytes)).is_ok();
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            browse(&browser, &inbox, &send)
        }));
        let status = match run {
            Ok(Ok(status)) => status,
            Ok(Err(error)) => {
                eprintln!("casebook serve: a session's terminal failed: {error}");
                1
            }
            Err(_) => {
                eprintln!("casebook serve: a session panicked; it is closed, the others go on");
                send(
                    b"\x1b[?1049l\x1b[?25h\r\ncasebook: an internal error ended this session\r\n"
                        .to_vec(),
                );
                1
            }
        };
        let _ = outbox.send(Out::End(status));
    });
    tokio::spawn(async move {
        let mut status = 0;
        while let Some(out) = frames.recv().await {
            match out {
                Out::Bytes(bytes) => {
                    if handle.data(channel, bytes).await.is_err() {
                        return;
                    }
                }
                Out::End(code) => {
                    status = code;
                    break;
                }
            }
        }
        finish(&handle, channel, status).await;
    });
}

/// One browser session until the user quits, the client goes or the idle time passes: the exit
/// status to report.
fn browse(
    browser: &Browser,
    inbox: &std::sync::mpsc::Receiver<Input>,
    send: &dyn Fn(Vec<u8>) -> bool,
) -> std::io::Result<u32> {
    let options = SessionOptions {
        look: browser.look,
        mouse: true,
        osc52: true,
        keymap: keymap::built_in(),
    };
    let mut session = Session::new(browser.library, browser.catalog, options, browser.size)?;
    send(session.output());
    loop {
        match inbox.recv_timeout(browser.idle) {
            Ok(Input::Bytes(bytes)) => session.feed(&bytes)?,
            Ok(Input::Resize(w, h)) => session.resize(w, h)?,
            Ok(Input::Stop) => {
                session.leave()?;
                let mut bye = session.output();
                bye.extend_from_slice(b"casebook: the server is stopping\r\n");
                send(bye);
                return Ok(1);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                session.leave()?;
                let mut bye = session.output();
                let secs = browser.idle.as_secs();
                let idle = if secs.is_multiple_of(60) {
                    format!("{} min", secs / 60)
                } else {
                    format!("{secs} s")
                };
                let message = format!("casebook: closed after {idle} without a key\r\n");
                bye.extend_from_slice(message.as_bytes());
                send(bye);
                return Ok(1);
            }
            // The client went away: nothing to tell.
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
        }
        let bytes = session.output();
        if !bytes.is_empty() && !send(bytes) {
            return Ok(0);
        }
        if session.finished() {
            return Ok(0);
        }
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
    let mut authorized = AuthorizedKeys {
        path: options.authorized_keys.clone(),
        seen: None,
        keys: Vec::new(),
    };
    if !authorized.path.exists() {
        return Err(format!(
            "{}: no authorized keys file; put each officer's public key in it, one per line",
            authorized.path.display()
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
                authorized.seen = None;
                authorized.current();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorized_keys_with_options_comments_and_garbage() {
        let text = "# officers\n\
            ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGFJ7u2H/8ibP1QiW5w5rY0f8wZkM8bV2b3Y0eJjH7mZ li@office\n\
            from=\"10.0.0.0/8\",no-pty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGFJ7u2H/8ibP1QiW5w5rY0f8wZkM8bV2b3Y0eJjH7mZ wang\n\
            \n\
            not a key\n";
        let (keys, problems) = parse_authorized_keys(text);
        assert_eq!(keys.len(), 2);
        assert_eq!(problems, ["line 5: not a public key"]);
    }

    #[test]
    fn a_host_key_is_made_private_and_one_readable_by_others_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("casebook").join("host_ed25519");
        let made = host_key(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let again = host_key(&path).unwrap();
        assert_eq!(
            made.public_key(),
            again.public_key(),
            "the same key next time"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let refused = host_key(&path).unwrap_err();
        assert!(
            refused.contains("may be read by others (mode 644)"),
            "{refused}"
        );
    }
}
