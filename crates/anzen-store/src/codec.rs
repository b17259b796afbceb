//! Conversions between domain values and the text/integer columns both backends share.

use anzen_app::StoreError;
use jiff::Timestamp;
use jiff::civil::Date;

/// RFC 3339 UTC with exactly six fractional digits, so that text order is time order.
pub fn ts_to_db(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

pub fn ts_from_db(text: &str) -> Result<Timestamp, StoreError> {
    text.parse()
        .map_err(|e| StoreError::Other(format!("bad timestamp `{text}` in the database: {e}")))
}

pub fn date_to_db(d: Date) -> String {
    d.to_string()
}

pub fn date_from_db(text: &str) -> Result<Date, StoreError> {
    text.parse()
        .map_err(|e| StoreError::Other(format!("bad date `{text}` in the database: {e}")))
}

/// Parses an id column.
pub fn id_from_db<T: std::str::FromStr>(text: &str) -> Result<T, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Other(format!("bad id `{text}` in the database")))
}

/// Decodes a stored JSON document.
pub fn json_from_db<T: serde::de::DeserializeOwned>(
    column: &str,
    text: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Other(format!("bad JSON in column {column}: {e}")))
}

/// A corrupt enumeration value in the database.
pub fn bad_code(column: &str, value: &str) -> StoreError {
    StoreError::Other(format!("unknown value `{value}` in column {column}"))
}

/// Reads a 0/1 column as a boolean.
pub fn flag(row: &sqlx::any::AnyRow, column: &str) -> Result<bool, StoreError> {
    use sqlx::Row;
    Ok(row.try_get::<i64, _>(column).map_err(crate::other)? != 0)
}

/// Reads an optional timestamp column.
pub fn opt_ts(row: &sqlx::any::AnyRow, column: &str) -> Result<Option<Timestamp>, StoreError> {
    use sqlx::Row;
    let v: Option<String> = row.try_get(column).map_err(crate::other)?;
    v.as_deref().map(ts_from_db).transpose()
}

/// Reads a required text column.
pub fn text(row: &sqlx::any::AnyRow, column: &str) -> Result<String, StoreError> {
    use sqlx::Row;
    row.try_get::<String, _>(column).map_err(crate::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_have_fixed_width_and_round_trip() {
        let ts: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        assert_eq!(ts_to_db(ts), "2026-11-25T12:00:00.000000Z");
        let ts2 = Timestamp::from_microsecond(ts.as_microsecond() + 1234).unwrap();
        assert_eq!(ts_to_db(ts2), "2026-11-25T12:00:00.001234Z");
        assert_eq!(ts_from_db(&ts_to_db(ts2)).unwrap(), ts2);
    }
}
