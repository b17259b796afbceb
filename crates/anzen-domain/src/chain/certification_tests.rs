//! Table tests of certifications (GL 4.4; FAQ 4.2; Table 4-1 ①-7, ①-8; notes §4.4).

use jiff::civil::Date;

use super::certification::CertificationTier;
use super::{
    CERTIFICATE_NOTICE, Certification, CertificationKind, CertificationStatus, NewCertification,
    QualificationBasis, minimum_qualification,
};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn cert(kind: &str, from: &str, to: &str) -> Certification {
    NewCertification {
        kind: kind.into(),
        auditor_qualification: if kind == "external_audit" {
            "cisa".into()
        } else {
            String::new()
        },
        equivalent_name: if kind == "other_equivalent" {
            "STAR Certification".into()
        } else {
            String::new()
        },
        scope: "クラウド型電子カルテサービス".into(),
        issuer: "審査機関".into(),
        valid_from: from.into(),
        valid_to: to.into(),
    }
    .validate()
    .unwrap()
}

#[test]
fn kinds_and_tiers() {
    // GL 4.4 / FAQ 4.2 R1: P-mark or ISMS; R3 and Table 4-1 ①-8: the equivalents and,
    // failing those, the external audit.
    use CertificationKind::*;
    assert_eq!(CertificationKind::ALL.len(), 9);
    for k in [PrivacyMark, Isms] {
        assert_eq!(k.tier(), CertificationTier::Primary);
        assert_eq!(k.table_4_1_item(), "①-7");
    }
    for k in [Ismap, CsGoldMark, FedRamp, Soc2, Soc3, OtherEquivalent] {
        assert_eq!(k.tier(), CertificationTier::Equivalent);
        assert_eq!(k.table_4_1_item(), "①-8");
    }
    assert_eq!(ExternalAudit.tier(), CertificationTier::Fallback);
    assert!(ExternalAudit.label_ja().contains("システム監査技術者"));
    assert!(ExternalAudit.label_ja().contains("CISA"));
}

#[test]
fn validation_names_the_field() {
    let ok = NewCertification {
        kind: "isms".into(),
        scope: "本社及びデータセンター".into(),
        issuer: "認証機関".into(),
        valid_from: "2025-04-01".into(),
        valid_to: "2028-03-31".into(),
        ..NewCertification::default()
    };
    assert!(ok.validate().is_ok());
    let rows: Vec<(&str, NewCertification, &str)> = vec![
        (
            "unknown kind",
            NewCertification {
                kind: "iso9001".into(),
                ..ok.clone()
            },
            "kind",
        ),
        (
            "audit without qualification",
            NewCertification {
                kind: "external_audit".into(),
                ..ok.clone()
            },
            "auditor_qualification",
        ),
        (
            "qualification on a P-mark",
            NewCertification {
                auditor_qualification: "cisa".into(),
                ..ok.clone()
            },
            "auditor_qualification",
        ),
        (
            "equivalent without a name",
            NewCertification {
                kind: "other_equivalent".into(),
                ..ok.clone()
            },
            "equivalent_name",
        ),
        (
            "name on an ISMS",
            NewCertification {
                equivalent_name: "X".into(),
                ..ok.clone()
            },
            "equivalent_name",
        ),
        (
            "blank scope",
            NewCertification {
                scope: "  ".into(),
                ..ok.clone()
            },
            "scope",
        ),
        (
            "blank issuer",
            NewCertification {
                issuer: String::new(),
                ..ok.clone()
            },
            "issuer",
        ),
        (
            "bad date",
            NewCertification {
                valid_from: "2025/04/01".into(),
                ..ok.clone()
            },
            "valid_from",
        ),
        (
            "ends before it starts",
            NewCertification {
                valid_to: "2025-03-31".into(),
                ..ok.clone()
            },
            "valid_to",
        ),
    ];
    for (name, input, field) in rows {
        assert_eq!(input.validate().unwrap_err().field, field, "{name}");
    }
    let unknown = NewCertification {
        kind: "iso9001".into(),
        ..ok
    }
    .validate()
    .unwrap_err();
    assert!(unknown.accepted.contains(&"privacy_mark".to_owned()));
}

#[test]
fn status_on_a_day() {
    let c = cert("privacy_mark", "2024-04-01", "2026-03-31");
    let rows = [
        ("2024-03-31", CertificationStatus::NotYetValid),
        ("2024-04-01", CertificationStatus::Valid),
        ("2026-01-29", CertificationStatus::Valid), // 61 days left
        ("2026-01-30", CertificationStatus::ExpiringSoon), // 60 days left: within 60
        ("2026-03-31", CertificationStatus::ExpiringSoon), // last valid day
        ("2026-04-01", CertificationStatus::Expired),
    ];
    for (d, status) in rows {
        assert_eq!(c.status_on(day(d), 60), status, "{d}");
    }
    assert_eq!(c.days_left(day("2026-03-31")), 0);
}

