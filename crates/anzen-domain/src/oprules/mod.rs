//! 運用管理規程 (operational management rules, GL 5.1.6 (2), FAQ 6, 6.1): the provider
//! documents what it agreed with the institutions and sets its rules, with a section for
//! each minimum item (ア)–(サ) (not a closed list: the provider may add its own, FAQ 6.1).
//! Each issued version is agreed by each institution that contracts an offering it covers,
//! through the same voice as the risk process (agree to the exact content by its digest,
//! decline with a reason, ask a question; the provider answers) — GL 5.1.6 (1), FAQ 6.1:
//! "written until both parties are satisfied".
//!
//! Nothing here performs IO: the application hands in the sections, the institutions and the
//! responses.

#[cfg(test)]
mod tests;

use jiff::Timestamp;

use crate::FieldError;
use crate::access::{Principal, Role};
use crate::ids::{OrgId, UserId};
use crate::risk::rules::{RuleRef, refuse};

/// The minimum items (ア)–(サ) of GL 5.1.6 (2), in order (catalogs/operational-rules.toml).
pub const MINIMUM_ITEMS: [&str; 11] = [
    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ",
];
/// The most sections a version holds (the eleven items and the provider's own).
pub const MAX_SECTIONS: usize = 40;
/// The longest section body, in characters.
pub const MAX_BODY: usize = 20_000;
/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest response text, in characters.
pub const MAX_RESPONSE: usize = 4000;

crate::code_enum! {
    /// Where a section's first draft came from: anzen's data, or the provider's hand.
    Prefill {
        /// Written by the provider.
        Manual = "manual", "手入力", "Written by hand";
        /// (イ): the provider's users and their roles.
        Roles = "roles", "利用者と役割", "Users and roles";
        /// (エ): the device ledger and its last stocktake.
        DeviceLedger = "device_ledger", "機器台帳", "Device ledger";
        /// (ウ)/(ク): the signed audit trail and the issued documents.
        AuditTrail = "audit_trail", "監査証跡", "Audit trail";
        /// (ケ): the contact desk (the provider's organisation record).
        ContactDesk = "contact_desk", "問合せ窓口", "Contact desk";
        /// (カ): the risk register and the supply chain.
        RiskRegister = "risk_register", "リスク対応一覧・サプライチェーン", "Risk register and supply chain";
    }
}

/// One section of the rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// `ア`–`サ` for a minimum item, or the provider's own key (e.g. `追加1`).
    pub key: String,
    pub title: String,
    pub body: String,
    /// Where the first draft of the body came from.
    pub prefill: String,
}

/// The content of one version: its sections in order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RulesContent {
    pub sections: Vec<Section>,
}

pub const RULES_MISSING_ITEM: RuleRef = RuleRef {
    reference: "GL 5.1.6 (2), FAQ 6.1",
    ja: "運用管理規程には最低限 (ア)～(サ) の各事項を含めます。記載のない事項があります",
    en: "the rules must cover at least each of the items (ア)–(サ); an item is missing or empty",
};
pub const RULES_DUPLICATE_KEY: RuleRef = RuleRef {
    reference: "GL 5.1.6 (2)",
    ja: "同じ事項が二度記載されています",
    en: "the same item appears twice",
};
pub const RULES_UNCHANGED: RuleRef = RuleRef {
    reference: "GL 5.1.6 (2), 5.1.7",
    ja: "現在の版と同じ内容です。変更がないため新しい版は発行しません",
    en: "the content is the same as the current version; no new version is issued",
};

