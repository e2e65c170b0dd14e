//! Sealed files: an ordinary Pursuit file encrypted under a passphrase (issue #34).
//!
//! The file is one line of JSON, the header, then a line feed, then the ciphertext of the
//! ordinary file with AES-GCM's 16-byte tag at its end, raw, to the end of the file:
//!
//! ```text
//! {"format":"pursuit-sealed","version":1,"sealed":true,"kdf":"PBKDF2-HMAC-SHA-256","iterations":600000,"salt":"…32 hex…","cipher":"AES-256-GCM","nonce":"…24 hex…"}⏎
//! <ciphertext><tag>
//! ```
//!
//! The key is PBKDF2-HMAC-SHA-256 of the passphrase (UTF-8, NFC as typed) with the salt; the
//! header line's bytes (without its line feed) are the associated data, so the header cannot
//! be changed either. Here is the envelope alone: its header, the checks on it and where the
//! ciphertext starts. The cipher is the browser's WebCrypto (`crate::storage::seal`); no
//! cryptography is written here. `docs/file-format.md` ("Sealed files") documents it for
//! other tools and `scripts/unseal.js` opens it with Node's own crypto.

use serde::{Deserialize, Serialize};

/// The `format` of a sealed file's header.
pub const FORMAT: &str = "pursuit-sealed";
/// The envelope version this build writes and reads.
pub const VERSION: u32 = 1;
/// The key derivation: PBKDF2 with HMAC-SHA-256, a 256-bit key.
pub const KDF: &str = "PBKDF2-HMAC-SHA-256";
/// The cipher: AES-256 in Galois/Counter Mode with a 128-bit tag.
pub const CIPHER: &str = "AES-256-GCM";
/// Iterations written: OWASP's advice for PBKDF2-HMAC-SHA-256 (2023 onwards).
pub const ITERATIONS: u32 = 600_000;
/// The most iterations a file may ask for: more would hold the page for minutes.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Salt bytes written, and the range read.
pub const SALT_BYTES: usize = 16;
pub const MAX_SALT_BYTES: usize = 64;
/// AES-GCM's nonce (IV): 96 bits, fresh for every file.
pub const NONCE_BYTES: usize = 12;
/// AES-GCM's tag at the end of the ciphertext.
pub const TAG_BYTES: usize = 16;
/// The longest header read: the header written is about 200 bytes.
pub const MAX_HEADER_BYTES: usize = 1024;

/// Every sealed-file limit by name and value, as `docs/limits.md` lists them (a test keeps
/// the two in step), with the passphrase's.
pub fn documented() -> Vec<(&'static str, String)> {
    use crate::format::passphrase::{MIN_CHARS, MIN_DISTINCT, MIN_WORDS};
    vec![
        ("ITERATIONS", ITERATIONS.to_string()),
        ("MAX_ITERATIONS", MAX_ITERATIONS.to_string()),
        ("SALT_BYTES", SALT_BYTES.to_string()),
        ("MAX_SALT_BYTES", MAX_SALT_BYTES.to_string()),
        ("NONCE_BYTES", NONCE_BYTES.to_string()),
        ("MAX_HEADER_BYTES", MAX_HEADER_BYTES.to_string()),
        ("MIN_CHARS", MIN_CHARS.to_string()),
        ("MIN_WORDS", MIN_WORDS.to_string()),
        ("MIN_DISTINCT", MIN_DISTINCT.to_string()),
    ]
}

/// A sealed file's header, in the order it is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub sealed: bool,
    pub kdf: String,
    /// Read as u64 so that an absurd count is named in its message, not a parse error.
    pub iterations: u64,
    /// Hex, lower case.
    pub salt: String,
    pub cipher: String,
    /// Hex, lower case.
    pub nonce: String,
}

impl Header {
    /// The header this build writes for a file sealed with `salt` and `nonce`.
    pub fn new(salt: &[u8; SALT_BYTES], nonce: &[u8; NONCE_BYTES]) -> Self {
        Header {
            format: FORMAT.into(),
            version: VERSION,
            sealed: true,
            kdf: KDF.into(),
            iterations: u64::from(ITERATIONS),
            salt: hex(salt),
            cipher: CIPHER.into(),
            nonce: hex(nonce),
        }
    }

    /// The header line without its line feed: the associated data, and the file's start.
    pub fn line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A sealed file's header, read and checked: what opening it needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub nonce: Vec<u8>,
    /// The header line's length in bytes: the associated data is `file[..aad_len]`.
    pub aad_len: usize,
    /// Where the ciphertext (with its tag) starts: `aad_len + 1`.
    pub body_start: usize,
}

