//! The server's keys and the officers': the host key (made on first start, kept private) and
//! the `authorized_keys` file (read again whenever it changes).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use russh::keys::{PrivateKey, PublicKey};

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
pub(super) struct AuthorizedKeys {
    path: PathBuf,
    seen: Option<(SystemTime, u64)>,
    keys: Vec<PublicKey>,
}

impl AuthorizedKeys {
    /// The file at `path`, not read yet.
    pub(super) fn new(path: PathBuf) -> Self {
        AuthorizedKeys {
            path,
            seen: None,
            keys: Vec::new(),
        }
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the file again whether or not it looks changed (SIGHUP).
    pub(super) fn reload(&mut self) {
        self.seen = None;
        self.current();
    }

    pub(super) fn current(&mut self) -> &[PublicKey] {
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
