//! Bringing a pipeline in from a spreadsheet or CRM export (CSV).
//!
//! Three pure steps, each shown to the person before the next:
//! 1. [`read`] turns the file's bytes into a [`Sheet`]: the text decoded (UTF-8 with or
//!    without a byte-order mark, else Windows-1252, what spreadsheet programs on Windows
//!    write), the delimiter found (comma, semicolon or tab), RFC 4180 quoting undone by the
//!    `csv` crate (quoted delimiters, doubled quotes and line breaks inside a cell), and the
//!    header row recognised.
//! 2. [`guess`] proposes a [`Mapping`]: which column fills which project field (from header
//!    names such as `deal_stage`, `close_value`, `sales_agent`, and from the cells), how each
//!    date column is written, and what each stage word means. Every choice can be changed.
//! 3. [`preview`] applies the mapping to every row without changing anything: which rows
//!    create a project, which update one (matched by its reference, else by name and
//!    client), which are skipped and why, and which members will be added. Its
//!    [`Preview::command`] is the one undoable change the import makes.

use crate::dates::Written;
use crate::model::command::{Command, ImportedProject};
use crate::model::common::{group_thousands, Stamped};
use crate::model::limits::{EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT_MINOR, NAME_CHARS};
use crate::model::ProjectCommand;
use crate::model::ProjectInput;
use crate::model::{
    Currency, IdSource, MemberId, Money, Outcome, Project, ProjectId, ProjectKind, ProjectStatus,
    Stage, Workspace,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

pub use crate::model::limits::MAX_CSV_BYTES;
/// The most rows one import takes (the workspace holds at most `MAX_PROJECTS` projects).
pub const MAX_CSV_ROWS: usize = crate::model::limits::MAX_PROJECTS;

/// Why a file can't be read as a spreadsheet. Nothing is changed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("The file is empty.")]
    Empty,
    #[error("This is not a spreadsheet: it holds binary data (it may be an .xlsx workbook; save it as CSV first).")]
    Binary,
    #[error("The file is {} MB; Pursuit reads spreadsheets of up to {} MB.", .0 / 1_048_576, MAX_CSV_BYTES / 1_048_576)]
    TooBig(usize),
    #[error("Only one column was found (looked for commas, semicolons and tabs between cells); Pursuit needs at least a name or client column and one more.")]
    OneColumn,
    #[error("The file has a header row but no data rows.")]
    NoRows,
    #[error("The file has {0} rows; one import takes up to {max}.", max = MAX_CSV_ROWS)]
    TooManyRows(usize),
    #[error("Line {line}: {message}")]
    Broken { line: u64, message: String },
}

/// A spreadsheet read into cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    pub delimiter: Delimiter,
    /// Column names: the header row's cells, or `Column 1` … when the first row is data.
    pub columns: Vec<String>,
    pub has_header: bool,
    /// Whether the text was not UTF-8 and was read as Windows-1252.
    pub windows_1252: bool,
    pub rows: Vec<SheetRow>,
}

/// One data row with the file line it starts on (1-based, counting the header).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    pub line: u64,
    pub cells: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    const ALL: [Delimiter; 3] = [Self::Comma, Self::Semicolon, Self::Tab];

    fn byte(self) -> u8 {
        match self {
            Self::Comma => b',',
            Self::Semicolon => b';',
            Self::Tab => b'\t',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Comma => "commas",
            Self::Semicolon => "semicolons",
            Self::Tab => "tabs",
        }
    }
}

/// Decodes a file's bytes: UTF-8 (a byte-order mark is dropped), else Windows-1252. Returns
/// the text and whether the fallback was used.
pub fn decode(bytes: &[u8]) -> Result<(String, bool), SheetError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(SheetError::TooBig(bytes.len()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SheetError::Empty);
    }
    // Text files have no NUL bytes and few other control characters; workbooks, images and
    // archives have many.
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if sample.contains(&0) || controls * 100 > sample.len() {
        return Err(SheetError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), false)),
        Err(_) => Ok((bytes.iter().map(|b| windows_1252(*b)).collect(), true)),
    }
}

/// Windows-1252: Latin-1 except 0x80–0x9F, which hold typographic marks and a few letters.
/// (A table of 32 characters; a general encoding crate would add its every table to the
/// download for this one.)
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The line a byte offset of the text lies on, as a text editor numbers it (1-based): each
/// CRLF, LF or lone CR ends a line. The csv reader's own line count is one short for files
/// with CRLF endings (Excel's, most CRM exports').
///
/// An offset between a CRLF's CR and LF (where the csv reader starts a record that follows
/// a CRLF) counts as the line after it.
pub fn line_at(text: &str, byte: u64) -> u64 {
    Lines::new(text).at(byte)
}

