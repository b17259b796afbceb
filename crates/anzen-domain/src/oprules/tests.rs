//! Table tests of the 運用管理規程 rules (GL 5.1.6 (1)(2), FAQ 6.1).

use jiff::Timestamp;
use uuid::Uuid;

use super::*;
use crate::ids::{OrgId, UserId};

fn org(n: u128) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(n))
}

fn person(org_n: u128, role: Role) -> Principal {
    Principal {
        user: UserId::from_uuid(Uuid::from_u128(1000 + org_n)),
        name: "担当者".into(),
        org: org(org_n),
        role,
        access_until: None,
    }
}

fn minimum(extra: &[(&str, &str)]) -> Vec<Section> {
    MINIMUM_ITEMS
        .iter()
        .rev()
        .map(|k| (*k, "内容"))
        .chain(extra.iter().copied())
        .map(|(k, b)| Section {
            key: k.into(),
            title: format!("事項 {k}"),
            body: b.into(),
            prefill: "manual".into(),
        })
        .collect()
}

/// GL 5.1.6 (2), FAQ 6.1: every item (ア)–(サ), not a closed list, bounded.
#[test]
fn rules_content_covers_every_minimum_item() {
    let ok = RulesContent::parse(minimum(&[("追加1", "テレワーク時の取扱い")])).unwrap();
    let keys: Vec<&str> = ok.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(&keys[..11], &MINIMUM_ITEMS, "minimum items first, in order");
    assert_eq!(
        keys[11], "追加1",
        "the provider's own item is kept (FAQ 6.1)"
    );

    struct Case {
        name: &'static str,
        sections: Vec<Section>,
        field: &'static str,
        says: &'static str,
    }
    let without =
        |k: &str| -> Vec<Section> { minimum(&[]).into_iter().filter(|s| s.key != k).collect() };
    let mut blank = minimum(&[]);
    blank[3].body = "  ".into();
    let mut dup = minimum(&[]);
    dup.push(dup[0].clone());
    let mut long = minimum(&[]);
    long[0].body = "あ".repeat(MAX_BODY + 1);
    let mut untitled = minimum(&[]);
    untitled[2].title = String::new();
    let cases = [
        Case {
            name: "(エ) missing",
            sections: without("エ"),
            field: "sections",
            says: "(エ) is missing",
        },
        Case {
            name: "(サ) missing",
            sections: without("サ"),
            field: "sections",
            says: "GL 5.1.6 (2)",
        },
        Case {
            name: "an empty body",
            sections: blank,
            field: "sections[3].body",
            says: "(ア)–(サ)",
        },
        Case {
            name: "an item twice",
            sections: dup,
            field: "sections[11].key",
            says: "twice",
        },
        Case {
            name: "a body too long",
            sections: long,
            field: "sections[0].body",
            says: "at most",
        },
        Case {
            name: "no title",
            sections: untitled,
            field: "sections[2].title",
            says: "title",
        },
        Case {
            name: "too many sections",
            sections: minimum(&[])
                .into_iter()
                .cycle()
                .take(MAX_SECTIONS + 1)
                .collect(),
            field: "sections",
            says: "at most",
        },
    ];
    for c in cases {
        let e = RulesContent::parse(c.sections).unwrap_err();
        assert_eq!(e.field, c.field, "{}", c.name);
        assert!(e.message.contains(c.says), "{}: {}", c.name, e.message);
    }
}

#[test]
fn a_new_version_must_change_something_and_the_digest_follows_the_content() {
    let a = RulesContent::parse(minimum(&[])).unwrap();
    let b = RulesContent::parse(minimum(&[("追加1", "x")])).unwrap();
    assert_ne!(a.digest(), b.digest());
    assert_eq!(
        a.digest(),
        RulesContent::parse(minimum(&[])).unwrap().digest()
    );
    assert_eq!(a.check_changed(Some(&a)).unwrap_err().field, "sections");
    assert!(b.check_changed(Some(&a)).is_ok());
    assert!(a.check_changed(None).is_ok());
}

fn response(inst: u128, kind: ResponseKind, digest: &str, secs: i64) -> Response {
    Response {
        id: format!("r{secs}"),
        institution: org(inst),
        kind,
        text: "t".into(),
        digest: digest.into(),
        user: UserId::from_uuid(Uuid::from_u128(9)),
        user_name: "x".into(),
        at: Timestamp::from_second(1_800_000_000 + secs).unwrap(),
    }
}

/// GL 5.1.6 (1), FAQ 6.1: where an institution stands on a version.
#[test]
fn standing_of_an_institution_on_a_version() {
    use ResponseKind::*;
    let cases: [(&str, Vec<Response>, Standing); 7] = [
        ("nothing yet", vec![], Standing::Pending),
        (
            "agreed",
            vec![response(2, Agree, "d1", 1)],
            Standing::Agreed,
        ),
        (
            "agreed to an older version only",
            vec![response(2, Agree, "d0", 1)],
            Standing::Pending,
        ),
        (
            "another institution agreed",
            vec![response(3, Agree, "d1", 1)],
            Standing::Pending,
        ),
        (
            "declined, unanswered",
            vec![response(2, Decline, "d1", 1)],
            Standing::Declined,
        ),
        (
            "asked, then answered",
            vec![response(2, Question, "d1", 1), response(2, Answer, "d1", 2)],
            Standing::Pending,
        ),
        (
            "answered, then declined again",
            vec![
                response(2, Decline, "d1", 1),
                response(2, Answer, "d1", 2),
                response(2, Decline, "d1", 3),
            ],
            Standing::Declined,
        ),
    ];
    for (name, responses, want) in cases {
        assert_eq!(standing(&responses, org(2), "d1"), want, "{name}");
    }
}

