//! The command line, parsed with lexopt; the values checked here.

use std::ffi::OsString;
use std::path::PathBuf;

pub const USAGE: &str = "\
usage: local-stack --moto-server <path to moto_server>
                   [--port N]          site (+ API, same origin) port; 0 = any free port (default)
                   [--site DIR]        serve the built SPA from DIR; omit for API only
                   [--api-port N]      serve the API on its own listener (cross-origin mode)
                   [--cognito-port N]  the local Cognito endpoint's port; 0 = any free port (default)
                   [--public-url URL]  origin the browser uses for this listener, if different
                   [--state-file PATH] write the state JSON here
                   [--script-src SRC]  extra CSP script-src source (repeatable), e.g. 'sha256-...'";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub moto_server: PathBuf,
    pub port: u16,
    pub site: Option<PathBuf>,
    pub api_port: Option<u16>,
    pub cognito_port: u16,
    pub public_url: Option<String>,
    pub state_file: Option<PathBuf>,
    pub script_src: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ArgsError {
    #[error("help requested")]
    Help,
    #[error("unknown argument {0:?}")]
    Unknown(String),
    #[error("{0} needs a value")]
    MissingValue(String),
    #[error("{flag} expects a port number 0-65535, got {value:?}")]
    BadPort { flag: String, value: String },
    #[error("--public-url must be an http(s) origin without a path, got {0:?}")]
    BadUrl(String),
    #[error("--script-src value {0:?} contains characters not allowed in a CSP source")]
    BadScriptSrc(String),
    #[error("argument {0:?} is not valid UTF-8")]
    NotUtf8(OsString),
    #[error("--moto-server is required")]
    NoMotoServer,
}

impl Args {
    /// Parses the arguments after the program name (lexopt: `--flag value`
    /// and `--flag=value`).
    pub fn parse<I: IntoIterator<Item = OsString>>(args: I) -> Result<Args, ArgsError> {
        use lexopt::Arg::{Long, Short};
        let mut moto_server = None;
        let mut parsed = Args {
            moto_server: PathBuf::new(),
            port: 0,
            site: None,
            api_port: None,
            cognito_port: 0,
            public_url: None,
            state_file: None,
            script_src: Vec::new(),
        };
        let mut parser = lexopt::Parser::from_args(args);
        while let Some(arg) = parser.next().map_err(ArgsError::from)? {
            let flag = match arg {
                Short('h') | Long("help") => return Err(ArgsError::Help),
                Long(name) => format!("--{name}"),
                other => return Err(ArgsError::Unknown(other.unexpected().to_string())),
            };
            if !FLAGS.contains(&flag.as_str()) {
                return Err(ArgsError::Unknown(flag));
            }
            let value = parser
                .value()
                .map_err(|_| ArgsError::MissingValue(flag.clone()))?
                .into_string()
                .map_err(ArgsError::NotUtf8)?;
            match flag.as_str() {
                "--moto-server" => moto_server = Some(PathBuf::from(value)),
                "--port" => parsed.port = parse_port(&flag, &value)?,
                "--site" => parsed.site = Some(PathBuf::from(value)),
                "--api-port" => parsed.api_port = Some(parse_port(&flag, &value)?),
                "--cognito-port" => parsed.cognito_port = parse_port(&flag, &value)?,
                "--public-url" => parsed.public_url = Some(parse_origin(&value)?),
                "--state-file" => parsed.state_file = Some(PathBuf::from(value)),
                _ => parsed.script_src.push(parse_script_src(&value)?),
            }
        }
        parsed.moto_server = moto_server.ok_or(ArgsError::NoMotoServer)?;
        Ok(parsed)
    }
}

const FLAGS: &[&str] = &[
    "--moto-server",
    "--port",
    "--site",
    "--api-port",
    "--cognito-port",
    "--public-url",
    "--state-file",
    "--script-src",
];

impl From<lexopt::Error> for ArgsError {
    fn from(error: lexopt::Error) -> ArgsError {
        match error {
            lexopt::Error::MissingValue { option } => {
                ArgsError::MissingValue(option.unwrap_or_default())
            }
            lexopt::Error::NonUnicodeValue(value) => ArgsError::NotUtf8(value),
            other => ArgsError::Unknown(other.to_string()),
        }
    }
}

fn parse_port(flag: &str, value: &str) -> Result<u16, ArgsError> {
    value.parse().map_err(|_| ArgsError::BadPort {
        flag: flag.to_string(),
        value: value.to_string(),
    })
}

/// An origin goes verbatim into JSON and a CSP header, so accept only
/// `scheme://host[:port]` with plain characters; a trailing slash is dropped.
fn parse_origin(value: &str) -> Result<String, ArgsError> {
    let trimmed = value.strip_suffix('/').unwrap_or(value);
    let rest = trimmed
        .strip_prefix("http://")
        .or_else(|| trimmed.strip_prefix("https://"));
    let ok = match rest {
        Some(host) => {
            !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        }
        None => false,
    };
    if ok {
        Ok(trimmed.to_string())
    } else {
        Err(ArgsError::BadUrl(value.to_string()))
    }
}

/// Rejects anything that could end the directive or the header.
fn parse_script_src(value: &str) -> Result<String, ArgsError> {
    let ok = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_graphic() && c != ';' && c != ',');
    if ok {
        Ok(value.to_string())
    } else {
        Err(ArgsError::BadScriptSrc(value.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(list: &[&str]) -> Result<Args, ArgsError> {
        Args::parse(list.iter().map(OsString::from))
    }

    #[test]
    fn parses_all_flags_in_both_spellings() {
        let args = parse(&[
            "--moto-server",
            "/bin/moto",
            "--port=8081",
            "--site",
            "dist",
            "--api-port",
            "0",
            "--cognito-port=9229",
            "--public-url=http://127.0.0.1:8080/",
            "--state-file",
            "s.json",
            "--script-src",
            "'sha256-abc='",
        ])
        .expect("valid arguments");
        assert_eq!(args.moto_server, PathBuf::from("/bin/moto"));
        assert_eq!(args.port, 8081);
        assert_eq!(args.site, Some(PathBuf::from("dist")));
        assert_eq!(args.api_port, Some(0));
        assert_eq!(args.cognito_port, 9229);
        assert_eq!(args.public_url.as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(args.state_file, Some(PathBuf::from("s.json")));
        assert_eq!(args.script_src, vec!["'sha256-abc='".to_string()]);
    }

    #[test]
    fn rejects_bad_input_with_words() {
        assert_eq!(parse(&[]), Err(ArgsError::NoMotoServer));
        assert_eq!(
            parse(&["--moto-server"]),
            Err(ArgsError::MissingValue("--moto-server".into()))
        );
        assert!(matches!(
            parse(&["--moto-server", "m", "--port", "70000"]),
            Err(ArgsError::BadPort { .. })
        ));
        assert!(matches!(
            parse(&["--moto-server", "m", "--public-url", "http://x/a"]),
            Err(ArgsError::BadUrl(_))
        ));
        assert!(matches!(
            parse(&["--moto-server", "m", "--script-src", "x; img-src *"]),
            Err(ArgsError::BadScriptSrc(_))
        ));
        assert_eq!(
            parse(&["--moto-server", "m", "--verbose"]),
            Err(ArgsError::Unknown("--verbose".into()))
        );
        assert_eq!(parse(&["--help"]), Err(ArgsError::Help));
        assert_eq!(parse(&["-h"]), Err(ArgsError::Help));
        assert!(matches!(
            parse(&["--moto-server", "m", "stray"]),
            Err(ArgsError::Unknown(_))
        ));
    }
}
