//! `anzen catalog list`: the built-in guideline catalogues and their items.

use anzen_domain::catalog::{Catalog, CatalogId, Confidence};
use serde_json::json;

use super::bad_input;
use crate::cli::Format;
use crate::output::{Table, print_json};

pub fn list(catalog: Option<&str>, format: Format) -> anyhow::Result<()> {
    let catalogs = anzen_app::catalogs::builtin()
        .map_err(|e| anyhow::anyhow!("a built-in catalogue is invalid: {e}"))?;
    match catalog {
        None => match format {
            Format::Json => {
                print_json(&json!(catalogs.iter().map(header_json).collect::<Vec<_>>()))
            }
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
