//! Use-cases for supply links: which components of an offering other providers supply, who
//! selected them and who holds the contract (GL 2.2.1–2.2.3, FAQ 2.1).

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::{OfferingId, SupplyLinkId};
use anzen_domain::org::OrgKind;
use anzen_domain::supply::{ComponentCode, NewSupplyLink, SupplyLink};
use anzen_domain::text::optional_text;

use crate::audit::event;
use crate::error::or_busy;
use crate::{App, AppError, Caller, new_uuid};

/// The input of [`App::add_supply_link`], as typed by a user.
#[derive(Debug, Clone, Default)]
pub struct SupplyLinkInput {
    pub offering: String,
    pub code: String,
    pub supplier: String,
    /// Optional: the supplier's own offering in anzen.
    pub supplier_offering: String,
    /// Optional: defaults to the offering's provider.
    pub selected_by: String,
    /// Optional: defaults to the offering's provider.
    pub contract_holder: String,
    /// `known` (default) or `unknown`: whether the offering's provider can see into the
    /// component (FAQ 2.1 R3).
    pub visibility: String,
    pub description: String,
}

const SUPPLIER_KINDS: &[OrgKind] = &[OrgKind::Provider, OrgKind::Partner];
const PARTY_KINDS: &[OrgKind] = &[
    OrgKind::Provider,
    OrgKind::Partner,
    OrgKind::MedicalInstitution,
];

impl App {
    /// Records that a component of an offering is supplied by another provider.
    pub async fn add_supply_link(
        &self,
        caller: &Caller,
        input: SupplyLinkInput,
    ) -> Result<SupplyLink, AppError> {
        let reach = self.reach(caller, Subject::SupplyLinks, Action::Write)?;
        let offering_id = OfferingId::parse_field("offering", &input.offering)?;
        let code = ComponentCode::parse_field("code", &input.code)?;
        let description = optional_text("description", &input.description, 2000)?;
        let mut tx = self.store().begin().await?;
        let offering = tx.offering(reach, offering_id).await.map_err(or_busy(|| {
            FieldError::new("offering", format!("no offering with id {offering_id}"))
        }))?;
        let supplier = self
            .org_of_kind(
                tx.as_ref(),
                caller,
                "supplier",
                &input.supplier,
                SUPPLIER_KINDS,
            )
            .await?;
        let supplier_offering = if input.supplier_offering.trim().is_empty() {
            None
        } else {
            let id = OfferingId::parse_field("supplier_offering", &input.supplier_offering)?;
            let so = tx
                .offering(Reach::Owned(supplier.id), id)
                .await
                .map_err(or_busy(|| {
                    FieldError::new(
                        "supplier_offering",
                        format!("`{}` offers no offering with id {id}", supplier.name),
                    )
                }))?;
            Some(so.id)
        };
        let selected_by = if input.selected_by.trim().is_empty() {
            offering.provider
        } else {
            self.org_of_kind(
                tx.as_ref(),
                caller,
                "selected_by",
                &input.selected_by,
                PARTY_KINDS,
            )
            .await?
            .id
        };
        let contract_holder = if input.contract_holder.trim().is_empty() {
            offering.provider
        } else {
            self.org_of_kind(
                tx.as_ref(),
                caller,
                "contract_holder",
                &input.contract_holder,
                PARTY_KINDS,
            )
            .await?
            .id
        };
        let new = NewSupplyLink {
            owner: offering.provider,
            offering: offering.id,
            code,
            supplier: supplier.id,
            supplier_offering,
            selected_by,
            contract_holder,
            visibility: if input.visibility.trim().is_empty() {
                anzen_domain::chain::Visibility::Known
            } else {
                anzen_domain::chain::Visibility::parse_field("visibility", &input.visibility)?
            },
            description,
        }
        .validate()?;
        // A link that would make the chain loop back on itself is refused (GL 2.2).
        anzen_domain::chain::would_create_cycle(&self.chain_index_in(tx.as_ref()).await?, &new)?;
        let link = SupplyLink {
            id: SupplyLinkId::from_uuid(new_uuid()),
            owner: new.owner,
            offering: new.offering,
            code: new.code,
            supplier: new.supplier,
            supplier_offering: new.supplier_offering,
            selected_by: new.selected_by,
            contract_holder: new.contract_holder,
            visibility: new.visibility,
            description: new.description,
            created_at: self.now(),
        };
        tx.insert_supply_link(&link).await?;
        let after = serde_json::to_value(&link).expect("a supply link serialises");
        let summary = format!(
            "{}: {} ← {}",
            offering.name,
            link.code.code(),
            supplier.name
        );
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "supply_link.create",
                "supply_link",
                link.id,
                Some(link.owner),
                None,
                Some(&after),
                summary,
            ),
        )
        .await?;
        // The offering's risks were assessed on the chain as it was: every one is marked for
        // review in this transaction (GL 2.2, 5.1.7; the domain's `Change::SupplyChain`), and
        // so are those of every offering built on it, whose chain the new link is part of
        // (FAQ 2.2: a provider manages the risks of what its offering is built on).
        let reason = anzen_domain::risk::ReviewReason::SupplyChainChanged {
            link: link.id.to_string(),
            code: link.code.code().to_owned(),
            supplier: supplier.name.to_string(),
        };
        let index = self.chain_index_in(tx.as_reads()).await?;
        let mut reached = vec![(offering.provider, offering.id)];
        reached.extend(
            index
                .built_on(offering.id)
                .into_iter()
                .filter_map(|o| index.provider_of(o).map(|p| (p, o))),
        );
        for (provider, o) in reached {
            let rows = self.offering_risk_rows(tx.as_reads(), provider, o).await?;
            self.flag_for_review(
                tx.as_mut(),
                caller,
                rows,
                anzen_domain::risk::review::Change::SupplyChain,
                &[],
                &reason,
            )
            .await?;
        }
        // The parties built on the offering hear of the change with it (FAQ 2.1 R5).
        self.record_notification(
            tx.as_mut(),
            caller,
            anzen_domain::chain::Change::SupplyLink(link.id),
            Some(link.owner),
            &format!(
                "{}: {} の構成要素を追加 / component added",
                offering.name,
                link.code.code()
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(link)
    }

    /// Supply links the caller can see, optionally of one offering.
    pub async fn list_supply_links(
        &self,
        caller: &Caller,
        offering: Option<OfferingId>,
    ) -> Result<Vec<SupplyLink>, AppError> {
        let reach = self.reach(caller, Subject::SupplyLinks, Action::Read)?;
        Ok(self.store().list_supply_links(reach, offering).await?)
    }
}
