//! The password policy.
//!
//! The MHLW checklist for providers asks for passwords of at least 8 characters mixing letters,
//! digits and symbols, changed regularly (item 2-⑦; no regular change is needed with two-factor
//! authentication or 13 characters and more), never reused and never left at a default
//! (item 2-⑧, 運用8⑤). anzen asks for 12 characters and recommends (for administrators
//! requires) multi-factor authentication, and refuses what a length rule lets through but an
//! attacker tries first (NIST SP 800-63B §3.1.1.2, "passwords obtained from previous breach
//! corpuses", "context-specific words, such as the name of the service, the username"):
//! - a password on a list of common passwords, compared case-insensitively, also when only
//!   digits, punctuation or spaces are appended to it (`Password2024!`);
//! - a password equal to the login id, or containing it.
//!
//! The list is Django's list of 19,640 common passwords, embedded in the binary; its source and
//! licence are in `data/common-passwords.SOURCE.md`.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::FieldError;
use crate::user::Login;

/// The embedded list: one lower-cased password a line.
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

/// The message of a password found on the list (the UI translates it by this text).
pub const COMMON_MESSAGE: &str =
    "is a commonly used password that attackers try first; choose another";
/// The message of a password that contains the login id.
pub const CONTAINS_LOGIN_MESSAGE: &str = "must not contain the login id";

fn common_set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// How many passwords the embedded list holds.
pub fn common_password_count() -> usize {
    common_set().len()
}

/// Whether `password` is on the list of common passwords, ignoring case and surrounding
/// spaces, or is such a password with only digits, punctuation or spaces appended.
pub fn is_common_password(password: &str) -> bool {
    let set = common_set();
    let p = password.trim().to_lowercase();
    if set.contains(p.as_str()) {
        return true;
    }
    let base = p.trim_end_matches(|c: char| {
        c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace()
    });
    !base.is_empty() && base.len() < p.len() && set.contains(base)
}

/// Whether `password` contains the login id, ignoring case.
fn contains_login(password: &str, login: &Login) -> bool {
    password.to_lowercase().contains(login.as_str())
}

/// Checks a new password against the policy; the error names `field` and says why.
pub fn check_password(field: &str, password: &str, login: &Login) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < 12 {
        return Err(FieldError::new(field, "must be at least 12 characters"));
    }
    if n > 256 {
        return Err(FieldError::new(field, "must be at most 256 characters"));
    }
    if password.trim().to_lowercase() == login.as_str() {
        return Err(FieldError::new(field, "must differ from the login id"));
    }
    let mut chars = password.chars();
    let first = chars.next();
    if chars.all(|c| Some(c) == first) {
        return Err(FieldError::new(field, "must not be one repeated character"));
    }
    if contains_login(password, login) {
        return Err(FieldError::new(field, CONTAINS_LOGIN_MESSAGE));
    }
    if is_common_password(password) {
        return Err(FieldError::new(field, COMMON_MESSAGE));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_embedded_whole() {
        assert!(
            common_password_count() >= 19_000,
            "{}",
            common_password_count()
        );
        assert!(is_common_password("password"));
        assert!(!is_common_password(""));
    }

    /// (password, login, the refusal's message or None when accepted)
    const CASES: &[(&str, &str, Option<&str>)] = &[
        // On the list, at 12 characters and more, in any case.
        ("password1234", "alice@example.jp", Some(COMMON_MESSAGE)),
        ("PASSWORD1234", "alice@example.jp", Some(COMMON_MESSAGE)),
        ("QwertyUiop123", "alice@example.jp", Some(COMMON_MESSAGE)),
        ("1q2w3e4r5t6y", "alice@example.jp", Some(COMMON_MESSAGE)),
        ("123456789123", "alice@example.jp", Some(COMMON_MESSAGE)),
        ("  qwertyqwerty  ", "alice@example.jp", Some(COMMON_MESSAGE)),
        // A common password with digits or symbols appended.
        ("Password2024!", "alice@example.jp", Some(COMMON_MESSAGE)),
        ("dragon!!!!!!!!", "alice@example.jp", Some(COMMON_MESSAGE)),
        ("letmein 12345", "alice@example.jp", Some(COMMON_MESSAGE)),
        // The login id, or containing it.
        (
            "ALICE@EXAMPLE.JP",
            "alice@example.jp",
            Some("must differ from the login id"),
        ),
        (
            "my alice@example.jp pass",
            "alice@example.jp",
            Some(CONTAINS_LOGIN_MESSAGE),
        ),
        ("tanaka-kenji-1987", "tanaka", Some(CONTAINS_LOGIN_MESSAGE)),
        (
            "Mr TANAKA of the harbour",
            "tanaka",
            Some(CONTAINS_LOGIN_MESSAGE),
        ),
        // Only the whole login id counts: its name part may be part of a word.
        ("summarize the river", "mari@example.jp", None),
        // Length and repetition come first.
        (
            "short",
            "alice@example.jp",
            Some("must be at least 12 characters"),
        ),
        (
            "aaaaaaaaaaaaaa",
            "alice@example.jp",
            Some("must not be one repeated character"),
        ),
        // Accepted.
        ("correct horse battery", "alice@example.jp", None),
        ("夜明けの港に白い船が三隻", "alice@example.jp", None),
        ("dragonfly meadow 7", "alice@example.jp", None),
        ("1q2w3e4r5t6y-river-otter", "alice@example.jp", None),
    ];

    #[test]
    fn the_policy_table() {
        for (password, login, expected) in CASES {
            let login = Login::parse("login", login).unwrap();
            let got = check_password("new_password", password, &login);
            match (expected, got) {
                (None, Ok(())) => {}
                (Some(m), Err(e)) => {
                    assert_eq!(e.field, "new_password", "{password}");
                    assert_eq!(e.message, *m, "{password}");
                }
                (expected, got) => panic!("{password:?}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_gets_an_answer_naming_the_field(password in ".{0,80}", login in "[a-z]{3,12}") {
            let login = Login::parse("login", &login).unwrap();
            if let Err(e) = check_password("password", &password, &login) {
                proptest::prop_assert_eq!(e.field, "password");
            }
        }
    }
}