/// Line numbers for byte offsets met in order: each call counts the breaks since the last
/// one, so numbering a whole file's rows reads it once (not once per row).
pub struct Lines<'t> {
    bytes: &'t [u8],
    /// Where counting stopped, and the breaks before it.
    at: usize,
    breaks: u64,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        Self {
            bytes: text.as_bytes(),
            at: 0,
            breaks: 0,
        }
    }

    /// The line of `byte` (see [`line_at`]); an offset before the last one counts again
    /// from the start.
    pub fn at(&mut self, byte: u64) -> u64 {
        let bytes = self.bytes;
        let mut at = usize::try_from(byte).map_or(bytes.len(), |b| b.min(bytes.len()));
        if at > 0 && bytes.get(at) == Some(&b'\n') && bytes[at - 1] == b'\r' {
            at += 1;
        }
        if at < self.at {
            (self.at, self.breaks) = (0, 0);
        }
        let ends_line = |i: usize| match bytes[i] {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        self.breaks += (self.at..at).filter(|i| ends_line(*i)).count() as u64;
        self.at = at;
        self.breaks + 1
    }
}

/// Reads a spreadsheet file's bytes into cells.
pub fn read(bytes: &[u8]) -> Result<Sheet, SheetError> {
    let (text, windows_1252) = decode(bytes)?;
    let delimiter = detect_delimiter(&text).ok_or(SheetError::OneColumn)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut lines = Lines::new(&text);
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::Broken {
            line: e.position().map_or(0, |p| lines.at(p.byte())),
            message: "it can't be read as CSV (an unmatched quote?)".into(),
        })?;
        let line = record.position().map_or(0, |p| lines.at(p.byte()));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        // Rows with no text at all (a trailing blank line, a row of empty cells) are not data.
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if records.len() > MAX_CSV_ROWS {
            return Err(SheetError::TooManyRows(records.len()));
        }
        records.push(SheetRow { line, cells });
    }
    let Some(first) = records.first() else {
        return Err(SheetError::Empty);
    };
    let has_header = looks_like_header(&first.cells);
    let width = records.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let columns = if has_header {
        let mut names: Vec<String> = first.cells.clone();
        names.resize(width, String::new());
        names
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                if n.is_empty() {
                    format!("Column {}", i + 1)
                } else {
                    n
                }
            })
            .collect()
    } else {
        (1..=width).map(|i| format!("Column {i}")).collect()
    };
    let rows: Vec<SheetRow> = records.into_iter().skip(usize::from(has_header)).collect();
    if rows.is_empty() {
        return Err(SheetError::NoRows);
    }
    Ok(Sheet {
        delimiter,
        columns,
        has_header,
        windows_1252,
        rows,
    })
}

/// The delimiter that splits the first lines into the same number (more than one) of cells
/// most consistently; ties go to the comma.
fn detect_delimiter(text: &str) -> Option<Delimiter> {
    Delimiter::ALL
        .iter()
        .filter_map(|d| {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(d.byte())
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let widths: Vec<usize> = reader
                .records()
                .take(50)
                .filter_map(Result::ok)
                .map(|r| r.len())
                .collect();
            let first = *widths.first()?;
            let agreeing = widths.iter().filter(|w| **w == first).count();
            (first > 1).then_some((*d, agreeing * 1000 / widths.len(), first))
        })
        .max_by_key(|(d, agreeing, width)| (*agreeing, *width, usize::from(*d == Delimiter::Comma)))
        .map(|(d, _, _)| d)
}

/// A first row is a header when none of its cells reads as a number, a date or a money
/// amount, and its cells differ.
fn looks_like_header(cells: &[String]) -> bool {
    let data_like = |c: &String| {
        let c = c.trim();
        !c.is_empty()
            && (c.parse::<f64>().is_ok()
                || DateOrder::ALL.iter().any(|o| o.parse(c).is_some())
                || parse_amount(c).is_some())
    };
    let mut seen = std::collections::HashSet::new();
    !cells.iter().any(data_like) && cells.iter().all(|c| c.is_empty() || seen.insert(c))
}