/// Who may agree, decline, ask and answer (GL 3.1.2, 5.1.6 (1)(2), FAQ 6.1).
#[test]
fn who_may_respond_to_a_version() {
    use ResponseKind::*;
    let provider = org(1);
    let covered = [org(2)];
    let declined = vec![response(2, Decline, "d1", 1)];
    let agreed = vec![response(2, Agree, "d1", 1)];
    struct Case {
        name: &'static str,
        who: Principal,
        kind: ResponseKind,
        institution: u128,
        responses: Vec<Response>,
        seen: &'static str,
        text: &'static str,
        refused: Option<(&'static str, &'static str)>,
    }
    let cases = vec![
        Case {
            name: "a covered institution agrees",
            who: person(2, Role::InstitutionReviewer),
            kind: Agree,
            institution: 2,
            responses: vec![],
            seen: "d1",
            text: "",
            refused: None,
        },
        Case {
            name: "an institution not covered",
            who: person(3, Role::InstitutionReviewer),
            kind: Agree,
            institution: 3,
            responses: vec![],
            seen: "d1",
            text: "",
            refused: Some(("institution", "do not cover")),
        },
        Case {
            name: "for another institution",
            who: person(2, Role::InstitutionReviewer),
            kind: Agree,
            institution: 3,
            responses: vec![],
            seen: "d1",
            text: "",
            refused: Some(("institution", "do not cover")),
        },
        Case {
            name: "the provider cannot agree for it",
            who: person(1, Role::ProviderAdmin),
            kind: Agree,
            institution: 2,
            responses: vec![],
            seen: "d1",
            text: "",
            refused: Some(("kind", "institution")),
        },
        Case {
            name: "a partner cannot",
            who: person(4, Role::Partner),
            kind: Question,
            institution: 2,
            responses: vec![],
            seen: "d1",
            text: "?",
            refused: Some(("kind", "institution")),
        },
        Case {
            name: "stale content",
            who: person(2, Role::InstitutionReviewer),
            kind: Agree,
            institution: 2,
            responses: vec![],
            seen: "d0",
            text: "",
            refused: Some(("digest", "changed")),
        },
        Case {
            name: "decline needs a reason",
            who: person(2, Role::InstitutionReviewer),
            kind: Decline,
            institution: 2,
            responses: vec![],
            seen: "d1",
            text: " ",
            refused: Some(("text", "reason")),
        },
        Case {
            name: "agree while own decline is open",
            who: person(2, Role::InstitutionReviewer),
            kind: Agree,
            institution: 2,
            responses: declined.clone(),
            seen: "d1",
            text: "",
            refused: Some(("digest", "declined")),
        },
        Case {
            name: "agree twice",
            who: person(2, Role::InstitutionReviewer),
            kind: Agree,
            institution: 2,
            responses: agreed.clone(),
            seen: "d1",
            text: "",
            refused: Some(("digest", "already agreed")),
        },
        Case {
            name: "a question after agreeing is fine",
            who: person(2, Role::InstitutionReviewer),
            kind: Question,
            institution: 2,
            responses: agreed,
            seen: "d1",
            text: "改訂予定は？",
            refused: None,
        },
        Case {
            name: "the provider answers a decline",
            who: person(1, Role::ProviderMember),
            kind: Answer,
            institution: 2,
            responses: declined.clone(),
            seen: "d1",
            text: "説明します",
            refused: None,
        },
        Case {
            name: "nothing to answer",
            who: person(1, Role::ProviderMember),
            kind: Answer,
            institution: 2,
            responses: vec![],
            seen: "d1",
            text: "説明",
            refused: Some(("institution", "no open")),
        },
        Case {
            name: "another provider cannot answer",
            who: person(5, Role::ProviderAdmin),
            kind: Answer,
            institution: 2,
            responses: declined.clone(),
            seen: "d1",
            text: "説明",
            refused: Some(("kind", "provider that set")),
        },
        Case {
            name: "an institution cannot answer",
            who: person(2, Role::InstitutionReviewer),
            kind: Answer,
            institution: 2,
            responses: declined,
            seen: "d1",
            text: "説明",
            refused: Some(("kind", "provider that set")),
        },
    ];
    for c in cases {
        let got = check_response(
            &c.who,
            c.kind,
            provider,
            org(c.institution),
            &covered,
            &c.responses,
            "d1",
            c.seen,
            c.text,
        );
        match (got, c.refused) {
            (Ok(_), None) => {}
            (Err(e), Some((field, says))) => {
                assert_eq!(e.field, field, "{}", c.name);
                assert!(e.message.contains(says), "{}: {}", c.name, e.message);
            }
            (got, want) => panic!("{}: got {got:?}, wanted refusal {want:?}", c.name),
        }
    }
}

/// GL 5.1.6 (2): which institutions agree to which version.
#[test]
fn a_version_covers_the_institutions_of_its_offerings() {
    use crate::ids::OfferingId;
    let ehr = OfferingId::from_uuid(Uuid::from_u128(50));
    let pacs = OfferingId::from_uuid(Uuid::from_u128(51));
    let contracts = [(org(2), ehr), (org(3), pacs), (org(4), ehr), (org(4), pacs)];
    assert_eq!(
        covered_institutions(None, &[], &contracts),
        vec![org(2), org(3), org(4)]
    );
    // The image service has rules of its own: the general version no longer covers them.
    assert_eq!(
        covered_institutions(None, &[pacs], &contracts),
        vec![org(2), org(4)]
    );
    assert_eq!(
        covered_institutions(Some(pacs), &[pacs], &contracts),
        vec![org(3), org(4)]
    );
    assert!(covered_institutions(Some(ehr), &[], &[]).is_empty());
}
