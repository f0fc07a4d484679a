//! Microsoft 365's "Office 365 active user detail" report (CSV, as the admin centre exports it): how many
//! users have a licence and how many of them did nothing for 30, 60 or 90 days. Read one row at a time, so
//! that a tenant of 50,000 users is counted without holding them; a row that does not fit the header is
//! refused with its line, never guessed. Concealed user names (32-hex hashes) do not matter: only the
//! dates, the deleted flag and the assigned products are read.

use super::csv_read::{decode, detect_separator, header_key, Records};
use super::dates::parse_iso_date;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const REFRESH: &str = "Report Refresh Date";
const DELETED: &str = "Is Deleted";
const PRODUCTS: &str = "Assigned Products";
const ACTIVITY: &str = "… Last Activity Date";

/// The counts of one report (for one product, or for any product).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageCounts {
    /// The report's refresh date: the day the inactivity is measured from.
    pub report_date: NaiveDate,
    /// Users (not deleted) with the product assigned.
    pub assigned: u32,
    /// Of those, active in the last 30 days: `assigned - inactive_30`.
    pub active_30: u32,
    /// Of those, without any activity in the last 30 / 60 / 90 days (or never).
    pub inactive_30: u32,
    pub inactive_60: u32,
    pub inactive_90: u32,
}

/// Why a usage report cannot be counted; `line` is the line in the file (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UsageError {
    /// The file is not UTF-8 from this line on.
    NotUtf8 { line: u32 },
    /// The file has no header or no user rows.
    NoUsers,
    /// A column the count needs is not in the header: probably another report.
    UnknownLayout { missing: String },
    /// A quoted field runs to the end of the file.
    UnclosedQuote { line: u32 },
    /// A row with another number of fields than the header.
    FieldCount { line: u32, found: u32, expected: u32 },
    /// Not `True`/`False` (or `Yes`/`No`).
    NotABoolean { line: u32, column: String, value: String },
    /// Not an ISO date `YYYY-MM-DD` (or empty where a date is required).
    NotADate { line: u32, column: String, value: String },
    /// A row with another refresh date than the first row.
    RefreshDateDiffers { line: u32, found: NaiveDate, first: NaiveDate },
}

impl UsageError {
    /// The sentence in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            UsageError::NotUtf8 { line } => {
                format!(
                    "regel {line}: het bestand is geen UTF-8; exporteer het rapport opnieuw uit het Microsoft \
                     365-beheercentrum."
                )
            }
            UsageError::NoUsers => "het rapport bevat geen gebruikers.".into(),
            UsageError::UnknownLayout { missing } => format!(
                "dit is geen bekend gebruiksrapport van Microsoft 365: de kolom '{missing}' ontbreekt; gebruik het \
                 rapport 'Office 365 active user detail'."
            ),
            UsageError::UnclosedQuote { line } => {
                format!("regel {line}: een aanhalingsteken (\") wordt niet gesloten.")
            }
            UsageError::FieldCount { line, found, expected } => format!(
                "regel {line}: {found} velden, de kop heeft {expected}; het rapport is beschadigd, exporteer het \
                 opnieuw."
            ),
            UsageError::NotABoolean { line, column, value } => {
                format!("regel {line}, kolom '{column}': '{value}' is niet True of False.")
            }
            UsageError::NotADate { line, column, value } => {
                format!("regel {line}, kolom '{column}': '{value}' is geen datum als jjjj-mm-dd.")
            }
            UsageError::RefreshDateDiffers { line, found, first } => format!(
                "regel {line}: verversingsdatum {found} wijkt af van {first} op de eerste regel; een rapport \
                 hoort één verversingsdatum te hebben."
            ),
        }
    }

    /// The sentence in English.
    pub fn message_en(&self) -> String {
        match self {
            UsageError::NotUtf8 { line } => {
                format!(
                    "line {line}: the file is not UTF-8; export the report again from the Microsoft 365 admin centre."
                )
            }
            UsageError::NoUsers => "the report has no users.".into(),
            UsageError::UnknownLayout { missing } => format!(
                "this is not a known Microsoft 365 usage report: the column '{missing}' is missing; use the \
                 'Office 365 active user detail' report."
            ),
            UsageError::UnclosedQuote { line } => format!("line {line}: a quote (\") is never closed."),
            UsageError::FieldCount { line, found, expected } => format!(
                "line {line}: {found} fields, the header has {expected}; the report is damaged, export it again."
            ),
            UsageError::NotABoolean { line, column, value } => {
                format!("line {line}, column '{column}': '{value}' is not True or False.")
            }
            UsageError::NotADate { line, column, value } => {
                format!("line {line}, column '{column}': '{value}' is not a date as yyyy-mm-dd.")
            }
            UsageError::RefreshDateDiffers { line, found, first } => format!(
                "line {line}: refresh date {found} differs from {first} on the first row; a report has one \
                 refresh date."
            ),
        }
    }
}

