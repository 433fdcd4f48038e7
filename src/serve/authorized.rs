//! `authorized_keys` read as sshd reads it (sshd(8), AUTHORIZED_KEYS FILE FORMAT): each line is
//! `[options] keytype base64 [comment]`; options are comma-separated, a value in double quotes
//! may hold commas and spaces and `\"`. casebook honours `from=`, `expiry-time=`, `restrict`,
//! `no-pty` and `pty`, accepts the options that only take away what it never offers (forwarding,
//! X11, agent, user-rc), and refuses — that line only, with the reason — an option it cannot
//! honour (`command=`, `cert-authority`, `permitopen=`…), a key too weak (RSA under 2048 bits,
//! DSA) or a line it cannot read. Pure: the text and a time in, entries and problems out.

use std::net::IpAddr;

use russh::keys::PublicKey;

/// One usable line.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: PublicKey,
    /// `from=`: the addresses the key may come from (patterns, `!` to exclude); `None`: any.
    pub from: Option<Vec<String>>,
    /// `expiry-time=`: the first second (Unix time, UTC) the key no longer works.
    pub expires: Option<i64>,
    /// Whether the key may have a terminal (the browser): not after `no-pty` or `restrict`
    /// without `pty`.
    pub pty: bool,
    /// The line's comment: the person's name, where there is one.
    pub comment: String,
    pub line: usize,
}

impl Entry {
    /// Whether this entry lets `key` in from `address` at `now` (Unix seconds).
    pub fn admits(&self, key: &PublicKey, address: Option<IpAddr>, now: i64) -> bool {
        self.key.key_data() == key.key_data()
            && self.expires.is_none_or(|end| now < end)
            && match (&self.from, address) {
                (None, _) => true,
                (Some(patterns), Some(ip)) => from_matches(patterns, ip),
                (Some(_), None) => false,
            }
    }
}

/// Reads a whole file: the usable entries, and a line per line refused (`line 3: …`). A line
/// that is not UTF-8 is refused alone.
pub fn parse(bytes: &[u8]) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (n, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = n + 1;
        let Ok(text) = std::str::from_utf8(raw) else {
            problems.push(format!("line {line}: not UTF-8"));
            continue;
        };
        let text = text.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        match parse_line(text, line) {
            Ok(entry) => entries.push(entry),
            Err(why) => problems.push(format!("line {line}: {why}")),
        }
    }
    (entries, problems)
}

const KEY_TYPES: [&str; 8] = [
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-dss",
];

/// Options that only take away what casebook never offers: accepted, nothing to do.
const MOOT: [&str; 8] = [
    "no-port-forwarding",
    "no-agent-forwarding",
    "no-x11-forwarding",
    "no-user-rc",
    "port-forwarding",
    "agent-forwarding",
    "x11-forwarding",
    "user-rc",
];

fn parse_line(text: &str, line: usize) -> Result<Entry, String> {
    let first = text.split_whitespace().next().unwrap_or_default();
    let (options, rest) = if KEY_TYPES.contains(&first) {
        (Vec::new(), text)
    } else {
        split_options(text)?
    };
    let mut words = rest.split_whitespace();
    let kind = words.next().ok_or("no key after the options")?;
    let data = words.next().ok_or("no key data")?;
    let comment = words.collect::<Vec<_>>().join(" ");
    if !KEY_TYPES.contains(&kind) {
        return Err(format!("unknown key type {kind:?}"));
    }
    if kind == "ssh-dss" {
        return Err("DSA keys are refused".into());
    }
    let key = PublicKey::from_openssh(&format!("{kind} {data}"))
        .map_err(|_| "the key data cannot be read".to_string())?;
    if let Some(rsa) = key.key_data().rsa() {
        let bits = mpint_bits(rsa.n().as_positive_bytes().unwrap_or_default());
        if bits < 2048 {
            return Err(format!(
                "an RSA key of {bits} bits; at least 2048 are required"
            ));
        }
    }
    let mut entry = Entry {
        key,
        from: None,
        expires: None,
        pty: true,
        comment,
        line,
    };
    let mut restrict = false;
    let mut pty_again = false;
    let mut no_touch = false;
    for (name, value) in options {
        let lower = name.to_ascii_lowercase();
        match (lower.as_str(), value) {
            ("from", Some(v)) => {
                entry.from = Some(v.split(',').map(|p| p.trim().to_string()).collect());
            }
            ("expiry-time", Some(v)) => {
                entry.expires =
                    Some(expiry(&v).ok_or_else(|| format!("expiry-time {v:?} is not a time"))?);
            }
            ("restrict", None) => restrict = true,
            ("no-pty", None) => entry.pty = false,
            ("pty", None) => pty_again = true,
            ("no-touch-required", None) => no_touch = true,
            (moot, None) if MOOT.contains(&moot) => {}
            (other, _) => {
                return Err(format!(
                    "option {other:?} cannot be honoured by casebook serve; the line is refused"
                ));
            }
        }
    }
    if restrict && !pty_again {
        entry.pty = false;
    }
    // A security key's signature says whether the user touched it, but the SSH library hands
    // casebook the key, not the signature: presence cannot be checked, so such a key is taken
    // only where the line says presence is not wanted (sshd's own option for that).
    if kind.starts_with("sk-") && !no_touch {
        return Err(
            "a security key's user presence cannot be checked by casebook serve; use another key, \
             or add no-touch-required to accept it without a touch"
                .into(),
        );
    }
    Ok(entry)
}