/// A project field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Reference,
    Name,
    Client,
    Owner,
    Stage,
    Status,
    Value,
    Currency,
    Probability,
    Created,
    Target,
    Closed,
    Product,
    Notes,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Self::Name,
        Self::Client,
        Self::Reference,
        Self::Owner,
        Self::Stage,
        Self::Status,
        Self::Value,
        Self::Currency,
        Self::Probability,
        Self::Created,
        Self::Target,
        Self::Closed,
        Self::Product,
        Self::Notes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Reference => "Reference (id in the other system)",
            Self::Name => "Project name",
            Self::Client => "Client / account",
            Self::Owner => "Owner",
            Self::Stage => "Stage or outcome",
            Self::Status => "Status (active, on hold, won …)",
            Self::Value => "Value",
            Self::Currency => "Currency",
            Self::Probability => "Win probability (%)",
            Self::Created => "Created / start date",
            Self::Target => "Target date",
            Self::Closed => "Close date",
            Self::Product => "Product",
            Self::Notes => "Notes",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Reference => "reference",
            Self::Name => "name",
            Self::Client => "client",
            Self::Owner => "owner",
            Self::Stage => "stage",
            Self::Status => "status",
            Self::Value => "value",
            Self::Currency => "currency",
            Self::Probability => "probability",
            Self::Created => "created",
            Self::Target => "target",
            Self::Closed => "closed",
            Self::Product => "product",
            Self::Notes => "notes",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Header words that name this field, normalised (lower case, `_`/`-` as spaces).
    fn header_words(self) -> &'static [&'static str] {
        match self {
            Self::Reference => &[
                "id",
                "opportunity id",
                "deal id",
                "record id",
                "reference",
                "ref",
                "crm id",
                "opportunity number",
            ],
            Self::Name => &[
                "name",
                "deal",
                "deal name",
                "opportunity",
                "opportunity name",
                "project",
                "project name",
                "title",
                "subject",
            ],
            Self::Client => &[
                "account",
                "account name",
                "client",
                "company",
                "customer",
                "organization",
                "organisation",
            ],
            Self::Owner => &[
                "owner",
                "deal owner",
                "opportunity owner",
                "sales agent",
                "agent",
                "rep",
                "sales rep",
                "salesperson",
                "account executive",
                "assigned to",
            ],
            Self::Stage => &[
                "stage",
                "deal stage",
                "sales stage",
                "opportunity stage",
                "pipeline stage",
                "status",
                "phase",
            ],
            Self::Value => &[
                "value",
                "amount",
                "close value",
                "deal value",
                "deal amount",
                "expected revenue",
                "revenue",
                "price",
            ],
            Self::Status => &["status", "deal status", "project status"],
            Self::Currency => &["currency", "currency code"],
            Self::Probability => &[
                "probability",
                "probability (%)",
                "win probability",
                "prob",
                "likelihood",
            ],
            Self::Created => &[
                "created",
                "created date",
                "create date",
                "created at",
                "engage date",
                "start",
                "start date",
                "open date",
                "opened",
            ],
            Self::Target => &[
                "target",
                "target date",
                "expected close",
                "expected close date",
                "due date",
                "close by",
            ],
            Self::Closed => &[
                "close date",
                "closed",
                "closed date",
                "close",
                "closed on",
                "won date",
            ],
            Self::Product => &["product", "product name", "offer", "item", "service"],
            Self::Notes => &[
                "notes",
                "note",
                "description",
                "comments",
                "comment",
                "details",
            ],
        }
    }
}

/// How a date column writes its dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 2026-11-27
    Iso,
    /// 27/11/2026 (also with `.` or `-`)
    DayMonthYear,
    /// 11/27/2026
    MonthDayYear,
}

impl DateOrder {
    pub const ALL: [DateOrder; 3] = [Self::Iso, Self::DayMonthYear, Self::MonthDayYear];

    pub fn label(self) -> &'static str {
        match self {
            Self::Iso => "2026-11-27 (year first)",
            Self::DayMonthYear => "27/11/2026 (day first)",
            Self::MonthDayYear => "11/27/2026 (month first)",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Iso => "iso",
            Self::DayMonthYear => "dmy",
            Self::MonthDayYear => "mdy",
        }
    }

    pub fn from_key(key: &str) -> Option<DateOrder> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }

    /// Reads a date written this way; a time after the date (`2026-11-27 14:05`) is ignored.
    /// Dates outside the range Pursuit keeps are `None`.
    pub fn parse(self, text: &str) -> Option<NaiveDate> {
        let text = text.trim();
        let date = text.split([' ', 'T']).next()?;
        let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let num = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (y, m, d) = match self {
            Self::Iso if a.len() == 4 => (num(a)?, num(b)?, num(c)?),
            Self::DayMonthYear if c.len() == 4 => (num(c)?, num(b)?, num(a)?),
            Self::MonthDayYear if c.len() == 4 => (num(c)?, num(a)?, num(b)?),
            _ => return None,
        };
        NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
            .filter(|d| (EARLIEST_DATE..=LATEST_DATE).contains(d))
    }
}

/// What a stage word in the file means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "as", content = "stage")]
pub enum StageMeaning {
    /// An open project at this stage.
    Open(Stage),
    Won,
    Lost,
    /// Rows with this word are not imported.
    Skip,
}

impl StageMeaning {
    /// Every choice, in the order a list shows them.
    pub fn all() -> Vec<StageMeaning> {
        let mut all: Vec<StageMeaning> = Stage::ALL
            .iter()
            .filter(|s| **s != Stage::Closed)
            .map(|s| Self::Open(*s))
            .collect();
        all.extend([Self::Won, Self::Lost, Self::Skip]);
        all
    }

    pub fn label(self) -> String {
        match self {
            Self::Open(s) => format!("Open: {}", s.label()),
            Self::Won => "Closed won".into(),
            Self::Lost => "Closed lost".into(),
            Self::Skip => "Skip these rows".into(),
        }
    }

    pub fn key(self) -> String {
        match self {
            Self::Open(s) => format!("open:{}", s.label().to_lowercase()),
            Self::Won => "won".into(),
            Self::Lost => "lost".into(),
            Self::Skip => "skip".into(),
        }
    }

