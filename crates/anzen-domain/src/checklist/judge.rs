//! Items of the provider checklist that anzen can judge from its own records, and how.
//!
//! Items are recognised by their wording, not their number: the numbering changes between
//! editions (notes §7), the subject does not. A judgement says what it rests on; where the
//! records cannot settle an item (no device recorded, say) there is none and a person
//! answers.

use jiff::civil::Date;
use serde::Serialize;

use super::{EditionItem, Reply};

/// What anzen's records say about one offering on the day of the judgement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataFacts {
    /// Devices of the offering's ledger in service (FAQ 6.1 (エ)).
    pub devices_in_service: usize,
    /// Of those, the ones whose OS or firmware support has ended (no more patches).
    pub devices_support_ended: usize,
    /// The day the devices were last checked on site (the ledger's stocktake).
    pub stocktake_checked_on: Option<Date>,
    /// The version and issue day of the 運用管理規程 in force for the offering (GL 5.1.6 (2)).
    pub rules_in_force: Option<(i64, Date)>,
}

/// anzen's answer to an item, with what it rests on in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataAnswer {
    pub reply: Reply,
    pub evidence_ja: String,
    pub evidence_en: String,
}

/// What an item asks, as far as anzen's records can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// 2-① (R7): a ledger of servers, terminals and network devices.
    DeviceLedger,
    /// 2-⑥ (R7): security patches applied.
    Patches,
    /// R7 addition: 運用管理規程等の整備.
    OperationalRules,
}

fn subject_of(item: &EditionItem) -> Option<Subject> {
    let t = &item.title_ja;
    if t.contains("台帳") {
        Some(Subject::DeviceLedger)
    } else if t.contains("パッチ") {
        Some(Subject::Patches)
    } else if t.contains("運用管理規程") {
        Some(Subject::OperationalRules)
    } else {
        None
    }
}

/// anzen's judgement of `item` from `facts`, or `None` when its records cannot settle it.
///
/// - A ledger of devices (2-① in R7): はい when the offering's device ledger holds devices in
///   service (FAQ 6.1 (エ)), with the last stocktake; none recorded: no judgement.
/// - Security patches (2-⑥ in R7): いいえ when a device in service is past its OS or firmware
///   support, so patches can no longer be applied (MHLW checklist 2-⑥; inferred); otherwise
///   no judgement: the ledger does not record patching.
/// - 運用管理規程 (an R7 addition): はい when a version covering the offering is in force
///   (GL 5.1.6 (2), FAQ 6.1), いいえ when none is.
pub fn judge(item: &EditionItem, facts: &DataFacts) -> Option<DataAnswer> {
    match subject_of(item)? {
        Subject::DeviceLedger if facts.devices_in_service > 0 => {
            let n = facts.devices_in_service;
            let (ja, en) = match facts.stocktake_checked_on {
                Some(d) => (format!("、最終の実地確認 {d}"), format!("; last checked on site {d}")),
                None => ("、実地確認は未記録".to_owned(), "; no on-site check recorded".to_owned()),
            };
            Some(DataAnswer {
                reply: Reply::Yes,
                evidence_ja: format!("anzenの機器台帳に稼働中の機器 {n} 台を記録（FAQ 6.1 (エ)）{ja}"),
                evidence_en: format!("anzen's device ledger records {n} devices in service (FAQ 6.1 (エ)){en}"),
            })
        }
        Subject::DeviceLedger => None,
        Subject::Patches if facts.devices_support_ended > 0 => {
            let n = facts.devices_support_ended;
            Some(DataAnswer {
                reply: Reply::No,
                evidence_ja: format!(
                    "anzenの機器台帳で稼働中の機器 {n} 台のOS・ファームウェアがサポート終了（セキュリティパッチを適用できない）"
                ),
                evidence_en: format!(
                    "anzen's device ledger shows {n} devices in service past their OS or firmware support (security patches can no longer be applied)"
                ),
            })
        }
        Subject::Patches => None,
        Subject::OperationalRules => Some(match facts.rules_in_force {
            Some((version, issued)) => DataAnswer {
                reply: Reply::Yes,
                evidence_ja: format!(
                    "anzenで運用管理規程 第{version}版（{issued} 発行）がこのサービスに適用中（GL 5.1.6 (2)、FAQ 6.1）"
                ),
                evidence_en: format!(
                    "Operational rules version {version} (issued {issued}) apply to this offering in anzen (GL 5.1.6 (2), FAQ 6.1)"
                ),
            },
            None => DataAnswer {
                reply: Reply::No,
                evidence_ja: "anzenにこのサービスに適用される運用管理規程の発行記録がない（GL 5.1.6 (2)）"
                    .to_owned(),
                evidence_en: "anzen has no issued operational rules that apply to this offering (GL 5.1.6 (2))"
                    .to_owned(),
            },
        }),
    }
}
