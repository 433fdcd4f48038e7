//! `casebook serve`'s command line: its options, and the library loaded once and served.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Cli, load_for_use};

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on; all addresses (0.0.0.0:2222) must be asked for.
    #[arg(long, default_value = "127.0.0.1:2222")]
    pub listen: std::net::SocketAddr,
    /// The officers' public keys, OpenSSH authorized_keys format (default:
    /// $XDG_CONFIG_HOME/casebook/authorized_keys). Read again when it changes.
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// The server's key, made on first start (ed25519, mode 0600; default:
    /// $XDG_DATA_HOME/casebook/host_ed25519).
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,
    /// The most sessions (browsers and commands) at once.
    #[arg(long, default_value_t = 64)]
    pub max_sessions: usize,
    /// New connections one address may make in a minute; beyond, they are closed before the key
    /// exchange.
    #[arg(long, default_value_t = 30)]
    pub per_address_per_minute: usize,
    /// The most sessions one key may hold at once (so one officer cannot fill every slot).
    #[arg(long, default_value_t = 4)]
    pub max_sessions_per_key: usize,
    /// The most connections not yet authenticated, in all and from one address (like sshd's
    /// MaxStartups); beyond, a new connection is closed before the key exchange.
    #[arg(long, default_value_t = 64)]
    pub max_startups: usize,
    /// One address's share of --max-startups (an office behind one NAT address is many officers).
    #[arg(long, default_value_t = 32)]
    pub max_startups_per_address: usize,
    /// The time a connection has to authenticate (like sshd's LoginGraceTime): 30s, 2m.
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub login_grace_time: std::time::Duration,
    /// A browser without a key for this long is closed: 90s, 30m, 2h.
    #[arg(long, default_value = "30m", value_parser = parse_duration)]
    pub idle_timeout: std::time::Duration,
}

/// `90s`, `30m`, `2h` (or plain seconds).
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let bad = || format!("`{text}` is not a duration (90s, 30m, 2h)");
    let n: u64 = number.parse().map_err(|_| bad())?;
    let seconds = match unit {
        "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        _ => return Err(bad()),
    };
    if seconds == 0 {
        return Err("a time must be more than 0".into());
    }
    Ok(std::time::Duration::from_secs(seconds))
}

/// `casebook serve`: the library loaded once, then served until the process is stopped.
pub fn run(cli: &Cli, args: &ServeArgs) -> ExitCode {
    let (library, _) = match load_for_use(&cli.cases, cli.only, cli.strict) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let missing = |what: &str| {
        eprintln!("casebook serve: no {what} given and no home directory to keep it in");
        ExitCode::from(2)
    };
    let authorized = args.authorized_keys.clone();
    let Some(authorized_keys) = authorized.or_else(crate::serve::default_authorized_keys) else {
        return missing("--authorized-keys");
    };
    let Some(host_key) = args
        .host_key
        .clone()
        .or_else(crate::serve::default_host_key)
    else {
        return missing("--host-key");
    };
    let options = crate::serve::ServeOptions {
        listen: args.listen,
        authorized_keys,
        host_key,
        max_sessions: args.max_sessions,
        per_address_per_minute: args.per_address_per_minute,
        max_sessions_per_key: args.max_sessions_per_key.max(1),
        max_startups: args.max_startups.max(1),
        max_startups_per_address: args.max_startups_per_address.max(1),
        login_grace_time: args.login_grace_time,
        idle_timeout: args.idle_timeout,
        cases: cli.cases.clone(),
        only: cli.only,
        lang: cli.lang,
        state: cli
            .state
            .clone()
            .or_else(crate::training::progress::Store::default_dir),
    };
    // Leaked: every session borrows it, for as long as the server runs.
    match crate::serve::run(Box::leak(Box::new(library)), options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("casebook serve: {why}");
            ExitCode::from(1)
        }
    }
}