    pub fn from_key(key: &str) -> Option<StageMeaning> {
        Self::all().into_iter().find(|m| m.key() == key)
    }

    /// What a word means on its face: Pursuit's own stage names and the words CRMs use.
    fn guess(word: &str) -> Option<StageMeaning> {
        let w = normalise(word);
        let open = |s| Some(Self::Open(s));
        match w.as_str() {
            "won" | "closed won" | "win" | "signed" | "closed" => Some(Self::Won),
            "lost" | "closed lost" | "loss" | "dead" | "disqualified" => Some(Self::Lost),
            "prospect" | "prospecting" | "lead" | "new" => open(Stage::Prospect),
            "qualified" | "qualification" | "qualifying" => open(Stage::Qualified),
            "discovery" | "engaging" | "engaged" | "needs analysis" | "demo" => {
                open(Stage::Discovery)
            }
            "proposal" | "proposal sent" | "quote" | "quoted" | "proposal/price quote" => {
                open(Stage::Proposal)
            }
            "negotiation" | "negotiating" | "negotiation/review" | "contracting" => {
                open(Stage::Negotiation)
            }
            _ => None,
        }
    }
}

/// Which column fills which field, how dates are written, what stage words mean. Kept as
/// data (serde) so a mapping can be saved and used again for the next export of the same CRM.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// Field → column index.
    pub columns: BTreeMap<Field, usize>,
    /// Column index → how its dates are written (date fields only).
    pub date_orders: BTreeMap<usize, DateOrder>,
    /// Stage word as written (trimmed) → its meaning. Words without an entry are skipped,
    /// and listed in the preview.
    pub stages: BTreeMap<String, StageMeaning>,
    /// The currency of values when no currency column says otherwise.
    pub currency: Option<Currency>,
}

