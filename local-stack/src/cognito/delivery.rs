//! Where a code goes: to the email address, or by SMS to the phone number,
//! as the pool verifies (its `AutoVerifiedAttributes`). Either way it lands
//! in the outbox under that address or number, and the answer says where,
//! masked as Cognito masks it.

use std::time::Instant;

use serde_json::{Value, json};

use super::CognitoFront;
use super::answer::mask_email;
use super::codes::Purpose;
use super::pools::PoolRules;
use crate::pools::Medium;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub medium: Medium,
    pub to: String,
}

/// `attributes` is a `UserAttributes` list (`[{Name, Value}]`) from SignUp
/// or AdminGetUser. In pools where the email is the username, a sign-up
/// may give it only as the username.
pub fn destination(pool: &PoolRules, username: &str, attributes: &Value) -> Option<Delivery> {
    let attribute = |name: &str| {
        attributes.as_array()?.iter().find_map(|a| {
            (a["Name"] == name)
                .then(|| a["Value"].as_str())
                .flatten()
                .filter(|v| !v.trim().is_empty())
                .map(str::to_string)
        })
    };
    let to = match pool.medium {
        Medium::Email => attribute("email")
            .or_else(|| username.contains('@').then(|| username.trim().to_string())),
        Medium::Sms => attribute("phone_number"),
    }?;
    Some(Delivery {
        medium: pool.medium,
        to,
    })
}

/// The answer's CodeDeliveryDetails.
pub fn details(delivery: &Delivery) -> Value {
    match delivery.medium {
        Medium::Email => json!({
            "Destination": mask_email(&delivery.to),
            "DeliveryMedium": "EMAIL",
            "AttributeName": "email",
        }),
        Medium::Sms => json!({
            "Destination": mask_phone(&delivery.to),
            "DeliveryMedium": "SMS",
            "AttributeName": "phone_number",
        }),
    }
}

/// Where a code for nobody "went" (existence errors prevented): made up
/// from what was asked, in the pool's medium.
pub fn made_up(pool: &PoolRules, username: &str) -> Value {
    let to = match pool.medium {
        Medium::Email => username.to_string(),
        Medium::Sms => "+10000000000".to_string(),
    };
    details(&Delivery {
        medium: pool.medium,
        to,
    })
}

/// Cognito shows a number's last four digits: `+*******0100`.
pub fn mask_phone(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let shown = digits.len().saturating_sub(4);
    let tail: String = digits[shown..].iter().collect();
    format!("+{}{tail}", "*".repeat(shown))
}

/// Records a fresh code for `key` (the person, or the challenge's session)
/// and puts it in the outbox.
pub fn send(
    front: &CognitoFront,
    pool: &PoolRules,
    purpose: Purpose,
    key: &str,
    delivery: &Delivery,
) {
    let code = front
        .codes
        .issue(purpose, &pool.pool_id, key, Instant::now());
    front
        .outbox
        .send(&delivery.to, delivery.medium, purpose, code);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_numbers_like_cognito() {
        assert_eq!(mask_phone("+15555550100"), "+*******0100");
        assert_eq!(mask_phone("12"), "+12");
    }
}
