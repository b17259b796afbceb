//! The classification of provision-form cases (FAQ 2, 2.1; GL 2.2.1–2.2.3): [`classify`]
//! and its helpers. The types are in `provision.rs`.

use std::collections::HashMap;

use super::provision::{
    ChainAssessment, ChainComponent, ChainView, ComponentAssessment, ComponentCase, ProvisionForm,
    Visibility,
};
use super::provision_texts as t;
use super::rule::{ChainRole, Duty, DutyKind, Finding, Party};
use crate::FieldError;
use crate::ids::{OfferingId, OrgId};

fn err(field: String, message: impl Into<String>) -> FieldError {
    FieldError::new(field, message)
}

/// Checks the view and orders its offerings so that every offering comes after the
/// components that use it (parents first). Returns the offering order.
fn order_offerings(view: &ChainView) -> Result<Vec<OfferingId>, FieldError> {
    if view.institution == view.provider {
        return Err(err(
            "institution".into(),
            "the institution and the provider must be different organisations",
        ));
    }
    let contracts_a = view
        .institution_contracts
        .iter()
        .any(|c| c.provider == view.provider && c.offering.is_none_or(|o| o == view.offering));
    if !contracts_a {
        return Err(err(
            "institution_contracts".into(),
            "the institution has no contract with the offering's provider; a provision form is assessed for an institution that contracts the offering (GL 2.2)",
        ));
    }
    let mut used_by: HashMap<OfferingId, Vec<usize>> = HashMap::new();
    let mut supplier_of: HashMap<OfferingId, OrgId> = HashMap::new();
    for (i, c) in view.components.iter().enumerate() {
        used_by.entry(c.offering).or_default().push(i);
        if let Some(so) = c.supplier_offering {
            if so == c.offering {
                return Err(err(
                    format!("components[{i}].supplier_offering"),
                    "an offering cannot supply itself",
                ));
            }
            if let Some(&other) = supplier_of.get(&so)
                && other != c.supplier
            {
                return Err(err(
                    format!("components[{i}].supplier"),
                    format!("supplier offering {so} is recorded with two different suppliers"),
                ));
            }
            supplier_of.insert(so, c.supplier);
        }
    }
    // Depth-first from the viewed offering: 0 = unseen, 1 = on the stack, 2 = done.
    let mut state: HashMap<OfferingId, u8> = HashMap::new();
    let mut post: Vec<OfferingId> = Vec::new();
    let mut stack: Vec<(OfferingId, usize)> = vec![(view.offering, 0)];
    state.insert(view.offering, 1);
    while let Some((o, next)) = stack.pop() {
        let comps = used_by.get(&o).map_or(&[][..], Vec::as_slice);
        if let Some(&i) = comps.get(next) {
            stack.push((o, next + 1));
            if let Some(so) = view.components[i].supplier_offering {
                match state.get(&so).copied().unwrap_or(0) {
                    0 => {
                        state.insert(so, 1);
                        stack.push((so, 0));
                    }
                    1 => {
                        return Err(err(
                            format!("components[{i}].supplier_offering"),
                            format!(
                                "supplier offering {so} already uses offering {o} further down this chain: the link would form a cycle"
                            ),
                        ));
                    }
                    _ => {}
                }
            }
        } else {
            state.insert(o, 2);
            post.push(o);
        }
    }
    for (i, c) in view.components.iter().enumerate() {
        if !state.contains_key(&c.offering) {
            return Err(err(
                format!("components[{i}].offering"),
                "is neither the viewed offering nor the supplier offering of another component of this chain",
            ));
        }
    }
    post.reverse();
    Ok(post)
}

