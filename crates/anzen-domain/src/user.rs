//! User accounts: login ids, the password policy, and the account record.

use jiff::Timestamp;

use crate::FieldError;
use crate::access::Role;
use crate::ids::{OrgId, UserId};
use crate::text::Name;

/// A login id: an e-mail address or a short name, lower-cased; 3–254 characters of
/// `a-z 0-9 . _ @ + -`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Login(String);

impl Login {
    pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
        let v = value.trim().to_lowercase();
        let len = v.chars().count();
        if !(3..=254).contains(&len) {
            return Err(FieldError::new(field, "must be 3 to 254 characters"));
        }
        if !v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._@+-".contains(c))
        {
            return Err(FieldError::new(
                field,
                "may contain only letters a-z, digits and . _ @ + -",
            ));
        }
        Ok(Self(v))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The password policy (length, the login id, the list of common passwords): see
/// [`crate::password`].
pub use crate::password::check_password;

/// A stored user account (secrets excluded; see the store's account records).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    pub id: UserId,
    pub org: OrgId,
    pub login: Login,
    pub display_name: Name,
    pub role: Role,
    pub mfa_enabled: bool,
    pub must_change_password: bool,
    /// For an auditor: when access ends.
    pub access_until: Option<Timestamp>,
    pub disabled: bool,
    pub created_at: Timestamp,
}

impl User {
    /// Why the account cannot act at `now` (so cannot be given an API token either), or
    /// `None` when it can: a disabled account, or an auditor whose access period ended.
    pub fn inactive_reason(&self, now: Timestamp) -> Option<&'static str> {
        if self.disabled {
            Some("the account is disabled")
        } else if self.access_until.is_some_and(|until| until <= now) {
            Some("the account's access period has ended")
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_lower_cased_and_restricted() {
        assert_eq!(
            Login::parse("login", " Alice@Example.JP ")
                .unwrap()
                .as_str(),
            "alice@example.jp"
        );
        assert_eq!(Login::parse("login", "a b").unwrap_err().field, "login");
        assert!(Login::parse("login", "ab").is_err());
    }

    #[test]
    fn inactive_accounts_cannot_act() {
        let now: Timestamp = "2026-04-01T00:00:00Z".parse().unwrap();
        let user = User {
            id: UserId::from_uuid(uuid::Uuid::nil()),
            org: OrgId::from_uuid(uuid::Uuid::nil()),
            login: Login::parse("login", "alice@example.jp").unwrap(),
            display_name: Name::parse("display_name", "Alice").unwrap(),
            role: Role::ProviderMember,
            mfa_enabled: false,
            must_change_password: false,
            access_until: None,
            disabled: false,
            created_at: now,
        };
        let later: Timestamp = "2026-05-01T00:00:00Z".parse().unwrap();
        // (disabled, access_until, inactive?)
        let table = [
            (false, None, false),
            (true, None, true),
            (false, Some(later), false),
            (false, Some(now), true),
            (true, Some(later), true),
        ];
        for (disabled, access_until, inactive) in table {
            let u = User {
                disabled,
                access_until,
                ..user.clone()
            };
            assert_eq!(
                u.inactive_reason(now).is_some(),
                inactive,
                "{disabled} {access_until:?}"
            );
        }
    }

    #[test]
    fn the_password_policy() {
        let login = Login::parse("login", "alice@example.jp").unwrap();
        assert!(check_password("password", "short", &login).is_err());
        assert!(check_password("password", "aaaaaaaaaaaaaa", &login).is_err());
        assert!(check_password("password", "ALICE@EXAMPLE.JP", &login).is_err());
        assert!(check_password("password", "correct horse battery", &login).is_ok());
        assert_eq!(
            check_password("new_password", "x", &login)
                .unwrap_err()
                .field,
            "new_password"
        );
    }
}
