//! What a new password must be: at least [`MIN_PASSWORD_CHARS`] characters,
//! and not one of the 20,000 most common passwords (Django's list, bundled
//! in `data/`; see its README), nor one of them with digits or symbols
//! tacked on the end ("password1234", "Summer2024!!!"), which is how people
//! stretch a short favourite to a required length.

use std::collections::HashSet;
use std::io::Read;
use std::sync::OnceLock;

use crate::error::Error;

/// The shortest new password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Django's `common-passwords.txt.gz`, as shipped.
const COMMON_GZ: &[u8] = include_bytes!("../../data/common-passwords.txt.gz");

/// Checks a new password (from `pledgewatch user add` or `passwd`); the
/// error says what is wrong with it, without repeating it.
pub fn check_new_password(password: &str) -> Result<(), Error> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(Error::WeakPassword(format!(
            "a password needs at least {MIN_PASSWORD_CHARS} characters (this one has {n}); a few unrelated words make a good one"
        )));
    }
    let lower = password.trim().to_lowercase();
    let common = common_passwords()?;
    if common.contains(lower.as_str()) {
        return Err(Error::WeakPassword(
            "this password is on a list of the 20,000 most common passwords; choose another".into(),
        ));
    }
    let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace());
    if !stem.is_empty() && stem != lower && common.contains(stem) {
        return Err(Error::WeakPassword(
            "this password is a common password with digits or symbols added at the end; choose another".into(),
        ));
    }
    Ok(())
}

/// The list, decompressed once.
fn common_passwords() -> Result<&'static HashSet<String>, Error> {
    static LIST: OnceLock<Result<HashSet<String>, String>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut text = String::new();
        flate2::read::GzDecoder::new(COMMON_GZ)
            .read_to_string(&mut text)
            .map_err(|e| format!("the bundled common-password list: {e}"))?;
        Ok(text.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect())
    })
    .as_ref()
    .map_err(|e| Error::Internal(e.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(password: &str) -> String {
        match check_new_password(password) {
            Err(Error::WeakPassword(why)) => why,
            other => panic!("{password:?} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn the_bundled_list_is_whole() {
        let list = common_passwords().unwrap();
        assert_eq!(list.len(), 19_640, "Django 5.2's list, lowercased and deduplicated");
        assert!(list.contains("password") && list.contains("qwerty123456"));
    }

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert!(refused("hunter2").contains("at least 12 characters (this one has 7)"));
        assert!(refused("ÅÅÅÅÅÅÅÅÅÅÅ").contains("this one has 11"), "characters, not bytes");
        assert!(refused("qwerty123456").contains("most common passwords"));
        assert!(refused("QWERTY123456").contains("most common passwords"), "case does not help");
        assert!(refused("1q2w3e4r5t6y").contains("most common passwords"));
        assert!(refused("password12345678").contains("digits or symbols added"));
        assert!(refused("Summer2024!!!").contains("digits or symbols added"));
        assert!(refused("iloveyou 2025").contains("digits or symbols added"));
    }

    #[test]
    fn good_passwords_pass() {
        for p in ["correct horse battery", "tram-lantern-okapi-7", "Y7#kq2!vLp9@", "ÅÅÅÅÅÅÅÅÅÅÅÅ"] {
            assert!(check_new_password(p).is_ok(), "{p}");
        }
    }
}