#[test]
fn minimum_qualification_table() {
    let today = day("2026-06-01");
    let pmark = cert("privacy_mark", "2025-04-01", "2027-03-31");
    let isms_soon = cert("isms", "2023-07-01", "2026-06-30");
    let isms_expired = cert("isms", "2022-04-01", "2025-03-31");
    let ismap = cert("ismap", "2025-10-01", "2027-09-30");
    let soc2 = cert("soc2", "2025-01-01", "2026-12-31");
    let other = cert("other_equivalent", "2025-01-01", "2026-12-31");
    let audit = cert("external_audit", "2026-01-01", "2026-12-31");
    let future = cert("privacy_mark", "2026-07-01", "2028-06-30");
    type Row = (
        &'static str,
        &'static str,
        Vec<Certification>,
        Option<QualificationBasis>,
        bool,
    );
    let rows: Vec<Row> = vec![
        (
            "P-mark",
            "GL 4.4; FAQ 4.2 R1",
            vec![pmark.clone()],
            Some(QualificationBasis::PrivacyMarkOrIsms),
            false,
        ),
        (
            "ISMS expiring within 60 days",
            "GL 4.4",
            vec![isms_soon.clone()],
            Some(QualificationBasis::PrivacyMarkOrIsms),
            true,
        ),
        (
            "ISMS expiring, P-mark valid: no warning",
            "GL 4.4",
            vec![isms_soon, pmark.clone()],
            Some(QualificationBasis::PrivacyMarkOrIsms),
            false,
        ),
        (
            "ISMAP instead of P-mark/ISMS",
            "FAQ 4.2 R3",
            vec![ismap.clone()],
            Some(QualificationBasis::Equivalent),
            false,
        ),
        (
            "SOC2 with an expired ISMS",
            "FAQ 4.2 R3",
            vec![isms_expired.clone(), soc2],
            Some(QualificationBasis::Equivalent),
            false,
        ),
        (
            "other named equivalent",
            "FAQ 4.2 R3",
            vec![other],
            Some(QualificationBasis::Equivalent),
            false,
        ),
        (
            "external audit as the last resort",
            "Table 4-1 ①-8",
            vec![audit.clone(), isms_expired.clone()],
            Some(QualificationBasis::ExternalAudit),
            false,
        ),
        (
            "an audit does not displace an equivalent",
            "Table 4-1 ①-8",
            vec![audit.clone(), ismap],
            Some(QualificationBasis::Equivalent),
            false,
        ),
        (
            "an audit does not displace a P-mark",
            "Table 4-1 ①-8",
            vec![audit, pmark],
            Some(QualificationBasis::PrivacyMarkOrIsms),
            false,
        ),
        (
            "only expired certificates",
            "GL 4.4",
            vec![isms_expired],
            None,
            false,
        ),
        (
            "only a certificate not yet valid",
            "GL 4.4",
            vec![future],
            None,
            false,
        ),
        ("nothing", "GL 4.4", vec![], None, false),
    ];
    for (name, section, certs, basis, warned) in rows {
        let q = minimum_qualification(&certs, None, today, 60);
        assert_eq!(q.basis, basis, "{name} ({section})");
        assert_eq!(q.met, basis.is_some(), "{name}");
        assert_eq!(
            q.reasons
                .iter()
                .any(|r| r.rule == "FAQ4.2-R1" && r.level == super::Level::Should),
            warned,
            "{name}"
        );
        // FAQ 4.2 R2: the notice comes with every answer.
        assert_eq!(q.notice, CERTIFICATE_NOTICE, "{name}");
        for i in &q.certificates {
            assert!(certs[*i].is_valid_on(today), "{name}");
        }
        for r in &q.reasons {
            assert!(
                r.reference.starts_with("GL ") || r.reference.starts_with("FAQ "),
                "{name}"
            );
        }
    }
}

#[test]
fn the_notice_says_minimum_qualification_not_compliance() {
    // FAQ 4.2 R2.
    assert_eq!(CERTIFICATE_NOTICE.rule, "FAQ4.2-R2");
    assert!(CERTIFICATE_NOTICE.ja.contains("最低限の適格性"));
    assert!(
        CERTIFICATE_NOTICE
            .ja
            .contains("安全管理水準を満たすわけではありません")
    );
    assert!(CERTIFICATE_NOTICE.en.contains("minimum qualification only"));
    assert_eq!(
        cert("soc3", "2025-01-01", "2026-01-01").notice(),
        CERTIFICATE_NOTICE
    );
}
