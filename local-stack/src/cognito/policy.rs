//! The pool's password policy, checked where moto does not check it
//! (ConfirmForgotPassword), with Cognito's wording.

use crate::seed::PasswordPolicy;

/// Cognito's message for the first rule the password breaks, if any.
pub fn violation(policy: &PasswordPolicy, password: &str) -> Option<&'static str> {
    let has = |test: fn(&char) -> bool| password.chars().any(|c| test(&c));
    if password.chars().count() < usize::from(policy.minimum_length) {
        Some("Password does not conform to policy: Password not long enough")
    } else if policy.require_lowercase && !has(char::is_ascii_lowercase) {
        Some("Password does not conform to policy: Password must have lowercase characters")
    } else if policy.require_uppercase && !has(char::is_ascii_uppercase) {
        Some("Password does not conform to policy: Password must have uppercase characters")
    } else if policy.require_numbers && !has(char::is_ascii_digit) {
        Some("Password does not conform to policy: Password must have numeric characters")
    } else if policy.require_symbols && !has(|c| c.is_ascii_punctuation() || *c == ' ') {
        Some("Password does not conform to policy: Password must have symbol characters")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::PASSWORD_POLICY;

    #[test]
    fn names_the_first_broken_rule() {
        let check = |p| violation(&PASSWORD_POLICY, p);
        assert!(check("Sh0rt!").unwrap().ends_with("not long enough"));
        assert!(
            check("ALLUPPER1!")
                .unwrap()
                .ends_with("lowercase characters")
        );
        assert!(
            check("alllower1!")
                .unwrap()
                .ends_with("uppercase characters")
        );
        assert!(check("NoNumbers!").unwrap().ends_with("numeric characters"));
        assert!(check("NoSymbols1").unwrap().ends_with("symbol characters"));
        assert_eq!(check("Fine-Pass1"), None);
    }
}
