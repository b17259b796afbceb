//! Who the caller is and what they may do: their account, their organisation and, for every
//! subject of the policy, whether they may read and change it (the JSON API's `GET /me`).

use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::org::Organisation;
use anzen_domain::user::User;

use crate::{App, AppError, Caller};

/// What the policy lets the caller do with one subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permission {
    pub subject: Subject,
    pub read: bool,
    pub write: bool,
}

/// The signed-in user, their organisation and their permissions.
#[derive(Debug, Clone)]
pub struct Whoami {
    pub user: User,
    pub organisation: Organisation,
    /// One entry per subject, in the policy's order.
    pub permissions: Vec<Permission>,
}

impl App {
    /// The caller's own account and organisation. Only signed-in users have them; an
    /// operator at the command line gets [`AppError::Unauthenticated`].
    pub async fn whoami(&self, caller: &Caller) -> Result<Whoami, AppError> {
        let Caller::User(principal) = caller else {
            return Err(AppError::Unauthenticated);
        };
        let account = self
            .store()
            .account(principal.user)
            .await
            .map_err(|_| AppError::Unauthenticated)?;
        // Everyone sees their own organisation, whatever their role reaches.
        let organisation = self
            .store()
            .organisation(Reach::Owned(principal.org), principal.org)
            .await
            .map_err(AppError::from_store("organisation"))?;
        let now = self.now();
        let permissions = Subject::ALL
            .iter()
            .map(|&subject| Permission {
                subject,
                read: caller.reach(subject, Action::Read, now).allows_anything(),
                write: caller.reach(subject, Action::Write, now).allows_anything(),
            })
            .collect();
        Ok(Whoami {
            user: account.user,
            organisation,
            permissions,
        })
    }
}
