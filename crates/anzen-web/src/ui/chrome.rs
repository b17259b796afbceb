//! What every page's layout (`templates/base.html`) needs: language, title, the signed-in
//! user, the active navigation entry, a flash message and the CSRF token for forms.

use anzen_app::Caller;
use anzen_domain::access::{Action, Subject};
use jiff::Timestamp;
use jiff::civil::Date;

use crate::dates;
use crate::i18n::{self, Lang};

/// The navigation entries of the main menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    None,
    Dashboard,
    Organisations,
    Offerings,
    Contracts,
    SupplyChain,
    Certifications,
    Devices,
    Notifications,
    Risks,
    Documents,
    OperationalRules,
    Audit,
    Users,
    Account,
}

impl Nav {
    /// The entries of the main menu, in display order (everything but [`Nav::None`]).
    pub const MENU: [Nav; 14] = [
        Nav::Dashboard,
        Nav::Organisations,
        Nav::Offerings,
        Nav::Contracts,
        Nav::SupplyChain,
        Nav::Certifications,
        Nav::Devices,
        Nav::Notifications,
        Nav::Risks,
        Nav::Documents,
        Nav::OperationalRules,
        Nav::Audit,
        Nav::Users,
        Nav::Account,
    ];

    /// Where the entry links to (`""` for [`Nav::None`]).
    pub const fn href(self) -> &'static str {
        match self {
            Nav::None => "",
            Nav::Dashboard => "/",
            Nav::Organisations => "/organisations",
            Nav::Offerings => "/offerings",
            Nav::Contracts => "/contracts",
            Nav::SupplyChain => "/supply-links",
            Nav::Certifications => "/certifications",
            Nav::Devices => "/devices",
            Nav::Notifications => "/notifications",
            Nav::Risks => "/risks",
            Nav::Documents => "/documents",
            Nav::OperationalRules => "/operational-rules",
            Nav::Audit => "/audit",
            Nav::Users => "/users",
            Nav::Account => "/account",
        }
    }

    /// What a role must be able to read to open the entry; `None` for the entries every
    /// signed-in user opens (dashboard, account).
    pub const fn subject(self) -> Option<Subject> {
        match self {
            Nav::None | Nav::Dashboard | Nav::Account | Nav::Notifications => None,
            Nav::Organisations => Some(Subject::Organisations),
            Nav::Offerings => Some(Subject::Offerings),
            Nav::Contracts => Some(Subject::Contracts),
            Nav::SupplyChain => Some(Subject::SupplyLinks),
            Nav::Certifications | Nav::Devices => Some(Subject::Ledger),
            Nav::Risks => Some(Subject::Risks),
            Nav::Documents => Some(Subject::Offerings),
            Nav::OperationalRules => Some(Subject::Agreements),
            Nav::Audit => Some(Subject::AuditTrail),
            Nav::Users => Some(Subject::Users),
        }
    }

    /// The i18n key of the entry's label (`"app.name"` for [`Nav::None`]).
    pub const fn label_key(self) -> &'static str {
        match self {
            Nav::None => "app.name",
            Nav::Dashboard => "nav.dashboard",
            Nav::Organisations => "nav.organisations",
            Nav::Offerings => "nav.offerings",
            Nav::Contracts => "nav.contracts",
            Nav::SupplyChain => "nav.supply_chain",
            Nav::Certifications => "nav.certifications",
            Nav::Devices => "nav.devices",
            Nav::Notifications => "nav.notifications",
            Nav::Risks => "nav.risks",
            Nav::Documents => "nav.documents",
            Nav::OperationalRules => "nav.operational_rules",
            Nav::Audit => "nav.audit",
            Nav::Users => "nav.users",
            Nav::Account => "nav.account",
        }
    }
}

/// The top row of the main menu, in display order: a group with a heading opens a short
/// list of its entries (a `<details>` menu, no script needed); a group without a heading is
/// a plain link. Every entry of [`Nav::MENU`] is in exactly one group.
pub const NAV_GROUPS: [(&str, &[Nav]); 6] = [
    ("", &[Nav::Dashboard]),
    (
        "nav.group.offerings",
        &[
            Nav::Organisations,
            Nav::Offerings,
            Nav::Contracts,
            Nav::Documents,
        ],
    ),
    (
        "nav.group.supply_chain",
        &[
            Nav::SupplyChain,
            Nav::Certifications,
            Nav::Devices,
            Nav::Notifications,
        ],
    ),
    ("nav.group.risk", &[Nav::Risks, Nav::OperationalRules]),
    ("nav.group.admin", &[Nav::Audit, Nav::Users]),
    ("", &[Nav::Account]),
];

