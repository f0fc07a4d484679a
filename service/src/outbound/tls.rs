//! Reads the expiry date (notAfter) from a server certificate, so a poll can warn before a vendor's
//! certificate runs out. A minimal DER walk over the fixed start of an X.509 certificate; anything
//! unexpected gives `None` rather than an error, since the date is informative only.

use chrono::{DateTime, NaiveDateTime, Utc};

const SEQUENCE: u8 = 0x30;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const EXPLICIT_VERSION: u8 = 0xa0;

/// The notAfter of a DER-encoded X.509 certificate.
pub(crate) fn not_after(der: &[u8]) -> Option<DateTime<Utc>> {
    let (tag, certificate, _) = read_tlv(der)?;
    if tag != SEQUENCE {
        return None;
    }
    let (tag, mut tbs, _) = read_tlv(certificate)?;
    if tag != SEQUENCE {
        return None;
    }
    // version (optional), serialNumber, signature algorithm, issuer, then validity.
    if tbs.first() == Some(&EXPLICIT_VERSION) {
        tbs = read_tlv(tbs)?.2;
    }
    for _ in 0..3 {
        tbs = read_tlv(tbs)?.2;
    }
    let (tag, validity, _) = read_tlv(tbs)?;
    if tag != SEQUENCE {
        return None;
    }
    let (_, _, rest) = read_tlv(validity)?; // notBefore
    let (tag, time, _) = read_tlv(rest)?;
    parse_time(tag, std::str::from_utf8(time).ok()?)
}

/// One tag-length-value: (tag, contents, what follows).
fn read_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let len = rest[..count].iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, &rest[count..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

fn parse_time(tag: u8, text: &str) -> Option<DateTime<Utc>> {
    let full = match tag {
        // RFC 5280: two-digit years 50-99 are 19xx, 00-49 are 20xx.
        UTC_TIME => {
            let year: u32 = text.get(..2)?.parse().ok()?;
            format!("{}{text}", if year >= 50 { "19" } else { "20" })
        }
        GENERALIZED_TIME => text.to_string(),
        _ => return None,
    };
    let naive = NaiveDateTime::parse_from_str(full.strip_suffix('Z')?, "%Y%m%d%H%M%S").ok()?;
    Some(naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_time_encodings_are_read() {
        assert_eq!(parse_time(UTC_TIME, "491231235959Z").unwrap().to_rfc3339(), "2049-12-31T23:59:59+00:00");
        assert_eq!(parse_time(UTC_TIME, "500101000000Z").unwrap().to_rfc3339(), "1950-01-01T00:00:00+00:00");
        assert_eq!(parse_time(GENERALIZED_TIME, "20510101120000Z").unwrap().to_rfc3339(), "2051-01-01T12:00:00+00:00");
        assert_eq!(parse_time(SEQUENCE, "20510101120000Z"), None);
    }

    #[test]
    fn expiry_is_read_from_a_real_certificate() {
        let mut params = rcgen::CertificateParams::new(vec!["vendor.test".to_string()]).unwrap();
        params.not_after = rcgen::date_time_ymd(2031, 7, 15);
        let cert = params.self_signed(&rcgen::KeyPair::generate().unwrap()).unwrap();
        assert_eq!(not_after(cert.der()).unwrap().to_rfc3339(), "2031-07-15T00:00:00+00:00");
    }

    #[test]
    fn garbage_gives_none() {
        assert_eq!(not_after(&[]), None);
        assert_eq!(not_after(&[0x30, 0x82, 0xff]), None);
        assert_eq!(not_after(b"not a certificate"), None);
    }
}
