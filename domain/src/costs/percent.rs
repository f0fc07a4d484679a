//! Percentages typed in forms ("33,33", "12.5", "-1,25 %") read as hundredths of a percent (basis points).

use crate::error::Problem;

/// Reads a number with at most two decimals (`,` or `.` as decimal separator, an optional sign, an optional
/// `%` after it) as hundredths: `"33,33"` → 3333, `"-1.25"` → -125, `"3"` → 300. A number too large for
/// `i64` saturates, so that the caller's range check refuses it.
pub(crate) fn hundredths(s: &str) -> Result<i64, Problem> {
    let v = s.trim();
    let v = v.strip_suffix('%').map(str::trim_end).unwrap_or(v);
    if v.is_empty() {
        return Err(Problem::Required);
    }
    let (negative, digits) = match v.as_bytes().first() {
        Some(b'-') => (true, v.get(1..).unwrap_or_default()),
        Some(b'+') => (false, v.get(1..).unwrap_or_default()),
        _ => (false, v),
    };
    let (int, frac) = match digits.split_once([',', '.']) {
        Some((int, frac)) => (int, frac),
        None => (digits, ""),
    };
    let is_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let has_frac = digits.len() > int.len();
    if int.is_empty() || !is_digits(int) || !is_digits(frac) || (has_frac && frac.is_empty()) {
        return Err(Problem::NotANumber);
    }
    if frac.len() > 2 {
        return Err(Problem::TooManyDecimals);
    }
    let whole: i64 = int.parse::<i64>().unwrap_or(i64::MAX);
    let part: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().unwrap_or(0) * 10,
        _ => frac.parse::<i64>().unwrap_or(0),
    };
    let h = whole.saturating_mul(100).saturating_add(part);
    Ok(if negative { -h } else { h })
}

/// Basis points (hundredths of a percent) written as a Dutch percentage: 9999 → `99,99 %`.
pub fn format_bp(bp: i128) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let a = bp.unsigned_abs();
    format!("{sign}{},{:02} %", a / 100, a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_read_as_hundredths() {
        assert_eq!(hundredths("33,33"), Ok(3333));
        assert_eq!(hundredths("25"), Ok(2500));
        assert_eq!(hundredths("12.5"), Ok(1250));
        assert_eq!(hundredths(" -1.25 "), Ok(-125));
        assert_eq!(hundredths("+3 %"), Ok(300));
        assert_eq!(hundredths("0,05%"), Ok(5));
        assert_eq!(hundredths("99999999999999999999"), Ok(i64::MAX));
    }

    #[test]
    fn other_text_is_refused() {
        assert_eq!(hundredths(""), Err(Problem::Required));
        assert_eq!(hundredths(" % "), Err(Problem::Required));
        for v in ["a", "1,2,3", "1.", ",5", "--1", "1 0", "1e2", "-"] {
            assert_eq!(hundredths(v), Err(Problem::NotANumber), "{v:?}");
        }
        assert_eq!(hundredths("33,333"), Err(Problem::TooManyDecimals));
    }

    #[test]
    fn basis_points_format_as_dutch_percentages() {
        assert_eq!(format_bp(9999), "99,99 %");
        assert_eq!(format_bp(10_000), "100,00 %");
        assert_eq!(format_bp(-125), "-1,25 %");
    }
}
