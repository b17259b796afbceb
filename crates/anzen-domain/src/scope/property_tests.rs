//! Property tests of the scope engine and of the profile parser.
//!
//! [`ScopeProfile`] gets an [`Arbitrary`] implementation that draws every field, so the
//! properties below range over the whole input space of `anzen/scope-profile/v1`.

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};

use super::{
    CONTRACT_FIELDS, ContractTerms, Deployment, Effect, Equipment, Maintenance, NetworkOperator,
    PROFILE_FIELDS, PROFILE_SCHEMA, PatientDirectedReceipt, ScopeCategory, ScopeProfile,
    ScopeVerdict, determine,
};
use crate::FieldError;

/// The FAQ sections a scope reason may cite.
const REFS: &[&str] = &[
    "FAQ 1", "FAQ 1.1", "FAQ 1.2", "FAQ 1.3", "FAQ 1.4", "FAQ 2", "FAQ 2.2",
];

/// Service names that pass validation: non-blank, at most 200 characters. Mixes readable
/// names with arbitrary text (quotes, backslashes, non-ASCII, control characters).
fn arb_service() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z\u{30A0}-\u{30FF}][A-Za-z0-9 ()\u{3040}-\u{30FF}\u{4E00}-\u{4E2F}-]{0,40}",
        any::<String>(),
        "[\"\\\\\u{0}-\u{1F} a-z]{1,12}",
        "\\PC{150,200}",
    ]
    .prop_filter("a valid service name", |s| {
        !s.trim().is_empty() && s.chars().count() <= 200
    })
}

fn arb_contract() -> impl Strategy<Value = ContractTerms> {
    (
        any::<bool>(),
        any::<bool>(),
        select(Maintenance::ALL),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(provision, operation, maintenance, remote_maintenance_in_terms, sale_only)| {
                ContractTerms {
                    provision,
                    operation,
                    maintenance,
                    remote_maintenance_in_terms,
                    sale_only,
                }
            },
        )
}

impl Arbitrary for ScopeProfile {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        let enums = (
            select(Deployment::ALL),
            select(Equipment::ALL),
            select(PatientDirectedReceipt::ALL),
            select(NetworkOperator::ALL),
        );
        let flags = prop::array::uniform8(any::<bool>());
        (arb_service(), arb_contract(), enums, flags)
            .prop_map(
                |(
                    service,
                    contract,
                    (deployment, equipment, patient_directed_receipt, network_operator),
                    [
                        institution_self_operated,
                        handles_medical_information,
                        stores_medical_information,
                        connected_to_medical_information_system,
                        supplies_in_scope_service,
                        merged_into_phr_with_other_data,
                        records_care_information,
                        serves_institution_contractor,
                    ],
                )| ScopeProfile {
                    schema: PROFILE_SCHEMA.to_owned(),
                    service,
                    institution_self_operated,
                    contract,
                    deployment,
                    equipment,
                    handles_medical_information,
                    stores_medical_information,
                    connected_to_medical_information_system,
                    supplies_in_scope_service,
                    patient_directed_receipt,
                    merged_into_phr_with_other_data,
                    records_care_information,
                    network_operator,
                    serves_institution_contractor,
                },
            )
            .boxed()
    }
}

