//! Sealing and opening files with the browser's WebCrypto: PBKDF2-HMAC-SHA-256 derives an
//! AES-256-GCM key from the passphrase, AES-GCM encrypts the file with the header as
//! associated data. The envelope (header, checks, layout) is `format::sealed`'s; nothing
//! here is cryptography of our own. WebCrypto runs off the page's thread, so deriving the
//! key (a good part of a second, on purpose) does not freeze the page.

use crate::format::sealed::{self, Envelope, Header, SealError, NONCE_BYTES, SALT_BYTES};
use js_sys::{Array, ArrayBuffer, Object, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

/// A sealed file as the browser holds it: the header line and the ciphertext with its tag.
/// `parts()` are the file's bytes in order (for a Blob); `to_vec()` copies them out.
pub struct SealedFile {
    pub header: String,
    pub body: Uint8Array,
}

impl SealedFile {
    /// The file as Blob parts: the header line, its line feed, the ciphertext.
    pub fn parts(&self) -> Array {
        Array::of2(&JsValue::from(format!("{}\n", self.header)), &self.body)
    }

    /// The file's bytes (tests compare them with a known answer).
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = format!("{}\n", self.header).into_bytes();
        out.extend(self.body.to_vec());
        out
    }
}

fn subtle() -> Result<SubtleCrypto, SealError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(SealError::Browser("reach WebCrypto"))?;
    Ok(crypto.subtle())
}

/// A fresh random salt and nonce from the browser's generator.
pub fn fresh_salt_and_nonce() -> Result<([u8; SALT_BYTES], [u8; NONCE_BYTES]), SealError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(SealError::Browser("reach WebCrypto"))?;
    let mut salt = [0u8; SALT_BYTES];
    let mut nonce = [0u8; NONCE_BYTES];
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .and_then(|_| crypto.get_random_values_with_u8_array(&mut nonce))
        .map_err(|_| SealError::Browser("make random numbers"))?;
    Ok((salt, nonce))
}

async fn call<T: JsCast>(
    promise: Result<js_sys::Promise, JsValue>,
    what: &'static str,
    failed: SealError,
) -> Result<T, SealError> {
    let promise = promise.map_err(|_| SealError::Browser(what))?;
    let value = JsFuture::from(promise).await.map_err(|_| failed)?;
    value.dyn_into::<T>().map_err(|_| SealError::Browser(what))
}

/// The AES-256-GCM key for `passphrase` (NFC, UTF-8) and `salt`, by PBKDF2-HMAC-SHA-256.
pub async fn derive_key(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, SealError> {
    let subtle = subtle()?;
    let normal = String::from(js_sys::JsString::from(passphrase).normalize("NFC"));
    let secret = Uint8Array::from(normal.as_bytes());
    let usages = Array::of1(&"deriveKey".into());
    let base = call::<CryptoKey>(
        subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages),
        "import the passphrase",
        SealError::Browser("import the passphrase"),
    )
    .await;
    // The key object holds it now; the bytes handed over are wiped.
    secret.fill(0, 0, secret.length());
    let base = base?;
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let aes = AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    call(
        subtle.derive_key_with_object_and_object(&params, &base, &aes, false, &usages),
        "derive the key",
        SealError::Browser("derive the key"),
    )
    .await
}

fn gcm(nonce: &[u8], aad: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(nonce));
    params.set_additional_data(&Uint8Array::from(aad));
    params.set_tag_length(128);
    params
}

/// Seals `plain` (an ordinary Pursuit file) with `key`, which [`derive_key`] made from the
/// same `salt`; `nonce` must never be used again with that key.
pub async fn seal_with(
    key: &CryptoKey,
    plain: &[u8],
    salt: &[u8; SALT_BYTES],
    nonce: &[u8; NONCE_BYTES],
) -> Result<SealedFile, SealError> {
    let header = Header::new(salt, nonce).line();
    let params = gcm(nonce, header.as_bytes());
    let data: Object = Uint8Array::from(plain).into();
    let body: ArrayBuffer = call(
        subtle()?.encrypt_with_object_and_buffer_source(&params, key, &data),
        "encrypt",
        SealError::Browser("encrypt"),
    )
    .await?;
    Ok(SealedFile {
        header,
        body: Uint8Array::new(&body),
    })
}

/// Seals `plain` under `passphrase` with the given salt and nonce (fresh ones from
/// [`fresh_salt_and_nonce`]; fixed ones only in the known-answer test).
pub async fn seal(
    plain: &[u8],
    passphrase: &str,
    salt: [u8; SALT_BYTES],
    nonce: [u8; NONCE_BYTES],
) -> Result<SealedFile, SealError> {
    let key = derive_key(passphrase, &salt, sealed::ITERATIONS).await?;
    seal_with(&key, plain, &salt, &nonce).await
}

/// Opens a sealed file with `key` (from [`derive_key`] with the envelope's salt and
/// iterations): the plain bytes, only when the tag authenticates header and ciphertext —
/// WebCrypto's AES-GCM returns nothing otherwise.
pub async fn open_with(
    key: &CryptoKey,
    file: &[u8],
    envelope: &Envelope,
) -> Result<Vec<u8>, SealError> {
    let aad = file.get(..envelope.aad_len).ok_or(SealError::Truncated)?;
    let body = file
        .get(envelope.body_start..)
        .ok_or(SealError::Truncated)?;
    let params = gcm(&envelope.nonce, aad);
    let data: Object = Uint8Array::from(body).into();
    let plain: ArrayBuffer = call(
        subtle()?.decrypt_with_object_and_buffer_source(&params, key, &data),
        "decrypt",
        SealError::Wrong,
    )
    .await?;
    Ok(Uint8Array::new(&plain).to_vec())
}

/// Opens a sealed file under `passphrase`: its header checked first (nothing is derived for
/// a file whose header is wrong), then the key derived, then the ciphertext authenticated
/// and decrypted.
pub async fn open(file: &[u8], passphrase: &str) -> Result<Vec<u8>, SealError> {
    let envelope = sealed::envelope(file, file.len())?;
    let key = derive_key(passphrase, &envelope.salt, envelope.iterations).await?;
    open_with(&key, file, &envelope).await
}
