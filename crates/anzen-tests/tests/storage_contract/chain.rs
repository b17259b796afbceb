//! The supply chain: a subcontractor's change reaches exactly the parties built on it, by
//! mail through a real SMTP peer; agreements it touches need agreeing again; cycles are
//! refused; certifications, the device ledger and disclosures stay within reach.

use std::sync::Arc;

use anzen_app::AppError;
use anzen_app::ports::prelude::*;
use anzen_app::ports::{Page, Reach};
use anzen_app::supply::SupplyLinkInput;
use anzen_domain::access::Role;
use anzen_domain::chain::{
    AgreementKind, AgreementStatus, Device, DeviceKind, Encryption, NewCertification,
};
use anzen_tests::fixtures::{self, cloud_ehr_profile, iaas_profile, operator};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    a_subcontractors_change_reaches_exactly_the_parties_built_on_it,
    a_supply_link_that_forms_a_cycle_is_refused,
    agreements_are_versioned_and_agreed_by_both_parties,
    the_ledger_and_disclosures_stay_within_reach,
);

async fn a_subcontractors_change_reaches_exactly_the_parties_built_on_it(db: &TestDb) {
    let sink = anzen_mail::sink::SmtpSink::start().await.unwrap();
    let mailer = anzen_mail::SmtpMailer::new(&sink.url(), "anzen@test.example").unwrap();
    let app = db.app().with_mailer(Arc::new(mailer));
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let iaas = fixtures::partner(&app, "IaaS KK").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let c = fixtures::hospital(&app, "Clinic").await;
    let region = fixtures::offering(&app, &iaas, iaas_profile("Tokyo region")).await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let other = fixtures::offering(&app, &b, cloud_ehr_profile("B's EHR")).await;
    app.add_supply_link(
        &operator(),
        SupplyLinkInput {
            offering: ehr.id.to_string(),
            code: "I1".into(),
            supplier: iaas.id.to_string(),
            supplier_offering: region.id.to_string(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let with_h = fixtures::contract(&app, &h, &a, &ehr).await;
    let with_c = fixtures::contract(&app, &c, &b, &other).await;
    fixtures::user(&app, &a, Role::ProviderMember, "ops@a.example").await;
    fixtures::user(&app, &h, Role::InstitutionReviewer, "it@hospital.example").await;
    fixtures::user(&app, &c, Role::InstitutionReviewer, "it@clinic.example").await;
    fixtures::user(&app, &b, Role::ProviderMember, "ops@b.example").await;
    let partner = fixtures::user_caller(&app, &iaas, Role::Partner, "noc@iaas.example").await;
    let provider_a = fixtures::member_of(&a);
    let ah = app
        .open_agreement(
            &provider_a,
            with_h.id,
            AgreementKind::ProviderInstitution,
            None,
        )
        .await
        .unwrap();
    let bc = app
        .open_agreement(
            &fixtures::member_of(&b),
            with_c.id,
            AgreementKind::ProviderInstitution,
            None,
        )
        .await
        .unwrap();
    // Earlier changes (the link above) already notified; count from here.
    let before = sink.received().len();

    let (notification, recipients) = app
        .announce_change(
            &partner,
            "offering",
            &region.id.to_string(),
            "東京リージョンの基盤更新 / region hardware refresh",
        )
        .await
        .unwrap();
    let mut reached: Vec<_> = recipients.iter().map(|r| r.org).collect();
    reached.sort();
    let mut expected = vec![a.id, h.id];
    expected.sort();
    assert_eq!(
        reached, expected,
        "the provider built on the IaaS and its institution, and no one else"
    );

    // The mail goes out from the job queue over SMTP.
    assert_eq!(app.run_due_jobs("test-worker").await.unwrap(), 2);
    let mails: Vec<_> = sink.received().into_iter().skip(before).collect();
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["it@hospital.example", "ops@a.example"]);
    assert!(mails[0].data.contains("Subject:"), "{}", mails[0].data);
    let (_, delivered) = db.store.notification(&notification.id).await.unwrap();
    assert!(
        delivered
            .iter()
            .all(|r| r.mail_status == "sent" && r.mailed_at.is_some())
    );

    // The agreement on the affected contract needs agreeing again; the other does not.
    let agreements = db.store.agreements(Reach::Everything, None).await.unwrap();
    let find = |id: &str| agreements.iter().find(|x| x.id == id).unwrap().clone();
    assert!(find(&ah.id).reagreement_reason.is_some());
    assert!(find(&bc.id).reagreement_reason.is_none());

    // The hospital sees it in its inbox and acknowledges it.
    let hospital_it = fixtures::member_of(&h);
    let inbox = app.inbox(&hospital_it, Page::all()).await.unwrap();
    assert_eq!(inbox.total, 1);
    let unacknowledged = |l: &anzen_app::ports::Listed<anzen_app::ports::Inbox>| {
        l.rows
            .iter()
            .filter(|i| i.recipient.acknowledged_at.is_none())
            .count() as i64
    };
    assert_eq!(db.store.unacknowledged_count(h.id).await.unwrap(), 1);
    assert_eq!(
        db.store.unacknowledged_count(h.id).await.unwrap(),
        unacknowledged(&inbox)
    );
    assert_eq!(
        app.unacknowledged_notifications(&hospital_it)
            .await
            .unwrap(),
        1
    );
    app.acknowledge_notification(&hospital_it, &notification.id)
        .await
        .unwrap();
    let inbox = app.inbox(&hospital_it, Page::all()).await.unwrap();
    assert_eq!(db.store.unacknowledged_count(h.id).await.unwrap(), 0);
    assert_eq!(
        db.store.unacknowledged_count(h.id).await.unwrap(),
        unacknowledged(&inbox)
    );
    assert_eq!(
        app.unacknowledged_notifications(&hospital_it)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        db.store.unacknowledged_count(c.id).await.unwrap(),
        0,
        "the clinic was not reached"
    );
    assert!(
        app.inbox(&hospital_it, Page::all()).await.unwrap().rows[0]
            .recipient
            .acknowledged_at
            .is_some()
    );
    assert_eq!(
        app.inbox(&fixtures::member_of(&c), Page::all())
            .await
            .unwrap()
            .total,
        0,
        "the clinic was not reached"
    );
}

async fn a_supply_link_that_forms_a_cycle_is_refused(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let oa = fixtures::offering(&app, &a, cloud_ehr_profile("A")).await;
    let ob = fixtures::offering(&app, &b, iaas_profile("B")).await;
    app.add_supply_link(
        &operator(),
        SupplyLinkInput {
            offering: oa.id.to_string(),
            code: "P1".into(),
            supplier: b.id.to_string(),
            supplier_offering: ob.id.to_string(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let cycle = app
        .add_supply_link(
            &operator(),
            SupplyLinkInput {
                offering: ob.id.to_string(),
                code: "A1".into(),
                supplier: a.id.to_string(),
                supplier_offering: oa.id.to_string(),
                ..Default::default()
            },
        )
        .await;
    assert!(
        matches!(cycle, Err(AppError::Invalid(ref e)) if e.field == "supplier_offering"),
        "{cycle:?}"
    );
    assert_eq!(
        db.store
            .list_supply_links(Reach::Everything, None)
            .await
            .unwrap()
            .len(),
        1,
        "nothing was written"
    );
}

async fn agreements_are_versioned_and_agreed_by_both_parties(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let contract = fixtures::contract(&app, &h, &a, &o).await;
    let pm = fixtures::user_caller(&app, &a, Role::ProviderMember, "pm@a.example").await;
    let it = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let other = fixtures::hospital(&app, "Other").await;
    let stranger =
        fixtures::user_caller(&app, &other, Role::InstitutionReviewer, "it@o.example").await;
    let v1 = app
        .open_agreement(&pm, contract.id, AgreementKind::ProviderInstitution, None)
        .await
        .unwrap();
    assert!(
        app.open_agreement(&it, contract.id, AgreementKind::ProviderInstitution, None)
            .await
            .is_err(),
        "institutions do not open agreements"
    );
    assert!(
        app.agree(&stranger, &v1.id, &v1.digest).await.is_err(),
        "a stranger cannot even see it"
    );
    assert!(
        app.agree(&it, &v1.id, "stale").await.is_err(),
        "a consent quotes the content it saw"
    );
    app.agree(&pm, &v1.id, &v1.digest).await.unwrap();
    let both = app.agree(&it, &v1.id, &v1.digest).await.unwrap();
    assert_eq!(
        anzen_app::chain::agreement_status(&both).unwrap(),
        AgreementStatus::Agreed
    );
    // A change makes version 2, which needs both parties again.
    let mut entries = both.entries.clone();
    let first = entries[0].duty.clone();
    entries.retain(|e| e.duty != first);
    let v2 = app
        .revise_agreement(&pm, &v1.id, entries, Vec::new())
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(
        anzen_app::chain::agreement_status(&v2).unwrap(),
        AgreementStatus::Open
    );
    assert_eq!(app.agreement_history(&it, &v1.id).await.unwrap().len(), 2);
    assert_eq!(
        app.list_agreements(&it, None).await.unwrap().len(),
        1,
        "the institution sees its agreement"
    );
}

async fn the_ledger_and_disclosures_stay_within_reach(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    let pa = fixtures::member_of(&a);
    let it = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let cert = NewCertification {
        kind: "isms".into(),
        scope: "クラウド電子カルテの開発・運用".into(),
        issuer: "認証機関".into(),
        valid_from: "2025-04-01".into(),
        valid_to: "2027-03-31".into(),
        ..Default::default()
    };
    app.add_certification(&pa, cert.clone()).await.unwrap();
    let bad = NewCertification {
        valid_to: "2024-01-01".into(),
        ..cert
    };
    assert!(
        app.add_certification(&pa, bad).await.is_err(),
        "a certificate cannot end before it starts"
    );
    assert_eq!(
        app.list_certifications(&it).await.unwrap().len(),
        1,
        "the institution sees its provider's certificate"
    );
    assert_eq!(
        app.list_certifications(&fixtures::member_of(&b))
            .await
            .unwrap()
            .len(),
        0
    );

    let device = Device {
        kind: DeviceKind::Tablet,
        model: "Tab X".into(),
        serial: "SN-0001".into(),
        institution: Some(h.id),
        location: "外来診察室".into(),
        permitted_use: Some("院内のみ".into()),
        holder: "看護部".into(),
        stores_medical_information: false,
        encryption: Encryption::Encrypted,
        os_firmware: None,
        support_ends_on: None,
        disposal: None,
    };
    app.add_device(&pa, device.clone()).await.unwrap();
    let no_serial = app
        .add_device(
            &pa,
            Device {
                serial: "  ".into(),
                ..device.clone()
            },
        )
        .await;
    assert!(
        matches!(no_serial, Err(AppError::Invalid(ref e)) if e.field == "serial"),
        "{no_serial:?}"
    );
    let dup = app.add_device(&pa, device).await;
    assert!(
        matches!(dup, Err(AppError::Invalid(ref e)) if e.field == "serial"),
        "{dup:?}"
    );
    assert_eq!(
        app.list_devices(&it, None, Page::all())
            .await
            .unwrap()
            .total,
        1,
        "the institution sees the devices deployed at it"
    );
    assert_eq!(
        app.list_devices(&fixtures::member_of(&b), None, Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(app.device_stocktake(&pa).await.unwrap().len(), 1);

    let items = app.disclosure_items(&pa, h.id).await.unwrap();
    assert!(items.iter().any(|i| i.key == "①-1" && i.stage == "early"));
    assert!(items.iter().any(|i| i.stage == "contract"));
    app.disclose(&pa, &h.id.to_string(), "②-1", "日本国内（東京・大阪）")
        .await
        .unwrap();
    assert!(
        app.disclose(&pa, &h.id.to_string(), "②-1", " ")
            .await
            .is_err()
    );
    assert_eq!(app.list_disclosures(&it, None).await.unwrap().len(), 1);
    assert_eq!(
        app.list_disclosures(&fixtures::member_of(&b), None)
            .await
            .unwrap()
            .len(),
        0
    );
}