/// Every invariant a verdict must satisfy on its own; returns the first violation.
fn verdict_invariants(p: &ScopeProfile, v: &ScopeVerdict) -> Result<(), String> {
    if v.reasons.is_empty() {
        return Err("no reason".into());
    }
    for r in &v.reasons {
        if !REFS.contains(&r.reference.as_str()) {
            return Err(format!("unknown ref `{}`", r.reference));
        }
        if r.message.trim().is_empty() || r.message_en.trim().is_empty() {
            return Err(format!("empty message in {r:?}"));
        }
        if (r.effect == Effect::Includes) != r.category.is_some() {
            return Err(format!("effect and category disagree in {r:?}"));
        }
        if let Some(c) = r.category
            && !v.categories.contains(&c)
        {
            return Err(format!("reason includes {c} but the categories do not"));
        }
    }
    if v.in_scope == v.categories.is_empty() {
        return Err("in_scope != !categories.is_empty()".into());
    }
    if !v.in_scope {
        if v.covers_non_medical_data {
            return Err("out of scope but covering non-medical data".into());
        }
        if v.reasons.iter().any(|r| r.effect == Effect::Includes) {
            return Err("out of scope with an `includes` reason".into());
        }
    }
    if !v.categories.windows(2).all(|w| w[0] < w[1]) {
        return Err(format!(
            "categories not sorted and unique: {:?}",
            v.categories
        ));
    }
    for c in &v.categories {
        if !v
            .reasons
            .iter()
            .any(|r| r.effect == Effect::Includes && r.category == Some(*c))
        {
            return Err(format!("no `includes` reason names {c}"));
        }
    }
    // FAQ 1.4: the scope widens to non-medical data only with a reason that says so.
    let extends = v
        .reasons
        .iter()
        .any(|r| r.effect == Effect::Extends && r.reference == "FAQ 1.4");
    if v.covers_non_medical_data != extends {
        return Err(
            "covers_non_medical_data without an FAQ 1.4 `extends` reason, or the reverse".into(),
        );
    }
    if v.service != p.service {
        return Err(format!("service `{}` != `{}`", v.service, p.service));
    }
    if v.schema != super::VERDICT_SCHEMA {
        return Err(format!("schema `{}`", v.schema));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn every_verdict_keeps_its_invariants(p in any::<ScopeProfile>()) {
        let v = determine(&p);
        if let Err(e) = verdict_invariants(&p, &v) {
            return Err(TestCaseError::fail(format!("{e}\n{}", v.to_text())));
        }
    }

    #[test]
    fn determination_is_deterministic(p in any::<ScopeProfile>()) {
        let first = determine(&p);
        prop_assert_eq!(&first, &determine(&p.clone()));
        prop_assert_eq!(first.to_json_pretty(), determine(&p).to_json_pretty());
    }

    /// FAQ 1 ¶1 (2) and ¶4, FAQ 2: whoever supplies what an in-scope offering needs is in
    /// the supply chain, whatever else the profile says.
    #[test]
    fn a_supplier_of_an_in_scope_service_is_always_in_scope(mut p in any::<ScopeProfile>()) {
        p.supplies_in_scope_service = true;
        let v = determine(&p);
        prop_assert!(v.in_scope, "{}", v.to_text());
        prop_assert!(v.categories.contains(&ScopeCategory::SupplyChainProvider), "{}", v.to_text());
    }

    /// FAQ 1 ¶3, ¶5, FAQ 1.2: a connection only ever adds a route into scope.
    #[test]
    fn a_connection_never_takes_an_offering_out_of_scope(mut p in any::<ScopeProfile>()) {
        p.connected_to_medical_information_system = false;
        let before = determine(&p);
        p.connected_to_medical_information_system = true;
        let after = determine(&p);
        prop_assert!(!before.in_scope || after.in_scope,
            "connected, it falls out of scope:\n{}\n{}", before.to_text(), after.to_text());
        for c in &before.categories {
            prop_assert!(after.categories.contains(c),
                "connected, it loses {}:\n{}\n{}", c, before.to_text(), after.to_text());
        }
    }

    #[test]
    fn the_canonical_json_round_trips(p in any::<ScopeProfile>()) {
        let text = p.to_json();
        let back = ScopeProfile::from_json(&text);
        prop_assert_eq!(back.as_ref(), Ok(&p), "{}", text);
        // The canonical form names every field of the contract.
        let doc: Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&str> = doc.as_object().unwrap().keys().map(String::as_str).collect();
        for f in PROFILE_FIELDS {
            prop_assert!(keys.contains(f), "missing {} in {}", f, text);
        }
    }

    /// A missing optional field takes its default (contract): dropping default-valued
    /// fields from the canonical form gives back the same profile.
    #[test]
    fn default_valued_fields_may_be_left_out(
        p in any::<ScopeProfile>(),
        choices in prop::collection::vec(any::<bool>(), 20),
    ) {
        let mut doc: Value = serde_json::from_str(&p.to_json()).unwrap();
        let default: Value = serde_json::from_str(&ScopeProfile::new(p.service.clone()).to_json()).unwrap();
        let obj = doc.as_object_mut().unwrap();
        let mut i = 0;
        let mut next = || { i += 1; choices[i % choices.len()] };
        if let (Some(Value::Object(c)), Some(Value::Object(dc))) =
            (obj.get_mut("contract"), default.get("contract"))
        {
            c.retain(|k, v| !(dc.get(k) == Some(v) && next()));
        }
        obj.retain(|k, v| k == "schema" || k == "service" || !(default.get(k) == Some(v) && next()));
        let text = doc.to_string();
        prop_assert_eq!(ScopeProfile::from_json(&text), Ok(p), "{}", text);
    }

    #[test]
    fn from_json_never_panics_on_arbitrary_text(text in any::<String>()) {
        if let Err(e) = ScopeProfile::from_json(&text) {
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn from_json_never_panics_on_json_like_text(
        text in "[{}\\[\\]\",:.0-9a-z_ \\\\-]{0,80}",
    ) {
        if let Err(e) = ScopeProfile::from_json(&text) {
            prop_assert!(!e.message.is_empty());
        }
    }

    /// Truncated or spliced canonical documents: errors name the document or a field.
    #[test]
    fn from_json_never_panics_on_damaged_documents(
        p in any::<ScopeProfile>(),
        cut in any::<prop::sample::Index>(),
        insert in "\\PC{0,3}",
    ) {
        let text = p.to_json();
        let chars: Vec<char> = text.chars().collect();
        let at = cut.index(chars.len() + 1);
        let truncated: String = chars[..at].iter().collect();
        let spliced: String = chars[..at].iter().copied()
            .chain(insert.chars())
            .chain(chars[at..].iter().copied())
            .collect();
        for t in [truncated, spliced] {
            match ScopeProfile::from_json(&t) {
                Ok(q) => prop_assert_eq!(ScopeProfile::from_json(&q.to_json()), Ok(q)),
                Err(e) => {
                    if let Err(m) = field_is_a_path(&e, &|f| key_in_text(&t, f)) {
                        return Err(TestCaseError::fail(format!("{m}\ninput: {t}")));
                    }
                }
            }
        }
    }

    /// Arbitrary JSON objects with random keys and values, and valid documents with
    /// random damage: `from_json` returns a valid profile or an error naming a field path.
    #[test]
    fn from_json_on_arbitrary_json_objects_names_a_field(doc in arb_document()) {
        let text = doc.to_string();
        match ScopeProfile::from_json(&text) {
            Ok(p) => {
                // Unknown fields are an error, so every key is a contract field.
                for k in doc.as_object().unwrap().keys() {
                    prop_assert!(PROFILE_FIELDS.contains(&k.as_str()), "accepted unknown field {}", k);
                }
                prop_assert_eq!(p.schema.as_str(), PROFILE_SCHEMA);
                prop_assert!(!p.service.trim().is_empty());
                prop_assert_eq!(ScopeProfile::from_json(&p.to_json()), Ok(p.clone()));
                if let Err(e) = verdict_invariants(&p, &determine(&p)) {
                    return Err(TestCaseError::fail(e));
                }
            }
            Err(e) => {
                if let Err(m) = field_is_a_path(&e, &|f| key_in_document(&doc, f)) {
                    return Err(TestCaseError::fail(format!("{m}\ninput: {text}")));
                }
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}

/// The contract: "a wrong type is an error". serde's derived `Deserialize` would read a JSON
/// array as a positional struct; `from_json` refuses arrays where the contract wants objects.
#[test]
fn a_json_array_is_not_a_profile() {
    let top = ScopeProfile::from_json(r#"["anzen/scope-profile/v1", "X"]"#);
    assert!(
        top.as_ref().is_err_and(|e| e.field.is_empty()),
        "a top-level array: {top:?}"
    );
    let bad = ScopeProfile::from_json(r#"[1]"#);
    assert!(
        bad.as_ref().is_err_and(|e| e.field.is_empty()),
        "a top-level array: {bad:?}"
    );
    let contract = ScopeProfile::from_json(
        r#"{"schema": "anzen/scope-profile/v1", "service": "X", "contract": [true]}"#,
    );
    assert!(
        contract.as_ref().is_err_and(|e| e.field == "contract"),
        "`contract` as an array: {contract:?}"
    );
}

/// Whether the error's `field` is empty (the whole document) or a path to a field: a
/// contract field, `contract.<field>`, or, for an unknown field, a key the input holds
/// (`present` decides).
fn field_is_a_path(e: &FieldError, present: &dyn Fn(&str) -> bool) -> Result<(), String> {
    let field = e.field.as_str();
    if field.is_empty() {
        return Ok(());
    }
    let known = |f: &str| {
        PROFILE_FIELDS.contains(&f)
            || f.strip_prefix("contract.")
                .is_some_and(|c| CONTRACT_FIELDS.contains(&c))
    };
    if known(field) || (e.message == "unknown field" && present(field)) {
        return Ok(());
    }
    Err(format!("error field `{field}` is not a field path ({e})"))
}

/// `present` for a parsed document: the path is a top-level key or `contract.<key>`.
fn key_in_document(doc: &Value, f: &str) -> bool {
    let Some(obj) = doc.as_object() else {
        return false;
    };
    obj.contains_key(f)
        || f.strip_prefix("contract.").is_some_and(|c| {
            obj.get("contract")
                .and_then(Value::as_object)
                .is_some_and(|m| m.contains_key(c))
        })
}

/// `present` for text that may not parse: the last key of the path is one of the text's
/// string literals (serde reads keys before it finds a later syntax error).
fn key_in_text(text: &str, f: &str) -> bool {
    let literals = string_literals(text);
    let present = |k: &str| literals.iter().any(|l| l == k);
    present(f) || f.strip_prefix("contract.").is_some_and(present)
}

/// The decoded JSON string literals of a text, scanned from left to right.
fn string_literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let mut escaped = false;
        let end = after.char_indices().find_map(|(i, ch)| {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => return Some(i),
                _ => {}
            }
            None
        });
        let Some(end) = end else { break };
        if let Ok(s) = serde_json::from_str::<String>(&rest[start..start + end + 2]) {
            out.push(s);
        }
        rest = &after[end + 1..];
    }
    out
}

#[test]
fn string_literals_are_decoded() {
    assert_eq!(
        string_literals(r#"{"a\/b": "c\"d", "e":1, "unterminated"#),
        vec!["a/b", "c\"d", "e"]
    );
}

/// Any JSON value, nested a little.
fn arb_json() -> impl Strategy<Value = Value> {
    let codes: Vec<&'static str> = Maintenance::ALL
        .iter()
        .map(|v| v.code())
        .chain(Deployment::ALL.iter().map(|v| v.code()))
        .chain(Equipment::ALL.iter().map(|v| v.code()))
        .chain(PatientDirectedReceipt::ALL.iter().map(|v| v.code()))
        .chain(NetworkOperator::ALL.iter().map(|v| v.code()))
        .chain([PROFILE_SCHEMA])
        .collect();
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        select(codes).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(arb_key(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Object keys: contract field names, random identifiers and arbitrary text.
fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        select(PROFILE_FIELDS).prop_map(String::from),
        select(CONTRACT_FIELDS).prop_map(String::from),
        "[a-z_]{1,10}",
        "\\PC{0,8}",
    ]
}

/// One change to a document: remove a key, or set a key to some value, at the top level
/// or inside `contract`.
#[derive(Debug, Clone)]
enum Damage {
    Remove {
        in_contract: bool,
        key: String,
    },
    Set {
        in_contract: bool,
        key: String,
        value: Value,
    },
}

fn arb_damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<bool>(), arb_key())
            .prop_map(|(in_contract, key)| Damage::Remove { in_contract, key }),
        (any::<bool>(), arb_key(), arb_json()).prop_map(|(in_contract, key, value)| Damage::Set {
            in_contract,
            key,
            value
        }),
    ]
}

/// JSON objects: random objects, and canonical documents with a few random changes.
fn arb_document() -> impl Strategy<Value = Value> {
    let random = prop::collection::btree_map(arb_key(), arb_json(), 0..8)
        .prop_map(|m| Value::Object(m.into_iter().collect()));
    let damaged = (
        any::<ScopeProfile>(),
        any::<bool>(),
        prop::collection::vec(arb_damage(), 0..4),
    )
        .prop_map(|(p, sparse, damage)| {
            let mut doc: Value = serde_json::from_str(&p.to_json()).unwrap();
            let obj = doc.as_object_mut().unwrap();
            if sparse {
                // Keep only what differs from the defaults, like a hand-written profile.
                let default: Value =
                    serde_json::from_str(&ScopeProfile::new(p.service.clone()).to_json()).unwrap();
                obj.retain(|k, v| k == "schema" || k == "service" || default.get(k) != Some(v));
            }
            for d in damage {
                let target: &mut Map<String, Value> = match &d {
                    Damage::Remove {
                        in_contract: true, ..
                    }
                    | Damage::Set {
                        in_contract: true, ..
                    } => match obj.get_mut("contract") {
                        Some(Value::Object(c)) => c,
                        _ => continue,
                    },
                    _ => &mut *obj,
                };
                match d {
                    Damage::Remove { key, .. } => {
                        target.remove(&key);
                    }
                    Damage::Set { key, value, .. } => {
                        target.insert(key, value);
                    }
                }
            }
            doc
        });
    prop_oneof![random, damaged]
}
