//! Issue 5's story over HTTP (FAQ 2.1, GL 2.2.2, 3.2.1): an IaaS change by a subcontractor
//! notifies the right institutions and providers, and no one else; mail arrives at an SMTP
//! sink for exactly their users; the affected agreements need re-agreement.
//!
//! The demo's cloud EHR provider (さくら) runs its EHR and its care-records service on the
//! IaaS region of a partner (ひのき) that it selected and contracts (GL 2.2.2 case 1); a
//! hospital and a clinic contract the EHR, a care provider the care-records service. A
//! second, unrelated provider (もみじ) has its own clinic and contract. Agreements are opened
//! on the contracts through the API. The partner's user announces a change of its region
//! through the form; every party built on it hears of it, in the app and by mail from the
//! job queue; the agreements of the touched contracts show "re-agreement needed", the
//! unrelated provider's does not; the hospital acknowledges the notice.

use crate::api_support;
use crate::support;

use anzen_app::Caller;
use anzen_app::accounts::UserInput;
use anzen_app::contracts::ContractInput;
use anzen_app::offerings::OfferingInput;
use anzen_app::orgs::OrganisationInput;
use anzen_app::ports::Page;
use anzen_domain::access::Role;
use anzen_domain::ids::OrgId;
use anzen_domain::scope::ScopeProfile;
use api_support::{Reply, call};
use serde_json::{Value, json};
use support::{PASSWORD, TestApp, csrf_of, location};

fn ok(r: &Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
}

fn org(t: &TestApp, name: &str) -> String {
    t.demo.org(name).unwrap().id.to_string()
}

fn offering(t: &TestApp, name: &str) -> String {
    t.demo
        .offerings
        .iter()
        .find(|o| o.name.as_str() == name)
        .unwrap()
        .id
        .to_string()
}

/// A user of `org` with an API token (no MFA needed for these roles).
async fn user_token(t: &TestApp, org: &str, login: &str, role: Role) -> String {
    t.app
        .add_user(
            &Caller::operator("story"),
            UserInput {
                org: org.into(),
                login: login.into(),
                display_name: login.into(),
                role: role.code().into(),
                password: PASSWORD.into(),
                access_until: String::new(),
                must_change_password: Some(false),
            },
        )
        .await
        .unwrap();
    let step = t.app.sign_in(login, PASSWORD, "story").await.unwrap();
    let ctx = t.app.session_context(&step.token).await.unwrap();
    t.app
        .create_api_token(&ctx, "story", None)
        .await
        .unwrap()
        .secret
}

/// The inbox of a token's organisation, without the notices in `known` (those of the demo's
/// own set-up, sent before the story starts).
async fn inbox(t: &TestApp, token: &str, known: &[Value]) -> Vec<Value> {
    let r = call(t, "GET", "/notifications", Some(token), None).await;
    ok(&r, 200, "the inbox");
    r.items()
        .iter()
        .filter(|n| !known.contains(&n["id"]))
        .cloned()
        .collect()
}

/// The contract of `institution` for `offering`, as the provider's member lists it.
async fn contract_of(t: &TestApp, token: &str, institution: &str, offering: &str) -> String {
    let r = call(
        t,
        "GET",
        &format!("/contracts?institution={institution}&offering={offering}"),
        Some(token),
        None,
    )
    .await;
    ok(&r, 200, "the contract");
    r.items()[0]["id"].as_str().unwrap().to_owned()
}

