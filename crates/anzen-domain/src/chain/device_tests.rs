//! Table tests of the device ledger (FAQ 6.1 (エ), R4, R5; 別紙2 ③-8).

use jiff::civil::Date;
use uuid::Uuid;

use super::device::DeviceWarningKind;
use super::{
    Device, DeviceKind, Disposal, DisposalMethod, Encryption, device_warnings, duplicate_serials,
    stocktake,
};
use crate::ids::OrgId;

fn org(n: u128) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(n))
}
fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// A dedicated PC handed out to institution 100 for the cloud EHR (FAQ 6.1 R5).
fn pc() -> Device {
    Device {
        kind: DeviceKind::DedicatedPc,
        model: " ThinkPad L14 ".into(),
        serial: " PF-3X9K2 ".into(),
        institution: Some(org(100)),
        location: "みなと総合病院 外来棟2階 診察室3".into(),
        permitted_use: Some("外来棟内の診察室に限る".into()),
        holder: "医事課".into(),
        stores_medical_information: false,
        encryption: Encryption::Encrypted,
        os_firmware: Some("Windows 11 Pro 23H2".into()),
        support_ends_on: Some(day("2026-11-10")),
        disposal: None,
    }
}

#[test]
fn validation_trims_and_names_the_field() {
    let d = pc().validate().unwrap();
    assert_eq!(d.serial, "PF-3X9K2");
    assert_eq!(d.model, "ThinkPad L14");
    let rows: Vec<(&str, Device, &str)> = vec![
        (
            "no serial (FAQ 6.1 (エ) ledger)",
            Device {
                serial: "   ".into(),
                ..pc()
            },
            "serial",
        ),
        (
            "a serial with a line break",
            Device {
                serial: "A\nB".into(),
                ..pc()
            },
            "serial",
        ),
        (
            "no model",
            Device {
                model: String::new(),
                ..pc()
            },
            "model",
        ),
        (
            "no location",
            Device {
                location: " ".into(),
                ..pc()
            },
            "location",
        ),
        (
            "no holder",
            Device {
                holder: String::new(),
                ..pc()
            },
            "holder",
        ),
        (
            "disposed, stored medical information, no erasure certificate (別紙2 ③-8)",
            Device {
                stores_medical_information: true,
                disposal: Some(Disposal {
                    on: day("2026-05-01"),
                    method: DisposalMethod::Overwrite,
                    erasure_certificate: Some("  ".into()),
                }),
                ..pc()
            },
            "disposal.erasure_certificate",
        ),
        (
            "permitted use too long",
            Device {
                permitted_use: Some("x".repeat(501)),
                ..pc()
            },
            "permitted_use",
        ),
    ];
    for (name, device, field) in rows {
        assert_eq!(device.validate().unwrap_err().field, field, "{name}");
    }
    let e = Device {
        serial: String::new(),
        ..pc()
    }
    .validate()
    .unwrap_err();
    assert!(e.message.contains("FAQ 6.1"), "{e}");
    // Without medical information a disposal needs no certificate.
    let disposed = Device {
        disposal: Some(Disposal {
            on: day("2026-05-01"),
            method: DisposalMethod::ReturnedToVendor,
            erasure_certificate: None,
        }),
        ..pc()
    };
    assert!(disposed.validate().is_ok());
}

