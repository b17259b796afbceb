//! The translation files against the code: both languages hold the same keys, every key is used,
//! every key the code or a template names exists.
//!
//! "Used" means the key appears as a string literal (`"nav.dashboard"`) in a Rust source of this
//! crate or in a template, or is one of the keys the code builds from a prefix and a code
//! ([`dynamic_keys`]); those are expanded from the code lists the pages use, so a code without
//! its text fails here too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Lang, catalogue};

/// The keys built at run time as `prefix + code + suffix`, with the codes they expand from.
fn dynamic_keys() -> Vec<String> {
    let mut keys = Vec::new();
    for code in crate::ui::document_jobs::STATE_CODES {
        keys.push(format!("documents.job.state.{code}"));
    }
    for q in crate::ui::scope_view::QUESTIONS {
        for part in ["label", "question", "help"] {
            keys.push(format!("scope.q.{}.{part}", q.field));
        }
    }
    keys.extend(crate::ui::audit_text::translated_keys());
    keys.extend(crate::ui::risks::view::scale_keys());
    keys.extend(crate::ui::error_page::translated_keys());
    keys
}

/// Every file under `dir`, recursively.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The sources and templates of the crate, without the i18n module itself.
fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &mut paths);
    files(&root.join("templates"), &mut paths);
    let i18n = root.join("src").join("i18n");
    paths
        .into_iter()
        .filter(|p| !p.starts_with(&i18n) && *p != root.join("src").join("i18n.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (p, text)
        })
        .collect()
}

/// The string literals of `text` shaped like a key: `"a.b"`, lowercase ASCII, digits and `_`.
fn key_literals(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    for piece in text.split('"') {
        let shaped = piece.contains('.')
            && piece.starts_with(|c: char| c.is_ascii_lowercase())
            && piece.split('.').all(|seg| {
                !seg.is_empty()
                    && seg
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            });
        if shaped {
            found.insert(piece);
        }
    }
    found
}

fn keys_of(lang: Lang) -> BTreeSet<&'static str> {
    catalogue(lang).keys().collect()
}

#[test]
fn the_shipped_scale_descriptions_read_in_english_as_stored() {
    // The English texts of the default matrix's scales are the stored ones, so that the
    // translated rendering never says something else than the matrix.
    let d = anzen_domain::risk::RiskMatrix::default_example();
    for (scale, points) in [("impact", &d.impact), ("likelihood", &d.likelihood)] {
        for p in points {
            let key = format!("risks.scale.{scale}.{}", p.value);
            assert_eq!(
                super::t_checked(Lang::En, &key),
                Some(p.description.as_str()),
                "{key}"
            );
            assert_ne!(
                super::t_checked(Lang::Ja, &key),
                Some(p.description.as_str()),
                "{key}"
            );
        }
    }
}

#[test]
fn both_languages_hold_the_same_keys() {
    let ja = keys_of(Lang::Ja);
    let en = keys_of(Lang::En);
    let only_ja: Vec<_> = ja.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&ja).collect();
    assert!(
        only_ja.is_empty() && only_en.is_empty(),
        "missing in locales/en/main.ftl: {only_ja:?}; missing in locales/ja/main.ftl: {only_en:?}"
    );
}

#[test]
fn every_key_is_used_by_the_code_or_a_template() {
    let sources = sources();
    let mut used: BTreeSet<String> = sources
        .iter()
        .flat_map(|(_, text)| key_literals(text))
        .map(str::to_owned)
        .collect();
    used.extend(dynamic_keys());
    for lang in Lang::ALL {
        let unused: Vec<_> = keys_of(lang)
            .into_iter()
            .filter(|k| !used.contains(*k))
            .collect();
        assert!(
            unused.is_empty(),
            "keys of locales/{lang}/main.ftl that no source or template uses: {unused:?}"
        );
    }
}

#[test]
fn every_key_the_code_names_exists() {
    let known = keys_of(Lang::Ja);
    let namespaces: BTreeSet<&str> = known.iter().filter_map(|k| k.split('.').next()).collect();
    // Literals of a namespace that are not keys: file names.
    let file_name = |k: &str| {
        k.rsplit('.')
            .next()
            .is_some_and(|ext| ["csv", "html", "toml", "xlsx", "pdf", "docx"].contains(&ext))
    };
    let mut missing = Vec::new();
    for (path, text) in sources() {
        for lit in key_literals(&text) {
            let ns = lit.split('.').next().unwrap_or_default();
            if namespaces.contains(ns) && !file_name(lit) && !known.contains(lit) {
                missing.push(format!("{}: {lit}", path.display()));
            }
        }
    }
    for key in dynamic_keys() {
        if !known.contains(key.as_str()) {
            missing.push(format!("(built by the code) {key}"));
        }
    }
    assert!(missing.is_empty(), "keys without a text: {missing:#?}");
}
