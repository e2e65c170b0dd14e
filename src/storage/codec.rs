//! The compact text form of one stored record: deflate-compressed JSON packed 15 bits to a
//! character.
//!
//! localStorage counts UTF-16 characters, not bytes, and Chromium allows about 5.2 million
//! per origin. Deflate shrinks a project's JSON several times over (keys, ids and dates
//! repeat), and packing 15 bits into each character (code points U+0020–U+801F, never a
//! surrogate) stores almost two bytes per character where plain text would store one.
//! A stored value is `z<byte length>:<packed>`; a value starting with `{` is read as plain
//! JSON, which keeps hand-written test data and old experiments readable.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

const OFFSET: u32 = 0x20;
const BITS: u32 = 15;
/// Refuses to inflate a record beyond this, so a corrupt value can't exhaust memory.
const MAX_RECORD_BYTES: usize = 256 * 1024 * 1024;

/// Why a stored value could not be decoded.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the stored text is not in Pursuit's storage form")]
    UnknownForm,
    #[error("the stored text is damaged ({0})")]
    Damaged(&'static str),
}

/// Compresses and packs JSON text.
pub fn encode(json: &str) -> String {
    let compressed = compress_to_vec(json.as_bytes(), 6);
    let mut out = String::with_capacity(compressed.len() * 8 / 15 + 12);
    out.push('z');
    out.push_str(&compressed.len().to_string());
    out.push(':');
    pack(&compressed, &mut out);
    out
}

/// Reverses [`encode`]; also accepts plain JSON.
pub fn decode(stored: &str) -> Result<String, DecodeError> {
    if stored.starts_with('{') {
        return Ok(stored.to_string());
    }
    let rest = stored.strip_prefix('z').ok_or(DecodeError::UnknownForm)?;
    let (len, packed) = rest
        .split_once(':')
        .ok_or(DecodeError::Damaged("no length"))?;
    let len: usize = len
        .parse()
        .map_err(|_| DecodeError::Damaged("bad length"))?;
    let bytes = unpack(packed, len)?;
    let json = decompress_to_vec_with_limit(&bytes, MAX_RECORD_BYTES)
        .map_err(|_| DecodeError::Damaged("compressed data is corrupt"))?;
    String::from_utf8(json).map_err(|_| DecodeError::Damaged("not text"))
}

fn pack(bytes: &[u8], out: &mut String) {
    let mut acc: u32 = 0;
    let mut have: u32 = 0;
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        have += 8;
        while have >= BITS {
            have -= BITS;
            let v = (acc >> have) & 0x7FFF;
            out.push(char::from_u32(OFFSET + v).expect("below the surrogate range"));
        }
        acc &= (1 << have) - 1;
    }
    if have > 0 {
        let v = (acc << (BITS - have)) & 0x7FFF;
        out.push(char::from_u32(OFFSET + v).expect("below the surrogate range"));
    }
}

fn unpack(packed: &str, len: usize) -> Result<Vec<u8>, DecodeError> {
    // Never trust a length read from the data: each character carries 15 bits, so the
    // text itself bounds how many bytes it can hold.
    let most = packed.len().saturating_mul(BITS as usize) / 8 + 1;
    if len > most {
        return Err(DecodeError::Damaged(
            "its length prefix is larger than its data",
        ));
    }
    let mut out = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut have: u32 = 0;
    for c in packed.chars() {
        if out.len() == len {
            // Every byte the prefix promised is read; more text means damage (and would
            // overflow the bit accumulator).
            return Err(DecodeError::Damaged("more data than its length says"));
        }
        let v = (c as u32)
            .checked_sub(OFFSET)
            .filter(|v| *v <= 0x7FFF)
            .ok_or(DecodeError::Damaged("unexpected character"))?;
        acc = (acc << BITS) | v;
        have += BITS;
        while have >= 8 && out.len() < len {
            have -= 8;
            out.push((acc >> have) as u8);
        }
        acc &= (1 << have) - 1;
    }
    if out.len() != len {
        return Err(DecodeError::Damaged("truncated"));
    }
    Ok(out)
}

/// The number of UTF-16 code units a string occupies in localStorage.
pub fn storage_units(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn decode_reverses_encode(text in ".{0,400}") {
            prop_assert_eq!(decode(&encode(&text)).unwrap(), text);
        }

        #[test]
        fn packed_text_has_no_surrogates_or_controls(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let mut out = String::new();
            pack(&bytes, &mut out);
            prop_assert!(out.chars().all(|c| (0x20..=0x801F).contains(&(c as u32))));
            prop_assert_eq!(unpack(&out, bytes.len()).unwrap(), bytes);
        }
    }

    #[test]
    fn damaged_values_are_errors_not_panics() {
        assert_eq!(decode("hello"), Err(DecodeError::UnknownForm));
        assert!(decode("z10:ab").is_err());
        assert!(decode("zx:abc").is_err());
        let good = encode("{\"a\":1}");
        let mut truncated = good.clone();
        truncated.pop();
        assert!(decode(&truncated).is_err());
        assert_eq!(decode("{\"plain\":true}").unwrap(), "{\"plain\":true}");
        // A damaged length prefix must not allocate what it claims.
        let rest = good.split_once(':').unwrap().1;
        for len in [
            "2147483647",
            "18446744073709551615",
            "999999999999999999999",
        ] {
            assert!(decode(&format!("z{len}:{rest}")).is_err(), "{len}");
        }
    }

    proptest! {
        /// Arbitrary stored text never panics the decoder.
        #[test]
        fn decoding_any_text_is_an_answer(text in ".{0,200}", prefix in 0usize..usize::MAX) {
            let _ = decode(&text);
            let _ = decode(&format!("z{prefix}:{text}"));
            let _ = decode(&format!("z{text}"));
        }
    }

    #[test]
    fn json_shrinks_in_storage_units() {
        let json = serde_json::to_string(&vec![
            serde_json::json!({"id": "0d7e8f0c-3a55-4d59-9a3e-6f8b2d1c0a11", "status": "todo", "title": "Call the client"});
            50
        ])
        .unwrap();
        assert!(storage_units(&encode(&json)) * 10 < storage_units(&json));
    }
}
