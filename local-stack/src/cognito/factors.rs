//! First factors of choice-based sign-in (`USER_AUTH`): which of the
//! pool's `AllowedFirstAuthFactors` a person can use, as Cognito offers
//! them in `SELECT_CHALLENGE`'s `AvailableChallenges`. Plain logic; the
//! flow is [`super::user_auth`].

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    Password,
    EmailOtp,
    SmsOtp,
    WebAuthn,
}

impl Factor {
    /// The name in `AllowedFirstAuthFactors`, `AvailableChallenges`,
    /// `PREFERRED_CHALLENGE`, `ANSWER` and `ChallengeName`.
    pub fn name(self) -> &'static str {
        match self {
            Factor::Password => "PASSWORD",
            Factor::EmailOtp => "EMAIL_OTP",
            Factor::SmsOtp => "SMS_OTP",
            Factor::WebAuthn => "WEB_AUTHN",
        }
    }

    pub fn parse(name: &str) -> Option<Factor> {
        [
            Factor::Password,
            Factor::EmailOtp,
            Factor::SmsOtp,
            Factor::WebAuthn,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }
}

/// What decides whether a factor is usable by one person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Person {
    /// They chose a password (not one the front set for a passwordless
    /// sign-up).
    pub password: bool,
    pub email: bool,
    pub phone_number: bool,
    /// They registered at least one passkey.
    pub passkey: bool,
}

impl Person {
    fn can_use(&self, factor: Factor) -> bool {
        match factor {
            Factor::Password => self.password,
            Factor::EmailOtp => self.email,
            Factor::SmsOtp => self.phone_number,
            Factor::WebAuthn => self.passkey,
        }
    }
}

/// The factors the pool allows and the person can use, in the pool's
/// order.
pub fn available(allowed: &[Factor], person: &Person) -> Vec<Factor> {
    allowed
        .iter()
        .copied()
        .filter(|f| person.can_use(*f))
        .collect()
}

/// Names from the pool's settings; unknown ones (`SOFTWARE_TOKEN`, which
/// Cognito refuses as a first factor) are left out.
pub fn parse_all(names: &[&str]) -> Vec<Factor> {
    names.iter().filter_map(|n| Factor::parse(n)).collect()
}

pub fn names(factors: &[Factor]) -> Vec<&'static str> {
    factors.iter().map(|f| f.name()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Factor; 4] = [
        Factor::Password,
        Factor::EmailOtp,
        Factor::SmsOtp,
        Factor::WebAuthn,
    ];

    #[test]
    fn only_what_the_pool_allows_and_the_person_can_use() {
        let email_only = Person {
            email: true,
            ..Person::default()
        };
        assert_eq!(available(&ALL, &email_only), [Factor::EmailOtp]);
        let everything = Person {
            password: true,
            email: true,
            phone_number: true,
            passkey: true,
        };
        assert_eq!(available(&ALL, &everything), ALL);
        assert_eq!(
            available(&[Factor::Password], &everything),
            [Factor::Password]
        );
        assert!(available(&ALL, &Person::default()).is_empty());
    }

    #[test]
    fn names_round_trip_and_unknown_ones_are_dropped() {
        for factor in ALL {
            assert_eq!(Factor::parse(factor.name()), Some(factor));
        }
        assert_eq!(
            parse_all(&["SOFTWARE_TOKEN", "WEB_AUTHN"]),
            [Factor::WebAuthn]
        );
        assert_eq!(names(&[Factor::SmsOtp]), ["SMS_OTP"]);
    }
}
