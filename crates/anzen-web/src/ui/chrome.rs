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

    /// The main menu (only the entries the user can open) with the current entry marked.
    pub fn nav_items(&self) -> Vec<NavItem> {
        self.menu
            .iter()
            .map(|&nav| NavItem {
                href: nav.href(),
                label: i18n::t(self.lang, nav.label_key()),
                current: nav == self.nav,
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
