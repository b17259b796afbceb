//! `anzen catalog list`: the built-in guideline catalogues and their items, and the stored
//! versions of Appendix 2; `anzen catalog import`: a new version of Appendix 2 from the
//! official workbook or the CSV template.

use std::path::Path;
use std::sync::Arc;

use anzen_app::AppError;
use anzen_app::controls::{CatalogueVersion, ImportError, ImportOutcome};
use anzen_app::{App, Caller};
use anzen_domain::catalog::{Catalog, CatalogId, Confidence};
use serde_json::json;

use super::bad_input;
use crate::cli::Format;
use crate::output::{Table, print_json};

pub fn list(
    catalog: Option<&str>,
    format: Format,
    versions: Option<Vec<CatalogueVersion>>,
) -> anyhow::Result<()> {
    let catalogs = anzen_app::catalogs::builtin()
        .map_err(|e| anyhow::anyhow!("a built-in catalogue is invalid: {e}"))?;
    match catalog {
        None => match format {
            Format::Json => print_json(&json!({
                "catalogues": catalogs.iter().map(header_json).collect::<Vec<_>>(),
                "appendix2_versions": versions_or_builtin(versions)?,
            })),
            Format::Text => {
                let mut t = Table::new([
                    "id",
                    "版 / version",
                    "名称 / title",
                    "項目 / items",
                    "確認済み / confirmed",
                    "一部確認 / partly seen",
                    "推定 / inferred",
                    "不明 / unknown",
                ]);
                for c in &catalogs {
                    let counts = c.count_by_confidence();
                    let n = |k| counts.get(&k).copied().unwrap_or(0).to_string();
                    t.row([
                        c.id().code().to_owned(),
                        c.version().to_owned(),
                        c.title_ja().to_owned(),
                        c.items().len().to_string(),
                        n(Confidence::Confirmed),
                        n(Confidence::PartlySeen),
                        n(Confidence::Inferred),
                        n(Confidence::Unknown),
                    ]);
                }
                print!("{}", t.render());
                println!("\nShow the items of one: anzen catalog list --catalog <id>");
                println!("\n別紙2の版 / Appendix 2 versions:");
                let known = versions.is_some();
                let mut v = Table::new([
                    "id",
                    "版 / version",
                    "項目 / items",
                    "種類 / kind",
                    "取込み / imported",
                ]);
                for c in versions_or_builtin(versions)? {
                    v.row([
                        c.id.to_string(),
                        c.version.clone(),
                        c.items.to_string(),
                        if c.builtin {
                            "内蔵・一部のみ（要約） / built-in, partial paraphrase".to_owned()
                        } else {
                            format!(
                                "原文 / official ({})",
                                c.source_name.clone().unwrap_or_default()
                            )
                        },
                        match (&c.imported_by, c.imported_at) {
                            (Some(by), Some(at)) => format!("{at} {by}"),
                            _ => String::new(),
                        },
                    ]);
                }
                print!("{}", v.render());
                if !known {
                    println!(
                        "(no database yet: imported versions are not shown; import the official file with \
                         `anzen catalog import FILE.xlsx`)"
                    );
                }
            }
        },
        Some(id) => {
            let id = CatalogId::parse_field("--catalog", id).map_err(bad_input)?;
            let c = catalogs
                .iter()
                .find(|c| c.id() == id)
                .expect("every built-in catalogue is loaded");
            match format {
                Format::Json => {
                    let mut v = header_json(c);
                    v["items"] = json!(
                        c.items()
                            .iter()
                            .map(|i| json!({
                                "key": i.key(),
                                "title_ja": i.title_ja(),
                                "title_ja_provisional": i.title_ja_provisional(),
                                "title_en": i.title_en(),
                                "summary_en": i.summary_en(),
                                "source": i.source(),
                                "confidence": i.confidence(),
                                "note": i.note(),
                                "waivable": i.is_waivable(),
                                "detail": i.detail(),
                            }))
                            .collect::<Vec<_>>()
                    );
                    print_json(&v);
                }
                Format::Text => {
                    println!("{} ({}) — {}", c.title_ja(), c.version(), c.title_en());
                    println!("出典 / source: {}", c.source().document);
                    println!();
                    let mut t =
                        Table::new(["key", "項目 / item", "確度 / confidence", "出典 / source"]);
                    for i in c.items() {
                        let title = if i.title_ja_provisional() {
                            format!("{} ※仮題", i.title_ja())
                        } else {
                            i.title_ja().to_owned()
                        };
                        t.row([
                            i.key().to_owned(),
                            title,
                            i.confidence().label_ja().to_owned(),
                            i.source().to_owned(),
                        ]);
                    }
                    print!("{}", t.render());
                }
            }
        }
    }
    Ok(())
}

