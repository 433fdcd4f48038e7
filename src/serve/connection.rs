//! One SSH connection: who it is (its key), what it asks for and what it is given — the browser
//! for a shell, a read-only command for an exec, a refusal for everything else.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use russh::keys::{HashAlg, PublicKey};
use russh::server::{Auth, Handle, Msg, Session as SshSession};
use russh::{Channel, ChannelId, MethodKind, MethodSet};

use crate::tui::types::Look;

use super::browser::{Browser, Input, start_browser};
use super::exec;
use super::{Shared, timestamp};

/// One connection: its client, its key once known, its channels.
pub(super) struct Connection {
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
        if !exec::allowed(&words) {
            self.ran.push(format!("`{shown}` (refused)"));
            let message = exec::refusal(&shown);
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
                tokio::task::spawn_blocking(move || exec::run_command(&options, &words, lang))
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
pub(super) struct Slot(Arc<Shared>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.sessions.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Connection {
    pub(super) fn new(shared: Arc<Shared>, address: Option<SocketAddr>, throttled: bool) -> Self {
        Connection {
            shared,
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

pub(super) async fn refuse(handle: Handle, channel: ChannelId, message: String) {
    let _ = handle.extended_data(channel, 1, message.into_bytes()).await;
    finish(&handle, channel, 1).await;
}

pub(super) async fn finish(handle: &Handle, channel: ChannelId, status: u32) {
    let _ = handle.exit_status_request(channel, status).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
}
