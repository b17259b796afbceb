//! Checks between catalogues: references from one catalogue to the items of another.

use std::collections::HashMap;

use super::{Catalog, CatalogError, CatalogId, ItemDetail, Table41Row};
use crate::FieldError;

/// Checks a set of catalogues against each other: each id at most once, and every Table 4-1
/// `operational_rule` names an item of the `operational_rules` catalogue when that catalogue
/// is in the set. Errors name the catalogue by its id.
pub fn check_references(catalogs: &[Catalog]) -> Result<(), CatalogError> {
    let mut by_id: HashMap<CatalogId, &Catalog> = HashMap::new();
    for catalog in catalogs {
        if by_id.insert(catalog.id, catalog).is_some() {
            return Err(CatalogError {
                source_name: catalog.id.code().to_owned(),
                item_key: None,
                error: FieldError::new("id", "this catalogue is loaded twice"),
            });
        }
    }
    let (Some(table), Some(rules)) = (
        by_id.get(&CatalogId::Table41),
        by_id.get(&CatalogId::OperationalRules),
    ) else {
        return Ok(());
    };
    for (index, item) in table.items.iter().enumerate() {
        if let ItemDetail::Table41(Table41Row {
            operational_rule: Some(rule),
            ..
        }) = &item.detail
            && rules.item(rule).is_none()
        {
            return Err(CatalogError {
                source_name: CatalogId::Table41.code().to_owned(),
                item_key: Some(item.key.clone()),
                error: FieldError::new(
                    format!("items[{index}].operational_rule"),
                    format!("no item `{rule}` in catalogue `operational_rules`"),
                )
                .with_accepted(rules.items.iter().map(|i| i.key.clone())),
            });
        }
    }
    Ok(())
}
