//! Where the "emails" and "text messages" go: the local stack sends none,
//! so it keeps the last code sent to each address or phone number for the
//! person at the terminal (printed) and for tests (`GET
//! /_local/outbox?to=…`), like a mail catcher.

use std::collections::HashMap;
use std::sync::Mutex;

use super::codes::Purpose;
use super::person_key;
use crate::pools::Medium;

#[derive(Clone, PartialEq, Eq)]
pub struct Message {
    pub medium: Medium,
    pub purpose: Purpose,
    pub code: String,
}

/// Debug hides the code, like the store it comes from.
impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Message")
            .field("medium", &self.medium)
            .field("purpose", &self.purpose)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Default)]
pub struct Outbox {
    latest: Mutex<HashMap<String, Message>>,
}

impl Outbox {
    pub fn send(&self, to: &str, medium: Medium, purpose: Purpose, code: String) {
        match medium {
            // The terminal is this stack's inbox: a developer confirming an
            // account by hand reads the code here.
            Medium::Email if purpose.printed() => eprintln!(
                "local-stack: {} code for {to}: {code} (no email is sent locally)",
                purpose.as_str()
            ),
            // SMS codes (sign-in ones among them) stay out of logs: only
            // the outbox, behind the secret, gives them.
            Medium::Sms => eprintln!(
                "local-stack: {} code texted to {to} (no SMS is sent locally; \
                 GET /_local/outbox?to= gives it)",
                purpose.as_str()
            ),
            Medium::Email => eprintln!(
                "local-stack: {} code emailed to {to} (no email is sent locally; \
                 GET /_local/outbox?to= gives it)",
                purpose.as_str()
            ),
        }
        self.latest
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(
                person_key(to),
                Message {
                    medium,
                    purpose,
                    code,
                },
            );
    }

    pub fn latest(&self, to: &str) -> Option<Message> {
        self.latest
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&person_key(to))
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_latest_code_per_address() {
        let outbox = Outbox::default();
        outbox.send(
            "A@example.com",
            Medium::Email,
            Purpose::SignUp,
            "111111".into(),
        );
        outbox.send(
            "a@example.com",
            Medium::Email,
            Purpose::PasswordReset,
            "222222".into(),
        );
        outbox.send(
            "+15555550100",
            Medium::Sms,
            Purpose::SmsMfa,
            "333333".into(),
        );
        assert_eq!(
            outbox.latest("+15555550100").map(|m| m.medium),
            Some(Medium::Sms)
        );
        let latest = outbox.latest("a@EXAMPLE.com").expect("a message");
        assert_eq!(latest.purpose, Purpose::PasswordReset);
        assert_eq!(latest.code, "222222");
        assert!(outbox.latest("b@example.com").is_none());
        assert!(!format!("{latest:?}").contains("222222"));
    }
}