#[test]
fn warnings_table() {
    use DeviceWarningKind::*;
    let today = day("2026-06-01");
    let rows: Vec<(&str, &str, Device, Vec<DeviceWarningKind>)> = vec![
        ("in order", "FAQ 6.1 (エ)", pc(), vec![]),
        (
            "support ended",
            "FAQ 6.1 (エ); checklist 2-⑥ (inferred)",
            Device {
                support_ends_on: Some(day("2026-05-31")),
                ..pc()
            },
            vec![SupportEnded],
        ),
        (
            "support ends on the day: still supported",
            "checklist 2-⑥",
            Device {
                support_ends_on: Some(today),
                ..pc()
            },
            vec![SupportEndsSoon],
        ),
        (
            "support ends within 90 days",
            "checklist 2-⑥",
            Device {
                support_ends_on: Some(day("2026-08-01")),
                ..pc()
            },
            vec![SupportEndsSoon],
        ),
        (
            "medical information without encryption",
            "FAQ 6.1 (エ) (inferred)",
            Device {
                stores_medical_information: true,
                encryption: Encryption::NotEncrypted,
                ..pc()
            },
            vec![NotEncrypted],
        ),
        (
            "medical information, encryption not recorded",
            "FAQ 6.1 (エ) (inferred)",
            Device {
                stores_medical_information: true,
                encryption: Encryption::NotRecorded,
                ..pc()
            },
            vec![NotEncrypted],
        ),
        (
            "tablet handed out without a place of use",
            "FAQ 6.1 R5",
            Device {
                kind: DeviceKind::Tablet,
                permitted_use: None,
                ..pc()
            },
            vec![UseNotRestricted],
        ),
        (
            "router without a place of use: no R5 warning",
            "FAQ 6.1 R5",
            Device {
                kind: DeviceKind::NetworkDevice,
                permitted_use: None,
                ..pc()
            },
            vec![],
        ),
        (
            "PC at the provider's premises",
            "FAQ 6.1 R5",
            Device {
                institution: None,
                permitted_use: None,
                ..pc()
            },
            vec![],
        ),
        (
            "disposed: no warnings",
            "FAQ 6.1 (エ)",
            Device {
                support_ends_on: Some(day("2020-01-01")),
                disposal: Some(Disposal {
                    on: day("2026-01-01"),
                    method: DisposalMethod::PhysicalDestruction,
                    erasure_certificate: None,
                }),
                ..pc()
            },
            vec![],
        ),
    ];
    for (name, section, device, expected) in rows {
        let d = device.validate().unwrap();
        let got: Vec<DeviceWarningKind> = device_warnings(&d, today, 90)
            .iter()
            .map(|w| w.kind)
            .collect();
        assert_eq!(got, expected, "{name} ({section})");
        for w in device_warnings(&d, today, 90) {
            assert!(w.rule.reference.starts_with("FAQ 6.1"), "{name}");
        }
    }
}

#[test]
fn stocktake_counts_per_institution() {
    // FAQ 6.1 R5: 台数の確認 per institution.
    let today = day("2026-06-01");
    let devices = vec![
        pc(),
        Device {
            serial: "PF-2".into(),
            kind: DeviceKind::Tablet,
            ..pc()
        },
        Device {
            serial: "PF-3".into(),
            stores_medical_information: true,
            support_ends_on: Some(day("2026-01-01")),
            ..pc()
        },
        Device {
            serial: "PF-4".into(),
            disposal: Some(Disposal {
                on: day("2026-02-01"),
                method: DisposalMethod::ReturnedToVendor,
                erasure_certificate: None,
            }),
            ..pc()
        },
        Device {
            serial: "R-1".into(),
            kind: DeviceKind::NetworkDevice,
            institution: Some(org(101)),
            ..pc()
        },
        Device {
            serial: "S-1".into(),
            kind: DeviceKind::Server,
            institution: None,
            ..pc()
        },
    ];
    let counts = stocktake(&devices, today);
    assert_eq!(counts.len(), 3);
    assert_eq!(counts[0].institution, None);
    assert_eq!(counts[0].in_service, 1);
    let h = counts
        .iter()
        .find(|c| c.institution == Some(org(100)))
        .unwrap();
    assert_eq!((h.in_service, h.disposed), (3, 1));
    assert_eq!(h.storing_medical_information, 1);
    assert_eq!(h.support_ended, 1);
    assert_eq!(h.by_kind[&DeviceKind::DedicatedPc], 2);
    assert_eq!(h.by_kind[&DeviceKind::Tablet], 1);
    let total: usize = counts.iter().map(|c| c.in_service + c.disposed).sum();
    assert_eq!(total, devices.len());
}

#[test]
fn duplicate_serials_are_named() {
    let devices = vec![
        pc().validate().unwrap(),
        Device {
            serial: "pf-3x9k2".into(),
            ..pc()
        }
        .validate()
        .unwrap(),
        Device {
            serial: "PF-3X9K2".into(),
            model: "Other".into(),
            ..pc()
        }
        .validate()
        .unwrap(),
    ];
    let errors = duplicate_serials(&devices);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "devices[1].serial");
    assert!(errors[0].message.contains("devices[0]"));
}
