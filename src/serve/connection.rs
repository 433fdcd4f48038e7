//! One SSH connection: who it is (its key), what it asks for and what it is given — the browser
//! for a shell, a read-only command for an exec, a refusal for everything else.
//!
//! Why one file of over 500 lines: it is russh's `Handler` for one connection, whose methods
//! (authentication, channels, pty, exec, refusals) share the connection's state; each is short.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use russh::keys::{HashAlg, PublicKey};
use russh::server::{Auth, Handle, Msg, Session as SshSession};
use russh::{Channel, ChannelId, MethodKind, MethodSet};

use crate::tui::theme::Look;

use super::admission::Startup;
use super::browser::{Browser, INPUT_QUEUE, Input, start_browser};
use super::exec;
use super::slot::Slot;
use super::{Shared, log};

/// The most entries of what a connection ran kept for its closing log line, and the longest.
const MAX_RAN: usize = 32;
const MAX_ENTRY: usize = 160;

/// One connection: its client, its key once known, its channels.
pub(super) struct Connection {
    shared: Arc<Shared>,
    address: Option<SocketAddr>,
    fingerprint: Option<String>,
    /// Who the key is (its authorized_keys comment, else its fingerprint): whose progress the
    /// browser keeps and `quiz --progress` reads.
    person: Option<String>,
    /// Counted among the connections not yet authenticated until it authenticates.
    startup: Startup,
    authenticated: Arc<std::sync::atomic::AtomicBool>,
    /// What it ran, for the closing line: at most [`MAX_RAN`] entries, the rest counted.
    ran: Vec<String>,
    more: usize,
    /// Whether the key may have a terminal (its authorized_keys line has no `no-pty`).
    pty_allowed: bool,
    /// Per channel: the pty's terminal type and size, and whether NO_COLOR was sent.
    ptys: HashMap<ChannelId, (String, u16, u16)>,
    no_color: bool,
    /// The client's language settings (LANG, LC_*, CASEBOOK_LANG), if it sent them.
    locale: HashMap<String, String>,
    /// Per channel with a browser: its number in [`Shared::browsers`].
    browsers: HashMap<ChannelId, u64>,
    started: Instant,
}

