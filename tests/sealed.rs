//! Sealed files natively: the envelope's header, its checks and the passphrase rules. The
//! cipher is the browser's (checked in `tests/web.rs` against the same known answer and in
//! the end-to-end tests); `tests/fixtures/sealed-v1.pursuit` was sealed by Node's OpenSSL
//! (passphrase "Café au lait, dreimal täglich", salt 00…0f, nonce a0…ab) from
//! `sealed-v1.plain.json`.

use pursuit::format::passphrase::{strength, Level};
use pursuit::format::sealed::{self, envelope, is_sealed, Header, SealError};

const FIXTURE: &[u8] = include_bytes!("fixtures/sealed-v1.pursuit");

fn header_with(edit: impl FnOnce(&mut Header)) -> Vec<u8> {
    let mut h = Header::new(&[7; 16], &[9; 12]);
    edit(&mut h);
    let mut out = serde_json::to_vec(&h).unwrap();
    out.push(b'\n');
    out.extend([0u8; 40]);
    out
}

#[test]
fn the_fixture_header_is_what_this_build_writes() {
    let salt: [u8; 16] = std::array::from_fn(|i| i as u8);
    let nonce: [u8; 12] = std::array::from_fn(|i| 0xa0 + i as u8);
    let line = Header::new(&salt, &nonce).line();
    assert!(FIXTURE.starts_with(format!("{line}\n").as_bytes()));
    let e = envelope(FIXTURE, FIXTURE.len()).unwrap();
    assert_eq!(e.iterations, 600_000);
    assert_eq!(e.salt, salt);
    assert_eq!(e.nonce, nonce);
    assert_eq!(e.aad_len, line.len());
    assert_eq!(e.body_start, line.len() + 1);
    assert!(is_sealed(FIXTURE));
    assert!(!is_sealed(include_bytes!("fixtures/sealed-v1.plain.json")));
}

