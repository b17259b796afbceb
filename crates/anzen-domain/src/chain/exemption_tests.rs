//! Table tests of the GL 4.4 exemption (FAQ 4.2) and of how it enters the certification
//! check.

use jiff::civil::Date;

use super::exemption::{BASIS_NOT_ALLOWED, CONTRADICTED, EXEMPT, EXEMPTION_NOTICE};
use super::*;
use crate::scope::{PatientDirectedReceipt, ScopeProfile};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn claim(basis: &str, direct: &[&str]) -> ClaimedExemption {
    ClaimedExemption {
        exemption: NewExemption {
            basis: basis.into(),
            reason: "閉域網の回線のみを提供し、医療情報にはアクセスしない".into(),
        }
        .validate()
        .unwrap(),
        direct_offerings: direct.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn cert(kind: &str, from: &str, to: &str) -> Certification {
    NewCertification {
        kind: kind.into(),
        auditor_qualification: if kind == "external_audit" {
            "cisa".into()
        } else {
            String::new()
        },
        equivalent_name: String::new(),
        scope: "全社".into(),
        issuer: "JIPDEC".into(),
        valid_from: from.into(),
        valid_to: to.into(),
    }
    .validate()
    .unwrap()
}

#[test]
fn gl_4_4_which_claims_exempt() {
    // (case, basis, offerings that handle medical information, exempt, reasons)
    type Row<'a> = (&'a str, &'a str, &'a [&'a str], bool, &'a [RuleText]);
    let rows: &[Row] = &[
        (
            "GL 4.4 なお書き: does not handle medical information directly",
            "no_direct_handling",
            &[],
            true,
            &[EXEMPT],
        ),
        (
            "FAQ 4.2 R1: certification in progress is not an exemption",
            "certification_in_progress",
            &[],
            false,
            &[BASIS_NOT_ALLOWED],
        ),
        (
            "FAQ 4.2 R1: a partner's certificate does not qualify this provider",
            "covered_by_partner",
            &[],
            false,
            &[BASIS_NOT_ALLOWED],
        ),
        ("other grounds", "other", &[], false, &[BASIS_NOT_ALLOWED]),
        (
            "FAQ 1: an offering's scope says it handles medical information",
            "no_direct_handling",
            &["電子カルテ"],
            false,
            &[CONTRADICTED],
        ),
        (
            "both wrong",
            "other",
            &["電子カルテ"],
            false,
            &[BASIS_NOT_ALLOWED, CONTRADICTED],
        ),
    ];
    for (case, basis, direct, exempt, reasons) in rows {
        let s = claim(basis, direct).standing();
        assert_eq!(s.exempt, *exempt, "{case}");
        assert_eq!(s.reasons, reasons.to_vec(), "{case}");
        // FAQ 4.2 R2: the caveat is always there.
        assert_eq!(s.notice, EXEMPTION_NOTICE, "{case}");
    }
}

#[test]
fn the_exemption_enters_the_certification_check() {
    let today = day("2026-06-01");
    let pmark = cert("privacy_mark", "2025-04-01", "2027-03-31");
    let expired = cert("isms", "2022-04-01", "2025-03-31");
    let allowed = claim("no_direct_handling", &[]);
    let refused = claim("certification_in_progress", &[]);
    let contradicted = claim("no_direct_handling", &["電子カルテ"]);
    // (case, certificates, claim, met, basis, first reason)
    type Row<'a> = (
        &'a str,
        Vec<Certification>,
        Option<&'a ClaimedExemption>,
        bool,
        Option<QualificationBasis>,
        &'a str,
    );
    let rows: Vec<Row> = vec![
        (
            "no certificate, no claim: missing (GL 4.4)",
            vec![],
            None,
            false,
            None,
            "FAQ4.2-R1",
        ),
        (
            "no certificate, allowed claim: exempt (GL 4.4)",
            vec![],
            Some(&allowed),
            true,
            Some(QualificationBasis::Exempt),
            "GL 4.4",
        ),
        (
            "expired certificate, allowed claim: exempt",
            vec![expired.clone()],
            Some(&allowed),
            true,
            Some(QualificationBasis::Exempt),
            "GL 4.4",
        ),
        (
            "no certificate, basis not allowed: still missing (FAQ 4.2 R1)",
            vec![],
            Some(&refused),
            false,
            None,
            "FAQ4.2-R1",
        ),
        (
            "no certificate, contradicted by an offering: still missing",
            vec![],
            Some(&contradicted),
            false,
            None,
            "FAQ4.2-R1",
        ),
        (
            "a valid certificate stays the basis, claim or not",
            vec![pmark.clone()],
            Some(&allowed),
            true,
            Some(QualificationBasis::PrivacyMarkOrIsms),
            "FAQ4.2-R1",
        ),
    ];
    for (case, certs, c, met, basis, first) in rows {
        let q = minimum_qualification(&certs, c, today, CERTIFICATE_WARN_DAYS);
        assert_eq!(q.met, met, "{case}");
        assert_eq!(q.basis, basis, "{case}");
        assert_eq!(q.reasons[0].rule, first, "{case}");
        assert_eq!(q.exemption.is_some(), c.is_some(), "{case}");
        // FAQ 4.2 R2 whatever the outcome.
        assert_eq!(q.notice, CERTIFICATE_NOTICE, "{case}");
    }
    // Missing with a refused claim says both why it is missing and why the claim fails.
    let q = minimum_qualification(&[], Some(&refused), today, CERTIFICATE_WARN_DAYS);
    assert_eq!(
        q.reasons,
        vec![super::certification::NOT_QUALIFIED, BASIS_NOT_ALLOWED]
    );
}

#[test]
fn bad_claims_name_their_field() {
    let rows = [
        ("", "理由", "basis"),
        ("exempt_please", "理由", "basis"),
        ("no_direct_handling", "  ", "reason"),
        ("no_direct_handling", &"あ".repeat(2001), "reason"),
    ];
    for (basis, reason, field) in rows {
        let e = NewExemption {
            basis: basis.into(),
            reason: reason.to_string(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field, field, "{basis} / {reason}");
    }
}

#[test]
fn faq_1_what_handles_medical_information_directly() {
    let base = ScopeProfile::new("回線サービス");
    let mut handles = base.clone();
    handles.handles_medical_information = true;
    let mut stores = base.clone();
    stores.stores_medical_information = true;
    let mut receives = base.clone();
    receives.patient_directed_receipt = PatientDirectedReceipt::FromInstitution;
    let mut via_patient = base.clone();
    via_patient.patient_directed_receipt = PatientDirectedReceipt::ViaPatient;
    let rows = [
        ("supplies a line only", base, false),
        ("handles medical information (type 1)", handles, true),
        ("stores medical information", stores, true),
        (
            "receives it on the patient's instruction (type 3)",
            receives,
            true,
        ),
        (
            "the patient registers it (FAQ 1.4 fn.2)",
            via_patient,
            false,
        ),
    ];
    for (case, p, expected) in rows {
        assert_eq!(handles_directly(&p), expected, "{case}");
    }
}
