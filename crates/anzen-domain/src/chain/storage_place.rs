//! Where the medical information is stored, and whose law reaches it: the answers to Table
//! 4-1 ①-1 「国内法の適用を受けること」, ②-1 「医療情報を保存する情報機器が設置されている場所
//! （地域、国）」 and ②-2 「受託事業者に対する国外法の適用可能性」 (GL 4.1), drawn from the
//! components of an offering's configuration (GL 5.1.1) that hold medical information.
//!
//! The chapter 6 requirement behind ①-1 (GL 6.1, 外部保存通知) is that the equipment storing
//! medical information is within the reach of Japanese law; a device abroad may fall under
//! the law of its country. The location of the devices is only one part of ②-2: whether the
//! provider or a subcontractor itself is subject to a foreign law (for example through a
//! parent company abroad) is not in anzen's data, and the answer says so.

use crate::FieldError;

/// A country, as its ISO 3166-1 alpha-2 code (`JP`, `US`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

/// Names of the countries a Japanese provider most often stores data in; other codes are
/// shown as their code.
const NAMES: &[(&str, &str, &str)] = &[
    ("JP", "日本", "Japan"),
    ("US", "米国", "United States"),
    ("SG", "シンガポール", "Singapore"),
    ("KR", "韓国", "Republic of Korea"),
    ("CN", "中国", "China"),
    ("TW", "台湾", "Taiwan"),
    ("HK", "香港", "Hong Kong"),
    ("IN", "インド", "India"),
    ("AU", "オーストラリア", "Australia"),
    ("GB", "英国", "United Kingdom"),
    ("IE", "アイルランド", "Ireland"),
    ("DE", "ドイツ", "Germany"),
    ("FR", "フランス", "France"),
    ("NL", "オランダ", "Netherlands"),
    ("CA", "カナダ", "Canada"),
];

impl Country {
    pub const JAPAN: Country = Country(*b"JP");

    /// Parses the code typed into `field` (case does not matter); blank is `None`.
    pub fn parse(field: &str, value: &str) -> Result<Option<Country>, FieldError> {
        let v = value.trim();
        if v.is_empty() {
            return Ok(None);
        }
        let b = v.as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_alphabetic) {
            return Err(FieldError::new(
                field,
                format!(
                    "`{v}` is not a country code; use the two-letter ISO 3166-1 code, e.g. JP (Japan), US, SG"
                ),
            ));
        }
        Ok(Some(Country([
            b[0].to_ascii_uppercase(),
            b[1].to_ascii_uppercase(),
        ])))
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).expect("an ASCII code")
    }

    pub fn is_japan(&self) -> bool {
        *self == Self::JAPAN
    }

    fn names(&self) -> Option<(&'static str, &'static str)> {
        NAMES
            .iter()
            .find(|(c, _, _)| *c == self.code())
            .map(|(_, ja, en)| (*ja, *en))
    }

    pub fn label_ja(&self) -> String {
        self.names()
            .map_or_else(|| self.code().to_owned(), |(ja, _)| ja.to_owned())
    }

    pub fn label_en(&self) -> String {
        self.names()
            .map_or_else(|| self.code().to_owned(), |(_, en)| en.to_owned())
    }
}

impl serde::Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One component that holds medical information, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAt {
    pub offering: String,
    pub component: String,
    /// 地域: a region, data centre or site, as the provider wrote it.
    pub region: Option<String>,
    pub country: Option<Country>,
}

impl StoredAt {
    fn place_ja(&self) -> String {
        let country = self
            .country
            .map_or_else(|| "国：未記入".to_owned(), |c| c.label_ja());
        match &self.region {
            Some(r) => format!(
                "{}「{}」（{}、{}）",
                self.offering, self.component, r, country
            ),
            None => format!("{}「{}」（{}）", self.offering, self.component, country),
        }
    }

    fn place_en(&self) -> String {
        let country = self
            .country
            .map_or_else(|| "country not given".to_owned(), |c| c.label_en());
        match &self.region {
            Some(r) => format!(
                "{} \"{}\" ({}, {})",
                self.offering, self.component, r, country
            ),
            None => format!("{} \"{}\" ({})", self.offering, self.component, country),
        }
    }
}

/// What the recorded places say about jurisdiction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageVerdict {
    /// No component is marked as holding medical information: nothing to answer from.
    NoneRecorded,
    /// Every storing component is in Japan.
    AllDomestic,
    /// At least one storing component is abroad.
    Abroad,
    /// None is abroad, but the country of at least one is not given.
    Unknown,
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub ja: String,
    pub en: String,
}

impl Bilingual {
    /// Both, as one answer (`ja / en`), the form of anzen's suggested answers.
    pub fn joined(&self) -> String {
        format!("{} / {}", self.ja, self.en)
    }
}

/// The Table 4-1 answers drawn from the storing components.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageAnswers {
    pub verdict: StorageVerdict,
    /// ①-1 国内法の適用を受けること.
    pub domestic_law: Bilingual,
    /// ②-1 保存する情報機器の設置場所（地域、国）.
    pub location: Bilingual,
    /// ②-2 国外法の適用可能性.
    pub foreign_law: Bilingual,
}