/// Classifies one offering's chain as seen for one institution (FAQ 2, 2.1; GL 2.2.1–2.2.3).
///
/// Per component, in this order:
/// 1. A selected and contracts the supplier: GL 2.2.2 case 1 (FAQ 2.1 R1), A manages.
/// 2. A selected it, the institution signed: FAQ 2.1 R4, treated as 2.2.2, A manages.
/// 3. The institution selected and contracts it: GL 2.2.3 (FAQ 2.1 R2), the institution
///    confirms; A includes it, APIs included, in its scope.
/// 4. Below a component A manages: GL 2.2.2 case 2, A manages (C as B's supplier: inferred).
/// 5. A selected it (someone else signed) or A contracts it: A manages (inferred).
/// 6. Otherwise, at the top: GL 2.2.3 (a third party arranged it: inferred); further down:
///    as GL 2.2.3, through the supplier above it (inferred).
///
/// A component A cannot see into gets the FAQ 2.1 R3 duties (explain the risks, state A's
/// responsibility boundary, reach agreement); every component gets the FAQ 2.1 R5
/// recommendation to agree change notifications.
pub fn classify(view: &ChainView) -> Result<ChainAssessment, FieldError> {
    let order = order_offerings(view)?;
    let a = view.provider;
    let inst = view.institution;
    let provider = Party::new(a, ChainRole::Provider);
    let institution = Party::new(inst, ChainRole::Institution);
    let mut used_by: HashMap<OfferingId, Vec<usize>> = HashMap::new();
    let mut parents: HashMap<OfferingId, Vec<usize>> = HashMap::new();
    for (i, c) in view.components.iter().enumerate() {
        used_by.entry(c.offering).or_default().push(i);
        if let Some(so) = c.supplier_offering {
            parents.entry(so).or_default().push(i);
        }
    }
    let mut done: Vec<Option<ComponentAssessment>> = vec![None; view.components.len()];
    for o in order {
        // Who uses the components of `o`, how deep they sit, and what the parents decided.
        let (user, depth, parent_a, parents_unknown) = if o == view.offering {
            (provider, 1, false, false)
        } else {
            let ps: Vec<&ComponentAssessment> = parents[&o]
                .iter()
                .filter_map(|&p| done[p].as_ref())
                .collect();
            let supplier = ps[0].supplier.org;
            (
                Party::new(supplier, ChainRole::Supplier),
                1 + ps.iter().map(|p| p.depth).min().unwrap_or(0),
                ps.iter().any(|p| p.case.managed_by_provider()),
                ps.iter().all(|p| p.unknown_infrastructure),
            )
        };
        for &i in used_by.get(&o).map_or(&[][..], Vec::as_slice) {
            let c = &view.components[i];
            if c.supplier == user.org {
                return Err(err(
                    format!("components[{i}].supplier"),
                    "a provider cannot be recorded as the supplier of its own offering; use the component code A2/P2/I2 for components it prepares itself",
                ));
            }
            done[i] = Some(assess(view, i, c, user, depth, parent_a, parents_unknown));
        }
    }
    let components: Vec<ComponentAssessment> = done.into_iter().flatten().collect();
    let (form, reasons) = if components.is_empty() {
        (ProvisionForm::SingleProvider, vec![t::SINGLE_PROVIDER])
    } else if components.iter().all(|c| c.case.managed_by_provider()) {
        (ProvisionForm::SeveralProviders, vec![t::WHOLE_SUPPLY_CHAIN])
    } else {
        (
            ProvisionForm::InstitutionContractsSeveral,
            vec![t::WHOLE_SUPPLY_CHAIN, t::INSTITUTION_CONTRACTS_SEVERAL],
        )
    };
    Ok(ChainAssessment {
        offering: view.offering,
        provider,
        institution,
        form,
        reasons: reasons
            .into_iter()
            .map(|rule| Finding { rule, about: None })
            .collect(),
        components,
    })
}

fn case_of(view: &ChainView, c: &ChainComponent, depth: u32, parent_a: bool) -> ComponentCase {
    let (a, inst) = (view.provider, view.institution);
    let a_selected = c.selected_by == a;
    let a_contracts = c.contract_holder == a;
    if a_selected && a_contracts {
        ComponentCase::SelectedAndContracted
    } else if a_selected && c.contract_holder == inst {
        ComponentCase::ProcuredInstitutionSigned
    } else if !a_selected && !a_contracts && c.selected_by == inst && c.contract_holder == inst {
        ComponentCase::InstitutionArranged
    } else if depth > 1 && parent_a {
        ComponentCase::DeeperInProviderChain
    } else if a_selected {
        ComponentCase::ProcuredOtherSigned
    } else if a_contracts {
        ComponentCase::ContractedNotSelected
    } else if depth == 1 && (c.selected_by == inst || c.contract_holder == inst) {
        ComponentCase::InstitutionArranged
    } else if depth == 1 {
        ComponentCase::ArrangedByThirdParty
    } else {
        ComponentCase::DeeperInInstitutionChain
    }
}

