//! Stamps' instants are read by a quick path with chrono's parser behind it
//! (`model::common::instant`). The law: for any text, the result is chrono's, value and
//! error alike.

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use pursuit::model::common::instant;

fn chrono_reads(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    text.parse()
}

#[test]
fn what_pursuit_writes_reads_back() {
    let cases = [
        "2026-11-22T09:30:00Z",
        "2026-11-22T09:30:00.123Z",
        "2026-11-22T09:30:00.123456789Z",
        "2024-02-29T23:59:59.5Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
    ];
    for text in cases {
        let read = instant::parse(text).expect(text);
        assert_eq!(Ok(read), chrono_reads(text), "{text}");
        // Written back as the app writes it, it reads the same.
        assert_eq!(instant::parse(&read.to_rfc3339()), Ok(read), "{text}");
    }
}

#[test]
fn anything_else_is_chrono_answer() {
    let cases = [
        "2026-02-30T09:30:00Z",
        "2026-11-22T24:00:00Z",
        "2026-11-22T23:59:60Z",
        "2026-11-22T09:30:00z",
        "2026-11-22t09:30:00Z",
        "2026-11-22T09:30:00+02:00",
        "2026-11-22T09:30:00.Z",
        "2026-11-22T09:30:00.1234567891Z",
        "2026-11-22T09:30Z",
        "2026-11-22 09:30:00Z",
        "+2026-11-22T09:30:00Z",
        "-0001-11-22T09:30:00Z",
        "2026-11-22T09:30:00Z ",
        "",
        "yesterday",
    ];
    for text in cases {
        assert_eq!(instant::parse(text), chrono_reads(text), "{text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn any_instant_shaped_text_reads_as_chrono_reads_it(
        text in "[0-9]{4}-[0-3][0-9]-[0-3][0-9][T ][0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{0,10})?(Z|z|\\+0[0-9]:00|)"
    ) {
        prop_assert_eq!(instant::parse(&text), chrono_reads(&text));
    }

    #[test]
    fn any_instant_reads_back(secs in -62_135_596_800i64..253_402_300_799, nanos in 0u32..1_000_000_000) {
        let at = DateTime::<Utc>::from_timestamp(secs, nanos).expect("in range");
        let json = serde_json::to_string(&at).expect("writes");
        prop_assert_eq!(instant::parse(json.trim_matches('"')), Ok(at));
    }
}