fn boolean(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" => Some(true),
        "false" | "no" => Some(false),
        _ => None,
    }
}

/// Reads the report and counts, for users not deleted whose Assigned Products contains `product`
/// (case-insensitive substring of any `+`-separated product; `None` or blank = any product, i.e. non-empty
/// Assigned Products): assigned; inactive_N = assigned users whose latest activity (max over all
/// Last Activity Date columns) is None or more than N days before the report date; active_30 = assigned -
/// inactive_30. All report rows must share one refresh date (else an error naming the line). Streams: one
/// row at a time, nothing kept per user.
pub fn count_m365_active_users(bytes: &[u8], product: Option<&str>) -> Result<UsageCounts, UsageError> {
    let text = decode(bytes).map_err(|line| UsageError::NotUtf8 { line })?;
    let sep = detect_separator(text).unwrap_or(b',');
    let mut records = Records::new(text, sep);
    let header = match records.next() {
        None => return Err(UsageError::NoUsers),
        Some(Err(e)) => return Err(UsageError::UnclosedQuote { line: e.line }),
        Some(Ok(h)) => h,
    };
    let names: Vec<String> = header.fields.iter().map(|f| f.trim().to_string()).collect();
    let find = |name: &str| names.iter().position(|n| header_key(n) == header_key(name));
    let activity: Vec<usize> =
        (0..names.len()).filter(|i| header_key(&names[*i]).ends_with("lastactivitydate")).collect();
    let missing: Vec<&str> = [(REFRESH, find(REFRESH)), (DELETED, find(DELETED)), (PRODUCTS, find(PRODUCTS))]
        .into_iter()
        .filter(|(_, i)| i.is_none())
        .map(|(n, _)| n)
        .chain(activity.is_empty().then_some(ACTIVITY))
        .collect();
    if !missing.is_empty() {
        return Err(UsageError::UnknownLayout { missing: missing.join(", ") });
    }
    let (Some(refresh_col), Some(deleted_col), Some(products_col)) = (find(REFRESH), find(DELETED), find(PRODUCTS))
    else {
        return Err(UsageError::UnknownLayout { missing: REFRESH.into() });
    };
    let needle = product.map(|p| p.trim().to_lowercase()).filter(|p| !p.is_empty());
    let width = names.len();
    let mut first_date: Option<NaiveDate> = None;
    let (mut assigned, mut inactive) = (0u32, [0u32; 3]);
    for record in records {
        let record = record.map_err(|e| UsageError::UnclosedQuote { line: e.line })?;
        if record.is_blank() {
            continue;
        }
        let line = record.line;
        if record.fields.len() != width {
            let found = u32::try_from(record.fields.len()).unwrap_or(u32::MAX);
            return Err(UsageError::FieldCount { line, found, expected: u32::try_from(width).unwrap_or(u32::MAX) });
        }
        let field = |i: usize| record.fields.get(i).map(|f| f.as_ref()).unwrap_or_default();
        let date = |i: usize| {
            parse_iso_date(field(i)).map_err(|_| UsageError::NotADate {
                line,
                column: names[i].clone(),
                value: field(i).trim().to_string(),
            })
        };
        let Some(refresh) = date(refresh_col)? else {
            return Err(UsageError::NotADate { line, column: names[refresh_col].clone(), value: String::new() });
        };
        match first_date {
            None => first_date = Some(refresh),
            Some(first) if first != refresh => {
                return Err(UsageError::RefreshDateDiffers { line, found: refresh, first })
            }
            Some(_) => {}
        }
        let deleted = boolean(field(deleted_col)).ok_or_else(|| UsageError::NotABoolean {
            line,
            column: names[deleted_col].clone(),
            value: field(deleted_col).trim().to_string(),
        })?;
        let mut latest: Option<NaiveDate> = None;
        for &i in &activity {
            latest = latest.max(date(i)?);
        }
        let products = field(products_col).trim();
        let has_product = match &needle {
            None => !products.is_empty(),
            Some(n) => products.split('+').any(|p| p.trim().to_lowercase().contains(n.as_str())),
        };
        if deleted || !has_product {
            continue;
        }
        assigned = assigned.saturating_add(1);
        let idle_days = latest.map(|l| (refresh - l).num_days());
        for (count, days) in inactive.iter_mut().zip([30, 60, 90]) {
            if idle_days.is_none_or(|d| d > days) {
                *count = count.saturating_add(1);
            }
        }
    }
    let report_date = first_date.ok_or(UsageError::NoUsers)?;
    Ok(UsageCounts {
        report_date,
        assigned,
        active_30: assigned.saturating_sub(inactive[0]),
        inactive_30: inactive[0],
        inactive_60: inactive[1],
        inactive_90: inactive[2],
    })
}

#[cfg(test)]
#[path = "usage_m365_tests.rs"]
mod tests;
