//! `anzen document render|verify|list`: documents for medical institutions from the data,
//! each issue recorded with its SHA-256 in the signed audit trail.

use std::io::Write as _;
use std::path::Path;

use anzen_app::documents::{DocumentInput, DocumentRequest, VerifiedDocument};
use anzen_app::ports::{IssuedDocument, Page};
use anzen_app::{App, Caller};
use anzen_domain::ids::OfferingId;

use super::{bad_input, shown_path};
use crate::cli::{DocumentCommand, Format};
use crate::output::{Table, print_json, print_table};

/// The most a file given to `verify` may hold (the largest documents are a few MB).
const MAX_VERIFY_BYTES: u64 = 256 * 1024 * 1024;

/// Exit status of `verify` for a file anzen did not issue.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotIssued(pub String);

pub async fn run(app: &App, caller: &Caller, cmd: DocumentCommand) -> anyhow::Result<()> {
    match cmd {
        DocumentCommand::Render {
            kind,
            offering,
            institution,
            format,
            from,
            to,
            object_type,
            object_id,
            output,
        } => {
            let req = DocumentRequest::parse(&DocumentInput {
                kind: &kind,
                offering: &offering,
                institution: institution.as_deref(),
                format: &format,
                from: from.as_deref(),
                to: to.as_deref(),
                object_type: object_type.as_deref(),
                object_id: object_id.as_deref(),
            })?;
            let issued = app.issue_document(caller, &req).await?;
            write_whole(&output, &issued.bytes)?;
            let r = &issued.record;
            println!(
                "issued {} ({} {}, version {}) → {} ({} bytes)",
                r.number,
                r.kind.label_ja(),
                r.format,
                r.version,
                shown_path(&output),
                r.size_bytes
            );
            println!("sha256 {}", r.sha256);
            print_changes(r);
            Ok(())
        }
        DocumentCommand::Verify { file, format } => {
            let bytes = read_document(&file)?;
            let v = app.verify_document(caller, &bytes).await?;
            match format {
                Format::Json => print_json(&serde_json::to_value(&v)?),
                Format::Text => print_verified(&file, &v),
            }
            if v.is_issued() {
                Ok(())
            } else {
                Err(NotIssued(format!(
                    "{} was not issued by anzen (or was changed since): sha256 {}",
                    shown_path(&file),
                    v.sha256
                ))
                .into())
            }
        }
        DocumentCommand::List { offering, list } => {
            let offering = offering
                .map(|o| OfferingId::parse_field("--offering", o.trim()))
                .transpose()?;
            let page = Page::new(list.offset, list.limit);
            let docs = app.list_documents(caller, offering, page).await?;
            match list.format {
                Format::Json => print_json(&serde_json::to_value(&docs.rows)?),
                Format::Text => {
                    let mut t = Table::new([
                        "number",
                        "kind",
                        "format",
                        "version",
                        "institution",
                        "issued at",
                        "by",
                    ]);
                    for d in &docs.rows {
                        t.row([
                            d.number.clone(),
                            d.kind.label_ja().to_string(),
                            d.format.clone(),
                            d.version.to_string(),
                            d.institution.map(|i| i.to_string()).unwrap_or_default(),
                            d.issued_at.to_string(),
                            d.issued_by.clone(),
                        ]);
                    }
                    print_table(
                        &t,
                        "発行した文書はありません / no documents issued yet — issue one with `anzen document render`",
                    );
                }
            }
            Ok(())
        }
    }
}

fn print_changes(r: &IssuedDocument) {
    let c = &r.changes;
    match &c.previous {
        None => println!("first issue of this document"),
        Some(prev) if c.is_empty() => println!("no change since {prev}"),
        Some(prev) => {
            println!("changes since {prev}:");
            for (mark, list) in [("+", &c.added), ("-", &c.removed), ("~", &c.changed)] {
                for caption in list {
                    println!("  {mark} {caption}");
                }
            }
        }
    }
}

fn print_verified(file: &Path, v: &VerifiedDocument) {
    println!("file   {}", shown_path(file));
    println!("sha256 {}", v.sha256);
    let Some(d) = &v.issued else {
        println!(
            "NOT ISSUED: no document with this SHA-256 was issued (a changed file, or another file)"
        );
        return;
    };
    println!(
        "ISSUED {} — {} ({})",
        d.number,
        d.kind.label_ja(),
        d.kind.label_en()
    );
    println!(
        "  offering    {}",
        v.offering_name
            .clone()
            .unwrap_or_else(|| d.offering.to_string())
    );
    println!(
        "  for         {}",
        match (&v.institution_name, d.institution) {
            (Some(n), _) => n.clone(),
            (None, Some(i)) => i.to_string(),
            (None, None) => "every institution / 全医療機関".to_string(),
        }
    );
    println!("  version     {} ({})", d.version, d.format);
    println!("  issued at   {}", d.issued_at);
    println!("  issued by   {}", d.issued_by);
    match v.audit_seq {
        Some(seq) => println!("  audit entry #{seq} records this file's SHA-256"),
        None => println!("  WARNING: no audit entry records this issue"),
    }
}

/// The file to verify, read up to [`MAX_VERIFY_BYTES`]: a larger file is refused by its size
/// before any of it is read, a pipe or a device (no size) after that many bytes.
fn read_document(path: &Path) -> anyhow::Result<Vec<u8>> {
    let shown = shown_path(path);
    let too_large = || {
        bad_input(format!(
            "{shown}: is larger than any document anzen issues ({MAX_VERIFY_BYTES} bytes)"
        ))
    };
    let file = std::fs::File::open(path).map_err(|e| bad_input(format!("{shown}: {e}")))?;
    if file.metadata().is_ok_and(|m| m.len() > MAX_VERIFY_BYTES) {
        return Err(too_large());
    }
    super::read_bounded(file, MAX_VERIFY_BYTES)
        .map_err(|e| bad_input(format!("{shown}: {e}")))?
        .ok_or_else(too_large)
}

/// Writes `bytes` to a temporary file beside `path` and renames it: the file is whole or
/// absent.
fn write_whole(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| bad_input(format!("{}: {e}", shown_path(path))))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .map_err(|e| bad_input(format!("{}: {}", shown_path(path), e.error)))?;
    Ok(())
}
