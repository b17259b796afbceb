//! The first draft of a 運用管理規程 (GL 5.1.6 (2), FAQ 6.1): one section per minimum item
//! (ア)–(サ) of the catalogue (catalogs/operational-rules.toml), its body drawn from anzen's
//! data where anzen holds it, and a starting text the provider edits where it does not. Each
//! section says where its draft came from (`prefill`), so the provider knows what to check.

use anzen_domain::access::Role;
use anzen_domain::catalog::CatalogId;
use anzen_domain::oprules::{Prefill, Section};

use crate::ports::Page;
use crate::{App, AppError, Caller};

fn section(key: &str, title: &str, prefill: Prefill, body: String) -> Section {
    Section {
        key: key.to_owned(),
        title: title.to_owned(),
        body,
        prefill: prefill.code().to_owned(),
    }
}

impl App {
    /// The draft sections for the caller's organisation: the catalogue's items in order.
    pub(super) async fn draft_sections(&self, caller: &Caller) -> Result<Vec<Section>, AppError> {
        let catalogue = crate::catalogs::builtin_catalogue(CatalogId::OperationalRules)?;
        let mut out = Vec::new();
        for item in catalogue.items() {
            let key = item.key();
            let title = item.title_ja();
            let (prefill, body) = self.draft_body(caller, key).await?;
            out.push(section(key, title, prefill, body));
        }
        Ok(out)
    }

    async fn draft_body(&self, caller: &Caller, key: &str) -> Result<(Prefill, String), AppError> {
        Ok(match key {
            "ア" => (
                Prefill::Manual,
                "1. 「医療・介護関係事業者における個人情報の適切な取扱いのためのガイダンス」等の関係法令・指針に従い、医療情報を適切に取り扱う。\n\
                 2. 保存する死者の情報も、個人情報と同等に安全管理を行う。\n\
                 3. 情報セキュリティ方針を定め、その遵守を確実にする体制を整備する。"
                    .to_owned(),
            ),
            "イ" => (Prefill::Roles, self.draft_roles(caller).await),
            "ウ" => (
                Prefill::AuditTrail,
                format!(
                    "契約書、本規程、リスク対応一覧、責任分界表等の文書は anzen で版を管理し、発行した文書は文書番号と SHA-256 を署名付き監査証跡に記録する（発行済み {} 件）。改訂時は医療機関等に新しい版を示し合意を得る。",
                    self.list_documents(caller, None, Page::first(1))
                        .await
                        .map(|l| l.total)
                        .unwrap_or(0)
                ),
            ),
            "エ" => (Prefill::DeviceLedger, self.draft_devices(caller).await),
            "カ" => (Prefill::RiskRegister, self.draft_risks(caller).await),
            "ク" => (
                Prefill::AuditTrail,
                "医療情報システム等の操作と本規程に係る記録は、改ざんを検知できる署名付き監査証跡に記録する。監査証跡は定期に検証し、監査の求めに応じて抜粋（監査証跡抜粋）を提出する。"
                    .to_owned(),
            ),
            "ケ" => (
                Prefill::ContactDesk,
                format!(
                    "医療機関等からの苦情・質問は {} の窓口で受け付け、リスクや本規程に関する質問・不同意は anzen 上で記録し、回答する。",
                    self.caller_org_name(caller).await
                ),
            ),
            "コ" | "サ" => (
                Prefill::Manual,
                "（この事項の表題と内容は、ガイドライン原文で確認のうえ記載してください。）".to_owned(),
            ),
            _ => (
                Prefill::Manual,
                "（記載してください。医療機関等と合意した内容を、両者が納得できる程度に具体的に記載します。FAQ 6.1）"
                    .to_owned(),
            ),
        })
    }

    async fn caller_org_name(&self, caller: &Caller) -> String {
        match caller.org() {
            Some(org) => self
                .organisation(caller, org)
                .await
                .map(|o| o.name.as_str().to_owned())
                .unwrap_or_default(),
            None => String::new(),
        }
    }

    /// (イ): the organisation's administrators and members (those the caller may list).
    async fn draft_roles(&self, caller: &Caller) -> String {
        let Ok(users) = self.list_users(caller, Page::all()).await else {
            return "最終的な管理責任者、システム管理者、運用責任者、個人情報保護に係る責任者を定め、その役割と任免、緊急時の対応を記載する。（利用者の一覧は管理者のみが参照できるため、管理者が下書きを作成すると自動で記載されます）".to_owned();
        };
        let active: Vec<_> = users.rows.iter().filter(|u| !u.disabled).collect();
        let admins: Vec<String> = active
            .iter()
            .filter(|u| u.role == Role::ProviderAdmin)
            .map(|u| u.display_name.as_str().to_owned())
            .collect();
        let members = active
            .iter()
            .filter(|u| u.role == Role::ProviderMember)
            .count();
        format!(
            "最終的な管理責任者、システム管理者、運用責任者、個人情報保護に係る責任者を定め、その役割と任免、緊急時の対応を記載する。\n\
             anzen の管理者（{} 名）：{}。担当者 {} 名。",
            admins.len(),
            if admins.is_empty() {
                "なし".to_owned()
            } else {
                admins.join("、")
            },
            members
        )
    }

    /// (エ): the device ledger's counts (FAQ 6.1: 台帳管理による所在確認).
    async fn draft_devices(&self, caller: &Caller) -> String {
        let counts = self.device_stocktake(caller).await.unwrap_or_default();
        let in_service: usize = counts.iter().map(|c| c.in_service).sum();
        let storing: usize = counts.iter().map(|c| c.storing_medical_information).sum();
        let at_institutions = counts.iter().filter(|c| c.institution.is_some()).count();
        format!(
            "機器等の管理責任の所在と管理方法は機器台帳で管理し、台帳管理により所在を確認する（FAQ 6.1）。配布する専用端末は台数を確認し、利用場所を限定する。\n\
             機器台帳：使用中 {in_service} 台（うち医療情報を保存 {storing} 台）、設置先の医療機関等 {at_institutions} 施設。棚卸で台数と所在を確認する。"
        )
    }

    /// (カ): the risk register and the supply chain.
    async fn draft_risks(&self, caller: &Caller) -> String {
        let risks = self
            .list_risks(caller, &crate::ports::RiskQuery::default(), Page::first(1))
            .await
            .map(|l| l.total)
            .unwrap_or(0);
        let links = self
            .list_supply_links(caller, None)
            .await
            .map(|l| l.len())
            .unwrap_or(0);
        format!(
            "リスクへの予防措置はリスク対応一覧（登録 {risks} 件）に定め、残存リスクは定期及び技術・ガイドラインの変化時に再評価する（GL 5.1.5、5.1.7）。\n\
             事故等の発生時は影響を受ける医療機関等に速やかに連絡し、原因と再発防止策を報告する。サプライチェーン（委託先 {links} 件）の変更は関係する医療機関等に通知する。"
        )
    }
}