/// Why a sealed file cannot be opened. Each message is written for the person opening it;
/// nothing is opened in any of these cases.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("This sealed file is damaged: its header (the first line) is missing or longer than {MAX_HEADER_BYTES} bytes.")]
    NoHeader,
    #[error("This sealed file's header is damaged: {0}.")]
    BadHeader(String),
    #[error("This file is sealed with envelope version {0}; this Pursuit opens version {VERSION}. Open it in an up-to-date Pursuit.")]
    Version(String),
    #[error(
        "This sealed file's key derivation is “{0}”; Pursuit opens files sealed with {KDF} only."
    )]
    Kdf(String),
    #[error("This sealed file's cipher is “{0}”; Pursuit opens files sealed with {CIPHER} only.")]
    Cipher(String),
    #[error("This sealed file asks for {0} key-derivation iterations; Pursuit accepts 600,000 to 10,000,000.")]
    Iterations(String),
    #[error(
        "This sealed file's salt is {0} bytes; Pursuit accepts {SALT_BYTES} to {MAX_SALT_BYTES}."
    )]
    Salt(usize),
    #[error("This sealed file's nonce is {0} bytes; AES-GCM here uses {NONCE_BYTES}.")]
    Nonce(usize),
    #[error("This sealed file is truncated: it ends before its authentication tag.")]
    Truncated,
    #[error(
        "The passphrase is wrong, or the file was changed after it was sealed. Nothing was opened."
    )]
    Wrong,
    #[error("The browser could not {0}: this browser may not offer WebCrypto here (it needs https or localhost).")]
    Browser(&'static str),
}

/// Whether a file is a sealed file, from its first bytes: its first line (up to
/// [`MAX_HEADER_BYTES`] + 1 bytes when it has no line feed there) is a JSON object naming
/// the sealed format. A damaged header still counts, so its message is a sealed file's.
pub fn is_sealed(prefix: &[u8]) -> bool {
    let scan = &prefix[..prefix.len().min(MAX_HEADER_BYTES + 1)];
    let first = scan.split(|&b| b == b'\n').next().unwrap_or_default();
    first.starts_with(b"{") && first.windows(FORMAT.len()).any(|w| w == FORMAT.as_bytes())
}

/// Reads and checks a sealed file's header from its first bytes (at least
/// [`MAX_HEADER_BYTES`] + 1 of them, or the whole file); `total` is the file's length.
pub fn envelope(prefix: &[u8], total: usize) -> Result<Envelope, SealError> {
    let scan = &prefix[..prefix.len().min(MAX_HEADER_BYTES + 1)];
    let aad_len = scan
        .iter()
        .position(|&b| b == b'\n')
        .ok_or(SealError::NoHeader)?;
    let line = &scan[..aad_len];
    let iterations = probe(line)?;
    // Only a header that passed the probe is read whole; a version-1 header has exactly
    // the fields of [`Header`].
    let header: Header = serde_json::from_slice(line).map_err(|e| bad(&e.to_string()))?;
    let salt = unhex(&header.salt).ok_or_else(|| bad("the salt is not hex"))?;
    if !(SALT_BYTES..=MAX_SALT_BYTES).contains(&salt.len()) {
        return Err(SealError::Salt(salt.len()));
    }
    let nonce = unhex(&header.nonce).ok_or_else(|| bad("the nonce is not hex"))?;
    if nonce.len() != NONCE_BYTES {
        return Err(SealError::Nonce(nonce.len()));
    }
    let body_start = aad_len + 1;
    if total < body_start + TAG_BYTES {
        return Err(SealError::Truncated);
    }
    Ok(Envelope {
        iterations,
        salt,
        nonce,
        aad_len,
        body_start,
    })
}

/// The fields that say whether this reader can open the file at all, read leniently (any
/// number, other fields ignored) so that each answer names what it found: the format, the
/// version, the key derivation and cipher, the iterations. Returns the iterations.
fn probe(line: &[u8]) -> Result<u32, SealError> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        format: String,
        #[serde(default)]
        sealed: bool,
        #[serde(default)]
        version: f64,
        #[serde(default)]
        kdf: String,
        #[serde(default)]
        cipher: String,
        #[serde(default)]
        iterations: f64,
    }
    let p: Probe = serde_json::from_slice(line).map_err(|e| bad(&e.to_string()))?;
    if p.format != FORMAT || !p.sealed {
        return Err(bad(&format!(
            "it says format “{}”, sealed {}",
            p.format, p.sealed
        )));
    }
    if p.version != f64::from(VERSION) {
        return Err(SealError::Version(number(p.version)));
    }
    if p.kdf != KDF {
        return Err(SealError::Kdf(p.kdf));
    }
    if p.cipher != CIPHER {
        return Err(SealError::Cipher(p.cipher));
    }
    let range = f64::from(ITERATIONS)..=f64::from(MAX_ITERATIONS);
    if p.iterations.fract() != 0.0 || !range.contains(&p.iterations) {
        return Err(SealError::Iterations(number(p.iterations)));
    }
    // A whole number within 600,000..=10,000,000: the cast is exact.
    Ok(p.iterations as u32)
}

/// A number from a header as a person reads it: whole numbers grouped ("1,000,000").
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        let grouped = crate::model::common::group_thousands(x.abs() as u64);
        if x < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else {
        x.to_string()
    }
}

fn bad(why: &str) -> SealError {
    SealError::BadHeader(why.into())
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// The bytes of lower- or upper-case hex; `None` for anything else. At most
/// [`MAX_HEADER_BYTES`] digits are read (a header is no longer).
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || text.len() > MAX_HEADER_BYTES {
        return None;
    }
    let digit = |c: u8| char::from(c).to_digit(16);
    text.as_bytes()
        .chunks(2)
        .map(|pair| u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok())
        .collect()
}
