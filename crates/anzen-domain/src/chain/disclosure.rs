//! What a reader of an institution's disclosure ledger sees of the Table 4-1 items (GL 4.1,
//! FAQ 4.1): the provider prepares its disclosures with anzen's suggested answers; the
//! institution sees what was disclosed to it, each answer as given at the stage it was
//! given (① early, ② once talks toward a contract are concrete), and nothing anzen would
//! suggest but the provider has not disclosed.

use crate::access::Reach;

/// Who reads the ledger of disclosures to one institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisclosureReader {
    /// The provider (or an operator): prepares and records the disclosures.
    Discloser,
    /// The institution itself: the recipient.
    Recipient,
}

impl DisclosureReader {
    /// The reader a caller's reach over the ledger makes it.
    pub fn of(reach: Reach) -> Self {
        match reach {
            Reach::AsInstitution(_) => DisclosureReader::Recipient,
            _ => DisclosureReader::Discloser,
        }
    }
}

/// What one reader sees of one Table 4-1 item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemVisibility {
    /// Whether the item is listed at all.
    pub listed: bool,
    /// Whether anzen's suggested answer (drawn from the provider's data) is shown.
    pub suggestion: bool,
}

/// What `reader` sees of an item, `disclosed` or not yet (FAQ 4.1, GL 4.1): the discloser
/// sees every item with its suggestion; the recipient only the items disclosed to it, with
/// the answer given and never a suggestion.
pub fn item_visibility(reader: DisclosureReader, disclosed: bool) -> ItemVisibility {
    match reader {
        DisclosureReader::Discloser => ItemVisibility {
            listed: true,
            suggestion: true,
        },
        DisclosureReader::Recipient => ItemVisibility {
            listed: disclosed,
            suggestion: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::OrgId;

    #[test]
    fn faq_4_1_what_each_reader_sees() {
        let org = OrgId::from_uuid(uuid::Uuid::from_u128(7));
        // (case, reach, disclosed, listed, suggestion)
        let rows = [
            (
                "provider, item not yet disclosed (GL 4.1: prepares it)",
                Reach::Owned(org),
                false,
                true,
                true,
            ),
            (
                "provider, item disclosed",
                Reach::Owned(org),
                true,
                true,
                true,
            ),
            ("operator", Reach::Everything, false, true, true),
            (
                "institution, item disclosed to it (FAQ 4.1)",
                Reach::AsInstitution(org),
                true,
                true,
                false,
            ),
            (
                "institution, item never disclosed to it",
                Reach::AsInstitution(org),
                false,
                false,
                false,
            ),
        ];
        for (case, reach, disclosed, listed, suggestion) in rows {
            let v = item_visibility(DisclosureReader::of(reach), disclosed);
            assert_eq!(v, ItemVisibility { listed, suggestion }, "{case}");
        }
    }
}
