//! The compact text form of one stored record: deflate-compressed JSON packed 15 bits to a
//! character.
//!
//! localStorage counts UTF-16 characters, not bytes, and Chromium allows about 5.2 million
//! per origin. Deflate shrinks a project's JSON several times over (keys, ids and dates
//! repeat), and packing 15 bits into each character (code points U+0020–U+801F, never a
//! surrogate) stores almost two bytes per character where plain text would store one.
//! A stored value is `z<byte length>:<packed>`; a value starting with `{` is read as plain
//! JSON, which keeps hand-written test data and old experiments readable.

use miniz_oxide::deflate::core::{compress, CompressorOxide, TDEFLFlush, TDEFLStatus};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::DataFormat;
use std::cell::RefCell;

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
    let compressed = deflate(json.as_bytes());
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
    let json = inflate(&bytes)?;
    String::from_utf8(json).map_err(|_| DecodeError::Damaged("not text"))
}

/// What a record's JSON inflates to, per compressed byte, about (6–7 for projects,
/// measured): the output is allocated once at this size instead of growing from twice the
/// input by doubling, which zeroed and copied it three times over.
const EXPECTED_RATIO: usize = 8;

thread_local! {
    /// One decompressor (~11 KB of tables) for every record of a load, reset before each.
    static INFLATER: RefCell<Box<DecompressorOxide>> = RefCell::default();
}

thread_local! {
    /// One compressor for every record of a save, reset before each. A reset still clears
    /// its tables, but saves allocating ~300 KB per record: compressing 8,800 small
    /// records took 287 ms natively with a new compressor each, 229 ms with this one.
    static DEFLATER: RefCell<Box<CompressorOxide>> = RefCell::new({
        let mut deflater = Box::<CompressorOxide>::default();
        deflater.set_format_and_level(DataFormat::Raw, LEVEL);
        deflater
    });
}

/// Deflate's level 6, its usual balance of size and speed.
const LEVEL: u8 = 6;

/// Compresses to raw deflate data (as `miniz_oxide::deflate::compress_to_vec` would).
fn deflate(whole: &[u8]) -> Vec<u8> {
    let mut input = whole;
    DEFLATER.with_borrow_mut(|deflater| {
        deflater.reset();
        let mut out = vec![0u8; (input.len() / 2).max(64)];
        let mut at = 0;
        loop {
            let (status, read, written) =
                compress(deflater, input, &mut out[at..], TDEFLFlush::Finish);
            at += written;
            input = input.get(read..).unwrap_or_default();
            match status {
                TDEFLStatus::Done => {
                    out.truncate(at);
                    return out;
                }
                // Out of room: grow and go on.
                TDEFLStatus::Okay => {
                    let grown = out.len().saturating_mul(2);
                    out.resize(grown, 0);
                }
                // Never met with a raw-format compressor: start again the crate's own way
                // rather than loop.
                TDEFLStatus::BadParam | TDEFLStatus::PutBufFailed => {
                    return miniz_oxide::deflate::compress_to_vec(whole, LEVEL);
                }
            }
        }
    })
}

/// Inflates raw deflate data, refusing output beyond [`MAX_RECORD_BYTES`].
fn inflate(input: &[u8]) -> Result<Vec<u8>, DecodeError> {
    const FLAGS: u32 = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    const CORRUPT: DecodeError = DecodeError::Damaged("compressed data is corrupt");
    INFLATER.with_borrow_mut(|inflater| {
        inflater.init();
        let first = input
            .len()
            .saturating_mul(EXPECTED_RATIO)
            .clamp(64, MAX_RECORD_BYTES);
        let mut out = vec![0u8; first];
        let (mut input, mut at) = (input, 0);
        loop {
            let (status, read, written) = decompress(inflater, input, &mut out, at, FLAGS);
            at += written;
            input = input.get(read..).ok_or(CORRUPT)?;
            match status {
                TINFLStatus::Done => {
                    out.truncate(at);
                    return Ok(out);
                }
                TINFLStatus::HasMoreOutput if out.len() < MAX_RECORD_BYTES => {
                    let grown = out.len().saturating_mul(2).min(MAX_RECORD_BYTES);
                    out.resize(grown, 0);
                }
                _ => return Err(CORRUPT),
            }
        }
    })
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
    // The characters are read from the UTF-8 bytes directly: every one a packed value can be
    // (U+0020–U+801F) takes one to three bytes, and a longer one is damage anyway.
    let bytes = packed.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if out.len() == len {
            // Every byte the prefix promised is read; more text means damage (and would
            // overflow the bit accumulator).
            return Err(DecodeError::Damaged("more data than its length says"));
        }
        let lead = u32::from(bytes[i]);
        let (c, width) = match lead {
            0..=0x7F => (lead, 1),
            0xC0..=0xDF => ((lead & 0x1F) << 6 | continuation(bytes, i + 1), 2),
            0xE0..=0xEF => (
                (lead & 0x0F) << 12 | continuation(bytes, i + 1) << 6 | continuation(bytes, i + 2),
                3,
            ),
            _ => return Err(DecodeError::Damaged("unexpected character")),
        };
        i += width;
        let v = c
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

/// The six low bits of the continuation byte at `at` (the text is valid UTF-8, so a lead
/// byte's continuations are there).
fn continuation(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at).map_or(0, |b| u32::from(b & 0x3F))
}

/// The number of UTF-16 code units a string occupies in localStorage: one for each
/// character, two for one beyond U+FFFF (counted from the UTF-8 bytes: every byte but a
/// continuation starts a character, and a lead byte from 0xF0 starts a four-byte one).
pub fn storage_units(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
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

    /// What `unpack` does, written the plain way (char by char), to compare with.
    fn unpack_by_chars(packed: &str, len: usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let (mut acc, mut have) = (0u32, 0u32);
        for c in packed.chars() {
            if out.len() == len {
                return None;
            }
            let v = (c as u32).checked_sub(OFFSET).filter(|v| *v <= 0x7FFF)?;
            acc = (acc << BITS) | v;
            have += BITS;
            while have >= 8 && out.len() < len {
                have -= 8;
                out.push((acc >> have) as u8);
            }
            acc &= (1 << have) - 1;
        }
        (out.len() == len).then_some(out)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        /// Reading the bytes directly gives what reading characters gives, for any text
        /// (packed, or with characters outside the packed range of every UTF-8 width).
        #[test]
        fn unpack_reads_characters(bytes in proptest::collection::vec(any::<u8>(), 0..120), noise in ".{0,6}", at in 0usize..80, cut in 0usize..3) {
            let mut packed = String::new();
            pack(&bytes, &mut packed);
            prop_assert_eq!(unpack(&packed, bytes.len()).ok(), unpack_by_chars(&packed, bytes.len()));
            let at = packed.char_indices().nth(at).map_or(packed.len(), |(i, _)| i);
            let mut noisy = packed.clone();
            noisy.insert_str(at, &noise);
            let len = bytes.len().saturating_sub(cut);
            prop_assert_eq!(unpack(&noisy, len).ok(), unpack_by_chars(&noisy, len));
        }

        #[test]
        fn storage_units_are_utf16_units(text in "\\PC{0,80}") {
            prop_assert_eq!(storage_units(&text), text.encode_utf16().count());
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