async fn open_agreement(t: &TestApp, token: &str, contract: &str, body: Value) -> String {
    let r = call(
        t,
        "POST",
        &format!("/contracts/{contract}/agreements"),
        Some(token),
        Some(&body),
    )
    .await;
    ok(&r, 201, "an agreement");
    assert_eq!(r.body["status"], "open");
    assert_eq!(r.body["reagreement_needed"], false);
    r.body["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_iaas_change_reaches_exactly_the_parties_built_on_it() {
    let t = TestApp::spawn_with_mail().await;
    let sink = t.sink.clone().expect("a mail sink");
    let op = Caller::operator("story");
    let sakura = org(&t, anzen_app::demo::CLOUD_EHR_PROVIDER);
    let hinoki = org(&t, anzen_app::demo::IAAS);
    let kaede = org(&t, anzen_app::demo::DEV_SUBCONTRACTOR);
    let hospital = org(&t, anzen_app::demo::HOSPITAL);
    let clinic = org(&t, anzen_app::demo::CLINIC);
    let care = org(&t, anzen_app::demo::CARE_PROVIDER);
    let ehr = offering(&t, "さくらクラウド電子カルテ");
    let care_records = offering(&t, "さくら介護記録クラウド");
    let region = offering(&t, "ひのきIaaS 東京リージョン");

    // A second provider, unrelated to the IaaS, with its own clinic and contract.
    let add_org = |kind: &str, ik: &str, name: &str, by: &str| {
        let input = OrganisationInput {
            kind: kind.into(),
            institution_kind: ik.into(),
            name: name.into(),
            registered_by: by.into(),
        };
        let (app, op) = (t.app.clone(), op.clone());
        async move {
            app.add_organisation(&op, input)
                .await
                .unwrap()
                .id
                .to_string()
        }
    };
    let momiji = add_org("provider", "", "もみじヘルスケア株式会社", "").await;
    let momiji_clinic = add_org("medical_institution", "clinic", "もみじ眼科", &momiji).await;
    let mut profile = ScopeProfile::new("もみじ予約システム");
    profile.contract.provision = true;
    profile.handles_medical_information = true;
    let booking = t
        .app
        .add_offering(
            &op,
            OfferingInput {
                provider: momiji.clone(),
                name: "もみじ予約システム".into(),
                description: String::new(),
                profile,
            },
        )
        .await
        .unwrap();
    t.app
        .add_contract(
            &op,
            ContractInput {
                institution: momiji_clinic.clone(),
                provider: momiji.clone(),
                offering: booking.id.to_string(),
                kind: "provision".into(),
                starts_on: "2026-04-01".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();

    // Users with mail addresses for every organisation that could be told.
    let member = t.token(Role::ProviderMember).await;
    let hospital_it = t.token(Role::InstitutionReviewer).await;
    let partner = t.token(Role::Partner).await;
    let clinic_it = user_token(
        &t,
        &clinic,
        "it@yamabuki.example",
        Role::InstitutionReviewer,
    )
    .await;
    let care_it = user_token(&t, &care, "it@hidamari.example", Role::InstitutionReviewer).await;
    let momiji_member = user_token(&t, &momiji, "ops@momiji.example", Role::ProviderMember).await;
    let momiji_clinic_it = user_token(
        &t,
        &momiji_clinic,
        "it@momiji-clinic.example",
        Role::InstitutionReviewer,
    )
    .await;

    // The chain as the hospital sees it: the IaaS region, selected and contracted by さくら,
    // is managed within さくら's risk management (GL 2.2.2 case 1, FAQ 2.1 R1).
    let chain = call(
        &t,
        "GET",
        &format!("/offerings/{ehr}/chain?institution={hospital}"),
        Some(&hospital_it),
        None,
    )
    .await;
    ok(&chain, 200, "the chain");
    assert_eq!(chain.body["assessment"]["form"], "several_providers");
    let iaas = chain.body["assessment"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["supplier"]["org"] == hinoki.as_str())
        .expect("the IaaS component");
    assert_eq!(iaas["case"], "selected_and_contracted");
    assert_eq!(iaas["managed_by"]["org"], sakura.as_str());
    assert!(
        iaas["duties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["kind"] == "manage_risks" && d["bearer"]["org"] == sakura.as_str()),
        "{iaas}"
    );

    // Agreements on the contracts, opened through the API by each provider.
    let with_hospital = contract_of(&t, &member, &hospital, &ehr).await;
    let with_clinic = contract_of(&t, &member, &clinic, &ehr).await;
    let with_care = contract_of(&t, &member, &care, &care_records).await;
    let momiji_contract =
        contract_of(&t, &momiji_member, &momiji_clinic, &booking.id.to_string()).await;
    let kind = json!({"kind": "provider_institution"});
    let a_hospital = open_agreement(&t, &member, &with_hospital, kind.clone()).await;
    let a_clinic = open_agreement(&t, &member, &with_clinic, kind.clone()).await;
    let a_care = open_agreement(&t, &member, &with_care, kind.clone()).await;
    let a_dev = open_agreement(
        &t,
        &member,
        &with_hospital,
        json!({"kind": "internal", "subcontractor": kaede}),
    )
    .await;
    let a_momiji = open_agreement(&t, &momiji_member, &momiji_contract, kind).await;
    // The hospital and さくら agree to version 1 before anything changes.
    for token in [&member, &hospital_it] {
        let d = call(
            &t,
            "GET",
            &format!("/agreements/{a_hospital}"),
            Some(token),
            None,
        )
        .await;
        ok(&d, 200, "the agreement");
        let digest = d.body["agreement"]["digest"].as_str().unwrap().to_owned();
        let r = call(
            &t,
            "POST",
            &format!("/agreements/{a_hospital}/agree"),
            Some(token),
            Some(&json!({"digest": digest})),
        )
        .await;
        ok(&r, 200, "agreement to version 1");
    }
    let agreed = call(
        &t,
        "GET",
        &format!("/agreements/{a_hospital}"),
        Some(&member),
        None,
    )
    .await;
    assert_eq!(agreed.body["agreement"]["status"], "agreed");

    // Nobody has been told anything of the story yet (the demo's set-up sent its own
    // notices of the components it added, of its past incident and of the changes it
    // announced; they are set aside).
    let mut known = Vec::new();
    for token in [
        &member,
        &hospital_it,
        &clinic_it,
        &care_it,
        &momiji_member,
        &momiji_clinic_it,
        &partner,
    ] {
        for n in inbox(&t, token, &[]).await {
            assert_eq!(
                n["created_by"], "operator:demo",
                "only the demo's set-up: {n}"
            );
            known.push(n["id"].clone());
        }
    }
    // The mails of the demo's own announcements go out first.
    t.app.run_due_jobs("test").await.unwrap();
    let mailed_before = sink.received().len();

    // The partner's user announces the IaaS change through the form.
    let c = t.client();
    t.sign_in(&c, Role::Partner).await;
    let form = c
        .get(t.url("/notifications/new"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains(&format!(r#"<option value="{region}">"#)),
        "{form}"
    );
    let res = c
        .post(t.url("/notifications"))
        .form(&[
            ("csrf_token", csrf_of(&form).as_str()),
            ("kind", "offering"),
            ("offering", region.as_str()),
            (
                "summary",
                "東京リージョンのストレージ基盤を更新します / storage refresh in the Tokyo region",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/notifications");

    // The right institutions and providers, and no one else.
    let expect_one = |items: &Vec<Value>, why: &str, who: &str| {
        assert_eq!(items.len(), 1, "{who}: {items:?}");
        assert_eq!(items[0]["from"], hinoki.as_str(), "{who}");
        assert_eq!(items[0]["change"], "offering", "{who}");
        assert_eq!(items[0]["change_ref"], region.as_str(), "{who}");
        assert!(
            items[0]["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == why),
            "{who}: {items:?}"
        );
    };
    let notice = inbox(&t, &member, &known).await;
    expect_one(&notice, "builds_on", "さくら");
    expect_one(
        &inbox(&t, &hospital_it, &known).await,
        "contracts",
        "the hospital",
    );
    expect_one(
        &inbox(&t, &clinic_it, &known).await,
        "contracts",
        "the clinic",
    );
    expect_one(
        &inbox(&t, &care_it, &known).await,
        "contracts",
        "the care provider",
    );
    assert!(
        inbox(&t, &partner, &known).await.is_empty(),
        "not the origin itself"
    );
    assert!(
        inbox(&t, &momiji_member, &known).await.is_empty(),
        "not the unrelated provider"
    );
    assert!(
        inbox(&t, &momiji_clinic_it, &known).await.is_empty(),
        "not its clinic"
    );
    let in_org = |o: &str| Caller::Operator {
        name: "story".into(),
        org: Some(o.parse().unwrap()),
    };
    for (name, o) in [
        ("the development subcontractor", kaede.clone()),
        ("the PHR provider", org(&t, anzen_app::demo::PHR_PROVIDER)),
        (
            "the maintenance vendor",
            org(&t, anzen_app::demo::MAINTENANCE_VENDOR),
        ),
    ] {
        let fresh = t
            .app
            .inbox(&in_org(&o), Page::all())
            .await
            .unwrap()
            .rows
            .into_iter()
            .filter(|n| n.notification.change_kind != "supply_link")
            .count();
        assert_eq!(fresh, 0, "{name} is not built on the IaaS");
    }

    // Mail goes out from the job queue, to exactly the users of the notified organisations.
    let notified: Vec<OrgId> = [&sakura, &hospital, &clinic, &care]
        .iter()
        .map(|o| o.parse().unwrap())
        .collect();
    let mut expected: Vec<String> = Vec::new();
    for o in &notified {
        expected.extend(t.app.store().emails_of(*o).await.unwrap());
    }
    expected.sort();
    for address in [
        "member@sakura-medical.example",
        "it@minato-hospital.example",
        "it@yamabuki.example",
        "it@hidamari.example",
    ] {
        assert!(
            expected.iter().any(|e| e == address),
            "{address} in {expected:?}"
        );
    }
    assert_eq!(t.app.run_due_jobs("test").await.unwrap(), notified.len());
    let mails: Vec<_> = sink.received().into_iter().skip(mailed_before).collect();
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to, expected,
        "mail to exactly the notified organisations' users"
    );
    for m in &mails {
        assert!(m.data.contains("Subject:"), "{}", m.data);
    }
    for other in [
        "ops@momiji.example",
        "it@momiji-clinic.example",
        "partner@hinoki-cloud.example",
    ] {
        assert!(!to.iter().any(|a| a == other), "{other} was mailed");
    }
    let sent = inbox(&t, &hospital_it, &known).await;
    assert_eq!(sent[0]["mail_status"], "sent");

    // The agreements of the touched contracts need agreeing again; the other does not.
    for (who, id, token) in [
        ("hospital", &a_hospital, &member),
        ("clinic", &a_clinic, &member),
        ("care provider", &a_care, &member),
        ("development subcontractor", &a_dev, &member),
        ("hospital, as it sees it", &a_hospital, &hospital_it),
    ] {
        let d = call(&t, "GET", &format!("/agreements/{id}"), Some(token), None).await;
        ok(&d, 200, who);
        assert_eq!(d.body["agreement"]["reagreement_needed"], true, "{who}");
        assert!(
            d.body["agreement"]["reagreement_reason"]
                .as_str()
                .unwrap()
                .contains("東京リージョン"),
            "{who}"
        );
    }
    let unrelated = call(
        &t,
        "GET",
        &format!("/agreements/{a_momiji}"),
        Some(&momiji_member),
        None,
    )
    .await;
    ok(&unrelated, 200, "the unrelated agreement");
    assert_eq!(unrelated.body["agreement"]["reagreement_needed"], false);
    // …and on the pages.
    let provider = t.client();
    t.sign_in(&provider, Role::ProviderMember).await;
    let page = provider
        .get(t.url(&format!("/agreements/{a_hospital}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"id="reagreement-needed""#), "{page}");
    let list = provider
        .get(t.url(&format!("/contracts/{with_clinic}/agreements")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("reagreement-needed"), "{list}");
    let home = provider
        .get(t.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains(r#"id="tile-notifications-unacknowledged""#));

    // The hospital acknowledges the notice with the inbox's button.
    let hospital_page = t.client();
    t.sign_in(&hospital_page, Role::InstitutionReviewer).await;
    let html = hospital_page
        .get(t.url("/notifications"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("東京リージョンのストレージ基盤を更新します"));
    let id = notice[0]["id"].as_str().unwrap();
    let res = hospital_page
        .post(t.url(&format!("/notifications/{id}/acknowledge")))
        .form(&[("csrf_token", csrf_of(&html).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let after = inbox(&t, &hospital_it, &known).await;
    assert!(after[0]["acknowledged_at"].is_string());
    assert!(
        inbox(&t, &clinic_it, &known).await[0]["acknowledged_at"].is_null(),
        "one institution's acknowledgement is its own"
    );
}
