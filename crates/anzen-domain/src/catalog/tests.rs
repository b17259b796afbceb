//! Unit tests of the parser and the cross-catalogue checks on small inline catalogues.

use super::*;

mod shipped_catalogs;

const COMMON: &str = "title_ja = \"題\"\ntitle_en = \"Title\"\nsummary_en = \"Summary.\"\n\
                      source = \"GL p.1\"\nconfidence = \"confirmed\"\n";
const T41: &str =
    "purpose = \"selection_criteria\"\nstage = \"early\"\nanswerable_from = \"manual\"\n";
const REG: &str = "section = \"6.2\"\nwaivable = false\n\
                   legal_basis = [{ name_ja = \"e-文書法\", confidence = \"confirmed\" }]\n";
const CHK: &str = "in_provider_version = \"unknown\"\n";

fn doc(id: &str, items: &str) -> String {
    format!(
        "id = \"{id}\"\nversion = \"v1.1\"\ntitle_ja = \"表\"\ntitle_en = \"Table\"\n\
         edition_note = \"note\"\n[source]\ndocument = \"GL\"\nurl = \"https://example.org/gl\"\n\n{items}"
    )
}

fn item(key: &str, extra: &str) -> String {
    format!("[[items]]\nkey = \"{key}\"\n{COMMON}{extra}\n")
}

fn parse(text: &str) -> Result<Catalog, CatalogError> {
    parse_catalog("test.toml", text)
}

/// Parses `text`, expects an error and checks the file name, item key and field it names.
fn fails(text: &str, key: Option<&str>, field: &str) -> CatalogError {
    let err = parse(text).expect_err("the catalogue should be rejected");
    assert_eq!(err.source_name, "test.toml", "{err}");
    assert_eq!(err.item_key.as_deref(), key, "{err}");
    assert_eq!(err.error.field, field, "{err}");
    err
}

#[test]
fn a_small_catalogue_of_each_kind_parses() {
    let t = parse(&doc("table_4_1", &item("①-1", T41))).unwrap();
    assert_eq!(t.id(), CatalogId::Table41);
    assert_eq!(t.source().url.as_deref(), Some("https://example.org/gl"));
    let ItemDetail::Table41(row) = t.items()[0].detail() else {
        panic!()
    };
    assert_eq!(
        (row.purpose, row.stage),
        (Purpose::SelectionCriteria, Stage::Early)
    );
    assert!(parse(&doc("operational_rules", &item("ア", ""))).is_ok());
    let r = parse(&doc(
        "regulatory_requirements",
        &item("6.2-authenticity", REG),
    ))
    .unwrap();
    assert!(!r.items()[0].is_waivable());
    let c = parse(&doc("mhlw_checklist_provider", &item("1-①", CHK))).unwrap();
    assert!(c.items()[0].is_waivable());
}

#[test]
fn invalid_toml_is_reported_for_the_whole_file() {
    let err = fails("id = ", None, "");
    assert!(err.error.message.contains("not valid TOML"), "{err}");
}

#[test]
fn the_catalogue_id_must_be_known() {
    let err = fails(&doc("table_4_2", &item("①-1", T41)), None, "id");
    assert_eq!(
        err.error.accepted,
        CatalogId::ALL.iter().map(|c| c.code()).collect::<Vec<_>>()
    );
    let text = doc("table_4_1", &item("①-1", T41)).replace("id = \"table_4_1\"\n", "");
    fails(&text, None, "id");
}

#[test]
fn header_texts_and_source_are_required() {
    let ok = doc("operational_rules", &item("ア", ""));
    fails(
        &ok.replace("title_ja = \"表\"", "title_ja = \" \""),
        None,
        "title_ja",
    );
    fails(&ok.replace("title_en = \"Table\"\n", ""), None, "title_en");
    fails(
        &ok.replace("version = \"v1.1\"", "version = \"\""),
        None,
        "version",
    );
    fails(
        &ok.replace("edition_note = \"note\"", "edition_note = \"\""),
        None,
        "edition_note",
    );
    fails(
        &ok.replace("document = \"GL\"", "document = \"\""),
        None,
        "source.document",
    );
    fails(
        &ok.replace("https://example.org/gl", "example.org"),
        None,
        "source.url",
    );
    let no_source = ok.replace(
        "[source]\ndocument = \"GL\"\nurl = \"https://example.org/gl\"\n",
        "",
    );
    fails(&no_source, None, "source");
}

#[test]
fn unknown_fields_are_rejected() {
    let ok = doc("operational_rules", &item("ア", ""));
    let err = fails(
        &ok.replace("version =", "edition = \"x\"\nversion ="),
        None,
        "edition",
    );
    assert!(
        err.error.message.contains("unknown field `edition`"),
        "{err}"
    );
    let err = fails(
        &doc("operational_rules", &item("ア", "remark = \"x\"\n")),
        Some("ア"),
        "items[0].remark",
    );
    assert!(
        err.error.message.contains("unknown field `remark`"),
        "{err}"
    );
    let err = fails(&ok.replace("url =", "page = 1\nurl ="), None, "source.page");
    assert!(err.error.message.contains("unknown field `page`"), "{err}");
}