fn normalise(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Proposes a mapping for a sheet: columns by their header names, date orders by the cells,
/// stage words by their meaning.
pub fn guess(sheet: &Sheet, currency: &Currency) -> Mapping {
    let mut mapping = Mapping {
        currency: Some(currency.clone()),
        ..Mapping::default()
    };
    if sheet.has_header {
        let headers: Vec<String> = sheet.columns.iter().map(|c| normalise(c)).collect();
        for field in Field::ALL {
            let taken: Vec<usize> = mapping.columns.values().copied().collect();
            let found = field.header_words().iter().find_map(|word| {
                headers
                    .iter()
                    .enumerate()
                    .find(|(i, h)| !taken.contains(i) && h.as_str() == *word)
                    .map(|(i, _)| i)
            });
            if let Some(column) = found {
                mapping.columns.insert(field, column);
            }
        }
    }
    for field in [Field::Created, Field::Target, Field::Closed] {
        if let Some(&column) = mapping.columns.get(&field) {
            mapping
                .date_orders
                .insert(column, guess_date_order(sheet, column));
        }
    }
    if let Some(&column) = mapping.columns.get(&Field::Stage) {
        mapping.stages = guess_stages(sheet, column);
    }
    mapping
}

/// The meaning of each word in a stage column that has an evident one (Pursuit's stage
/// names and the words CRMs use); other words are left for the person to choose.
pub fn guess_stages(sheet: &Sheet, column: usize) -> BTreeMap<String, StageMeaning> {
    distinct(sheet, column)
        .into_iter()
        .filter_map(|word| StageMeaning::guess(&word).map(|m| (word, m)))
        .collect()
}

/// The order that reads the most cells of a column; day-first wins a tie (every cell has a
/// day of 12 or less) only when no cell says otherwise, month-first being the US habit.
pub fn guess_date_order(sheet: &Sheet, column: usize) -> DateOrder {
    let cells = || {
        sheet
            .rows
            .iter()
            .filter_map(move |r| r.cells.get(column))
            .filter(|c| !c.is_empty())
    };
    DateOrder::ALL
        .into_iter()
        .max_by_key(|o| {
            let read = cells().filter(|c| o.parse(c).is_some()).count();
            (
                read,
                usize::from(*o == DateOrder::Iso),
                usize::from(*o == DateOrder::DayMonthYear),
            )
        })
        .unwrap_or(DateOrder::Iso)
}

/// The distinct non-empty values of a column, in the order they first appear.
pub fn distinct(sheet: &Sheet, column: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    sheet
        .rows
        .iter()
        .filter_map(|r| r.cells.get(column))
        .filter(|c| !c.is_empty() && seen.insert(c.as_str()))
        .cloned()
        .collect()
}

/// Reads an amount as spreadsheets write it: `1054`, `1,054.50`, `1.054,50`, `€ 1 054`,
/// `$2,000`. `None` when it is not a number.
pub fn parse_amount(text: &str) -> Option<f64> {
    let kept: String = text
        .trim()
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
        .collect();
    if !kept.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // The last of `.`/`,` is the decimal mark when two or fewer digits follow it once;
    // otherwise both are grouping.
    let last_mark = kept.rfind(['.', ',']);
    let normal = match last_mark {
        Some(i) if kept.len() - i - 1 <= 2 => {
            let (whole, frac) = kept.split_at(i);
            let whole: String = whole.chars().filter(|c| *c != '.' && *c != ',').collect();
            format!("{whole}.{}", &frac[1..])
        }
        _ => kept.chars().filter(|c| *c != '.' && *c != ',').collect(),
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// What one row will do.
#[derive(Clone, Debug, PartialEq)]
pub enum RowAction {
    Create,
    /// Updates the project already in the workspace.
    Update(ProjectId),
    /// Not imported, with the reason.
    Skip(String),
}

/// One row's plan: what it does, what was assumed (doubtful values), and the project.
#[derive(Clone, Debug, PartialEq)]
pub struct RowPlan {
    pub line: u64,
    pub action: RowAction,
    pub notes: Vec<String>,
    pub project: Option<ImportedProject>,
}

/// What an import would do, row by row, before anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub rows: Vec<RowPlan>,
    /// Owner names in the file that match no member: added as members.
    pub new_members: Vec<(MemberId, String)>,
    /// Stage words with no meaning chosen (their rows are skipped).
    pub unknown_stages: Vec<String>,
}

impl Preview {
    pub fn created(&self) -> usize {
        self.count(|a| matches!(a, RowAction::Create))
    }
    pub fn updated(&self) -> usize {
        self.count(|a| matches!(a, RowAction::Update(_)))
    }
    pub fn skipped(&self) -> usize {
        self.count(|a| matches!(a, RowAction::Skip(_)))
    }
    /// Imported rows with an assumption noted.
    pub fn doubtful(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| !matches!(r.action, RowAction::Skip(_)) && !r.notes.is_empty())
            .count()
    }
    fn count(&self, f: impl Fn(&RowAction) -> bool) -> usize {
        self.rows.iter().filter(|r| f(&r.action)).count()
    }

    /// The one change the import makes (one undo step, one history entry), or `None` when
    /// no row would be imported.
    pub fn command(&self) -> Option<Command> {
        let projects: Vec<ImportedProject> =
            self.rows.iter().filter_map(|r| r.project.clone()).collect();
        (!projects.is_empty()).then(|| {
            ProjectCommand::ImportProjects {
                members: self.new_members.clone(),
                projects,
            }
            .into()
        })
    }
}

/// Plans the import of every row of `sheet` into `ws` under `mapping`. `today` fills a
/// missing start date; `ids` gives new projects and members their ids.
pub fn preview(
    ws: &Workspace,
    sheet: &Sheet,
    mapping: &Mapping,
    today: NaiveDate,
    ids: &mut dyn IdSource,
) -> Preview {
    let mut planner = Planner::new(ws, mapping, today);
    let mut rows = Vec::with_capacity(sheet.rows.len());
    for row in &sheet.rows {
        let plan = if row.cells.len() != sheet.columns.len() {
            Err(format!(
                "it has {} cells where the header has {}",
                row.cells.len(),
                sheet.columns.len()
            ))
        } else {
            planner.row(row, ids)
        };
        rows.push(plan.unwrap_or_else(|reason| RowPlan {
            line: row.line,
            action: RowAction::Skip(reason),
            notes: Vec::new(),
            project: None,
        }));
    }
    Preview {
        rows,
        new_members: planner.new_members,
        unknown_stages: planner.unknown_stages,
    }
}

/// What planning one row needs to know of the workspace and the rows before it. A row is
/// planned, or skipped for the reason its `Err` gives.
struct Planner<'a> {
    ws: &'a Workspace,
    mapping: &'a Mapping,
    today: NaiveDate,
    /// The currency of a value without one of its own.
    currency: Currency,
    /// Live members by their normalised name.
    members: HashMap<String, MemberId>,
    /// Existing projects by reference, and by name and client.
    by_reference: HashMap<String, ProjectId>,
    by_name: HashMap<(String, String), ProjectId>,
    new_members: Vec<(MemberId, String)>,
    new_member_ids: HashMap<String, MemberId>,
    /// The line each project of the file was first planned on.
    seen_in_file: HashMap<String, u64>,
    unknown_stages: Vec<String>,
}

/// A row's stage, status and whether the file states the status.
struct Standing {
    stage: Stage,
    status: ProjectStatus,
    stated: Option<ProjectStatus>,
}

impl<'a> Planner<'a> {
    fn new(ws: &'a Workspace, mapping: &'a Mapping, today: NaiveDate) -> Self {
        let currency = mapping
            .currency
            .clone()
            .unwrap_or_else(|| ws.settings.currency.clone());
        let members = ws
            .members
            .iter()
            .filter(|m| m.is_live())
            .map(|m| (normalise(&m.name), m.id))
            .collect();
        let mut by_reference = HashMap::new();
        let mut by_name = HashMap::new();
        for p in ws.projects.iter().filter(|p| p.is_live()) {
            if !p.reference.is_empty() {
                by_reference.insert(p.reference.trim().to_string(), p.id);
            }
            by_name.insert((normalise(&p.name), normalise(&p.client)), p.id);
        }
        Self {
            ws,
            mapping,
            today,
            currency,
            members,
            by_reference,
            by_name,
            new_members: Vec::new(),
            new_member_ids: HashMap::new(),
            seen_in_file: HashMap::new(),
            unknown_stages: Vec::new(),
        }
    }