fn assess(
    view: &ChainView,
    index: usize,
    c: &ChainComponent,
    user: Party,
    depth: u32,
    parent_a: bool,
    parents_unknown: bool,
) -> ComponentAssessment {
    let provider = Party::new(view.provider, ChainRole::Provider);
    let institution = Party::new(view.institution, ChainRole::Institution);
    let supplier = Party::new(c.supplier, ChainRole::Supplier);
    let case = case_of(view, c, depth, parent_a);
    let a_selected = c.selected_by == view.provider;
    let unknown =
        c.visibility == Visibility::Unknown || (depth > 1 && parents_unknown && !a_selected);
    let mut reasons = vec![Finding {
        rule: case.rule(),
        about: Some(c.supplier),
    }];
    let duty = |kind, bearer, towards, rule| Duty {
        kind,
        bearer,
        towards: Some(towards),
        rule,
    };
    let mut duties = Vec::new();
    let managed_by = if case.managed_by_provider() {
        duties.push(duty(
            DutyKind::ManageRisks,
            provider,
            supplier,
            t::A_MANAGES,
        ));
        duties.push(duty(
            DutyKind::ReachAgreement,
            provider,
            institution,
            t::A_AGREES,
        ));
        if a_selected {
            duties.push(duty(
                DutyKind::ConfirmSupplierCompliance,
                provider,
                supplier,
                t::CONFIRM_SUPPLIER,
            ));
        } else if c.selected_by == user.org {
            duties.push(duty(
                DutyKind::ConfirmSupplierCompliance,
                user,
                supplier,
                t::CONFIRM_SUPPLIER,
            ));
        }
        duties.push(duty(
            DutyKind::AgreeLifecycleDuties,
            user,
            supplier,
            t::LIFECYCLE_BETWEEN_PROVIDERS,
        ));
        if unknown && a_selected {
            reasons.push(Finding {
                rule: t::SELECTED_BUT_UNKNOWN,
                about: Some(c.supplier),
            });
        }
        provider
    } else {
        duties.push(duty(
            DutyKind::ConfirmRiskManagement,
            institution,
            supplier,
            t::INSTITUTION_CONFIRMS,
        ));
        duties.push(duty(
            DutyKind::IncludeInScope,
            provider,
            supplier,
            t::INCLUDE_IN_SCOPE,
        ));
        if c.selected_by == view.institution {
            duties.push(duty(
                DutyKind::AttendToSelection,
                institution,
                supplier,
                t::INSTITUTION_ATTENDS_SELECTION,
            ));
        }
        institution
    };
    if unknown {
        duties.push(duty(
            DutyKind::ExplainRisks,
            provider,
            institution,
            t::UNKNOWN_EXPLAIN_RISKS,
        ));
        duties.push(duty(
            DutyKind::StateResponsibilityBoundary,
            provider,
            institution,
            t::UNKNOWN_STATE_BOUNDARY,
        ));
        duties.push(duty(
            DutyKind::ReachAgreement,
            provider,
            institution,
            t::UNKNOWN_AGREE,
        ));
    }
    duties.push(duty(
        DutyKind::NotifyChanges,
        supplier,
        user,
        t::NOTIFY_CHANGES,
    ));
    if c.contract_holder == view.institution
        && !view.institution_contracts.iter().any(|d| {
            d.provider == c.supplier
                && (d.offering.is_none()
                    || c.supplier_offering.is_none()
                    || d.offering == c.supplier_offering)
        })
    {
        reasons.push(Finding {
            rule: t::INSTITUTION_CONTRACT_NOT_RECORDED,
            about: Some(c.supplier),
        });
    }
    ComponentAssessment {
        index,
        link: c.link,
        code: c.code,
        supplier,
        user,
        depth,
        case,
        managed_by,
        unknown_infrastructure: unknown,
        reasons,
        duties,
    }
}
