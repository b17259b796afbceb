//! The guideline catalogues shipped with anzen (`catalogs/*.toml`), embedded in the binary and
//! validated at start-up: a broken catalogue stops the start, naming the file, item and field.

use std::sync::OnceLock;

use anzen_domain::FieldError;
use anzen_domain::catalog::{Catalog, CatalogError, CatalogId, check_references, parse_catalog};

use crate::AppError;

/// Each built-in catalogue: the id it must declare, its file name and its text.
const BUILTIN: [(CatalogId, &str, &str); 4] = [
    (
        CatalogId::Table41,
        "catalogs/table-4-1.toml",
        include_str!("../../../catalogs/table-4-1.toml"),
    ),
    (
        CatalogId::OperationalRules,
        "catalogs/operational-rules.toml",
        include_str!("../../../catalogs/operational-rules.toml"),
    ),
    (
        CatalogId::RegulatoryRequirements,
        "catalogs/regulatory-requirements.toml",
        include_str!("../../../catalogs/regulatory-requirements.toml"),
    ),
    (
        CatalogId::MhlwChecklistProvider,
        "catalogs/mhlw-checklist-provider.toml",
        include_str!("../../../catalogs/mhlw-checklist-provider.toml"),
    ),
];

/// Parses and validates the built-in catalogues, checks the references between them, and
/// returns them in the order of [`CatalogId::ALL`].
pub fn builtin() -> Result<Vec<Catalog>, CatalogError> {
    let catalogs = BUILTIN
        .iter()
        .map(|&(expected, name, text)| {
            let catalog = parse_catalog(name, text)?;
            if catalog.id() != expected {
                return Err(CatalogError {
                    source_name: name.to_owned(),
                    item_key: None,
                    error: FieldError::new(
                        "id",
                        format!("this file must hold catalogue `{expected}`"),
                    )
                    .with_accepted([expected.code()]),
                });
            }
            Ok(catalog)
        })
        .collect::<Result<Vec<_>, _>>()?;
    check_references(&catalogs)?;
    Ok(catalogs)
}

/// One built-in catalogue, parsed once per process (with the others: [`builtin`] checks the
/// references between them) and kept for the life of the process.
pub(crate) fn builtin_catalogue(id: CatalogId) -> Result<&'static Catalog, AppError> {
    static C: OnceLock<Result<Vec<Catalog>, String>> = OnceLock::new();
    C.get_or_init(|| builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| AppError::Internal(format!("a built-in catalogue is invalid: {e}")))?
        .iter()
        .find(|c| c.id() == id)
        .ok_or_else(|| AppError::Internal(format!("no built-in catalogue `{id}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalogues_load() {
        let catalogs = builtin().unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<CatalogId> = catalogs.iter().map(Catalog::id).collect();
        assert_eq!(ids, CatalogId::ALL);
        assert!(catalogs.iter().all(|c| !c.items().is_empty()));
    }
}