/// The key of an entry's label inside its group's menu, where the group's heading already
/// says what the entry's own name would repeat ("リスク管理" › "リスク対応一覧").
const fn menu_label_key(nav: Nav) -> &'static str {
    match nav {
        Nav::Risks => "nav.risk_register",
        Nav::SupplyChain => "nav.supply_links",
        other => other.label_key(),
    }
}

/// The entries of the main menu that `caller` can open at `now`, in display order: those
/// whose subject the caller's role reads at all (see [`anzen_domain::access::reach`]).
pub fn menu_for(caller: &Caller, now: Timestamp) -> Vec<Nav> {
    Nav::MENU
        .into_iter()
        .filter(|nav| {
            nav.subject()
                .is_none_or(|s| caller.reach(s, Action::Read, now).allows_anything())
        })
        .collect()
}

/// One entry of the main menu, ready for the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    /// This is the page being shown: rendered with `aria-current="page"`.
    pub current: bool,
}

/// One group of the main menu, ready for the template: a heading and the entries the user
/// can open (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavGroup {
    /// The heading; `""` for a group shown as a plain link (see [`NavGroup::single`]).
    pub label: &'static str,
    pub items: Vec<NavItem>,
    /// The page being shown is one of the entries.
    pub current: bool,
}

impl NavGroup {
    /// The entry to show as a plain link instead of a menu: the group's only entry the user
    /// can open.
    pub fn single(&self) -> Option<&NavItem> {
        match self.items.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }
}

/// One button of the language switch, ready for the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LangOption {
    /// The value posted as `lang`: `"ja"` / `"en"`.
    pub code: &'static str,
    /// The language's name in itself: `"日本語"` / `"English"`.
    pub name: &'static str,
    /// The page is shown in this language.
    pub current: bool,
}

/// The signed-in user, as shown in the header.
#[derive(Debug, Clone)]
pub struct UserBadge {
    pub name: String,
    pub org_name: String,
    pub role_label: String,
}

/// A one-time message shown at the top of the next page (POST → 303 → GET).
#[derive(Debug, Clone)]
pub struct Flash {
    pub kind: FlashKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Success,
    Error,
    Info,
}

impl FlashKind {
    /// The CSS modifier class of the flash box.
    pub const fn css_class(self) -> &'static str {
        match self {
            FlashKind::Success => "flash--success",
            FlashKind::Error => "flash--error",
            FlashKind::Info => "flash--info",
        }
    }

    /// The i18n key of the kind's label, shown before the message so colour is not the only cue.
    pub const fn label_key(self) -> &'static str {
        match self {
            FlashKind::Success => "flash.kind.success",
            FlashKind::Error => "flash.kind.error",
            FlashKind::Info => "flash.kind.info",
        }
    }
}

/// The shared part of every page.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub lang: Lang,
    pub title: String,
    pub user: Option<UserBadge>,
    pub nav: Nav,
    pub flash: Option<Flash>,
    /// The session's CSRF token; every form posts it as `csrf_token`.
    pub csrf: String,
    /// The path of the current page, for the language switch to come back to.
    pub path: String,
    /// The main menu entries the user can open (see [`menu_for`]); empty when signed out.
    pub menu: Vec<Nav>,
}