fn list(places: &[&StoredAt], f: fn(&StoredAt) -> String, sep: &str) -> String {
    places.iter().map(|p| f(p)).collect::<Vec<_>>().join(sep)
}

/// The answers to Table 4-1 ①-1, ②-1 and ②-2 from `places` (GL 4.1; GL 6.1).
pub fn storage_answers(places: &[StoredAt]) -> StorageAnswers {
    let abroad: Vec<&StoredAt> = places
        .iter()
        .filter(|p| p.country.is_some_and(|c| !c.is_japan()))
        .collect();
    let unknown: Vec<&StoredAt> = places.iter().filter(|p| p.country.is_none()).collect();
    let all: Vec<&StoredAt> = places.iter().collect();
    let verdict = if places.is_empty() {
        StorageVerdict::NoneRecorded
    } else if !abroad.is_empty() {
        StorageVerdict::Abroad
    } else if !unknown.is_empty() {
        StorageVerdict::Unknown
    } else {
        StorageVerdict::AllDomestic
    };
    if verdict == StorageVerdict::NoneRecorded {
        let none = Bilingual {
            ja: "医療情報を保存する構成要素が登録されていません。構成で「医療情報を保存する」構成要素とその設置国を記入すると回答できます（GL 4.1 表4-1）。".into(),
            en: "No component is recorded as storing medical information. Mark the components that store it in the configuration, with their country, to answer (GL 4.1 Table 4-1).".into(),
        };
        return StorageAnswers {
            verdict,
            domestic_law: none.clone(),
            location: none.clone(),
            foreign_law: none,
        };
    }
    let unknown_ja = if unknown.is_empty() {
        String::new()
    } else {
        format!(
            "設置国が未記入の保存機器があります：{}。",
            list(&unknown, StoredAt::place_ja, "、")
        )
    };
    let unknown_en = if unknown.is_empty() {
        String::new()
    } else {
        format!(
            " The country of these storage devices is not given: {}.",
            list(&unknown, StoredAt::place_en, "; ")
        )
    };
    let domestic_law = match verdict {
        StorageVerdict::AllDomestic => Bilingual {
            ja: format!(
                "医療情報を保存する機器はすべて日本国内に設置され、国内法の執行が及びます（{} 件。GL 4.1 表4-1 ①-1、GL 6.1）。",
                places.len()
            ),
            en: format!(
                "Every device storing medical information is in Japan, within the reach of Japanese law ({} devices; GL 4.1 Table 4-1 ①-1, GL 6.1).",
                places.len()
            ),
        },
        StorageVerdict::Abroad => Bilingual {
            ja: format!(
                "国外に設置された保存機器があり、国内法の執行が及ばない可能性があります：{}。{unknown_ja}（GL 6.1：医療情報を保存する機器は国内法の執行が及ぶ範囲に置く）",
                list(&abroad, StoredAt::place_ja, "、")
            ),
            en: format!(
                "Some storage devices are abroad, where Japanese law may not reach: {}.{unknown_en} (GL 6.1: devices storing medical information stay within the reach of Japanese law)",
                list(&abroad, StoredAt::place_en, "; ")
            ),
        },
        _ => Bilingual {
            ja: format!(
                "国外の保存機器は記録されていませんが、{unknown_ja}記入するまで国内法の適用を確認できません（GL 6.1）。"
            ),
            en: format!(
                "No storage device is recorded abroad, but{unknown_en} Until it is, Japanese jurisdiction cannot be confirmed (GL 6.1)."
            ),
        },
    };
    let location = Bilingual {
        ja: format!(
            "医療情報を保存する情報機器の設置場所：{}（GL 4.1 表4-1 ②-1）。",
            list(&all, StoredAt::place_ja, "、")
        ),
        en: format!(
            "Where the devices storing medical information stand: {} (GL 4.1 Table 4-1 ②-1).",
            list(&all, StoredAt::place_en, "; ")
        ),
    };
    let company_ja = "事業者自身や委託先が国外法の適用を受ける可能性（本社・親会社の所在国の法令等）は anzen のデータにないため、別途記載してください。";
    let company_en = "Whether the provider or a subcontractor is itself subject to a foreign law (for example through a parent company abroad) is not in anzen's data: state it in your own words.";
    let foreign_law = match verdict {
        StorageVerdict::Abroad => Bilingual {
            ja: format!(
                "国外に設置された保存機器にはその国の法令が適用される可能性があります：{}。{unknown_ja}{company_ja}（GL 4.1 表4-1 ②-2）",
                list(&abroad, StoredAt::place_ja, "、")
            ),
            en: format!(
                "The law of the country where a storage device stands may apply to it: {}.{unknown_en} {company_en} (GL 4.1 Table 4-1 ②-2)",
                list(&abroad, StoredAt::place_en, "; ")
            ),
        },
        StorageVerdict::AllDomestic => Bilingual {
            ja: format!(
                "保存機器はすべて国内にあり、設置場所による国外法の適用はありません。{company_ja}（GL 4.1 表4-1 ②-2）"
            ),
            en: format!(
                "Every storage device is in Japan: no foreign law applies because of where they stand. {company_en} (GL 4.1 Table 4-1 ②-2)"
            ),
        },
        _ => Bilingual {
            ja: format!("{unknown_ja}{company_ja}（GL 4.1 表4-1 ②-2）"),
            en: format!("{} {company_en} (GL 4.1 Table 4-1 ②-2)", unknown_en.trim()),
        },
    };
    StorageAnswers {
        verdict,
        domestic_law,
        location,
        foreign_law,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(component: &str, region: Option<&str>, country: &str) -> StoredAt {
        StoredAt {
            offering: "カルテクラウド".into(),
            component: component.into(),
            region: region.map(str::to_owned),
            country: Country::parse("country", country).unwrap(),
        }
    }

    #[test]
    fn country_codes_are_two_letters_any_case() {
        assert_eq!(
            Country::parse("country", "jp").unwrap(),
            Some(Country::JAPAN)
        );
        assert_eq!(Country::parse("country", " ").unwrap(), None);
        assert_eq!(
            Country::parse("country", "us").unwrap().unwrap().label_ja(),
            "米国"
        );
        assert_eq!(
            Country::parse("country", "BR").unwrap().unwrap().label_en(),
            "BR"
        );
        for bad in ["Japan", "J", "日本", "J1"] {
            let e = Country::parse("components.country", bad).unwrap_err();
            assert_eq!(e.field, "components.country", "{bad}");
            assert!(e.message.contains("ISO 3166-1"), "{bad}: {}", e.message);
        }
    }

    /// GL 4.1 Table 4-1 ①-1, ②-1, ②-2; GL 6.1: each set of places and what it answers.
    #[test]
    fn table_4_1_storage_answers() {
        struct Case {
            name: &'static str,
            places: Vec<StoredAt>,
            verdict: StorageVerdict,
            domestic_has: &'static [&'static str],
            foreign_has: &'static [&'static str],
        }
        let cases = [
            Case {
                name: "nothing marked as storing medical information",
                places: vec![],
                verdict: StorageVerdict::NoneRecorded,
                domestic_has: &["登録されていません"],
                foreign_has: &["登録されていません"],
            },
            Case {
                name: "all in Japan (GL 6.1 met)",
                places: vec![
                    at("カルテDB", Some("東京リージョン"), "JP"),
                    at("バックアップ", Some("大阪リージョン"), "jp"),
                ],
                verdict: StorageVerdict::AllDomestic,
                domestic_has: &["すべて日本国内", "2 件", "GL 6.1"],
                foreign_has: &["設置場所による国外法の適用はありません", "別途記載"],
            },
            Case {
                name: "a backup abroad",
                places: vec![
                    at("カルテDB", Some("東京リージョン"), "JP"),
                    at("DR バックアップ", Some("us-west-2"), "US"),
                ],
                verdict: StorageVerdict::Abroad,
                domestic_has: &["国外に設置", "DR バックアップ", "米国"],
                foreign_has: &["その国の法令", "DR バックアップ", "別途記載"],
            },
            Case {
                name: "a country not given",
                places: vec![
                    at("カルテDB", Some("東京リージョン"), "JP"),
                    at("ログ保管", None, ""),
                ],
                verdict: StorageVerdict::Unknown,
                domestic_has: &["未記入", "ログ保管", "確認できません"],
                foreign_has: &["未記入", "ログ保管", "別途記載"],
            },
            Case {
                name: "abroad and unknown: abroad wins, the unknown one is still named",
                places: vec![at("DR", None, "SG"), at("ログ保管", None, "")],
                verdict: StorageVerdict::Abroad,
                domestic_has: &["シンガポール", "ログ保管"],
                foreign_has: &["シンガポール", "ログ保管"],
            },
        ];
        for c in cases {
            let a = storage_answers(&c.places);
            assert_eq!(a.verdict, c.verdict, "{}", c.name);
            for s in c.domestic_has {
                assert!(
                    a.domestic_law.ja.contains(s),
                    "{}: ①-1 lacks {s}: {}",
                    c.name,
                    a.domestic_law.ja
                );
            }
            for s in c.foreign_has {
                assert!(
                    a.foreign_law.ja.contains(s),
                    "{}: ②-2 lacks {s}: {}",
                    c.name,
                    a.foreign_law.ja
                );
            }
            for p in &c.places {
                assert!(
                    a.location.ja.contains(&p.component),
                    "{}: ②-1 lacks {}",
                    c.name,
                    p.component
                );
                assert!(
                    a.location.en.contains(&p.component),
                    "{}: ②-1 (en) lacks {}",
                    c.name,
                    p.component
                );
            }
            assert!(!a.domestic_law.en.is_empty() && !a.foreign_law.en.is_empty());
            assert!(a.location.joined().contains(" / "));
        }
    }
}
