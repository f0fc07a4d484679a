//! Encryption at rest for source secrets: vendor API keys, auth headers and push tokens.
//!
//! A secret is sealed with XChaCha20-Poly1305 under the configured `secrets.key` into
//! `v1:<key-id>:<base64 of nonce || ciphertext>`. The key id (the first 8 hex characters of the key's
//! SHA-256) lets us report "sealed with another key" instead of a bare authentication failure, and lets
//! a rotated-out key still open old values. The caller's associated data names the row and field
//! (`source:17:auth_header`), so a ciphertext copied onto another row does not open. Plaintext leaves
//! only through [`Secret::expose`]; neither type prints its contents, and neither is `Serialize`.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

const VERSION: &str = "v1";
const KEY_LEN: usize = 32;
const KEY_ID_LEN: usize = 8;
/// XChaCha's 24-byte nonce is large enough to pick at random for every seal without fear of repeats.
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

/// The 32-byte key that seals source secrets, from `secrets.key` in the configuration.
#[derive(Clone)]
pub struct SecretKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
    id: String,
}

/// `secrets.key` is not 32 bytes written as base64 or hex. Never echoes the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("secrets.key must be 32 bytes as base64 or hex; generate one with `regiekamer secrets new-key`")]
pub struct KeyError;

impl SecretKey {
    /// Reads a key written as standard base64 (44 characters) or hex (64 characters).
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        let decoded = Zeroizing::new(if text.len() == 2 * KEY_LEN {
            hex::decode(text).map_err(|_| KeyError)?
        } else {
            BASE64.decode(text).map_err(|_| KeyError)?
        });
        if decoded.len() != KEY_LEN {
            return Err(KeyError);
        }
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        bytes.copy_from_slice(&decoded);
        let id = hex::encode(Sha256::digest(bytes.as_slice()))[..KEY_ID_LEN].to_string();
        Ok(SecretKey { bytes, id })
    }

    /// A fresh random key as base64 text, for `regiekamer secrets new-key`.
    pub fn generate() -> String {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        OsRng.fill_bytes(&mut *bytes);
        BASE64.encode(bytes.as_slice())
    }

    /// The first 8 hex characters of SHA-256(key): names the key in sealed values and messages
    /// without revealing it.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&*self.bytes).into())
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// A plaintext secret. Prints as `<redacted>`, is wiped from memory on drop, and is deliberately not
/// `Serialize`: [`Secret::expose`] is the only way to the text.
#[derive(Clone)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(plaintext: impl Into<String>) -> Self {
        Secret(Zeroizing::new(plaintext.into()))
    }

    /// The plaintext, for the one place that needs it (building the outbound request).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(plaintext: String) -> Self {
        Secret::new(plaintext)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Why a sealed secret did not open. No variant carries any part of the secret or the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("no secrets.key is configured")]
    NoKey,
    #[error("not a sealed secret (expected v1:<key-id>:<data>)")]
    Malformed,
    /// None of the configured keys has the id in the sealed value: the key was replaced without
    /// keeping the old one for rotation, or the database comes from another installation.
    #[error("sealed with another key (id {sealed_with}); configured: {configured}")]
    WrongKey { sealed_with: String, configured: String },
    /// The key matches but authentication failed: the value was altered, or it belongs to another
    /// row or field (associated data mismatch).
    #[error("sealed secret does not open: it was altered or belongs to another record")]
    Rejected,
    #[error("sealed secret is not text")]
    NotText,
}

/// Encrypts `plaintext` under `key`, bound to `aad` (the row and field, e.g. `source:17:auth_header`).
/// Every call uses a fresh random nonce, so sealing the same text twice gives different results.
///
/// # Panics
/// Only for a plaintext of 256 GiB or more, which XChaCha20-Poly1305 cannot encrypt.
pub fn seal(key: &SecretKey, plaintext: &str, aad: &str) -> String {
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut nonce);
    let header = format!("{VERSION}:{}:", key.id());
    let bound = format!("{header}{aad}");
    let payload = Payload { msg: plaintext.as_bytes(), aad: bound.as_bytes() };
    let ciphertext = match key.cipher().encrypt((&nonce).into(), payload) {
        Ok(ciphertext) => ciphertext,
        Err(_) => unreachable!("XChaCha20-Poly1305 refuses only plaintexts of 256 GiB or more"),
    };
    let mut body = Vec::with_capacity(NONCE_LEN + ciphertext.len());
    body.extend_from_slice(&nonce);
    body.extend_from_slice(&ciphertext);
    format!("{header}{}", BASE64.encode(body))
}

/// Decrypts a value made by [`seal`] with `key` and the same `aad`.
pub fn open(key: &SecretKey, sealed: &str, aad: &str) -> Result<Secret, SecretError> {
    open_with_any(std::slice::from_ref(key), sealed, aad)
}

/// Like [`open`], trying whichever of `keys` (the current one and those kept for rotation) has the id
/// named in the sealed value.
pub fn open_with_any(keys: &[SecretKey], sealed: &str, aad: &str) -> Result<Secret, SecretError> {
    if keys.is_empty() {
        return Err(SecretError::NoKey);
    }
    let (id, data) = split(sealed)?;
    let mut matching = keys.iter().filter(|key| key.id() == id).peekable();
    if matching.peek().is_none() {
        let configured = keys.iter().map(SecretKey::id).collect::<Vec<_>>().join(", ");
        return Err(SecretError::WrongKey { sealed_with: id.to_string(), configured });
    }
    let body = BASE64.decode(data).map_err(|_| SecretError::Malformed)?;
    if body.len() < NONCE_LEN + TAG_LEN {
        return Err(SecretError::Malformed);
    }
    let (nonce, ciphertext) = body.split_at(NONCE_LEN);
    let nonce: &[u8; NONCE_LEN] = nonce.try_into().map_err(|_| SecretError::Malformed)?;
    let bound = format!("{VERSION}:{id}:{aad}");
    // Two keys sharing an 8-hex-character id is unlikely but harmless: try each.
    let plaintext = matching
        .find_map(|key| key.cipher().decrypt(nonce.into(), Payload { msg: ciphertext, aad: bound.as_bytes() }).ok())
        .ok_or(SecretError::Rejected)?;
    String::from_utf8(plaintext).map(Secret::new).map_err(|e| {
        e.into_bytes().zeroize();
        SecretError::NotText
    })
}

/// Splits `v1:<key-id>:<data>`, accepting only a well-formed key id so that no other text from the
/// stored value (which might be an unsealed secret) ends up in an error message.
fn split(sealed: &str) -> Result<(&str, &str), SecretError> {
    let mut parts = sealed.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(VERSION), Some(id), Some(data))
            if id.len() == KEY_ID_LEN && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) =>
        {
            Ok((id, data))
        }
        _ => Err(SecretError::Malformed),
    }
}

#[cfg(test)]
mod tests;