impl RulesContent {
    /// Validates sections as typed: every minimum item present with a body, keys unique,
    /// titles and bodies bounded; the minimum items come first in (ア)–(サ) order, the
    /// provider's own after them in the order given.
    pub fn parse(sections: Vec<Section>) -> Result<Self, FieldError> {
        if sections.len() > MAX_SECTIONS {
            return Err(FieldError::new(
                "sections",
                format!("at most {MAX_SECTIONS} sections"),
            ));
        }
        let mut clean = Vec::with_capacity(sections.len());
        for (i, s) in sections.into_iter().enumerate() {
            let field = |f: &str| format!("sections[{i}].{f}");
            let key = s.key.trim().to_owned();
            if key.is_empty() || key.chars().count() > 20 {
                return Err(FieldError::new(
                    field("key"),
                    "name the item: ア–サ or your own key of at most 20 characters",
                ));
            }
            if clean.iter().any(|c: &Section| c.key == key) {
                return Err(refuse(&field("key"), RULES_DUPLICATE_KEY));
            }
            let title = s.title.trim().to_owned();
            if title.is_empty() || title.chars().count() > MAX_TITLE {
                return Err(FieldError::new(
                    field("title"),
                    format!("give a title of 1–{MAX_TITLE} characters"),
                ));
            }
            let body = s.body.trim().to_owned();
            if body.chars().count() > MAX_BODY {
                return Err(FieldError::new(
                    field("body"),
                    format!("must be at most {MAX_BODY} characters"),
                ));
            }
            if body.is_empty() {
                return Err(refuse(&field("body"), RULES_MISSING_ITEM));
            }
            let prefill = Prefill::from_code(s.prefill.trim())
                .unwrap_or(Prefill::Manual)
                .code()
                .to_owned();
            clean.push(Section {
                key,
                title,
                body,
                prefill,
            });
        }
        for item in MINIMUM_ITEMS {
            if !clean.iter().any(|s| s.key == item) {
                return Err(FieldError::new(
                    "sections",
                    format!(
                        "({item}) is missing: {} ({}) / {}",
                        RULES_MISSING_ITEM.en, RULES_MISSING_ITEM.reference, RULES_MISSING_ITEM.ja
                    ),
                ));
            }
        }
        let rank = |k: &str| {
            MINIMUM_ITEMS
                .iter()
                .position(|m| *m == k)
                .unwrap_or(usize::MAX)
        };
        clean.sort_by_key(|s| rank(&s.key));
        Ok(Self { sections: clean })
    }

    /// The SHA-256 of the content: what an institution agrees to.
    pub fn digest(&self) -> String {
        crate::audit::digest(&serde_json::to_value(self).expect("rules serialise"))
    }

    /// Refuses a new version identical to the current one.
    pub fn check_changed(&self, current: Option<&RulesContent>) -> Result<(), FieldError> {
        match current {
            Some(c) if c == self => Err(refuse("sections", RULES_UNCHANGED)),
            _ => Ok(()),
        }
    }
}

crate::code_enum! {
    /// What a response to a version is.
    ResponseKind {
        /// The institution agrees to the exact content (its digest).
        Agree = "agree", "合意", "Agreed";
        /// The institution does not agree, with its reason.
        Decline = "decline", "合意しない", "Declined";
        /// The institution asks a question.
        Question = "question", "質問", "Question";
        /// The provider answers a decline or a question.
        Answer = "answer", "回答", "Answer";
    }
}

/// A response to a version of the rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Response {
    pub id: String,
    /// The institution whose thread this is.
    pub institution: OrgId,
    pub kind: ResponseKind,
    pub text: String,
    /// The digest of the version's content the response was given to.
    pub digest: String,
    pub user: UserId,
    pub user_name: String,
    pub at: Timestamp,
}

crate::code_enum! {
    /// Where one institution stands on one version.
    Standing {
        Pending = "pending", "合意待ち", "Awaiting agreement";
        Agreed = "agreed", "合意済み", "Agreed";
        Declined = "declined", "合意しない（回答待ち）", "Declined (answer awaited)";
        Questioned = "questioned", "質問あり（回答待ち）", "Question open";
    }
}

pub const RESPOND_ONLY_BY_INSTITUTION: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1)(2), FAQ 6.1",
    ja: "運用管理規程に合意・質問するのは、対象となる契約を持つ医療機関等の利用者です",
    en: "agreeing to or asking about the rules is done by a user of an institution with a contract they cover",
};
pub const RESPOND_NOT_CONTRACTED: RuleRef = RuleRef {
    reference: "GL 5.1.6 (2), FAQ 6.1",
    ja: "この運用管理規程は貴医療機関等の契約の対象ではありません",
    en: "these rules do not cover your institution's contracts",
};
pub const RESPOND_STALE: RuleRef = RuleRef {
    reference: "FAQ 6.1",
    ja: "表示後に運用管理規程の新しい版が発行されたか、内容が異なります。最新の版を確認してください",
    en: "the rules changed after you opened them; read the current version first",
};
pub const RESPOND_NEEDS_TEXT: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1), FAQ 6.1",
    ja: "理由または質問を記載してください。提供事業者が回答します",
    en: "write the reason or the question; the provider answers it",
};
pub const RESPOND_ALREADY_AGREED: RuleRef = RuleRef {
    reference: "FAQ 6.1",
    ja: "この版にはすでに合意しています",
    en: "you already agreed to this version",
};
pub const RESPOND_OPEN_DECLINE: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1)",
    ja: "この版には合意しないと回答済みで、提供事業者の回答待ちです",
    en: "you declined this version; the provider's answer is awaited",
};
pub const ANSWER_ONLY_BY_PROVIDER: RuleRef = RuleRef {
    reference: "GL 3.1.2, 5.1.6 (1)",
    ja: "回答するのは運用管理規程を定めた提供事業者の利用者です",
    en: "answers are given by a user of the provider that set the rules",
};
pub const ANSWER_NOTHING_OPEN: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1)",
    ja: "この医療機関等からの回答待ちの質問・不同意はありません",
    en: "this institution has no open question or decline to answer",
};