impl Drop for Connection {
    fn drop(&mut self) {
        // A client gone (or killed) ends its browsers: their input closes.
        let ids: Vec<u64> = self.browsers.drain().map(|(_, id)| id).collect();
        self.shared.forget(&ids);
        let address = self.address.map_or("?".to_string(), |a| a.to_string());
        let key = self.fingerprint.as_deref().unwrap_or("no key accepted");
        let mut ran = if self.ran.is_empty() {
            "nothing".to_string()
        } else {
            self.ran.join("; ")
        };
        // Cut so that the whole line, with how it ended, fits the log's bound.
        super::cut(&mut ran, super::LOG_LINE - 300);
        if self.more > 0 {
            ran.push_str(&format!("; and {} more", self.more));
        }
        log(&format!(
            "{address} {key} ran {ran}; closed after {:.1} s",
            self.started.elapsed().as_secs_f64()
        ));
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_publickey(&mut self, user: &str, key: &PublicKey) -> Result<Auth, Self::Error> {
        let now = crate::training::clock::now() / 1000;
        let entry = {
            let mut authorized = self
                .shared
                .authorized
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            authorized
                .current()
                .iter()
                .find(|e| e.admits(key, self.address.map(|a| a.ip()), now))
                .cloned()
        };
        let known = entry.is_some();
        // Which line let it in, and whose it is (the line's comment), for the log.
        let whose = entry
            .as_ref()
            .map_or(String::new(), |e| match e.comment.as_str() {
                "" => format!(" by line {}", e.line),
                comment => format!(" by line {} ({comment})", e.line),
            });
        let fingerprint = key.fingerprint(HashAlg::Sha256).to_string();
        if let Some(entry) = entry {
            self.pty_allowed = entry.pty;
            self.person = Some(crate::training::people::person(
                &entry.comment,
                &fingerprint,
            ));
        }
        let address = self.address.map_or("?".to_string(), |a| a.to_string());
        let user: String = user.chars().take(64).collect();
        let verdict = if known { "accepted" } else { "refused" };
        log(&format!(
            "{address} user {user:?} key {fingerprint} {verdict}{whose}"
        ));
        if known {
            self.fingerprint = Some(fingerprint);
            self.startup.authenticated();
            self.authenticated.store(true, Ordering::SeqCst);
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
        let given = |n: u32, default: u16| match n {
            0 => default,
            n => u16::try_from(n).unwrap_or(u16::MAX),
        };
        let ((w, h), clamped) =
            crate::tui::session::clamp_size(given(width, 80), given(height, 24));
        if clamped {
            self.clamped(width, height, (w, h));
        }
        let term: String = term.chars().take(64).collect();
        self.ptys.insert(channel, (term, w, h));
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
        if let Some(&id) = self.browsers.get(&channel)
            && width > 0
            && height > 0
        {
            let side = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
            let ((w, h), clamped) = crate::tui::session::clamp_size(side(width), side(height));
            if clamped {
                self.clamped(width, height, (w, h));
            }
            self.shared.send(id, Input::Resize(w, h)).await;
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
        // A key with `no-pty` or `restrict` runs commands only.
        if !self.pty_allowed {
            refuse(
                handle,
                channel,
                "casebook: this key may run commands only (no-pty); try `ssh … list`\r\n".into(),
            )
            .await;
            self.note("browser (refused: no-pty)".into());
            return Ok(());
        }
        // One browser per channel: a second shell request would start another that no one reads.
        if self.browsers.contains_key(&channel) {
            self.note("a second shell on one channel (refused)".into());
            return Ok(());
        }
        let slot = match self.take_slot() {
            Ok(slot) => slot,
            Err(message) => {
                refuse(handle, channel, message).await;
                self.note("browser (refused: full)".into());
                return Ok(());
            }
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
        let (input, inbox) = std::sync::mpsc::sync_channel(INPUT_QUEUE);
        let id = self.shared.next_browser.fetch_add(1, Ordering::SeqCst);
        self.shared
            .browsers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, input);
        self.browsers.insert(channel, id);
        self.note("browser".into());
        log(&format!(
            "{} {} browser started ({width}x{height})",
            self.address.map_or("?".to_string(), |a| a.to_string()),
            self.fingerprint.as_deref().unwrap_or("?")
        ));
        let lang = self.lang();
        let browser = Browser {
            library: self.shared.library,
            idle: self.shared.options.idle_timeout,
            look,
            size: (width, height),
            catalog: lang.catalog(),
            store: self.store(),
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
            self.shared.send(id, Input::Bytes(data.to_vec())).await;
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
        self.ptys.remove(&channel);
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
        let shown: String = crate::text::sanitize_line(&line)
            .chars()
            .take(MAX_ENTRY)
            .collect();
        let words = exec::words(data).filter(|w| exec::allowed(w));
        let Some(words) = words else {
            self.note(format!("`{shown}` (refused)"));
            log(&format!(
                "{} {} exec `{shown}` refused",
                self.address.map_or("?".to_string(), |a| a.to_string()),
                self.fingerprint.as_deref().unwrap_or("?")
            ));
            let message = exec::refusal(&shown);
            let _ = handle.extended_data(channel, 1, message.into_bytes()).await;
            finish(&handle, channel, 2).await;
            return Ok(());
        };
        let slot = match self.take_slot() {
            Ok(slot) => slot,
            Err(message) => {
                refuse(handle, channel, message).await;
                return Ok(());
            }
        };
        self.note(format!("`{shown}`"));
        let options = self.shared.options.clone();
        let lang = self.lang();
        let state = self.person_dir();
        tokio::spawn(async move {
            let _slot = slot;
            let output = tokio::task::spawn_blocking(move || {
                exec::run_command(&options, &words, lang, state.as_deref())
            })
            .await;
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
        self.note(format!("forwarding to {host}:{port} (refused)"));
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _: Channel<Msg>,
        _: &str,
        _reply: russh::server::ChannelOpenHandle,
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.note("socket forwarding (refused)".into());
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        _: &str,
        port: &mut u32,
        _: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.note(format!("remote forwarding of port {port} (refused)"));
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _: &str,
        _: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.note("remote socket forwarding (refused)".into());
        Ok(false)
    }

    async fn agent_request(
        &mut self,
        _: ChannelId,
        _: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.note("agent forwarding (refused)".into());
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
        self.note("X11 forwarding (refused)".into());
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.note(format!(
            "subsystem {} (refused)",
            crate::text::sanitize_line(name)
        ));
        session.channel_failure(channel)
    }
}

impl Connection {
    pub(super) fn new(
        shared: Arc<Shared>,
        address: Option<SocketAddr>,
        startup: Startup,
        authenticated: Arc<std::sync::atomic::AtomicBool>,
    ) -> Self {
        Connection {
            shared,
            address,
            fingerprint: None,
            person: None,
            startup,
            authenticated,
            ran: Vec::new(),
            more: 0,
            pty_allowed: false,
            ptys: HashMap::new(),
            no_color: false,
            locale: HashMap::new(),
            browsers: HashMap::new(),
            started: Instant::now(),
        }
    }

    /// This person's directory under the server's state directory, if both are known.
    fn person_dir(&self) -> Option<std::path::PathBuf> {
        let root = self.shared.options.state.as_deref()?;
        Some(crate::training::people::dir(root, self.person.as_deref()?))
    }

    /// This person's progress store: theirs alone, whichever session asks.
    fn store(&self) -> Option<crate::training::progress::Store> {
        self.person_dir().map(crate::training::progress::Store::new)
    }

    /// The client's language, in the order the local browser uses: the client's CASEBOOK_LANG,
    /// then the server's configured language (the office's choice), then the client's locale
    /// (which OpenSSH clients send by default, `SendEnv LANG LC_*`, often `en_US` on a Chinese
    /// officer's machine).
    fn lang(&self) -> crate::msg::Lang {
        served_lang(&self.locale, self.shared.options.lang)
    }

    /// A window larger than a session draws: logged at once (and in the closing line).
    fn clamped(&mut self, width: u32, height: u32, (w, h): (u16, u16)) {
        let what = format!("window {width}x{height} clamped to {w}x{h}");
        log(&format!(
            "{} {}",
            self.address.map_or("?".to_string(), |a| a.to_string()),
            what
        ));
        self.note(what);
    }

    /// Remembers what the connection ran or was refused, for its closing line, within bounds.
    fn note(&mut self, entry: String) {
        if self.ran.len() < MAX_RAN {
            self.ran.push(entry.chars().take(MAX_ENTRY).collect());
        } else {
            self.more += 1;
        }
    }

    /// A session's place for this connection's key (see [`super::slot::take`]).
    fn take_slot(&self) -> Result<Slot, String> {
        super::slot::take(&self.shared, self.fingerprint.clone().unwrap_or_default())
    }
}

pub(super) async fn refuse(handle: Handle, channel: ChannelId, message: String) {
    let _ = handle.extended_data(channel, 1, message.into_bytes()).await;
    finish(&handle, channel, 1).await;
}

pub(super) async fn finish(handle: &Handle, channel: ChannelId, status: u32) {
    let _ = handle.exit_status_request(channel, status).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
}

/// A client's language from what it sent (`locale`) and the server's configured one (`office`):
/// see `Connection::lang`.
fn served_lang(
    locale: &HashMap<String, String>,
    office: Option<crate::msg::Lang>,
) -> crate::msg::Lang {
    let asked = locale
        .get("CASEBOOK_LANG")
        .and_then(|v| crate::msg::Lang::lenient(v))
        .or(office);
    crate::msg::Lang::choose(asked, &|name| locale.get(name).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::Lang;

    #[test]
    fn the_clients_casebook_lang_then_the_office_then_the_clients_locale() {
        let sent = |vars: &[(&str, &str)]| -> HashMap<String, String> {
            vars.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let en_locale = sent(&[("LANG", "en_US.UTF-8")]);
        assert_eq!(served_lang(&en_locale, None), Lang::En);
        assert_eq!(
            served_lang(&en_locale, Some(Lang::Zh)),
            Lang::Zh,
            "office over locale"
        );
        let asks_en = sent(&[("CASEBOOK_LANG", "en"), ("LANG", "zh_CN.UTF-8")]);
        assert_eq!(
            served_lang(&asks_en, Some(Lang::Zh)),
            Lang::En,
            "the client's choice"
        );
        assert_eq!(served_lang(&sent(&[]), Some(Lang::En)), Lang::En);
        assert_eq!(served_lang(&sent(&[]), None), Lang::Zh);
    }
}
