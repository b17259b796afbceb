//! Read-only summaries for the front doors: the dashboard's counts and the signed-in user's
//! organisation settings. Every count covers only what the caller reaches; a subject the
//! caller's role cannot read at all gives `None` instead of an error, so that one page can
//! show whatever the role may see.

use anzen_domain::audit::AuditEntry;
use anzen_domain::contract::Contract;
use jiff::civil::Date;
use jiff::tz::{TimeZone, offset};

use crate::accounts::SessionContext;
use crate::ports::{AuditQuery, ContractQuery, OfferingQuery, Page};
use crate::{App, AppError, Caller};

/// What the dashboard shows.
#[derive(Debug, Clone, Default)]
pub struct DashboardSummary {
    /// Today in Japan time (the day "ending soon" counts from).
    pub today: Option<Date>,
    pub offerings_in_scope: Option<i64>,
    pub offerings_out_of_scope: Option<i64>,
    pub contracts: Option<i64>,
    /// How many contracts end between today and today + the window.
    pub contracts_ending_soon_total: Option<i64>,
    /// The first of them (at most ten), soonest first.
    pub contracts_ending_soon: Option<Vec<Contract>>,
    pub organisations: Option<i64>,
    /// The latest audit entries, newest first.
    pub recent_audit: Option<Vec<AuditEntry>>,
}

/// `Ok(None)` for a subject the caller's role cannot read.
fn readable<T>(r: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(AppError::Forbidden(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

impl App {
    /// Today's date in Japan time (UTC+09:00; Japan has no daylight saving time).
    pub fn today_in_japan(&self) -> Date {
        self.now().to_zoned(TimeZone::fixed(offset(9))).date()
    }

    /// The dashboard's counts: offerings in and out of scope, contracts, contracts ending
    /// within `ending_within_days`, organisations, and the `recent` latest audit entries.
    pub async fn dashboard(
        &self,
        caller: &Caller,
        ending_within_days: i32,
        recent: i64,
    ) -> Result<DashboardSummary, AppError> {
        let count = Page::first(1);
        let in_scope = OfferingQuery {
            in_scope: Some(true),
            ..Default::default()
        };
        let out_of_scope = OfferingQuery {
            in_scope: Some(false),
            ..Default::default()
        };
        let offerings_in_scope =
            readable(self.list_offerings(caller, &in_scope, count).await)?.map(|l| l.total);
        let offerings_out_of_scope =
            readable(self.list_offerings(caller, &out_of_scope, count).await)?.map(|l| l.total);
        let today = self.today_in_japan();
        let horizon = today
            .checked_add(jiff::Span::new().days(ending_within_days))
            .unwrap_or(today);
        let contracts = readable(
            self.list_contracts(caller, &ContractQuery::default(), count)
                .await,
        )?
        .map(|l| l.total);
        let ending_query = ContractQuery {
            ends_from: Some(today),
            ends_to: Some(horizon),
            by_end_date: true,
            ..Default::default()
        };
        let ending = readable(
            self.list_contracts(caller, &ending_query, Page::first(10))
                .await,
        )?;
        let contracts_ending_soon_total = ending.as_ref().map(|l| l.total);
        let contracts_ending_soon = ending.map(|l| l.rows);
        let organisations =
            readable(self.list_organisations(caller, count).await)?.map(|l| l.total);
        let recent_audit = readable(
            self.list_audit(caller, &AuditQuery::default(), Page::first(recent))
                .await,
        )?
        .map(|l| l.rows);
        Ok(DashboardSummary {
            today: Some(today),
            offerings_in_scope,
            offerings_out_of_scope,
            contracts,
            contracts_ending_soon_total,
            contracts_ending_soon,
            organisations,
            recent_audit,
        })
    }

    /// Whether the signed-in user's organisation requires multi-factor authentication of
    /// every member (see [`App::set_org_requires_mfa`]).
    pub async fn own_org_requires_mfa(&self, ctx: &SessionContext) -> Result<bool, AppError> {
        Ok(self.store().account(ctx.user.id).await?.org_requires_mfa)
    }
}
