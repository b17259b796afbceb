//! Roles and organisation isolation as pure predicates.
//!
//! A user belongs to one organisation and has one role. What they may reach depends on the
//! role and on their organisation's relations: a medical institution sees only what its
//! contracts give it, a partner only the components it supplies, an auditor reads (only) for a
//! limited time. `anzen-app` asks [`reach`] before every read and write and passes the answer
//! to storage, which restricts its queries to it.

use jiff::Timestamp;

use crate::code_enum;
use crate::ids::{OrgId, UserId};
use crate::org::OrgKind;

code_enum! {
    /// The role of a user within their organisation.
    Role {
        /// Administers a provider: its users, settings and all its records. MFA is mandatory.
        ProviderAdmin = "provider_admin", "提供事業者 管理者", "Provider administrator";
        /// Works on a provider's records (offerings, contracts, supply chain).
        ProviderMember = "provider_member", "提供事業者 担当者", "Provider member";
        /// A medical institution's reviewer: sees what its contracts give it.
        InstitutionReviewer = "institution_reviewer", "医療機関等 確認者", "Institution reviewer";
        /// A partner provider's user: sees the components it supplies.
        Partner = "partner", "パートナー事業者", "Partner";
        /// Reads one organisation's records and audit trail, for a limited time.
        Auditor = "auditor", "監査人", "Auditor";
    }
}

impl Role {
    /// The organisation kinds a user with this role can belong to.
    pub fn fits(self, kind: OrgKind) -> bool {
        match self {
            Role::ProviderAdmin | Role::ProviderMember => kind == OrgKind::Provider,
            Role::InstitutionReviewer => kind == OrgKind::MedicalInstitution,
            Role::Partner => kind == OrgKind::Partner,
            Role::Auditor => kind == OrgKind::Provider,
        }
    }

    /// Whether multi-factor authentication is mandatory for this role.
    pub fn requires_mfa(self) -> bool {
        matches!(self, Role::ProviderAdmin)
    }
}

/// A signed-in user as the policy sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user: UserId,
    pub name: String,
    pub org: OrgId,
    pub role: Role,
    /// For an auditor: the end of their access.
    pub access_until: Option<Timestamp>,
}

code_enum! {
    /// What is being reached.
    Subject {
        Organisations = "organisations", "組織", "Organisations";
        Offerings = "offerings", "提供サービス", "Offerings";
        Contracts = "contracts", "契約", "Contracts";
        SupplyLinks = "supply_links", "サプライチェーン", "Supply links";
        Users = "users", "利用者", "Users";
        AuditTrail = "audit_trail", "監査証跡", "Audit trail";
        /// The risk register: flows, risks, treatments (GL ch. 5).
        Risks = "risks", "リスク", "Risks";
        /// Statements on Appendix 2 controls and regulatory requirements (FAQ 5.3, 7).
        Controls = "controls", "対策項目", "Controls";
        /// Lifecycle agreements on duties and responsibilities (GL 3.2, FAQ 3, 3.1).
        Agreements = "agreements", "合意", "Agreements";
        /// Certifications, the device ledger and disclosures (FAQ 4.1, 4.2, 6.1).
        Ledger = "ledger", "台帳・認証・情報提供", "Ledger and disclosures";
        /// Safety-management evaluations of an offering (GL 4.3; Table 4-1 ②-4).
        Evaluations = "evaluations", "安全管理に係る評価", "Safety evaluations";
        /// Incidents and the crisis response (GL 3.2 危機管理対応時, FAQ 3).
        Incidents = "incidents", "インシデント", "Incidents";
    }
}

code_enum! {
    /// How it is reached.
    Action {
        Read = "read", "閲覧", "Read";
        /// Create or change.
        Write = "write", "登録・変更", "Write";
    }
}

/// What a caller may reach of one subject. Storage restricts every query to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Nothing.
    Nothing,
    /// Every row of the installation (an operator at the server's command line).
    Everything,
    /// The rows the organisation owns (and, for organisations, those it registered).
    Owned(OrgId),
    /// What the institution's contracts give it: the contracts it is party to, their
    /// offerings and their supply chains, and the providers it contracts.
    AsInstitution(OrgId),
    /// What a partner supplies: the supply links naming it as supplier, and its own
    /// offerings and organisation.
    AsSupplier(OrgId),
}

impl Reach {
    pub fn allows_anything(self) -> bool {
        self != Reach::Nothing
    }
}

