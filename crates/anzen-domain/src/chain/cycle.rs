//! The cycle check for a new supply link: a link that would make an offering supply an
//! offering that already builds on it (directly or further down) is refused, so the supply
//! chain stays acyclic and every change can be walked from upstream to downstream (FAQ 2.1).

use super::index::{ChainIndex, NONE};
use crate::FieldError;
use crate::ids::OfferingId;
use crate::supply::NewSupplyLink;

/// The offerings from `offering` down to `supplier_offering` along existing links, if
/// `supplier_offering` already builds on `offering` (so that a link making it supply
/// `offering` would close a cycle). `None` when there is no such path.
pub fn cycle_path(
    ix: &ChainIndex,
    offering: OfferingId,
    supplier_offering: OfferingId,
) -> Option<Vec<OfferingId>> {
    if offering == supplier_offering {
        return Some(vec![offering]);
    }
    let (&start, &goal) = (
        ix.offering_ix.get(&offering)?,
        ix.offering_ix.get(&supplier_offering)?,
    );
    let mut prev = vec![NONE; ix.offerings.len()];
    prev[start as usize] = start;
    let mut queue = vec![start];
    let mut head = 0;
    while head < queue.len() {
        let o = queue[head];
        head += 1;
        for &l in ix.dependents.of(o) {
            let next = ix.link_consumer[l as usize];
            if prev[next as usize] != NONE {
                continue;
            }
            prev[next as usize] = o;
            if next == goal {
                let mut path = vec![ix.offerings[goal as usize]];
                let mut at = goal;
                while at != start {
                    at = prev[at as usize];
                    path.push(ix.offerings[at as usize]);
                }
                path.reverse();
                return Some(path);
            }
            queue.push(next);
        }
    }
    None
}

/// Refuses a new supply link that would form a cycle: its supplier offering already builds
/// on the offering that would use it (or is that offering). `Ok(())` when the chain stays
/// acyclic. The error names the field `supplier_offering` and the path that would close.
pub fn would_create_cycle(ix: &ChainIndex, link: &NewSupplyLink) -> Result<(), FieldError> {
    let Some(so) = link.supplier_offering else {
        return Ok(());
    };
    match cycle_path(ix, link.offering, so) {
        None => Ok(()),
        Some(path) if path.len() == 1 => Err(FieldError::new(
            "supplier_offering",
            "an offering cannot supply itself",
        )),
        Some(path) => {
            let chain: Vec<String> = path.iter().map(ToString::to_string).collect();
            Err(FieldError::new(
                "supplier_offering",
                format!(
                    "offering {so} already builds on offering {} through the chain {}; supplying it would form a cycle in the supply chain",
                    link.offering,
                    chain.join(" → ")
                ),
            ))
        }
    }
}