    fn cell<'r>(&self, row: &'r SheetRow, field: Field) -> &'r str {
        self.mapping
            .columns
            .get(&field)
            .and_then(|c| row.cells.get(*c))
            .map_or("", |s| s.as_str())
    }

    fn maps(&self, field: Field) -> bool {
        self.mapping.columns.contains_key(&field)
    }

    fn row(&mut self, row: &SheetRow, ids: &mut dyn IdSource) -> Result<RowPlan, String> {
        let mut notes = cut_cells(&|field| self.cell(row, field));
        let standing = self.standing(row)?;
        let (name, client, reference) = self.names(row)?;
        // Same project twice in the file: the later row is skipped.
        let identity = if reference.is_empty() {
            format!("{}\u{0}{}", normalise(&name), normalise(&client))
        } else {
            format!("ref\u{0}{reference}")
        };
        if let Some(first) = self.seen_in_file.get(&identity) {
            return Err(format!("it repeats the project of line {first}"));
        }
        // A project already here is updated with what the row says; what it leaves out
        // (an empty cell, an unmapped field) stays as it is.
        let existing = if reference.is_empty() {
            let key = (normalise(&name), normalise(&client));
            self.by_name.get(&key).copied()
        } else {
            self.by_reference.get(&reference).copied()
        };
        let base = existing.and_then(|id| self.ws.projects.get(id.0));
        let value = self.value(row, base, &mut notes)?;
        let probability = self.probability(row, base, &standing)?;
        let (start_date, target_date, close_date) =
            self.dates(row, base, standing.status, &mut notes)?;
        let owner = self.owner(row, base, ids);
        self.seen_in_file.insert(identity, row.line);
        let description = self.description(row, base);
        // Without a status column, an open row keeps a project on hold or proposed as it is.
        let status = match (standing.stated, standing.status, base.map(|p| p.status)) {
            (
                None,
                ProjectStatus::Active,
                Some(s @ (ProjectStatus::OnHold | ProjectStatus::Proposed)),
            ) => s,
            (_, status, _) => status,
        };
        let id = existing.unwrap_or_else(|| ids.fresh());
        // A row says a deal closed, not why: no reason is made up. A deal already closed
        // this way keeps the reason given in Pursuit (none here keeps it); one the file
        // closes, or closes the other way, drops a reason that no longer applies.
        let outcome = match base {
            Some(p) if p.status != status && status.is_closed() => Some(Outcome {
                reason: String::new(),
                note: String::new(),
            }),
            _ => None,
        };
        let input = ProjectInput {
            name,
            kind: base.map_or(ProjectKind::Deal, |p| p.kind),
            client,
            owner,
            stage: standing.stage,
            status,
            value,
            probability,
            start_date,
            target_date,
            description,
            budget: base.and_then(|p| p.budget.clone()),
            rationale: base.map(|p| p.rationale.clone()).unwrap_or_default(),
            focus_area: base.map(|p| p.focus_area.clone()).unwrap_or_default(),
            sponsor: base.map(|p| p.sponsor.clone()).unwrap_or_default(),
            people_needed: base.map_or(0, |p| p.people_needed),
            weeks_needed: base.map_or(0, |p| p.weeks_needed),
            reference,
        };
        Ok(RowPlan {
            line: row.line,
            action: match existing {
                Some(id) => RowAction::Update(id),
                None => RowAction::Create,
            },
            notes,
            project: Some(ImportedProject {
                id,
                input,
                close_date,
                outcome,
            }),
        })
    }

    /// The row's stage and status: the status column when there is one (Pursuit's own
    /// export has it), else what the stage word means.
    fn standing(&mut self, row: &SheetRow) -> Result<Standing, String> {
        let meaning = if self.maps(Field::Stage) {
            let word = self.cell(row, Field::Stage);
            if word.is_empty() {
                return Err("it has no stage".into());
            }
            match self.mapping.stages.get(word) {
                Some(StageMeaning::Skip) => {
                    return Err(format!("its stage “{word}” is set to be skipped"))
                }
                Some(m) => *m,
                None => {
                    if !self.unknown_stages.iter().any(|w| w == word) {
                        self.unknown_stages.push(word.to_string());
                    }
                    return Err(format!("its stage “{word}” has no meaning chosen"));
                }
            }
        } else {
            StageMeaning::Open(Stage::Prospect)
        };
        let stated = match self.cell(row, Field::Status) {
            "" => None,
            word => Some(
                ProjectStatus::ALL
                    .into_iter()
                    .find(|s| normalise(s.label()) == normalise(word) || s.key() == word.trim())
                    .ok_or_else(|| {
                        format!(
                            "status “{word}” is not one of {}",
                            ProjectStatus::ALL.map(|s| s.label()).join(", ")
                        )
                    })?,
            ),
        };
        let status = stated.unwrap_or(match meaning {
            StageMeaning::Open(_) => ProjectStatus::Active,
            StageMeaning::Won => ProjectStatus::Won,
            StageMeaning::Lost | StageMeaning::Skip => ProjectStatus::Lost,
        });
        // A lost deal at an open stage keeps the stage it reached, as closing one in the
        // app does.
        Ok(Standing {
            stage: stage_of(meaning),
            status,
            stated,
        })
    }

    /// Name, client and reference: the name column, else client and product, else the
    /// reference.
    fn names(&self, row: &SheetRow) -> Result<(String, String, String), String> {
        let client = clip(self.cell(row, Field::Client));
        let product = clip(self.cell(row, Field::Product));
        let reference = clip(self.cell(row, Field::Reference));
        let name = if self.maps(Field::Name) {
            clip(self.cell(row, Field::Name))
        } else {
            let parts: Vec<&str> = [client.as_str(), product.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            match (parts.is_empty(), reference.is_empty()) {
                (false, true) => parts.join(" — "),
                (false, false) => format!("{} ({reference})", parts.join(" — ")),
                (true, false) => reference.clone(),
                (true, true) => String::new(),
            }
        };
        if name.is_empty() {
            return Err("it has no project name".into());
        }
        Ok((name, client, reference))
    }

    /// The value in its currency: the row's, else the project's, else the import's.
    fn value(
        &self,
        row: &SheetRow,
        base: Option<&Project>,
        notes: &mut Vec<String>,
    ) -> Result<Money, String> {
        let currency = match self.cell(row, Field::Currency) {
            "" => base.map_or_else(|| self.currency.clone(), |p| p.value.currency.clone()),
            code => Currency::parse(code).ok_or_else(|| {
                format!("currency “{code}” is not a three-letter code such as EUR")
            })?,
        };
        let minor = match self.cell(row, Field::Value) {
            "" => match base {
                Some(p) => p.value.minor,
                None => {
                    if self.maps(Field::Value) {
                        notes.push("no value: 0".to_string());
                    }
                    0
                }
            },
            text => match parse_amount(text) {
                None => return Err(format!("value “{text}” is not an amount")),
                Some(v) if v < 0.0 => return Err(format!("value “{text}” is negative")),
                Some(v) => {
                    let scale = 10f64.powi(currency.minor_digits() as i32);
                    let minor = (v * scale).round();
                    if minor > MAX_AMOUNT_MINOR as f64 {
                        return Err(format!(
                            "value “{text}” is above the most Pursuit keeps ({})",
                            Money::new(MAX_AMOUNT_MINOR, currency.clone()).display()
                        ));
                    }
                    minor as i64
                }
            },
        };
        Ok(Money::new(minor, currency))
    }

    fn probability(
        &self,
        row: &SheetRow,
        base: Option<&Project>,
        standing: &Standing,
    ) -> Result<u8, String> {
        let default_probability = match standing.status {
            ProjectStatus::Won => 100,
            ProjectStatus::Lost | ProjectStatus::Cancelled => 0,
            _ => standing.stage.default_probability(),
        };
        let probability = match self.cell(row, Field::Probability) {
            "" => match base {
                Some(p) if p.probability_manual && p.stage == standing.stage => p.probability,
                _ => default_probability,
            },
            text => match parse_amount(text.trim_end_matches('%')) {
                Some(p)
                    if (0.0..=1.0).contains(&p) && text.contains('.') && !text.contains('%') =>
                {
                    (p * 100.0).round() as u8
                }
                Some(p) if (0.0..=100.0).contains(&p) => p.round() as u8,
                _ => {
                    return Err(format!(
                        "probability “{text}” is not a percentage from 0 to 100"
                    ))
                }
            },
        };
        Ok(match standing.status {
            ProjectStatus::Won => 100,
            ProjectStatus::Lost => 0,
            _ => probability,
        })
    }

    /// A date cell read in its column's order; `None` when the field is unmapped or empty.
    fn date(&self, row: &SheetRow, field: Field) -> Result<Option<NaiveDate>, String> {
        let Some(&column) = self.mapping.columns.get(&field) else {
            return Ok(None);
        };
        let text = row.cells.get(column).map_or("", |s| s.as_str());
        if text.is_empty() {
            return Ok(None);
        }
        let order = self
            .mapping
            .date_orders
            .get(&column)
            .copied()
            .unwrap_or(DateOrder::Iso);
        order.parse(text).map(Some).ok_or_else(|| {
            format!(
                "{} “{text}” is not a date like {} between {} and {}",
                field.label().to_lowercase(),
                order.label(),
                EARLIEST_DATE.written("%Y"),
                LATEST_DATE.written("%Y")
            )
        })
    }

    /// Start, target and (closed) close date, each filled when the row lacks it.
    fn dates(
        &self,
        row: &SheetRow,
        base: Option<&Project>,
        status: ProjectStatus,
        notes: &mut Vec<String>,
    ) -> Result<(NaiveDate, NaiveDate, Option<NaiveDate>), String> {
        let today = self.today;
        let created = self.date(row, Field::Created);
        let target = self.date(row, Field::Target);
        let closed = self.date(row, Field::Closed);
        let (created, target, closed) = (created?, target?, closed?);
        let is_closed = status.is_closed();
        let close_date = if is_closed {
            match closed.or(target).or(base.and_then(|p| p.close_date)) {
                Some(d) => Some(d),
                None => {
                    notes.push(format!("closed without a close date: {today}"));
                    Some(today)
                }
            }
        } else {
            None
        };
        let fallback = if is_closed { close_date } else { closed };
        let target_date = match target.or(base.map(|p| p.target_date)).or(fallback) {
            Some(d) => d,
            None => {
                let from = created.unwrap_or(today).max(today);
                let d = from
                    .checked_add_months(chrono::Months::new(3))
                    .unwrap_or(from);
                notes.push(format!("no target date: {d} (three months ahead)"));
                d
            }
        };
        let start_date = match created.or(base.map(|p| p.start_date)) {
            Some(d) => d,
            None => {
                let d = today.min(target_date).min(close_date.unwrap_or(today));
                notes.push(format!("no start date: {d}"));
                d
            }
        };
        if target_date < start_date {
            notes.push(format!(
                "target date {target_date} was before the start {start_date}: start used"
            ));
            return Ok((start_date, start_date, close_date));
        }
        Ok((start_date, target_date, close_date))
    }

    /// The owner named in the row (a member, or one new to the workspace), else the
    /// project's.
    fn owner(
        &mut self,
        row: &SheetRow,
        base: Option<&Project>,
        ids: &mut dyn IdSource,
    ) -> Option<MemberId> {
        let name = self.cell(row, Field::Owner);
        if name.is_empty() {
            return base.and_then(|p| p.owner);
        }
        let key = normalise(name);
        if let Some(id) = self.members.get(&key).or(self.new_member_ids.get(&key)) {
            return Some(*id);
        }
        let id: MemberId = ids.fresh();
        self.new_member_ids.insert(key, id);
        self.new_members.push((id, clip(name)));
        Some(id)
    }

    /// The notes column, with the product when the name column left it out; else the
    /// project's description.
    fn description(&self, row: &SheetRow, base: Option<&Project>) -> String {
        let product = clip(self.cell(row, Field::Product));
        let mut description = clip_text(self.cell(row, Field::Notes));
        if !product.is_empty() && self.maps(Field::Name) {
            description = if description.is_empty() {
                format!("Product: {product}")
            } else {
                format!("Product: {product}\n{description}")
            };
        }
        if description.is_empty() {
            description = base.map(|p| p.description.clone()).unwrap_or_default();
        }
        description
    }
}