fn header_json(c: &Catalog) -> serde_json::Value {
    let counts: serde_json::Map<String, serde_json::Value> = c
        .count_by_confidence()
        .into_iter()
        .map(|(k, v)| (k.code().to_owned(), json!(v)))
        .collect();
    json!({
        "id": c.id(),
        "version": c.version(),
        "title_ja": c.title_ja(),
        "title_en": c.title_en(),
        "source": {"document": c.source().document, "url": c.source().url},
        "edition_note": c.edition_note(),
        "items": c.items().len(),
        "by_confidence": counts,
    })
}

/// The built-in version when no database could be read.
fn versions_or_builtin(
    versions: Option<Vec<CatalogueVersion>>,
) -> anyhow::Result<Vec<CatalogueVersion>> {
    match versions {
        Some(v) => Ok(v),
        None => {
            let c = anzen_app::controls::builtin_partial()
                .map_err(|e| anyhow::anyhow!("the built-in Appendix 2 is invalid: {e}"))?;
            Ok(vec![CatalogueVersion {
                id: anzen_app::controls::BUILTIN_CATALOGUE_ID,
                version: c.meta.version.clone(),
                builtin: true,
                complete: c.meta.complete,
                text_origin: c.text_origin,
                items: i64::try_from(c.items.len()).unwrap_or(i64::MAX),
                source_name: None,
                source_sha256: None,
                imported_by: None,
                imported_at: None,
            }])
        }
    }
}

/// The Appendix 2 versions of the configured database, or `None` when there is none yet (a
/// SQLite file that does not exist is not created by a listing) or it cannot be read.
pub async fn stored_versions(
    config: Option<&Path>,
    database_url: Option<&str>,
) -> Option<Vec<CatalogueVersion>> {
    let config = crate::config::Config::load(config, database_url).ok()?;
    if let Some(rest) = config.database.url.strip_prefix("sqlite://") {
        let path = Path::new(rest.split('?').next().unwrap_or(rest));
        if !path.is_file() {
            return None;
        }
    }
    let mut options = anzen_store::StoreOptions::new(&config.database.url);
    options.max_connections = 1;
    let store = match anzen_store::SqlStore::open_existing(&options).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("note: the stored Appendix 2 versions cannot be read: {e}");
            return None;
        }
    };
    // A listing writes nothing: a throwaway key signs no entry.
    let signer = anzen_app::Ed25519Signer::generate().ok()?;
    let app = App::new(
        Arc::new(store),
        Arc::new(anzen_app::SystemClock),
        Arc::new(signer),
    );
    app.list_catalogue_versions(&Caller::operator("catalog-list"))
        .await
        .ok()
}