#[test]
fn a_header_out_of_its_ranges_is_refused_with_its_reason() {
    let cases: Vec<(Vec<u8>, SealError)> = vec![
        (
            header_with(|h| h.iterations = 1_000_000_000_000),
            SealError::Iterations("1,000,000,000,000".into()),
        ),
        (
            header_with(|h| h.iterations = 1_000),
            SealError::Iterations("1,000".into()),
        ),
        (
            header_with(|h| h.kdf = "scrypt".into()),
            SealError::Kdf("scrypt".into()),
        ),
        (
            header_with(|h| h.cipher = "AES-128-CBC".into()),
            SealError::Cipher("AES-128-CBC".into()),
        ),
        (
            header_with(|h| h.version = 2),
            SealError::Version("2".into()),
        ),
        (header_with(|h| h.salt = "00".repeat(8)), SealError::Salt(8)),
        (
            header_with(|h| h.salt = "00".repeat(200)),
            SealError::Salt(200),
        ),
        (
            header_with(|h| h.nonce = "00".repeat(16)),
            SealError::Nonce(16),
        ),
    ];
    assert!(!cases.is_empty());
    for (file, expected) in cases {
        assert_eq!(
            envelope(&file, file.len()),
            Err(expected.clone()),
            "{expected}"
        );
        assert!(!expected.to_string().is_empty());
    }
    // Each refusal names what it found, whatever else the header holds: a newer version
    // with fields this one lacks, a derivation with parameters of its own, odd numbers.
    let line = |json: &str| format!("{json}\n{}", "x".repeat(40)).into_bytes();
    let named: Vec<(&str, SealError)> = vec![
        (
            r#"{"format":"pursuit-sealed","version":2,"sealed":true,"argon":{"m":65536}}"#,
            SealError::Version("2".into()),
        ),
        (
            r#"{"format":"pursuit-sealed","version":1,"sealed":true,"kdf":"argon2id","memory":65536}"#,
            SealError::Kdf("argon2id".into()),
        ),
        (
            r#"{"format":"pursuit-sealed","version":1,"sealed":true,"kdf":"PBKDF2-HMAC-SHA-256","cipher":"AES-256-GCM","iterations":-5}"#,
            SealError::Iterations("-5".into()),
        ),
        (
            r#"{"format":"pursuit-sealed","version":1,"sealed":true,"kdf":"PBKDF2-HMAC-SHA-256","cipher":"AES-256-GCM","iterations":600000.5}"#,
            SealError::Iterations("600000.5".into()),
        ),
        (
            r#"{"format":"pursuit-sealed","version":1,"sealed":true,"kdf":"PBKDF2-HMAC-SHA-256","cipher":"AES-256-GCM","iterations":1e30}"#,
            SealError::Iterations("1000000000000000000000000000000".into()),
        ),
    ];
    for (json, expected) in named {
        let file = line(json);
        assert_eq!(envelope(&file, file.len()), Err(expected), "{json}");
    }
    // A version-1 header with a field it does not have is damaged, not silently read.
    let extra = line(
        &Header::new(&[7; 16], &[9; 12])
            .line()
            .replace('}', r#","extra":1}"#),
    );
    assert!(
        matches!(envelope(&extra, extra.len()), Err(SealError::BadHeader(m)) if m.contains("extra"))
    );
    // A 1 GB salt is never read: the header is cut at 1,024 bytes.
    let mut huge = br#"{"format":"pursuit-sealed","salt":""#.to_vec();
    huge.extend(std::iter::repeat_n(b'0', 4096));
    assert_eq!(envelope(&huge, 1 << 30), Err(SealError::NoHeader));
}

#[test]
fn a_damaged_or_truncated_file_is_refused_before_any_key_is_derived() {
    let line_end = FIXTURE.iter().position(|&b| b == b'\n').unwrap();
    // Cut inside the tag: the body is shorter than a tag.
    let cut = &FIXTURE[..line_end + 1 + 10];
    assert_eq!(envelope(cut, cut.len()), Err(SealError::Truncated));
    // No line feed at all.
    let no_line = &FIXTURE[..line_end];
    assert_eq!(envelope(no_line, no_line.len()), Err(SealError::NoHeader));
    // Every single flipped byte of the header either fails the checks here or changes the
    // associated data (and so fails authentication in the browser): none leaves the header
    // bytes as they were while passing.
    for i in 0..line_end {
        let mut bad = FIXTURE.to_vec();
        bad[i] ^= 0x01;
        if let Ok(e) = envelope(&bad, bad.len()) {
            assert_ne!(&bad[..e.aad_len], &FIXTURE[..line_end], "byte {i}");
        }
    }
}

#[test]
fn hex_reads_what_it_writes_and_nothing_else() {
    let bytes: Vec<u8> = (0..=255).collect();
    assert_eq!(sealed::unhex(&sealed::hex(&bytes)).unwrap(), bytes);
    assert_eq!(sealed::unhex("0A0b").unwrap(), vec![10, 11]);
    for bad in ["0", "0g", "é0", "+1"] {
        assert_eq!(sealed::unhex(bad), None, "{bad}");
    }
}

#[test]
fn a_passphrase_needs_twelve_characters_or_four_words() {
    let cases = [
        ("", false, Level::Weak),
        ("short1!", false, Level::Weak),
        ("aaaaaaaaaaaaaaaa", false, Level::Weak),
        ("abababababababab", false, Level::Weak),
        ("red fox ran far", true, Level::Fair),
        ("Summer2026!!", true, Level::Fair),
        ("correct horse battery staple", true, Level::Fair),
        (
            "Correct horse battery staple, 7 marbles",
            true,
            Level::Strong,
        ),
        ("Café au lait, dreimal täglich", true, Level::Strong),
    ];
    for (text, allowed, level) in cases {
        let s = strength(text);
        assert_eq!(s.problem.is_none(), allowed, "{text}: {:?}", s.problem);
        assert_eq!(s.level, level, "{text}: {} bits", s.bits);
        assert!(!s.hint.is_empty());
    }
    let short = strength("short1!").problem.unwrap();
    assert!(
        short.contains("12 characters") && short.contains("4 words"),
        "{short}"
    );
}