impl Chrome {
    /// The UI text of `key` in the page's language (see [`i18n::t`]); in templates:
    /// `{{ chrome.t("nav.dashboard") }}`.
    pub fn t<'k>(&self, key: &'k str) -> &'k str {
        i18n::t(self.lang, key)
    }

    /// A mark of Japanese punctuation in the page's language (see [`i18n::punct`]); in
    /// templates: `{{ chrome.punct("（") }}`.
    pub fn punct<'a>(&self, mark: &'a str) -> &'a str {
        i18n::punct(self.lang, mark)
    }

    /// The main menu in groups (see [`NAV_GROUPS`]): only the entries the user can open, and
    /// only the groups with one of them, with the current entry and its group marked. An
    /// entry shown under its group's heading takes its shorter menu label.
    pub fn nav_groups(&self) -> Vec<NavGroup> {
        NAV_GROUPS
            .iter()
            .filter_map(|&(label_key, entries)| {
                let open: Vec<Nav> = entries
                    .iter()
                    .copied()
                    .filter(|nav| self.menu.contains(nav))
                    .collect();
                let grouped = open.len() > 1;
                let items: Vec<NavItem> = open
                    .iter()
                    .map(|&nav| NavItem {
                        href: nav.href(),
                        label: i18n::t(
                            self.lang,
                            if grouped {
                                menu_label_key(nav)
                            } else {
                                nav.label_key()
                            },
                        ),
                        current: nav == self.nav,
                    })
                    .collect();
                (!items.is_empty()).then(|| NavGroup {
                    label: if grouped {
                        i18n::t(self.lang, label_key)
                    } else {
                        ""
                    },
                    current: items.iter().any(|i| i.current),
                    items,
                })
            })
            .collect()
    }

    /// The buttons of the language switch, with the page's language marked.
    pub fn languages(&self) -> [LangOption; 2] {
        Lang::ALL.map(|lang| LangOption {
            code: lang.code(),
            name: lang.native_name(),
            current: lang == self.lang,
        })
    }

    /// A date in the page's language, with the Japanese era (see [`dates::format_date`]).
    pub fn date(&self, date: &Date) -> String {
        dates::format_date(*date, self.lang)
    }

    /// A moment in Japan time in the page's language (see [`dates::format_timestamp`]).
    pub fn timestamp(&self, ts: &Timestamp) -> String {
        dates::format_timestamp(*ts, self.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrome(lang: Lang, menu: Vec<Nav>, nav: Nav) -> Chrome {
        Chrome {
            lang,
            title: String::new(),
            user: None,
            nav,
            flash: None,
            csrf: String::new(),
            path: "/".into(),
            menu,
        }
    }

    #[test]
    fn every_menu_entry_is_in_exactly_one_group() {
        for nav in Nav::MENU {
            let groups = NAV_GROUPS
                .iter()
                .filter(|(_, entries)| entries.contains(&nav))
                .count();
            assert_eq!(groups, 1, "{nav:?}");
        }
        let grouped: usize = NAV_GROUPS.iter().map(|(_, e)| e.len()).sum();
        assert_eq!(grouped, Nav::MENU.len());
        for (label, entries) in NAV_GROUPS {
            // A group without a heading can only be shown as a plain link.
            assert!(!label.is_empty() || entries.len() == 1, "{entries:?}");
            if !label.is_empty() {
                assert!(i18n::t_checked(Lang::Ja, label).is_some(), "{label}");
            }
            for &nav in entries {
                assert!(i18n::t_checked(Lang::En, menu_label_key(nav)).is_some());
            }
        }
    }

    #[test]
    fn the_full_menu_has_six_groups_with_the_current_one_marked() {
        let c = chrome(Lang::Ja, Nav::MENU.to_vec(), Nav::Devices);
        let groups = c.nav_groups();
        let shape: Vec<(&str, usize, bool)> = groups
            .iter()
            .map(|g| (g.label, g.items.len(), g.current))
            .collect();
        assert_eq!(
            shape,
            [
                ("", 1, false),
                ("サービスと契約", 4, false),
                ("サプライチェーン", 4, true),
                ("リスク管理", 2, false),
                ("管理", 2, false),
                ("", 1, false),
            ]
        );
        assert_eq!(groups[0].single().map(|i| i.href), Some("/"));
        assert!(groups[1].single().is_none());
        let current: Vec<&str> = groups
            .iter()
            .flat_map(|g| g.items.iter())
            .filter(|i| i.current)
            .map(|i| i.href)
            .collect();
        assert_eq!(current, ["/devices"]);
        // Under its heading an entry takes its menu label.
        assert_eq!(groups[3].items[0].label, "リスク対応一覧");
    }

    #[test]
    fn a_group_with_one_open_entry_is_a_plain_link_with_the_entry_name() {
        let c = chrome(
            Lang::En,
            vec![Nav::Dashboard, Nav::Risks, Nav::Audit, Nav::Account],
            Nav::Risks,
        );
        let groups = c.nav_groups();
        let links: Vec<(&str, &str, bool)> = groups
            .iter()
            .map(|g| {
                let item = g.single().expect("one entry each");
                (g.label, item.label, g.current)
            })
            .collect();
        assert_eq!(
            links,
            [
                ("", "Dashboard", false),
                ("", "Risks", true),
                ("", "Audit trail", false),
                ("", "Account", false),
            ]
        );
    }
}