/// The stage a project takes for a meaning: a won or lost deal is closed.
fn stage_of(meaning: StageMeaning) -> Stage {
    match meaning {
        StageMeaning::Open(s) => s,
        _ => Stage::Closed,
    }
}

/// Notes for the cells longer than a project can hold, which [`clip`] and [`clip_text`] cut:
/// "name cut to 200 characters (it had 260)".
fn cut_cells<'a>(cell: &dyn Fn(Field) -> &'a str) -> Vec<String> {
    let names = [
        (Field::Name, "name"),
        (Field::Client, "client"),
        (Field::Product, "product"),
        (Field::Reference, "reference"),
    ];
    names
        .into_iter()
        .map(|(f, label)| (label, one_line(cell(f)).chars().count(), NAME_CHARS))
        .chain([(
            "notes",
            cell(Field::Notes).trim().chars().count(),
            crate::model::limits::TEXT_CHARS,
        )])
        .filter(|(_, had, limit)| had > limit)
        .map(|(label, had, limit)| {
            format!(
                "{label} cut to {} characters (it had {})",
                crate::model::common::group_thousands(limit as u64),
                crate::model::common::group_thousands(had as u64)
            )
        })
        .collect()
}

/// A cell as a one-line name: trimmed, at most `NAME_CHARS` characters.
fn clip(text: &str) -> String {
    one_line(text).chars().take(NAME_CHARS).collect()
}

/// A cell's words on one line, one space apart.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clip_text(text: &str) -> String {
    text.trim()
        .chars()
        .take(crate::model::limits::TEXT_CHARS)
        .collect()
}

/// `Line 4`, `Lines 4, 9 and 12`, `Lines 4, 9, 12 and 497 more`.
pub fn lines_text(lines: &[u64]) -> String {
    const NAMED: usize = 3;
    let named: Vec<String> = lines.iter().take(NAMED).map(|l| l.to_string()).collect();
    match lines.len() {
        0 => String::new(),
        1 => format!("Line {}", named[0]),
        n if n <= NAMED => format!("Lines {} and {}", named[..n - 1].join(", "), named[n - 1]),
        n => format!(
            "Lines {} and {} more",
            named.join(", "),
            group_thousands((n - NAMED) as u64)
        ),
    }
}