#[test]
fn a_catalogue_needs_items() {
    fails(&doc("operational_rules", ""), None, "items");
    fails(
        &doc("operational_rules", "").replace("id =", "items = 3\nid ="),
        None,
        "items",
    );
}

#[test]
fn item_texts_are_required_and_typed() {
    let ok = doc("operational_rules", &item("ア", ""));
    fails(
        &ok.replace("title_ja = \"題\"", "title_ja = \"\""),
        Some("ア"),
        "items[0].title_ja",
    );
    fails(
        &ok.replace("title_en = \"Title\"\n", ""),
        Some("ア"),
        "items[0].title_en",
    );
    fails(
        &ok.replace("summary_en = \"Summary.\"", "summary_en = \" \""),
        Some("ア"),
        "items[0].summary_en",
    );
    fails(
        &ok.replace("source = \"GL p.1\"", "source = \"\""),
        Some("ア"),
        "items[0].source",
    );
    fails(
        &ok.replace("title_ja = \"題\"", "title_ja = 5"),
        Some("ア"),
        "items[0].title_ja",
    );
    fails(
        &ok.replace("title_en = \"Title\"", "title_en = \"a\\nb\""),
        Some("ア"),
        "items[0].title_en",
    );
    fails(&ok.replace("key = \"ア\"\n", ""), None, "items[0].key");
    fails(
        &ok.replace("key = \"ア\"", "key = \"ア イ\""),
        Some("ア イ"),
        "items[0].key",
    );
}

#[test]
fn a_summary_is_a_short_paraphrase() {
    let long = "x".repeat(MAX_SUMMARY_CHARS + 1);
    let text = doc("operational_rules", &item("ア", "")).replace("Summary.", &long);
    fails(&text, Some("ア"), "items[0].summary_en");
}

#[test]
fn keys_are_unique() {
    let text = doc(
        "operational_rules",
        &(item("ア", "") + &item("イ", "") + &item("ア", "")),
    );
    let err = fails(&text, Some("ア"), "items[2].key");
    assert!(err.error.message.contains("items[0]"), "{err}");
}

#[test]
fn confidence_is_required_and_lists_the_accepted_labels() {
    let ok = doc("operational_rules", &item("ア", ""));
    let err = fails(
        &ok.replace("\"confirmed\"", "\"certain\""),
        Some("ア"),
        "items[0].confidence",
    );
    assert_eq!(
        err.error.accepted,
        ["confirmed", "partly_seen", "inferred", "unknown"]
    );
    fails(
        &ok.replace("confidence = \"confirmed\"\n", ""),
        Some("ア"),
        "items[0].confidence",
    );
}

#[test]
fn an_unknown_item_has_a_provisional_placeholder_title() {
    let ok = doc("operational_rules", &item("コ", "")).replace("\"confirmed\"", "\"unknown\"");
    fails(&ok, Some("コ"), "items[0].title_ja_provisional");
    let placeholder = ok.replace(
        "title_ja = \"題\"",
        "title_ja = \"（表題不明）\"\ntitle_ja_provisional = true",
    );
    let catalog = parse(&placeholder).unwrap();
    assert!(catalog.items()[0].title_ja_provisional());
}

#[test]
fn table_4_1_rows_need_purpose_stage_and_answer_source() {
    for field in ["purpose", "stage", "answerable_from"] {
        let extra: String = T41
            .lines()
            .filter(|l| !l.starts_with(field))
            .map(|l| format!("{l}\n"))
            .collect();
        fails(
            &doc("table_4_1", &item("①-1", &extra)),
            Some("①-1"),
            &format!("items[0].{field}"),
        );
    }
    let bad = T41.replace("selection_criteria", "③");
    let err = fails(
        &doc("table_4_1", &item("①-1", &bad)),
        Some("①-1"),
        "items[0].purpose",
    );
    assert_eq!(
        err.error.accepted,
        ["selection_criteria", "common_understanding"]
    );
    let bad = T41.replace("\"manual\"", "\"oracle\"");
    let err = fails(
        &doc("table_4_1", &item("①-1", &bad)),
        Some("①-1"),
        "items[0].answerable_from",
    );
    assert!(err.error.accepted.contains(&"storage_location".to_owned()));
}