/// Decides what `principal` may reach of `subject` for `action` at `now`.
///
/// The rules, each with an allow and a deny case in the tests:
/// - provider administrators read and write everything their organisation owns, users and
///   audit trail included;
/// - provider members read and write their organisation's records, but not its users, and
///   do not read the audit trail;
/// - institution reviewers read what their contracts give them (the risks and statements of
///   the offerings they contract included, the incidents that affect them) and write
///   nothing; their consent to a risk is a rule of its own (`risk::rules::check_consent`,
///   FAQ 5.1), and so are their acknowledgement of an incident and their answer to its
///   prevention measures (`incident::rules`, GL 3.2);
/// - partners read the supply links naming them and their own organisation, and read and
///   write their own offerings (the components they supply);
/// - auditors read everything their organisation owns, audit trail included, until their
///   access ends, and write nothing.
pub fn reach(principal: &Principal, subject: Subject, action: Action, now: Timestamp) -> Reach {
    use Action::{Read, Write};
    use Subject::*;
    let org = principal.org;
    match principal.role {
        Role::ProviderAdmin => Reach::Owned(org),
        Role::ProviderMember => match (subject, action) {
            (Users, Write) | (AuditTrail, _) => Reach::Nothing,
            (Users, Read) => Reach::Owned(org),
            _ => Reach::Owned(org),
        },
        Role::InstitutionReviewer => match (subject, action) {
            (
                Organisations | Offerings | Contracts | SupplyLinks | Risks | Controls | Agreements
                | Ledger | Evaluations | Incidents,
                Read,
            ) => Reach::AsInstitution(org),
            _ => Reach::Nothing,
        },
        Role::Partner => match (subject, action) {
            (Offerings, Read | Write) | (Organisations, Read) => Reach::Owned(org),
            (SupplyLinks | Agreements, Read) => Reach::AsSupplier(org),
            (Ledger, Read | Write) => Reach::Owned(org),
            _ => Reach::Nothing,
        },
        Role::Auditor => {
            let active = principal.access_until.is_some_and(|until| now < until);
            match action {
                Read if active && subject != Users => Reach::Owned(org),
                _ => Reach::Nothing,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn principal(role: Role, until: Option<&str>) -> Principal {
        Principal {
            user: UserId::from_uuid(Uuid::from_u128(1)),
            name: "u".into(),
            org: OrgId::from_uuid(Uuid::from_u128(7)),
            role,
            access_until: until.map(|t| t.parse().unwrap()),
        }
    }

    fn now() -> Timestamp {
        "2026-11-25T00:00:00Z".parse().unwrap()
    }

    fn org() -> OrgId {
        OrgId::from_uuid(Uuid::from_u128(7))
    }

    /// Every (role, subject, action) with its expected reach: allow and deny cases alike.
    #[test]
    fn the_policy_table() {
        use Action::*;
        use Role::*;
        use Subject::*;
        let own = Reach::Owned(org());
        let inst = Reach::AsInstitution(org());
        let sup = Reach::AsSupplier(org());
        let no = Reach::Nothing;
        #[rustfmt::skip]
        let table: &[(Role, Subject, Action, Reach)] = &[
            (ProviderAdmin, Organisations, Read, own), (ProviderAdmin, Organisations, Write, own),
            (ProviderAdmin, Offerings, Read, own), (ProviderAdmin, Offerings, Write, own),
            (ProviderAdmin, Contracts, Read, own), (ProviderAdmin, Contracts, Write, own),
            (ProviderAdmin, SupplyLinks, Read, own), (ProviderAdmin, SupplyLinks, Write, own),
            (ProviderAdmin, Users, Read, own), (ProviderAdmin, Users, Write, own),
            (ProviderAdmin, AuditTrail, Read, own), (ProviderAdmin, AuditTrail, Write, own),
            (ProviderMember, Organisations, Read, own), (ProviderMember, Organisations, Write, own),
            (ProviderMember, Offerings, Read, own), (ProviderMember, Offerings, Write, own),
            (ProviderMember, Contracts, Read, own), (ProviderMember, Contracts, Write, own),
            (ProviderMember, SupplyLinks, Read, own), (ProviderMember, SupplyLinks, Write, own),
            (ProviderMember, Users, Read, own), (ProviderMember, Users, Write, no),
            (ProviderMember, AuditTrail, Read, no), (ProviderMember, AuditTrail, Write, no),
            (InstitutionReviewer, Organisations, Read, inst), (InstitutionReviewer, Organisations, Write, no),
            (InstitutionReviewer, Offerings, Read, inst), (InstitutionReviewer, Offerings, Write, no),
            (InstitutionReviewer, Contracts, Read, inst), (InstitutionReviewer, Contracts, Write, no),
            (InstitutionReviewer, SupplyLinks, Read, inst), (InstitutionReviewer, SupplyLinks, Write, no),
            (InstitutionReviewer, Users, Read, no), (InstitutionReviewer, Users, Write, no),
            (InstitutionReviewer, AuditTrail, Read, no), (InstitutionReviewer, AuditTrail, Write, no),
            (Partner, Organisations, Read, own), (Partner, Organisations, Write, no),
            (Partner, Offerings, Read, own), (Partner, Offerings, Write, own),
            (Partner, Contracts, Read, no), (Partner, Contracts, Write, no),
            (Partner, SupplyLinks, Read, sup), (Partner, SupplyLinks, Write, no),
            (Partner, Users, Read, no), (Partner, Users, Write, no),
            (Partner, AuditTrail, Read, no), (Partner, AuditTrail, Write, no),
            (Auditor, Organisations, Read, own), (Auditor, Organisations, Write, no),
            (Auditor, Offerings, Read, own), (Auditor, Offerings, Write, no),
            (Auditor, Contracts, Read, own), (Auditor, Contracts, Write, no),
            (Auditor, SupplyLinks, Read, own), (Auditor, SupplyLinks, Write, no),
            (Auditor, Users, Read, no), (Auditor, Users, Write, no),
            (Auditor, AuditTrail, Read, own), (Auditor, AuditTrail, Write, no),
            (ProviderAdmin, Risks, Read, own), (ProviderAdmin, Risks, Write, own),
            (ProviderAdmin, Controls, Read, own), (ProviderAdmin, Controls, Write, own),
            (ProviderMember, Risks, Read, own), (ProviderMember, Risks, Write, own),
            (ProviderMember, Controls, Read, own), (ProviderMember, Controls, Write, own),
            (InstitutionReviewer, Risks, Read, inst), (InstitutionReviewer, Risks, Write, no),
            (InstitutionReviewer, Controls, Read, inst), (InstitutionReviewer, Controls, Write, no),
            (Partner, Risks, Read, no), (Partner, Risks, Write, no),
            (Partner, Controls, Read, no), (Partner, Controls, Write, no),
            (Auditor, Risks, Read, own), (Auditor, Risks, Write, no),
            (Auditor, Controls, Read, own), (Auditor, Controls, Write, no),
            (ProviderAdmin, Agreements, Read, own), (ProviderAdmin, Agreements, Write, own),
            (ProviderAdmin, Ledger, Read, own), (ProviderAdmin, Ledger, Write, own),
            (ProviderMember, Agreements, Read, own), (ProviderMember, Agreements, Write, own),
            (ProviderMember, Ledger, Read, own), (ProviderMember, Ledger, Write, own),
            (InstitutionReviewer, Agreements, Read, inst), (InstitutionReviewer, Agreements, Write, no),
            (InstitutionReviewer, Ledger, Read, inst), (InstitutionReviewer, Ledger, Write, no),
            (Partner, Agreements, Read, sup), (Partner, Agreements, Write, no),
            (Partner, Ledger, Read, own), (Partner, Ledger, Write, own),
            (Auditor, Agreements, Read, own), (Auditor, Agreements, Write, no),
            (Auditor, Ledger, Read, own), (Auditor, Ledger, Write, no),
            // GL 4.3: the provider records its evaluations; an institution reads those of the
            // offerings it contracts (Table 4-1 ②-4); a partner sees none.
            (ProviderAdmin, Evaluations, Read, own), (ProviderAdmin, Evaluations, Write, own),
            (ProviderMember, Evaluations, Read, own), (ProviderMember, Evaluations, Write, own),
            (InstitutionReviewer, Evaluations, Read, inst), (InstitutionReviewer, Evaluations, Write, no),
            (Partner, Evaluations, Read, no), (Partner, Evaluations, Write, no),
            (Auditor, Evaluations, Read, own), (Auditor, Evaluations, Write, no),
            (ProviderAdmin, Incidents, Read, own), (ProviderAdmin, Incidents, Write, own),
            (ProviderMember, Incidents, Read, own), (ProviderMember, Incidents, Write, own),
            (InstitutionReviewer, Incidents, Read, inst), (InstitutionReviewer, Incidents, Write, no),
            (Partner, Incidents, Read, no), (Partner, Incidents, Write, no),
            (Auditor, Incidents, Read, own), (Auditor, Incidents, Write, no),
        ];
        assert_eq!(
            table.len(),
            Role::ALL.len() * Subject::ALL.len() * Action::ALL.len()
        );
        for &(role, subject, action, expected) in table {
            let p = principal(role, Some("2027-01-01T00:00:00Z"));
            assert_eq!(
                reach(&p, subject, action, now()),
                expected,
                "{role} {subject} {action}"
            );
        }
    }

    #[test]
    fn an_auditor_loses_access_when_it_ends_or_was_never_set() {
        let expired = principal(Role::Auditor, Some("2026-11-24T23:59:59Z"));
        assert_eq!(
            reach(&expired, Subject::Offerings, Action::Read, now()),
            Reach::Nothing
        );
        let open_ended = principal(Role::Auditor, None);
        assert_eq!(
            reach(&open_ended, Subject::AuditTrail, Action::Read, now()),
            Reach::Nothing
        );
        let active = principal(Role::Auditor, Some("2026-11-25T00:00:01Z"));
        assert_eq!(
            reach(&active, Subject::AuditTrail, Action::Read, now()),
            Reach::Owned(org())
        );
    }

    #[test]
    fn roles_fit_their_organisation_kind() {
        assert!(Role::ProviderAdmin.fits(OrgKind::Provider));
        assert!(!Role::ProviderAdmin.fits(OrgKind::MedicalInstitution));
        assert!(Role::InstitutionReviewer.fits(OrgKind::MedicalInstitution));
        assert!(!Role::InstitutionReviewer.fits(OrgKind::Partner));
        assert!(Role::Partner.fits(OrgKind::Partner));
        assert!(!Role::Partner.fits(OrgKind::Provider));
        assert!(Role::Auditor.fits(OrgKind::Provider));
        assert!(Role::ProviderAdmin.requires_mfa() && !Role::ProviderMember.requires_mfa());
    }
}
