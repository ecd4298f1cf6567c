//! The crate's error type.

use std::fmt;
use std::path::PathBuf;

/// A specialised `Result` whose error is kilde's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, with where: the file, line or byte offset involved.
///
/// The kind is available through [`Error::kind`] and is `#[non_exhaustive]`, so new kinds can be
/// added without breaking callers.
///
/// ```
/// use kilde::lexicon::{LexiconKind, LexiconSet};
/// let err = LexiconSet::builder()
///     .add_str(LexiconKind::GivenNames, "my-names.tsv", "Kari\tf\nOla\tx\n")
///     .unwrap_err();
/// assert_eq!(err.to_string(), "my-names.tsv:2: unknown gender \"x\" (expected m, f or u)");
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// The kinds of [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A lexicon line could not be read.
    Lexicon(LexiconError),
    /// Input bytes that are not UTF-8.
    InvalidUtf8 {
        /// Where the input came from (a file name, `<stdin>`, or empty).
        source: String,
        /// Absolute byte offset of the first invalid byte.
        offset: usize,
    },
    /// Reading or opening a file failed.
    Io {
        /// The file involved, if any.
        path: Option<PathBuf>,
        /// The underlying error.
        error: std::io::Error,
    },
    /// A configuration value is out of range or inconsistent.
    Config(String),
}

/// A malformed lexicon line: the file (or the name given to a string source), the 1-based line
/// and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file or source name.
    pub file: String,
    /// 1-based line number (0 when the error is about the source as a whole).
    pub line: usize,
    /// What is wrong, lower case.
    pub message: String,
}

impl Error {
    /// What kind of error this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) fn lexicon(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Lexicon(LexiconError {
                file: file.to_string(),
                line,
                message: message.into(),
            }),
        }
    }

    pub(crate) fn invalid_utf8(source: impl Into<String>, offset: usize) -> Error {
        Error {
            kind: ErrorKind::InvalidUtf8 {
                source: source.into(),
                offset,
            },
        }
    }

    pub(crate) fn io(path: Option<PathBuf>, error: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io { path, error },
        }
    }

    #[allow(dead_code)]
    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Config(message.into()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Lexicon(e) => write!(f, "{e}"),
            ErrorKind::InvalidUtf8 { source, offset } if source.is_empty() => {
                write!(f, "invalid utf-8 at byte offset {offset}")
            }
            ErrorKind::InvalidUtf8 { source, offset } => {
                write!(f, "{source}: invalid utf-8 at byte offset {offset}")
            }
            ErrorKind::Io {
                path: Some(path),
                error,
            } => write!(f, "{}: {error}", path.display()),
            ErrorKind::Io { path: None, error } => write!(f, "{error}"),
            ErrorKind::Config(msg) => write!(f, "invalid configuration: {msg}"),
        }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}