/// Where `institution` stands on the version with `digest`: its latest response to that
/// content decides; a question or decline stands until the provider answers after it.
pub fn standing(responses: &[Response], institution: OrgId, digest: &str) -> Standing {
    let mine: Vec<&Response> = responses
        .iter()
        .filter(|r| r.institution == institution && r.digest == digest)
        .collect();
    if mine.iter().any(|r| r.kind == ResponseKind::Agree) {
        return Standing::Agreed;
    }
    // The newest voice of the institution, and whether the provider answered after it.
    let last_voice = mine
        .iter()
        .filter(|r| matches!(r.kind, ResponseKind::Decline | ResponseKind::Question))
        .max_by_key(|r| r.at);
    match last_voice {
        Some(v)
            if !mine
                .iter()
                .any(|a| a.kind == ResponseKind::Answer && a.at >= v.at) =>
        {
            if v.kind == ResponseKind::Decline {
                Standing::Declined
            } else {
                Standing::Questioned
            }
        }
        _ => Standing::Pending,
    }
}

fn response_text(text: &str) -> Result<String, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(refuse("text", RESPOND_NEEDS_TEXT));
    }
    if t.chars().count() > MAX_RESPONSE {
        return Err(FieldError::new(
            "text",
            format!("must be at most {MAX_RESPONSE} characters"),
        ));
    }
    Ok(t.to_owned())
}

/// Checks that `principal` may give a response of `kind` to the version with digest
/// `current`, having read `seen`; `covered` are the institutions whose contracts the
/// version covers, `owner` the provider that set it, `institution` the thread (for an
/// answer: the institution answered). Returns the text as recorded.
#[allow(clippy::too_many_arguments)]
pub fn check_response(
    principal: &Principal,
    kind: ResponseKind,
    owner: OrgId,
    institution: OrgId,
    covered: &[OrgId],
    responses: &[Response],
    current: &str,
    seen: &str,
    text: &str,
) -> Result<String, FieldError> {
    if kind == ResponseKind::Answer {
        if !matches!(principal.role, Role::ProviderAdmin | Role::ProviderMember)
            || principal.org != owner
        {
            return Err(refuse("kind", ANSWER_ONLY_BY_PROVIDER));
        }
        if !matches!(
            standing(responses, institution, current),
            Standing::Declined | Standing::Questioned
        ) {
            return Err(refuse("institution", ANSWER_NOTHING_OPEN));
        }
        return response_text(text);
    }
    if principal.role != Role::InstitutionReviewer {
        return Err(refuse("kind", RESPOND_ONLY_BY_INSTITUTION));
    }
    if principal.org != institution || !covered.contains(&principal.org) {
        return Err(refuse("institution", RESPOND_NOT_CONTRACTED));
    }
    if seen != current {
        return Err(refuse("digest", RESPOND_STALE));
    }
    let now = standing(responses, principal.org, current);
    match kind {
        ResponseKind::Agree => match now {
            Standing::Agreed => Err(refuse("digest", RESPOND_ALREADY_AGREED)),
            // GL 5.1.6 (1): a decline is answered before the same content is agreed.
            Standing::Declined => Err(refuse("digest", RESPOND_OPEN_DECLINE)),
            _ => Ok(text.trim().chars().take(MAX_RESPONSE).collect()),
        },
        ResponseKind::Decline => match now {
            Standing::Agreed => Err(refuse("digest", RESPOND_ALREADY_AGREED)),
            Standing::Declined => Err(refuse("digest", RESPOND_OPEN_DECLINE)),
            _ => response_text(text),
        },
        _ => response_text(text),
    }
}

/// The institutions a version covers (GL 5.1.6 (2)): a version for one offering covers the
/// institutions contracting that offering; the provider's general version covers those
/// contracting any of its offerings that has no version of its own. `contracts` are the
/// provider's contracts in force or starting later, as (institution, offering).
pub fn covered_institutions(
    variant: Option<crate::ids::OfferingId>,
    own_variants: &[crate::ids::OfferingId],
    contracts: &[(OrgId, crate::ids::OfferingId)],
) -> Vec<OrgId> {
    let mut out: Vec<OrgId> = contracts
        .iter()
        .filter(|(_, o)| match variant {
            Some(v) => *o == v,
            None => !own_variants.contains(o),
        })
        .map(|(i, _)| *i)
        .collect();
    out.sort();
    out.dedup();
    out
}