/// An option's name and, for `name="value"`, its value.
type KeyOption = (String, Option<String>);

/// Splits `opt1,opt2="a,b",opt3 keytype …` into the options and the rest.
fn split_options(text: &str) -> Result<(Vec<KeyOption>, &str), String> {
    let mut options = Vec::new();
    let mut chars = text.char_indices().peekable();
    loop {
        let mut name = String::new();
        let mut value = None;
        while let Some(&(_, c)) = chars.peek() {
            if c == '=' || c == ',' || c.is_whitespace() {
                break;
            }
            name.push(c);
            chars.next();
        }
        if name.is_empty() {
            return Err("an empty option".into());
        }
        if let Some(&(_, '=')) = chars.peek() {
            chars.next();
            if chars.next().map(|(_, c)| c) != Some('"') {
                return Err(format!(
                    "option {name:?}: its value must be in double quotes"
                ));
            }
            let mut v = String::new();
            loop {
                match chars.next() {
                    Some((_, '\\')) => match chars.next() {
                        Some((_, '"')) => v.push('"'),
                        Some((_, c)) => {
                            v.push('\\');
                            v.push(c);
                        }
                        None => return Err(format!("option {name:?}: an unclosed quote")),
                    },
                    Some((_, '"')) => break,
                    Some((_, c)) => v.push(c),
                    None => return Err(format!("option {name:?}: an unclosed quote")),
                }
            }
            value = Some(v);
        }
        options.push((name, value));
        match chars.next() {
            Some((_, ',')) => continue,
            Some((at, c)) if c.is_whitespace() => return Ok((options, text[at..].trim_start())),
            Some((_, c)) => return Err(format!("unexpected {c:?} after an option")),
            None => return Err("no key after the options".into()),
        }
    }
}

/// The number of significant bits of a big-endian positive integer.
fn mpint_bits(bytes: &[u8]) -> usize {
    let bytes: Vec<u8> = bytes.iter().copied().skip_while(|&b| b == 0).collect();
    match bytes.first() {
        None => 0,
        Some(&top) => bytes.len() * 8 - top.leading_zeros() as usize,
    }
}

/// `YYYYMMDD[HHMM[SS]]` (UTC) as Unix seconds.
fn expiry(text: &str) -> Option<i64> {
    let text = text.strip_suffix('Z').unwrap_or(text);
    if !text.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 14].contains(&text.len()) {
        return None;
    }
    let num = |a: usize, b: usize| text.get(a..b).and_then(|s| s.parse::<i64>().ok());
    let (y, m, d) = (num(0, 4)?, num(4, 6)?, num(6, 8)?);
    let (h, min, s) = (
        num(8, 10).unwrap_or(0),
        num(10, 12).unwrap_or(0),
        num(12, 14).unwrap_or(0),
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || min > 59 || s > 59 {
        return None;
    }
    let stamp = format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.000Z");
    crate::training::clock::parse(&stamp).map(|ms| ms / 1000)
}

