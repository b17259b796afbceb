//! Tests of the catalogues shipped in `catalogs/` at the workspace root.

use crate::catalog::{
    Catalog, CatalogId, CatalogItem, Confidence, ItemDetail, ProviderVersion, Purpose, Stage,
    Table41Row, check_references, parse_catalog,
};

const TABLE_4_1: &str = include_str!("../../../../../catalogs/table-4-1.toml");
const OPERATIONAL_RULES: &str = include_str!("../../../../../catalogs/operational-rules.toml");
const REGULATORY: &str = include_str!("../../../../../catalogs/regulatory-requirements.toml");
const CHECKLIST: &str = include_str!("../../../../../catalogs/mhlw-checklist-provider.toml");

fn shipped() -> [Catalog; 4] {
    [
        parse_catalog("table-4-1.toml", TABLE_4_1),
        parse_catalog("operational-rules.toml", OPERATIONAL_RULES),
        parse_catalog("regulatory-requirements.toml", REGULATORY),
        parse_catalog("mhlw-checklist-provider.toml", CHECKLIST),
    ]
    .map(|c| c.unwrap_or_else(|e| panic!("{e}")))
}

fn keys(c: &Catalog) -> Vec<&str> {
    c.items().iter().map(CatalogItem::key).collect()
}

fn counts(c: &Catalog) -> [usize; 4] {
    let m = c.count_by_confidence();
    let v: Vec<usize> = Confidence::ALL.iter().map(|l| m[l]).collect();
    v.try_into().unwrap()
}

#[test]
fn the_shipped_catalogues_parse_and_refer_to_each_other() {
    let all = shipped();
    assert_eq!(
        all.each_ref().map(Catalog::id),
        [
            CatalogId::Table41,
            CatalogId::OperationalRules,
            CatalogId::RegulatoryRequirements,
            CatalogId::MhlwChecklistProvider,
        ]
    );
    check_references(&all).unwrap();
}

#[test]
fn the_operational_rules_are_the_eleven_items_a_to_sa_in_order() {
    let [_, rules, _, _] = shipped();
    assert_eq!(
        keys(&rules),
        [
            "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ"
        ]
    );
    let conf: Vec<Confidence> = rules.items().iter().map(CatalogItem::confidence).collect();
    use Confidence::{Confirmed as C, Inferred as I, Unknown as U};
    assert_eq!(conf, [C, C, C, C, I, I, I, I, I, U, U]);
    // (コ) and (サ) carry a placeholder, never a guessed title.
    for item in &rules.items()[9..] {
        assert!(
            item.title_ja_provisional() && item.title_ja().contains("不明"),
            "{}",
            item.key()
        );
    }
    assert_eq!(counts(&rules), [4, 0, 5, 2]);
    assert!(rules.items().iter().all(|i| !i.title_ja().contains("規定")));
}

#[test]
fn table_4_1_has_both_purposes_and_mirrors_the_operational_rules() {
    let [table, rules, _, _] = shipped();
    let rows: Vec<(&CatalogItem, &Table41Row)> = table
        .items()
        .iter()
        .map(|i| match i.detail() {
            ItemDetail::Table41(row) => (i, row),
            other => panic!("{other:?}"),
        })
        .collect();
    let of = |p: Purpose| rows.iter().filter(|(_, r)| r.purpose == p).count();
    assert_eq!(of(Purpose::SelectionCriteria), 8);
    assert_eq!(of(Purpose::CommonUnderstanding), 7 + 11);
    assert!(
        rows.iter()
            .all(|(_, r)| (r.purpose == Purpose::SelectionCriteria) == (r.stage == Stage::Early))
    );
    for key in ["①-1", "①-8", "②-1", "②-6", "②-7"] {
        assert!(table.item(key).is_some(), "{key}");
    }
    let produced = |key: &str| match table.item(key).unwrap().detail() {
        ItemDetail::Table41(row) => row.produced_by.clone(),
        _ => None,
    };
    assert_eq!(produced("②-4").as_deref(), Some("4.3"));
    assert_eq!(produced("②-6").as_deref(), Some("5.1.5"));
    // Every ②-7 sub-row matches its operational-rules item in title and confidence.
    let subrows: Vec<_> = rows
        .iter()
        .filter(|(_, r)| r.parent.as_deref() == Some("②-7"))
        .collect();
    assert_eq!(subrows.len(), rules.items().len());
    for ((item, row), rule) in subrows.iter().zip(rules.items()) {
        assert_eq!(row.operational_rule.as_deref(), Some(rule.key()));
        assert_eq!(item.key(), format!("②-7({})", rule.key()));
        assert_eq!(
            (item.title_ja(), item.confidence()),
            (rule.title_ja(), rule.confidence())
        );
    }
    assert_eq!(counts(&table), [18, 1, 5, 2]);
}

#[test]
fn every_regulatory_requirement_has_a_legal_basis_and_cannot_be_waived() {
    let [_, _, regulatory, _] = shipped();
    assert_eq!(
        keys(&regulatory),
        [
            "6.1-domestic-law",
            "6.2-authenticity",
            "6.2-legibility",
            "6.2-preservability",
            "6.3-e-signature",
            "6.4-careful-handling",
        ]
    );
    for item in regulatory.items() {
        let ItemDetail::RegulatoryRequirement(req) = item.detail() else {
            panic!()
        };
        assert!(!req.legal_basis.is_empty(), "{}", item.key());
        assert!(item.key().starts_with(&req.section), "{}", item.key());
        assert!(!item.is_waivable());
    }
    assert_eq!(counts(&regulatory), [1, 1, 4, 0]);
}

#[test]
fn the_checklist_marks_what_the_provider_version_is_known_to_hold() {
    let [_, _, _, checklist] = shipped();
    assert_eq!(checklist.version(), "R7");
    assert_eq!(checklist.items().len(), 18);
    let confirmed: Vec<&str> = checklist
        .items()
        .iter()
        .filter(|i| {
            matches!(i.detail(), ItemDetail::ChecklistItem(c) if c.in_provider_version == ProviderVersion::Confirmed)
        })
        .map(CatalogItem::key)
        .collect();
    assert_eq!(confirmed, ["1-①", "2-③"]);
    assert!(checklist.item("2-⑦").is_some());
    assert!(checklist.edition_note().contains("imported"));
    assert_eq!(counts(&checklist), [16, 0, 2, 0]);
}
