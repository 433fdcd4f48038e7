//! The server's keys and the officers': the host key (made on first start, kept private) and
//! the `authorized_keys` file (read again whenever its content changes; see [`authorized`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use russh::keys::PrivateKey;

use super::authorized::{self, Entry};

/// Where the host key is kept when `--host-key` is not given.
pub fn default_host_key() -> Option<PathBuf> {
    Some(crate::dirs::casebook(crate::dirs::Kind::Data)?.join("host_ed25519"))
}

/// Where the authorized keys are read when `--authorized-keys` is not given.
pub fn default_authorized_keys() -> Option<PathBuf> {
    Some(crate::dirs::casebook(crate::dirs::Kind::Config)?.join("authorized_keys"))
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

/// The authorized keys, read again when the file's content changes (or on SIGHUP), refused
/// whole only when others may write the file (StrictModes), otherwise line by line.
pub(super) struct AuthorizedKeys {
    path: PathBuf,
    /// The bytes last read and whether the file's mode was unsafe: a replacement with the same
    /// size and time is still noticed, and so is a chmod.
    seen: Option<(Vec<u8>, Option<String>)>,
    entries: Vec<Entry>,
}

impl AuthorizedKeys {
    /// The file at `path`, not read yet.
    pub(super) fn new(path: PathBuf) -> Self {
        AuthorizedKeys {
            path,
            seen: None,
            entries: Vec::new(),
        }
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the file again whether or not it changed (SIGHUP).
    pub(super) fn reload(&mut self) {
        self.seen = None;
        self.current();
    }

    /// The entries in force: the file read again if its bytes changed.
    pub(super) fn current(&mut self) -> &[Entry] {
        // Bounded: an authorized_keys file of an office is kilobytes; a huge one is refused.
        const MAX: u64 = 4 << 20;
        let bytes = std::fs::File::open(&self.path).and_then(|f| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX + 1), &mut bytes)?;
            Ok(bytes)
        });
        let bytes = bytes.unwrap_or_default();
        let unsafe_mode = authorized::unsafe_mode(&self.path);
        let now = (bytes, unsafe_mode);
        if self.seen.as_ref() == Some(&now) {
            return &self.entries;
        }
        let (bytes, unsafe_mode) = &now;
        let shown = self.path.display();
        self.entries = if bytes.len() as u64 > MAX {
            eprintln!("casebook serve: {shown}: larger than 4 MiB; no key is accepted");
            Vec::new()
        } else if let Some(why) = unsafe_mode {
            eprintln!("casebook serve: {why}; no key is accepted until then");
            Vec::new()
        } else {
            let (entries, problems) = authorized::parse(bytes);
            for problem in problems {
                eprintln!("casebook serve: {shown}: {problem}");
            }
            entries
        };
        eprintln!(
            "casebook serve: {} authorized key(s) from {shown}",
            self.entries.len()
        );
        self.seen = Some(now);
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