#[test]
fn table_4_1_sections_and_parents_are_checked() {
    let bad = format!("{T41}produced_by = \"5.1.x\"\n");
    fails(
        &doc("table_4_1", &item("②-5", &bad)),
        Some("②-5"),
        "items[0].produced_by",
    );
    let child = format!("{T41}parent = \"②-7\"\n");
    let err = fails(
        &doc("table_4_1", &item("②-7(ア)", &child)),
        Some("②-7(ア)"),
        "items[0].parent",
    );
    assert!(err.error.message.contains("no earlier item"), "{err}");
    let parent = T41.replace("selection_criteria", "common_understanding");
    let text = doc(
        "table_4_1",
        &(item("②-7", &parent) + &item("②-7(ア)", &child)),
    );
    fails(&text, Some("②-7(ア)"), "items[1].purpose");
    let child_ok = child.replace("selection_criteria", "common_understanding");
    let grandchild = child_ok.replace("②-7", "②-7(ア)");
    let text = doc(
        "table_4_1",
        &(item("②-7", &parent) + &item("②-7(ア)", &child_ok) + &item("x", &grandchild)),
    );
    fails(&text, Some("x"), "items[2].parent");
}

#[test]
fn kind_specific_fields_belong_to_their_catalogue() {
    let err = fails(
        &doc("table_4_1", &item("①-1", &format!("{T41}{REG}"))),
        Some("①-1"),
        "items[0].section",
    );
    assert!(err.error.accepted.contains(&"purpose".to_owned()), "{err}");
    fails(
        &doc("operational_rules", &item("ア", CHK)),
        Some("ア"),
        "items[0].in_provider_version",
    );
}

#[test]
fn a_regulatory_requirement_has_a_legal_basis_and_is_never_waivable() {
    let key = Some("6.2-authenticity");
    let text = |extra: &str| doc("regulatory_requirements", &item("6.2-authenticity", extra));
    let no_basis: String = REG
        .lines()
        .filter(|l| !l.starts_with("legal_basis"))
        .map(|l| format!("{l}\n"))
        .collect();
    fails(&text(&no_basis), key, "items[0].legal_basis");
    fails(
        &text(&format!("{no_basis}legal_basis = []\n")),
        key,
        "items[0].legal_basis",
    );
    let err = fails(
        &text(&REG.replace("waivable = false", "waivable = true")),
        key,
        "items[0].waivable",
    );
    assert!(err.error.message.contains("FAQ 7"), "{err}");
    let no_conf = REG.replace(", confidence = \"confirmed\"", "");
    fails(&text(&no_conf), key, "items[0].legal_basis[0].confidence");
    fails(
        &text(&REG.replace("\"e-文書法\"", "\"\"")),
        key,
        "items[0].legal_basis[0].name_ja",
    );
    fails(
        &text(&REG.replace("section = \"6.2\"\n", "")),
        key,
        "items[0].section",
    );
    fails(
        &text(&REG.replace("\"6.2\"", "\"six\"")),
        key,
        "items[0].section",
    );
    // Absent `waivable` means false.
    let implicit = text(&REG.replace("waivable = false\n", ""));
    assert!(!parse(&implicit).unwrap().items()[0].is_waivable());
}

#[test]
fn a_checklist_item_says_whether_it_is_in_the_provider_version() {
    fails(
        &doc("mhlw_checklist_provider", &item("1-①", "")),
        Some("1-①"),
        "items[0].in_provider_version",
    );
    let err = fails(
        &doc(
            "mhlw_checklist_provider",
            &item("1-①", "in_provider_version = \"yes\"\n"),
        ),
        Some("1-①"),
        "items[0].in_provider_version",
    );
    assert_eq!(err.error.accepted, ["confirmed", "unknown"]);
}

#[test]
fn the_error_message_names_file_item_field_and_accepted_values() {
    let err =
        parse(&doc("operational_rules", &item("ア", "")).replace("\"confirmed\"", "\"sure\""))
            .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with("test.toml: item `ア`: items[0].confidence: unknown value `sure`"),
        "{shown}"
    );
    assert!(
        shown.contains("accepted values: confirmed, partly_seen, inferred, unknown"),
        "{shown}"
    );
}

#[test]
fn counts_by_confidence_include_every_label() {
    let items =
        item("ア", "") + &item("イ", "").replace("\"confirmed\"", "\"inferred\"") + &item("ウ", "");
    let counts = parse(&doc("operational_rules", &items))
        .unwrap()
        .count_by_confidence();
    assert_eq!(counts[&Confidence::Confirmed], 2);
    assert_eq!(counts[&Confidence::Inferred], 1);
    assert_eq!(counts[&Confidence::PartlySeen], 0);
    assert_eq!(counts.len(), Confidence::ALL.len());
}

#[test]
fn cross_references_resolve() {
    let rules = parse(&doc("operational_rules", &item("ア", ""))).unwrap();
    let link = |key: &str| {
        let extra = format!("{T41}operational_rule = \"{key}\"\n");
        parse(&doc("table_4_1", &item("②-7(ア)", &extra))).unwrap()
    };
    assert!(check_references(&[link("ア"), rules.clone()]).is_ok());
    let err = check_references(&[link("イ"), rules.clone()]).unwrap_err();
    assert_eq!(err.item_key.as_deref(), Some("②-7(ア)"));
    assert_eq!(err.error.field, "items[0].operational_rule");
    assert_eq!(err.error.accepted, ["ア"]);
    assert!(check_references(&[rules.clone(), rules]).is_err());
}
