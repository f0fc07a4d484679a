use super::*;

const HEX_KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const AAD: &str = "source:17:auth_header";
const PLAINTEXT: &str = "Bearer sk-live-4f9a2c";

fn key() -> SecretKey {
    SecretKey::parse(HEX_KEY).unwrap()
}

fn other_key() -> SecretKey {
    SecretKey::parse(&SecretKey::generate()).unwrap()
}

/// Decodes the body of a sealed value, lets `change` alter it, and encodes it again.
fn alter_body(sealed: &str, change: impl FnOnce(&mut Vec<u8>)) -> String {
    let (header, data) = sealed.rsplit_once(':').unwrap();
    let mut body = BASE64.decode(data).unwrap();
    change(&mut body);
    format!("{header}:{}", BASE64.encode(body))
}

#[test]
fn sealed_secret_opens_with_the_same_key_and_aad() {
    let sealed = seal(&key(), PLAINTEXT, AAD);
    assert_eq!(open(&key(), &sealed, AAD).unwrap().expose(), PLAINTEXT);
}

#[test]
fn empty_and_non_ascii_secrets_round_trip() {
    for text in ["", "wachtwoord-€-ü-✓"] {
        assert_eq!(open(&key(), &seal(&key(), text, AAD), AAD).unwrap().expose(), text);
    }
}

#[test]
fn sealed_value_names_version_and_key_id_and_hides_the_plaintext() {
    let sealed = seal(&key(), PLAINTEXT, AAD);
    let expected_id = &hex::encode(Sha256::digest(hex::decode(HEX_KEY).unwrap()))[..8];
    assert_eq!(key().id(), expected_id);
    assert!(sealed.starts_with(&format!("v1:{expected_id}:")), "{sealed}");
    assert!(!sealed.contains(PLAINTEXT));
    let body = BASE64.decode(sealed.rsplit_once(':').unwrap().1).unwrap();
    assert_eq!(body.len(), NONCE_LEN + PLAINTEXT.len() + TAG_LEN);
}

#[test]
fn two_seals_of_the_same_plaintext_differ() {
    assert_ne!(seal(&key(), PLAINTEXT, AAD), seal(&key(), PLAINTEXT, AAD));
}

#[test]
fn wrong_key_is_reported_with_both_key_ids() {
    let sealed = seal(&key(), PLAINTEXT, AAD);
    let other = other_key();
    let err = open(&other, &sealed, AAD).unwrap_err();
    assert_eq!(err, SecretError::WrongKey { sealed_with: key().id().into(), configured: other.id().into() });
    let message = err.to_string();
    assert!(message.starts_with(&format!("sealed with another key (id {})", key().id())), "{message}");
}

#[test]
fn rotation_opens_with_whichever_key_matches_the_id() {
    let (old, current) = (key(), other_key());
    let keys = [current.clone(), old.clone()];
    assert_eq!(open_with_any(&keys, &seal(&old, PLAINTEXT, AAD), AAD).unwrap().expose(), PLAINTEXT);
    assert_eq!(open_with_any(&keys, &seal(&current, PLAINTEXT, AAD), AAD).unwrap().expose(), PLAINTEXT);
    let err = open_with_any(std::slice::from_ref(&current), &seal(&old, PLAINTEXT, AAD), AAD).unwrap_err();
    assert!(matches!(err, SecretError::WrongKey { .. }));
}

#[test]
fn no_configured_key_is_its_own_error() {
    assert_eq!(open_with_any(&[], &seal(&key(), PLAINTEXT, AAD), AAD).unwrap_err(), SecretError::NoKey);
}

#[test]
fn tampered_ciphertext_nonce_or_tag_is_rejected() {
    let sealed = seal(&key(), PLAINTEXT, AAD);
    for position in [0, NONCE_LEN, NONCE_LEN + PLAINTEXT.len()] {
        let tampered = alter_body(&sealed, |body| body[position] ^= 0x01);
        assert_eq!(open(&key(), &tampered, AAD).unwrap_err(), SecretError::Rejected, "byte {position}");
    }
    let truncated = alter_body(&sealed, |body| body.truncate(body.len() - 1));
    assert_eq!(open(&key(), &truncated, AAD).unwrap_err(), SecretError::Rejected);
}

