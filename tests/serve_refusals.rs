//! `casebook serve` asked, by an SSH client of our own (russh's), for everything it must refuse:
//! remote forwarding on a real port, socket forwarding, direct connections, agent and X11
//! forwarding, subsystems, commands that are not read-only and options that would reach the
//! server's files. Each answer is read as the protocol gives it, so no client's quirk can make
//! a refusal look like one (OpenSSH cannot read russh's answer to a port-0 forward, which once
//! hid a forward that was accepted).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, client};

/// Accepts the server's host key: the test started the server itself.
struct Tester;

impl client::Handler for Tester {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// The server, killed when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The server's log, line by line, as it arrives.
type Log = Arc<std::sync::Mutex<Vec<String>>>;

/// Starts `casebook serve` on a free port with one authorized key; its port, the key and its log.
fn start(dir: &std::path::Path) -> (Server, u16, PrivateKey, Log) {
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
    let public = key.public_key().to_openssh().unwrap();
    std::fs::write(dir.join("authorized_keys"), format!("{public} tester\n")).unwrap();
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .arg("--state")
        .arg(dir.join("state"))
        .arg("serve")
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--authorized-keys")
        .arg(dir.join("authorized_keys"))
        .arg("--host-key")
        .arg(dir.join("host_key"))
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-tests")
        // Caches in the build directory, never the user's own.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        )
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut log = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("listening on") {
        line.clear();
        assert!(log.read_line(&mut line).unwrap() > 0, "the server ended");
    }
    // Keep reading the log, so that the server never blocks on a full pipe.
    let lines: Log = Arc::default();
    let kept = lines.clone();
    std::thread::spawn(move || {
        for line in log.lines().map_while(Result::ok) {
            kept.lock().unwrap().push(line);
        }
    });
    (Server(child), port, key, lines)
}

async fn connect(port: u16, key: PrivateKey) -> client::Handle<Tester> {
    let config = Arc::new(client::Config::default());
    let mut handle = client::connect(config, ("127.0.0.1", port), Tester)
        .await
        .unwrap();
    let auth = handle
        .authenticate_publickey("officer", PrivateKeyWithHashAlg::new(Arc::new(key), None))
        .await
        .unwrap();
    assert!(auth.success(), "the authorized key gets in");
    handle
}

/// The next answer to a request sent with `want_reply`: success or failure.
async fn reply(channel: &mut russh::Channel<client::Msg>) -> ChannelMsg {
    loop {
        match channel.wait().await.expect("the channel is open") {
            msg @ (ChannelMsg::Success | ChannelMsg::Failure) => return msg,
            _ => continue,
        }
    }
}

/// What an exec request gets: its output and its exit status.
async fn exec(handle: &client::Handle<Tester>, command: &str) -> (String, Option<u32>) {
    let mut channel = handle.channel_open_session().await.unwrap();
    channel.exec(true, command).await.unwrap();
    let (mut out, mut status) = (Vec::new(), None);
    while let Some(msg) = channel.wait().await {
        match msg {
            ChannelMsg::Data { data } | ChannelMsg::ExtendedData { data, .. } => {
                out.extend_from_slice(&data)
            }
            ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
            ChannelMsg::Close => break,
            _ => {}
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), status)
}

#[test]
fn every_channel_and_request_it_must_refuse_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, port, key, log) = start(dir.path());
    let remote_port = free_port();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(60), async {
            let handle = connect(port, key).await;

            // Forwarding of every kind.
            let forward = handle
                .tcpip_forward("127.0.0.1", u32::from(remote_port))
                .await;
            assert!(
                forward.is_err(),
                "remote forwarding on a real port: {forward:?}"
            );
            let socket = handle.streamlocal_forward("/tmp/casebook-test.sock").await;
            assert!(socket.is_err(), "remote socket forwarding: {socket:?}");
            let direct = handle
                .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 40000)
                .await;
            assert!(direct.is_err(), "a direct connection through the server");
            let local = handle
                .channel_open_direct_streamlocal("/run/casebook.sock")
                .await;
            assert!(local.is_err(), "a connection to a socket on the server");

            // On a session channel: agent (asked as OpenSSH asks, without a reply; russh answers
            // it with a global failure, so the server's log is what tells), X11, a subsystem.
            let mut channel = handle.channel_open_session().await.unwrap();
            channel.agent_forward(false).await.unwrap();
            channel
                .request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00", 0)
                .await
                .unwrap();
            assert!(
                matches!(reply(&mut channel).await, ChannelMsg::Failure),
                "X11"
            );
            channel.request_subsystem(true, "sftp").await.unwrap();
            assert!(
                matches!(reply(&mut channel).await, ChannelMsg::Failure),
                "sftp"
            );
            channel.close().await.unwrap();

            // Commands: only the read-only ones, without the options that reach files.
            for refused in [
                "serve",
                "quiz --reset",
                "list --cases /etc",
                "list --config /etc/passwd",
                "list --state /tmp",
                "list --no-cache",
                "sh -c id",
            ] {
                let (out, status) = exec(&handle, refused).await;
                assert!(out.contains("is not served here"), "{refused}: {out}");
                assert_ne!(status, Some(0), "{refused}");
            }
            let (out, status) = exec(&handle, "show 7 --format citation").await;
            assert_eq!(status, Some(0), "{out}");
            assert!(out.contains("诸暨") || out.contains("案例"), "{out}");
            // What was refused is logged when the connection ends.
            let _ = handle
                .disconnect(russh::Disconnect::ByApplication, "done", "en")
                .await;
            drop(handle);
            tokio::time::sleep(Duration::from_millis(500)).await;
        })
        .await
        .expect("the server answered within a minute");
    });
    let ended = std::time::Instant::now();
    while !log
        .lock()
        .unwrap()
        .iter()
        .any(|l| l.contains("closed after"))
        && ended.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = log.lock().unwrap().join("\n");
    for refused in [
        format!("remote forwarding of port {remote_port} (refused)"),
        "remote socket forwarding (refused)".to_string(),
        "forwarding to 127.0.0.1:22 (refused)".to_string(),
        "socket forwarding (refused)".to_string(),
        "agent forwarding (refused)".to_string(),
        "X11 forwarding (refused)".to_string(),
        "subsystem sftp (refused)".to_string(),
    ] {
        assert!(log.contains(&refused), "no log line {refused:?}:\n{log}");
    }
}
