//! The difference between two versions of a control catalogue (appendix2.md §7.3 rule 7):
//! items added, removed and changed, matched on `key`; "moved" items proposed by content
//! similarity, which a person confirms (never applied automatically).

use std::collections::{BTreeSet, HashMap, HashSet};

use super::model::{ControlCatalogue, ControlItem, MhlwRef};
use crate::code_enum;

code_enum! {
    /// What changed in an item kept under the same key.
    ItemChange {
        Content = "content", "内容", "Text of the item";
        MhlwRefs = "mhlw_refs", "関連する医療情報安全管理ガイドライン要求事項", "Related MHLW requirements";
        KubunMark = "kubun_mark", "区分", "区分 mark";
        RiskScenario = "risk_scenario", "リスクシナリオ例", "Example risk scenario";
        Category = "category", "大項目・中項目・小項目の表題", "Category titles";
    }
}

/// An item kept under the same key whose content changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChangedItem {
    pub key: String,
    pub changes: Vec<ItemChange>,
}

/// A proposal that a removed item lives on under a new key. Only a proposal: a person
/// confirms or rejects it (appendix2.md §7.3 rule 7).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MoveProposal {
    /// The key in the old version (listed in `removed`).
    pub from: String,
    /// The key in the new version (listed in `added`).
    pub to: String,
    /// Similarity of the two texts, 0–1000 (Dice coefficient of character pairs).
    pub similarity_permille: u16,
}

/// The result of [`diff_catalogues`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CatalogueDiff {
    pub from_version: String,
    pub to_version: String,
    /// Keys only in the new version, in its order.
    pub added: Vec<String>,
    /// Keys only in the old version, in its order.
    pub removed: Vec<String>,
    /// Keys in both whose content changed, in the new version's order.
    pub changed: Vec<ChangedItem>,
    pub unchanged: usize,
    /// Proposed moves, best first; each key appears in at most one proposal.
    pub moved_candidates: Vec<MoveProposal>,
}

impl CatalogueDiff {
    /// The old keys whose statements and linked risks must be reviewed before they are carried
    /// to the new version: removed items and changed items (appendix2.md §7.3 rule 7: a
    /// carried-over assessment is "to be reviewed" when the text or the MHLW reference changed;
    /// FAQ 5.4-R2: a new MHLW mapping triggers a review).
    pub fn keys_to_review(&self) -> BTreeSet<String> {
        self.removed
            .iter()
            .cloned()
            .chain(self.changed.iter().map(|c| c.key.clone()))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// The smallest similarity for a move proposal.
pub const MOVE_THRESHOLD_PERMILLE: u16 = 600;

/// Above this many (removed × added) pairs no moves are proposed (the comparison is
/// quadratic); the appendix has a few hundred items, far below it.
const MAX_PAIRS: usize = 4_000_000;

/// Compares two versions of a catalogue, matching items on `key` (appendix2.md §7.3 rule 7).
/// Texts are compared with white space collapsed, so a re-wrapped cell is not a change.
pub fn diff_catalogues(old: &ControlCatalogue, new: &ControlCatalogue) -> CatalogueDiff {
    let old_by_key: HashMap<&str, &ControlItem> =
        old.items.iter().map(|i| (i.key.as_str(), i)).collect();
    let new_keys: HashSet<&str> = new.items.iter().map(|i| i.key.as_str()).collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for item in &new.items {
        match old_by_key.get(item.key.as_str()) {
            None => added.push(item.key.clone()),
            Some(before) => {
                let changes = item_changes(before, item);
                if changes.is_empty() {
                    unchanged += 1;
                } else {
                    changed.push(ChangedItem {
                        key: item.key.clone(),
                        changes,
                    });
                }
            }
        }
    }
    let removed: Vec<String> = old
        .items
        .iter()
        .filter(|i| !new_keys.contains(i.key.as_str()))
        .map(|i| i.key.clone())
        .collect();
    let moved_candidates = propose_moves(old, new, &removed, &added);
    CatalogueDiff {
        from_version: old.meta.version.clone(),
        to_version: new.meta.version.clone(),
        added,
        removed,
        changed,
        unchanged,
        moved_candidates,
    }
}

fn item_changes(a: &ControlItem, b: &ControlItem) -> Vec<ItemChange> {
    let mut changes = Vec::new();
    if squash(&a.content) != squash(&b.content) {
        changes.push(ItemChange::Content);
    }
    if refs_key(&a.mhlw_refs) != refs_key(&b.mhlw_refs) {
        changes.push(ItemChange::MhlwRefs);
    }
    if a.kubun_mark.trim() != b.kubun_mark.trim() {
        changes.push(ItemChange::KubunMark);
    }
    if a.risk_scenario.as_deref().map(squash) != b.risk_scenario.as_deref().map(squash) {
        changes.push(ItemChange::RiskScenario);
    }
    let titles = |i: &ControlItem| {
        [&i.major_title, &i.middle_title, &i.minor_title].map(|t| t.as_deref().map(squash))
    };
    if titles(a) != titles(b) {
        changes.push(ItemChange::Category);
    }
    changes
}

type RefKey = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    bool,
);

/// The references as compared: every field but the source row, white space collapsed, in
/// order-independent form.
fn refs_key(refs: &[MhlwRef]) -> Vec<RefKey> {
    let mut keys: Vec<RefKey> = refs
        .iter()
        .map(|r| {
            (
                r.volume.as_deref().map(squash),
                r.section.as_deref().map(squash),
                r.kind.as_deref().map(squash),
                r.text.as_deref().map(squash),
                r.none_marker,
            )
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Text without any white space (Japanese text re-wraps freely).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn propose_moves(
    old: &ControlCatalogue,
    new: &ControlCatalogue,
    removed: &[String],
    added: &[String],
) -> Vec<MoveProposal> {
    if removed.is_empty()
        || added.is_empty()
        || removed.len().saturating_mul(added.len()) > MAX_PAIRS
    {
        return Vec::new();
    }
    let grams = |items: &[ControlItem], keys: &[String]| -> Vec<(String, HashSet<(char, char)>)> {
        keys.iter()
            .filter_map(|k| items.iter().find(|i| &i.key == k))
            .map(|i| (i.key.clone(), bigrams(&i.content)))
            .collect()
    };
    let from = grams(&old.items, removed);
    let to = grams(&new.items, added);
    let mut pairs: Vec<(u16, usize, usize)> = Vec::new();
    for (a, (_, ga)) in from.iter().enumerate() {
        for (b, (_, gb)) in to.iter().enumerate() {
            let score = dice(ga, gb);
            if score >= MOVE_THRESHOLD_PERMILLE {
                pairs.push((score, a, b));
            }
        }
    }
    // Best first; ties in file order, so the result does not depend on hashing.
    pairs.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_from = HashSet::new();
    let mut used_to = HashSet::new();
    let mut proposals = Vec::new();
    for (score, a, b) in pairs {
        if used_from.contains(&a) || used_to.contains(&b) {
            continue;
        }
        used_from.insert(a);
        used_to.insert(b);
        proposals.push(MoveProposal {
            from: from[a].0.clone(),
            to: to[b].0.clone(),
            similarity_permille: score,
        });
    }
    proposals
}

/// The pairs of adjacent characters of a text, white space removed.
fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Dice coefficient of two bigram sets, in thousandths.
fn dice(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> u16 {
    let total = a.len() + b.len();
    if total == 0 {
        return 0;
    }
    let common = a.intersection(b).count();
    ((2 * common * 1000) / total) as u16
}