/// `anzen catalog import FILE`: stores a new version of Appendix 2 and prints its report and
/// what it changed; a bad file exits 2 with every bad row and stores nothing.
pub async fn import(app: &App, caller: &Caller, file: &Path, format: Format) -> anyhow::Result<()> {
    let shown = file.display().to_string();
    if file.is_dir() {
        return Err(bad_input(format!(
            "{shown}: is a directory; expected an .xlsx or .csv file"
        )));
    }
    let limits = &app.settings().import_limits;
    let read = std::fs::File::open(file)
        .and_then(|f| super::read_bounded(f, limits.file_bytes))
        .map_err(|e| bad_input(format!("{shown}: cannot read the file: {e}")))?;
    let Some(bytes) = read else {
        let refusal = limits.exceeded(anzen_app::import::Limit::FileSize);
        return Err(refused(format, &shown, &refusal));
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    match app.import_catalogue(caller, &name, &bytes, None).await {
        Ok(outcome) => {
            match format {
                Format::Json => print_json(&serde_json::to_value(&outcome)?),
                Format::Text => print_outcome(&outcome),
            }
            Ok(())
        }
        Err(ImportError::File(errors)) => {
            if matches!(format, Format::Json) {
                print_json(
                    &json!({"imported": false, "errors": errors.errors, "more": errors.more}),
                );
            }
            // The report begins "the file was not imported (n errors):".
            Err(bad_input(format!("{shown}: {errors}")))
        }
        Err(ImportError::App(AppError::LimitExceeded(l))) if !l.is_busy() => {
            Err(refused(format, &shown, &l))
        }
        Err(ImportError::App(e)) => Err(e.into()),
    }
}

/// A file refused by an import limit: exit 2 with the limit named (and, as JSON, the limit).
fn refused(format: Format, shown: &str, l: &anzen_app::import::LimitExceeded) -> anyhow::Error {
    if matches!(format, Format::Json) {
        print_json(&json!({"imported": false, "limit": l, "message": l.to_string()}));
    }
    bad_input(format!("{shown}: nothing was imported.\n{l}"))
}

fn print_outcome(o: &ImportOutcome) {
    let v = &o.version;
    let r = &o.report;
    if o.already_imported {
        println!(
            "この版は取込み済みです（変更なし） / already imported, nothing changed: Appendix 2 {} ({} items){}",
            v.version,
            v.items,
            match (&v.imported_by, v.imported_at) {
                (Some(by), Some(at)) => format!(", imported {at} by {by}"),
                _ => String::new(),
            }
        );
    } else {
        println!(
            "取り込みました / imported: Appendix 2 {} — {} items, {} MHLW references, {} marked ◎",
            v.version, r.items, r.references, r.marked
        );
    }
    println!(
        "id: {}\nfile: {} (SHA-256 {}){}",
        v.id,
        v.source_name.as_deref().unwrap_or(""),
        v.source_sha256.as_deref().unwrap_or(""),
        r.sheet
            .as_deref()
            .map(|s| format!(", sheet {s}"))
            .unwrap_or_default()
    );
    if let Some(total) = r.expected_total {
        println!(
            "items: {} (a vendor page claims about {total}, unverified)",
            r.items
        );
    }
    if !r.per_major.is_empty() {
        let mut t = Table::new(["大項目", "表題 / title", "項目 / items", "◎"]);
        for c in &r.per_major {
            t.row([
                c.number.clone(),
                c.title.clone().unwrap_or_default(),
                c.items.to_string(),
                c.marked.to_string(),
            ]);
        }
        print!("{}", t.render());
    }
    if !r.without_mhlw_reference.is_empty() {
        println!(
            "without a related MHLW requirement: {}",
            r.without_mhlw_reference.join(", ")
        );
    }
    for g in &r.numbering_gaps {
        println!(
            "numbering gap in {}: missing {}",
            g.within,
            g.missing.join(", ")
        );
    }
    if !r.dropped_rows.is_empty() {
        println!(
            "rows left out (page headers, footers): {}",
            r.dropped_rows.len()
        );
    }
    if !r.warnings.is_empty() {
        println!("warnings ({}):", r.warnings.len());
        for w in &r.warnings {
            println!("  {w}");
        }
    }
    let review = &o.review;
    let d = &review.diff;
    println!();
    println!(
        "前の版 {} との差分 / against {}: {} added, {} changed, {} removed, {} unchanged",
        review.from.version,
        review.from.version,
        d.added.len(),
        d.changed.len(),
        d.removed.len(),
        d.unchanged
    );
    if !d.added.is_empty() {
        println!("  added:   {}", d.added.join(", "));
    }
    if !d.changed.is_empty() {
        let changed: Vec<String> = d
            .changed
            .iter()
            .map(|c| {
                let what: Vec<&str> = c.changes.iter().map(|x| x.code()).collect();
                format!("{} ({})", c.key, what.join(", "))
            })
            .collect();
        println!("  changed: {}", changed.join(", "));
    }
    if !d.removed.is_empty() {
        println!("  removed: {}", d.removed.join(", "));
    }
    for m in &d.moved_candidates {
        println!(
            "  moved?:  {} → {} ({}% similar; confirm by hand)",
            m.from,
            m.to,
            m.similarity_permille / 10
        );
    }
    println!(
        "見直す記述 / statements to review: {}",
        review.statements_to_review.len()
    );
    println!(
        "見直すリスク / risks to review: {} ({} marked for review now)",
        review.risks_to_review.len(),
        o.risks_marked
    );
}
