//! The parties of the guideline as data: providers (対象事業者 candidates), medical
//! institutions (医療機関等) and partner providers in a supply chain.

use jiff::Timestamp;

use crate::FieldError;
use crate::code_enum;
use crate::ids::OrgId;
use crate::text::Name;

code_enum! {
    /// The kind of an organisation.
    OrgKind {
        /// A provider of systems or services handling medical information (a 対象事業者
        /// candidate; whether each offering is in scope is decided per offering).
        Provider = "provider", "提供事業者", "Provider";
        /// A medical institution etc. (医療機関等, guideline glossary).
        MedicalInstitution = "medical_institution", "医療機関等", "Medical institution";
        /// A partner provider in the supply chain (an IaaS, a subcontractor, …).
        Partner = "partner", "パートナー事業者", "Partner provider";
    }
}

code_enum! {
    /// The kinds of 医療機関等 listed in the guideline's glossary (GL p.60).
    InstitutionKind {
        Hospital = "hospital", "病院", "Hospital";
        Clinic = "clinic", "一般診療所", "Clinic";
        DentalClinic = "dental_clinic", "歯科診療所", "Dental clinic";
        Pharmacy = "pharmacy", "薬局", "Pharmacy";
        MidwiferyHome = "midwifery_home", "助産所", "Midwifery home";
        HomeVisitNursingStation = "home_visit_nursing_station", "訪問看護ステーション", "Home-visit nursing station";
        CareProvider = "care_provider", "介護事業者", "Care provider";
        RegionalNetworkOperator = "regional_network_operator", "医療情報連携ネットワーク運営主体", "Regional network operator";
    }
}

/// What an organisation is: its kind and, for a medical institution, which kind of 医療機関等.
/// A medical institution always has an institution kind and other kinds never have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct OrgType {
    kind: OrgKind,
    institution_kind: Option<InstitutionKind>,
}

impl OrgType {
    pub fn new(
        kind: OrgKind,
        institution_kind: Option<InstitutionKind>,
    ) -> Result<Self, FieldError> {
        match (kind, institution_kind) {
            (OrgKind::MedicalInstitution, None) => Err(FieldError::new(
                "institution_kind",
                "is required for a medical institution",
            )
            .with_accepted(InstitutionKind::ALL.iter().map(|k| k.code()))),
            (OrgKind::MedicalInstitution, Some(_)) | (_, None) => Ok(Self {
                kind,
                institution_kind,
            }),
            (_, Some(_)) => Err(FieldError::new(
                "institution_kind",
                format!(
                    "applies only to kind `{}`, not `{}`",
                    OrgKind::MedicalInstitution.code(),
                    kind.code()
                ),
            )),
        }
    }

    /// Parses the type from user input (`kind`, and `institution_kind` that may be empty).
    pub fn parse(kind: &str, institution_kind: &str) -> Result<Self, FieldError> {
        let kind = OrgKind::parse_field("kind", kind)?;
        let institution_kind = if institution_kind.trim().is_empty() {
            None
        } else {
            Some(InstitutionKind::parse_field(
                "institution_kind",
                institution_kind,
            )?)
        };
        Self::new(kind, institution_kind)
    }

    pub fn kind(&self) -> OrgKind {
        self.kind
    }

    pub fn institution_kind(&self) -> Option<InstitutionKind> {
        self.institution_kind
    }

    /// The label shown for this type, e.g. 「医療機関等（病院）」.
    pub fn label_ja(&self) -> String {
        match self.institution_kind {
            Some(k) => format!("{}（{}）", self.kind.label_ja(), k.label_ja()),
            None => self.kind.label_ja().to_owned(),
        }
    }
}

/// A validated new organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganisation {
    pub org_type: OrgType,
    pub name: Name,
    /// The organisation whose users registered this one (its owner for isolation purposes).
    /// `None` for a top-level organisation registered by an operator.
    pub registered_by: Option<OrgId>,
}

/// A stored organisation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Organisation {
    pub id: OrgId,
    #[serde(flatten)]
    pub org_type: OrgType,
    pub name: Name,
    pub registered_by: Option<OrgId>,
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_institution_needs_its_kind_and_others_have_none() {
        let err = OrgType::parse("medical_institution", "").unwrap_err();
        assert_eq!(err.field, "institution_kind");
        assert!(err.accepted.contains(&"hospital".to_owned()));
        assert!(OrgType::parse("provider", "hospital").is_err());
        let t = OrgType::parse("medical_institution", "care_provider").unwrap();
        assert_eq!(t.label_ja(), "医療機関等（介護事業者）");
    }

    #[test]
    fn an_unknown_kind_lists_the_accepted_values() {
        let err = OrgType::parse("vendor", "").unwrap_err();
        assert_eq!(err.field, "kind");
        assert_eq!(
            err.accepted,
            vec!["provider", "medical_institution", "partner"]
        );
    }
}