/// sshd's `from=` patterns: addresses with `*` and `?`, CIDR blocks, `!` to exclude; host
/// names are not looked up, so only their wildcard `*` matches. A `!` match refuses outright.
fn from_matches(patterns: &[String], ip: IpAddr) -> bool {
    let mut matched = false;
    for pattern in patterns {
        let (negated, pattern) = match pattern.strip_prefix('!') {
            Some(p) => (true, p),
            None => (false, pattern.as_str()),
        };
        if one_matches(pattern, ip) {
            if negated {
                return false;
            }
            matched = true;
        }
    }
    matched
}

fn one_matches(pattern: &str, ip: IpAddr) -> bool {
    if let Some((net, bits)) = pattern.split_once('/') {
        let (Ok(net), Ok(bits)) = (net.parse::<IpAddr>(), bits.parse::<u32>()) else {
            return false;
        };
        return match (net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) if bits <= 32 => {
                let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
                u32::from(n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) if bits <= 128 => {
                let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        };
    }
    wildcard(pattern.as_bytes(), ip.to_string().as_bytes())
}

/// `*` any run, `?` one character.
fn wildcard(pattern: &[u8], text: &[u8]) -> bool {
    match (pattern.first(), text.first()) {
        (None, None) => true,
        (Some(b'*'), _) => {
            wildcard(&pattern[1..], text) || (!text.is_empty() && wildcard(pattern, &text[1..]))
        }
        (Some(b'?'), Some(_)) => wildcard(&pattern[1..], &text[1..]),
        (Some(p), Some(t)) if p == t => wildcard(&pattern[1..], &text[1..]),
        _ => false,
    }
}

/// StrictModes: a file, or the directory it is in, that others may write is refused (they could
/// add their own key). `None` when it is safe; else what is wrong and the chmod to run.
pub fn unsafe_mode(path: &std::path::Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let check = |p: &std::path::Path| -> Option<String> {
        let mode = std::fs::metadata(p).ok()?.permissions().mode() & 0o7777;
        // A sticky directory (/tmp) lets others create files but not replace ours.
        let sticky = mode & 0o1000 != 0;
        (mode & 0o022 != 0 && !sticky).then(|| {
            format!(
                "{} may be written by group or others (mode {:o}); run chmod go-w {}",
                p.display(),
                mode & 0o777,
                p.display()
            )
        })
    };
    check(path).or_else(|| check(path.parent()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGFJ7u2H/8ibP1QiW5w5rY0f8wZkM8bV2b3Y0eJjH7mZ";
    const OTHER: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIa9bX3h8ZJfT2m1E3v8yYqPzq6m8mVbq5V9cQyZ0s1Q";

    fn key(line: &str) -> PublicKey {
        PublicKey::from_openssh(line).unwrap()
    }

    fn ip(text: &str) -> Option<IpAddr> {
        text.parse().ok()
    }

    #[test]
    fn options_are_parsed_and_honoured() {
        let text = format!(
            "from=\"10.0.0.0/8,!10.9.9.9\",no-pty {ED} li@office\n\
             expiry-time=\"20200101\" {OTHER} old\n"
        );
        let (entries, problems) = parse(text.as_bytes());
        assert!(problems.is_empty(), "{problems:?}");
        let li = &entries[0];
        assert_eq!(li.comment, "li@office");
        assert!(!li.pty);
        let now = 1_800_000_000;
        assert!(li.admits(&key(ED), ip("10.1.2.3"), now));
        assert!(
            !li.admits(&key(ED), ip("10.9.9.9"), now),
            "a ! pattern excludes"
        );
        assert!(!li.admits(&key(ED), ip("192.168.1.1"), now));
        let old = &entries[1];
        assert!(
            !old.admits(&key(OTHER), ip("127.0.0.1"), now),
            "expired in 2020"
        );
        assert!(old.admits(&key(OTHER), ip("127.0.0.1"), 1_500_000_000));
    }

    #[test]
    fn restrict_takes_the_terminal_unless_pty_gives_it_back() {
        let (entries, _) = parse(format!("restrict {ED}\nrestrict,pty {OTHER}\n").as_bytes());
        assert!(!entries[0].pty);
        assert!(entries[1].pty);
    }

    #[test]
    fn a_key_inside_a_quoted_option_is_not_the_lines_key() {
        // The stranger's key sits in a comment inside command="…": the line is refused for its
        // command, and neither key gets in through it.
        let text = format!("command=\"echo {OTHER} \\\"x\\\"\" {ED} officer\n");
        let (entries, problems) = parse(text.as_bytes());
        assert!(entries.is_empty());
        assert!(
            problems[0].contains("\"command\" cannot be honoured"),
            "{problems:?}"
        );
    }

    #[test]
    fn lines_casebook_cannot_honour_are_refused_alone() {
        let mut text =
            format!("cert-authority {OTHER}\npermitopen=\"host:22\" {OTHER}\n{ED} officer\n")
                .into_bytes();
        text.extend_from_slice(b"\xff\xfe bad\nnot a key\n");
        let (entries, problems) = parse(&text);
        assert_eq!(entries.len(), 1, "the good line still works");
        assert_eq!(entries[0].comment, "officer");
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with("line 1:") && problems[0].contains("cert-authority"));
        assert!(problems[2].starts_with("line 4: not UTF-8"));
    }

    /// An `sk-ssh-ed25519@openssh.com` key, built by hand (making one needs a device).
    fn sk_key() -> String {
        use base64::Engine;
        let mut blob = Vec::new();
        for part in [&b"sk-ssh-ed25519@openssh.com"[..], &[7u8; 32], b"ssh:"] {
            blob.extend_from_slice(&(part.len() as u32).to_be_bytes());
            blob.extend_from_slice(part);
        }
        format!(
            "sk-ssh-ed25519@openssh.com {}",
            base64::engine::general_purpose::STANDARD.encode(blob)
        )
    }

    #[test]
    fn security_keys_need_no_touch_required() {
        let sk = sk_key();
        let (entries, problems) = parse(format!("{sk} yubikey\n").as_bytes());
        assert!(entries.is_empty());
        assert!(
            problems[0].contains("user presence cannot be checked"),
            "{problems:?}"
        );
        let (entries, problems) = parse(format!("no-touch-required {sk} yubikey\n").as_bytes());
        assert_eq!(entries.len(), 1, "{problems:?}");
        let (_, problems) = parse(format!("verify-required {sk} pin\n").as_bytes());
        assert!(problems[0].contains("verify-required"), "{problems:?}");
    }

    #[test]
    fn dsa_keys_are_refused() {
        // RSA under 2048 bits is refused too: tests/e2e/serve.sh makes a real 1024-bit key.
        let (_, problems) = parse(b"ssh-dss AAAAB3NzaC1kc3M= old\n");
        assert!(problems[0].contains("DSA keys are refused"), "{problems:?}");
        assert_eq!(mpint_bits(&[0, 0x01, 0xff]), 9);
        assert_eq!(mpint_bits(&[0x80; 128]), 1024);
    }

    #[test]
    fn expiry_times_and_wildcards() {
        assert_eq!(expiry("19700101"), Some(0));
        assert_eq!(expiry("197001010001"), Some(60));
        assert_eq!(expiry("2020013"), None);
        // Each field past its range is no time (found by a mutation that took `min > 59` for
        // `min == 59` and passed).
        assert_eq!(expiry("20261205235959"), Some(1_796_515_199));
        for bad in [
            "20261305",
            "20261232",
            "202612052400",
            "202612052360",
            "20261205235960",
        ] {
            assert_eq!(expiry(bad), None, "{bad}");
        }
        assert!(wildcard(b"10.0.*", b"10.0.3.4"));
        assert!(wildcard(b"10.0.0.?", b"10.0.0.7"));
        assert!(!wildcard(b"10.0.0.?", b"10.0.0.17"));
        assert!(from_matches(&["*".into()], "127.0.0.1".parse().unwrap()));
        assert!(from_matches(&["::1/128".into()], "::1".parse().unwrap()));
    }

    #[test]
    fn a_file_others_may_write_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let file = dir.path().join("authorized_keys");
        std::fs::write(&file, ED).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(unsafe_mode(&file), None);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o620)).unwrap();
        assert!(unsafe_mode(&file).unwrap().contains("run chmod go-w"));
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(unsafe_mode(&file).unwrap().contains("mode 777"));
    }
}