#[test]
fn secret_copied_to_another_row_or_field_does_not_open() {
    let sealed = seal(&key(), PLAINTEXT, AAD);
    for aad in ["source:18:auth_header", "source:17:api_key", ""] {
        assert_eq!(open(&key(), &sealed, aad).unwrap_err(), SecretError::Rejected, "{aad}");
    }
}

#[test]
fn malformed_values_are_refused_without_echoing_them() {
    let sealed = seal(&key(), PLAINTEXT, AAD);
    let too_short = alter_body(&sealed, |body| body.truncate(NONCE_LEN + TAG_LEN - 1));
    let cases = [
        PLAINTEXT.to_string(),
        format!("v2{}", &sealed[2..]),
        format!("v1:{PLAINTEXT}:{}", sealed.rsplit_once(':').unwrap().1),
        format!("{}!!!", &sealed[..12]),
        too_short,
    ];
    for case in cases {
        let err = open(&key(), &case, AAD).unwrap_err();
        assert_eq!(err, SecretError::Malformed, "{case}");
        assert!(!err.to_string().contains("sk-live"));
    }
}

#[test]
fn secret_never_prints_its_plaintext() {
    let secret = Secret::new(PLAINTEXT);
    assert_eq!(format!("{secret:?}"), "<redacted>");
    assert_eq!(secret.to_string(), "<redacted>");
    assert_eq!(format!("{:?}", Some(Secret::from(PLAINTEXT.to_string()))), "Some(<redacted>)");
    assert_eq!(secret.expose(), PLAINTEXT);
}

#[test]
fn secret_key_debug_never_shows_the_key() {
    let text = SecretKey::generate();
    let key = SecretKey::parse(&text).unwrap();
    let debug = format!("{key:?}");
    assert_eq!(debug, "SecretKey(<redacted>)");
    let bytes = BASE64.decode(&text).unwrap();
    assert!(!debug.contains(&text) && !debug.contains(&hex::encode(&bytes)));
    assert!(!format!("{:?}", key.clone()).contains(&text[..8]));
}

#[test]
fn key_parses_from_base64_and_hex_alike() {
    let base64 = BASE64.encode(hex::decode(HEX_KEY).unwrap());
    assert_eq!(base64.len(), 44);
    let from_base64 = SecretKey::parse(&base64).unwrap();
    let from_hex = SecretKey::parse(HEX_KEY).unwrap();
    let from_upper_hex = SecretKey::parse(&format!("  {}\n", HEX_KEY.to_uppercase())).unwrap();
    assert_eq!(from_base64.id(), from_hex.id());
    assert_eq!(from_upper_hex.id(), from_hex.id());
    assert_eq!(open(&from_base64, &seal(&from_hex, PLAINTEXT, AAD), AAD).unwrap().expose(), PLAINTEXT);
}

#[test]
fn generated_keys_are_44_character_base64_that_parses() {
    let (a, b) = (SecretKey::generate(), SecretKey::generate());
    assert_eq!(a.len(), 44);
    assert_ne!(a, b);
    assert!(SecretKey::parse(&a).is_ok());
}

#[test]
fn key_of_another_length_or_alphabet_is_refused_with_the_message() {
    let cases = [
        String::new(),
        BASE64.encode([7u8; 31]),
        BASE64.encode([7u8; 33]),
        BASE64.encode([7u8; 64]),
        "ab".repeat(31),
        "ab".repeat(33),
        "zz".repeat(32),
        "correct horse battery staple".to_string(),
    ];
    for case in cases {
        let err = SecretKey::parse(&case).unwrap_err();
        assert_eq!(
            err.to_string(),
            "secrets.key must be 32 bytes as base64 or hex; generate one with `regiekamer secrets new-key`",
            "{case}"
        );
    }
}
