//! The crate's one error type.

use std::fmt;
use std::path::PathBuf;

/// An error from this crate: what went wrong and where (file, line, column,
/// document id or reference as written).
///
/// The kind is boxed so that `Result<T, Error>` stays one pointer wide.
///
/// ```
/// use directive_lineage::{DocNumber, ErrorKind};
/// let err = "not a number".parse::<DocNumber>().unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::Parse { what: "document number", .. }));
/// // What was given, and what is accepted.
/// assert!(err.to_string().contains("not a number"));
/// assert!(err.to_string().contains("such as 281/QĐ-TTg"));
/// ```
pub struct Error(Box<ErrorKind>);

/// The crate's result type: `Result<T>` is `Result<T, Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong; see [`Error::kind`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A corpus or table file is not valid JSON of the expected shape.
    #[error("{path}:{line}:{column}: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's description.
        message: String,
    },
    /// A corpus file declares a format this version does not read.
    #[error("{path}: unsupported format {found:?} (this version reads {expected:?})")]
    Format {
        /// The file.
        path: PathBuf,
        /// The `format` field found.
        found: String,
        /// The format this crate reads.
        expected: &'static str,
    },
    /// A string is not a valid value of some kind (a document number, an id,
    /// a date).
    #[error("invalid {what}: {input:?}{}", expecting(.expected))]
    Parse {
        /// What was expected.
        what: &'static str,
        /// The input as given.
        input: String,
        /// The forms accepted, with an example, and where the input can be
        /// read another way, what it would be in the expected form; empty
        /// when there is nothing more to say.
        expected: String,
    },
    /// A reference names nothing in the corpus.
    #[error("unknown reference {input:?}{}", suggest(.suggestions))]
    UnknownReference {
        /// The reference as written.
        input: String,
        /// The closest known ids.
        suggestions: Vec<String>,
    },
    /// A name given to a query (a jurisdiction, an agency) names nothing in
    /// the corpus or its tables.
    #[error("unknown {what} {input:?}{}", suggest(.suggestions))]
    UnknownName {
        /// What kind of name (`jurisdiction`, `agency`).
        what: &'static str,
        /// The name as written.
        input: String,
        /// The closest known values, the closest first.
        suggestions: Vec<String>,
    },
    /// A settings file (`check.rules`) has a line that cannot be read.
    #[error("{path}:{line}: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong, with the accepted values.
        message: String,
    },
    /// A reference names more than one document (for instance `47/KH-UBND`
    /// without a jurisdiction).
    #[error("ambiguous reference {input:?}: it matches {}", .candidates.join(", "))]
    AmbiguousReference {
        /// The reference as written.
        input: String,
        /// The documents it could mean.
        candidates: Vec<String>,
    },
    /// A query's answer would pass a documented limit (see the query's docs).
    #[error("{query} from {start}: more than {limit} {what}; {hint}")]
    LimitReached {
        /// The query (`trace up`).
        query: &'static str,
        /// Where it started.
        start: String,
        /// What there are too many of (`chains to the roots`).
        what: &'static str,
        /// The limit.
        limit: usize,
        /// What to do instead.
        hint: &'static str,
    },
    /// A document built in code ([`Document::builder`](crate::Document::builder))
    /// lacks what its number cannot give, or has a value that does not
    /// parse.
    #[error("document {document}{}: {problem}", .clause.as_ref().map(|c| format!(", clause {c}")).unwrap_or_default())]
    InvalidDocument {
        /// The number the builder was given, as written.
        document: String,
        /// The clause concerned, when it is one.
        clause: Option<String>,
        /// What is wrong and what to give instead.
        problem: String,
    },
    /// A file or folder given to add documents from cannot be used: it does
    /// not exist (with the closest names in its folder) or is not a text or
    /// corpus JSON.
    #[error("{}: {problem}{}", .path.display(), suggest(.suggestions))]
    Input {
        /// The path as given.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
        /// The closest existing paths, for a name that names nothing.
        suggestions: Vec<String>,
    },
    /// A text given to the extractor is not a policy document.
    #[error("{source_name}: not a policy document: {reason}")]
    NotADocument {
        /// Where the text came from.
        source_name: String,
        /// Why it was rejected.
        reason: String,
    },
}

fn expecting(expected: &str) -> String {
    if expected.is_empty() {
        String::new()
    } else {
        format!(": expected {expected}")
    }
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", s.join(", "))
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    /// The file the error is about, when it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self.kind() {
            ErrorKind::Io { path, .. }
            | ErrorKind::Json { path, .. }
            | ErrorKind::Format { path, .. }
            | ErrorKind::Input { path, .. }
            | ErrorKind::Config { path, .. } => Some(path),
            _ => None,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    pub(crate) fn parse(what: &'static str, input: &str) -> Error {
        Error::parse_expected(what, input, String::new())
    }

    /// A parse error that says which forms are accepted.
    pub(crate) fn parse_expected(what: &'static str, input: &str, expected: impl Into<String>) -> Error {
        Error::new(ErrorKind::Parse { what, input: input.to_string(), expected: expected.into() })
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::new(ErrorKind::Io { path: path.into(), source })
    }

    pub(crate) fn json(path: impl Into<PathBuf>, e: &serde_json::Error) -> Error {
        // serde_json's Display appends " at line L column C"; keep the message
        // bare since the position is printed in front.
        let msg = e.to_string();
        let message = match msg.rfind(" at line ") {
            Some(i) => msg[..i].to_string(),
            None => msg,
        };
        // At the end of a line (or of the file) serde_json says column 0;
        // columns here are 1-based.
        Error::new(ErrorKind::Json { path: path.into(), line: e.line(), column: e.column().max(1), message })
    }

    /// Text that is not UTF-8, with the line and column of the first bad
    /// byte (the column counts characters).
    pub(crate) fn not_utf8(path: impl Into<PathBuf>, bytes: &[u8], e: &std::str::Utf8Error) -> Error {
        let good = &bytes[..e.valid_up_to()];
        let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
        let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = 1 + std::str::from_utf8(&good[start..]).map_or(0, |s| s.chars().count());
        let message =
            format!("invalid UTF-8 (byte 0x{:02x}); save the file as UTF-8", bytes[e.valid_up_to()]);
        Error::new(ErrorKind::Json { path: path.into(), line, column, message })
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// For conversions that cannot fail (a [`Date`](crate::Date) given where a
/// date or its text is taken).
impl From<std::convert::Infallible> for Error {
    fn from(never: std::convert::Infallible) -> Error {
        match never {}
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}
