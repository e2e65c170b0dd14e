//! What a passphrase for a sealed file must be, and a hint of how strong it is. Computed
//! here from the text alone: nothing is sent anywhere, stored or logged.
//!
//! A sealed file can be attacked offline with as many guesses as the attacker can afford,
//! so the minimum is about length: [`MIN_CHARS`] characters, or [`MIN_WORDS`] words.

/// The fewest characters a passphrase may have (unless it has [`MIN_WORDS`] words).
pub const MIN_CHARS: usize = 12;
/// The fewest words (of at least [`MIN_WORD_CHARS`] characters) that make a passphrase long
/// enough however few characters it has.
pub const MIN_WORDS: usize = 4;
pub const MIN_WORD_CHARS: usize = 3;
/// The fewest different characters: "aaaaaaaaaaaa" is long but guessed at once.
pub const MIN_DISTINCT: usize = 5;

/// How strong a passphrase looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Weak,
    Fair,
    Strong,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Weak => "Weak",
            Level::Fair => "Fair",
            Level::Strong => "Strong",
        }
    }
}

/// A passphrase's strength hint and, when it may not be used, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strength {
    pub level: Level,
    /// A rough guess at its entropy in bits, from length and the kinds of characters.
    pub bits: u32,
    /// What the person reads beside the field.
    pub hint: String,
    /// Why it may not be used; `None` when it may.
    pub problem: Option<String>,
}

/// The strength of `passphrase` and whether it meets the minimum.
pub fn strength(passphrase: &str) -> Strength {
    let chars = passphrase.chars().count();
    let words = passphrase
        .split(separator)
        .filter(|w| w.chars().count() >= MIN_WORD_CHARS)
        .count();
    let mut distinct: Vec<char> = passphrase.chars().collect();
    crate::sorting::sort(&mut distinct);
    distinct.dedup();
    let bits = estimate(passphrase, chars, distinct.len());
    let problem = if chars < MIN_CHARS && words < MIN_WORDS {
        Some(format!(
            "Use at least {MIN_CHARS} characters or {MIN_WORDS} words (this has {chars}): anyone with the file can try passphrases offline without limit, so length is what protects it."
        ))
    } else if distinct.len() < MIN_DISTINCT {
        Some(format!(
            "Use at least {MIN_DISTINCT} different characters: a repeated character is guessed at once."
        ))
    } else {
        None
    };
    let level = match bits {
        _ if problem.is_some() => Level::Weak,
        0..52 => Level::Weak,
        52..80 => Level::Fair,
        _ => Level::Strong,
    };
    let hint = match level {
        Level::Weak => {
            "Weak: add words. Four or more unrelated words are easy to type and hard to guess."
        }
        Level::Fair => "Fair: another word or a few more characters make it strong.",
        Level::Strong => "Strong.",
    };
    Strength {
        level,
        bits,
        hint: hint.to_string(),
        problem,
    }
}

/// Bits per word of a passphrase made of words: as if each came from a list of 8,000 common
/// words (an attacker tries those first).
pub const BITS_PER_WORD: u32 = 13;

/// A rough guess: length × log2(the size of the alphabets used), the length capped at three
/// times the number of different characters (repeats add little); for two or more words, no
/// more than [`BITS_PER_WORD`] a word plus 6 for each kind of character besides lower case.
fn estimate(passphrase: &str, chars: usize, distinct: usize) -> u32 {
    let has = |f: fn(&char) -> bool| passphrase.chars().any(|c| f(&c));
    let kinds = [
        (has(char::is_ascii_lowercase), 26),
        (has(char::is_ascii_uppercase), 26),
        (has(char::is_ascii_digit), 10),
        (has(|c| c.is_ascii_punctuation()), 33),
        (has(|c| !c.is_ascii()), 100),
    ];
    let pool: u32 = kinds
        .iter()
        .filter(|(used, _)| *used)
        .map(|(_, n)| n)
        .sum::<u32>()
        + u32::from(has(|c| *c == ' '));
    let length = chars.min(distinct.saturating_mul(3));
    // At most a few thousand characters are typed; the cast stays far inside u32.
    let by_chars = (length as f64 * f64::from(pool.max(1)).log2()).min(f64::from(u16::MAX)) as u32;
    let words = passphrase
        .split(separator)
        .filter(|w| !w.is_empty())
        .count();
    if words < 2 {
        return by_chars;
    }
    let extra_kinds = kinds[1..].iter().filter(|(used, _)| *used).count();
    let by_words = u32::try_from(words)
        .unwrap_or(u32::MAX)
        .saturating_mul(BITS_PER_WORD)
        .saturating_add(6 * extra_kinds as u32);
    by_chars.min(by_words)
}

fn separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '_' | '.' | ',')
}
