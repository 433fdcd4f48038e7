//! Where casebook keeps its files, by the XDG base-directory rules: `$XDG_…_HOME/casebook`, else
//! the rules' default under `$HOME`. An empty variable counts as unset, as the rules say.

use std::ffi::OsString;
use std::path::PathBuf;

/// The kinds of directory casebook uses.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Settings and the served browser's authorized keys (`~/.config`).
    Config,
    /// The loaded-library cache (`~/.cache`).
    Cache,
    /// The server's host key (`~/.local/share`).
    Data,
    /// Training progress (`~/.local/state`).
    State,
}

impl Kind {
    fn variable(self) -> &'static str {
        match self {
            Kind::Config => "XDG_CONFIG_HOME",
            Kind::Cache => "XDG_CACHE_HOME",
            Kind::Data => "XDG_DATA_HOME",
            Kind::State => "XDG_STATE_HOME",
        }
    }

    fn under_home(self) -> &'static str {
        match self {
            Kind::Config => ".config",
            Kind::Cache => ".cache",
            Kind::Data => ".local/share",
            Kind::State => ".local/state",
        }
    }
}

/// casebook's directory of this kind; `None` when neither its variable nor `HOME` is set.
pub fn casebook(kind: Kind) -> Option<PathBuf> {
    casebook_in(kind, |name| std::env::var_os(name))
}

/// [`casebook`] with the environment read through `var`.
fn casebook_in(kind: Kind, var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let nonempty = |name| var(name).filter(|v| !v.is_empty());
    let base = nonempty(kind.variable())
        .map(PathBuf::from)
        .or_else(|| nonempty("HOME").map(|home| PathBuf::from(home).join(kind.under_home())))?;
    Some(base.join("casebook"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            vars.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_variable_first_then_home_and_an_empty_variable_is_unset() {
        let home = with(&[("HOME", "/home/li"), ("XDG_CACHE_HOME", "/var/cache/li")]);
        let path = |kind| casebook_in(kind, &home).unwrap();
        assert_eq!(path(Kind::Cache), PathBuf::from("/var/cache/li/casebook"));
        assert_eq!(
            path(Kind::Config),
            PathBuf::from("/home/li/.config/casebook")
        );
        assert_eq!(
            path(Kind::Data),
            PathBuf::from("/home/li/.local/share/casebook")
        );
        assert_eq!(
            path(Kind::State),
            PathBuf::from("/home/li/.local/state/casebook")
        );
        let empty = with(&[("HOME", "/home/li"), ("XDG_STATE_HOME", "")]);
        assert_eq!(
            casebook_in(Kind::State, &empty).unwrap(),
            PathBuf::from("/home/li/.local/state/casebook")
        );
        assert_eq!(casebook_in(Kind::Config, with(&[("HOME", "")])), None);
    }
}
