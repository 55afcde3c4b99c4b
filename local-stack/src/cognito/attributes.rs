//! A person's own contact details, by access token. moto changes an email
//! at once and sends nothing, has no VerifyUserAttribute and no
//! GetUserAttributeVerificationCode. The front, as Cognito with
//! `AttributesRequireVerificationBeforeUpdate`, keeps a changed email (or
//! phone number) waiting while the old one stays in use, sends a code to
//! the new one, and makes the change when the code comes back.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use axum::response::Response;
use serde_json::{Value, json};

use super::account::{self, Me};
use super::codes::Purpose;
use super::delivery::{self, Delivery};
use super::ops::{code_error, text};
use super::pools::PoolRules;
use super::{CognitoFront, answer, person_key, relay, users};
use crate::pools::Medium;

/// Changes waiting for their code, by pool, person and attribute.
#[derive(Debug, Default)]
pub struct PendingChanges {
    values: Mutex<HashMap<(String, String, String), String>>,
}

impl PendingChanges {
    fn lock(&self) -> MutexGuard<'_, HashMap<(String, String, String), String>> {
        self.values.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn key(pool: &str, username: &str, name: &str) -> (String, String, String) {
        (pool.to_string(), person_key(username), name.to_string())
    }

    fn set(&self, pool: &str, username: &str, name: &str, value: &str) {
        self.lock()
            .insert(Self::key(pool, username, name), value.to_string());
    }

    fn get(&self, pool: &str, username: &str, name: &str) -> Option<String> {
        self.lock().get(&Self::key(pool, username, name)).cloned()
    }

    fn take(&self, pool: &str, username: &str, name: &str) -> Option<String> {
        self.lock().remove(&Self::key(pool, username, name))
    }

    pub fn forget(&self, pool: &str, username: &str) {
        let who = person_key(username);
        self.lock().retain(|(p, u, _), _| !(p == pool && *u == who));
    }
}

/// The attributes a code is sent for, and how.
fn medium_of(name: &str) -> Option<Medium> {
    match name {
        "email" => Some(Medium::Email),
        "phone_number" => Some(Medium::Sms),
        _ => None,
    }
}

/// Codes are filed per attribute of a person.
fn code_key(username: &str, name: &str) -> String {
    format!("{username}\u{0}{name}")
}

fn send_code(front: &CognitoFront, me: &Me<'_>, name: &str, medium: Medium, to: &str) -> Value {
    let to = Delivery {
        medium,
        to: to.to_string(),
    };
    let key = code_key(&me.username, name);
    delivery::send(front, me.pool, Purpose::VerifyAttribute, &key, &to);
    delivery::details(&to)
}

pub async fn update(front: &CognitoFront, input: &Value) -> Response {
    let me = match account::whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let pool = me.pool;
    let mut now = Vec::new();
    let mut coded = Vec::new();
    for attribute in input["UserAttributes"].as_array().into_iter().flatten() {
        let (name, value) = (text(attribute, "Name"), text(attribute, "Value"));
        let changed = me.attribute(name) != Some(value);
        if !changed || medium_of(name).is_none() {
            now.push(attribute.clone());
            continue;
        }
        if name == "phone_number" && !super::pools::is_e164(value) {
            return answer::error("InvalidParameterException", "Invalid phone number format.");
        }
        if name == "email" && pool.email_identifies {
            match taken(front, pool, value, &me.username).await {
                Ok(false) => {}
                Ok(true) => return alias_exists(),
                Err(response) => return response,
            }
        }
        if pool.verify_before_update.iter().any(|n| n == name) {
            coded.push((name, value, true));
            continue;
        }
        // Changed at once, and no longer verified.
        now.push(attribute.clone());
        now.push(json!({"Name": format!("{name}_verified"), "Value": "false"}));
        if pool.auto_verified == name {
            coded.push((name, value, false));
        }
    }
    if !now.is_empty() {
        let change =
            json!({"UserPoolId": pool.pool_id, "Username": me.username, "UserAttributes": now});
        match front
            .moto("AdminUpdateUserAttributes", change.to_string().into_bytes())
            .await
        {
            Ok(answer) if answer.status.is_success() => {}
            Ok(answer) => return relay(answer),
            Err(response) => return response,
        }
    }
    let mut details = Vec::new();
    for (name, value, waits) in coded {
        if waits {
            front
                .attributes
                .set(&pool.pool_id, &me.username, name, value);
        }
        if let Some(medium) = medium_of(name) {
            details.push(send_code(front, &me, name, medium, value));
        }
    }
    if details.is_empty() {
        return answer::ok(&json!({}));
    }
    answer::ok(&json!({"CodeDeliveryDetailsList": details}))
}

pub async fn verify(front: &CognitoFront, input: &Value) -> Response {
    let me = match account::whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let pool = me.pool;
    let name = text(input, "AttributeName");
    if medium_of(name).is_none() {
        return answer::error(
            "InvalidParameterException",
            "Only email and phone_number can be verified.",
        );
    }
    let waiting = front.attributes.get(&pool.pool_id, &me.username, name);
    let waiting_email = waiting.as_deref().filter(|_| name == "email");
    if let Some(email) = waiting_email.filter(|_| pool.email_identifies) {
        match taken(front, pool, email, &me.username).await {
            Ok(false) => {}
            Ok(true) => return alias_exists(),
            Err(response) => return response,
        }
    }
    let redeemed = front.codes.redeem(
        Purpose::VerifyAttribute,
        &pool.pool_id,
        &code_key(&me.username, name),
        text(input, "Code"),
        Instant::now(),
    );
    if let Err(error) = redeemed {
        return code_error(error);
    }
    let mut change = vec![json!({"Name": format!("{name}_verified"), "Value": "true"})];
    if let Some(value) = front.attributes.take(&pool.pool_id, &me.username, name) {
        change.insert(0, json!({"Name": name, "Value": value}));
    }
    let change =
        json!({"UserPoolId": pool.pool_id, "Username": me.username, "UserAttributes": change});
    match front
        .moto("AdminUpdateUserAttributes", change.to_string().into_bytes())
        .await
    {
        Ok(answer) if answer.status.is_success() => answer::ok(&json!({})),
        Ok(answer) => relay(answer),
        Err(response) => response,
    }
}

/// A code for the waiting value, or else for the current one.
pub async fn get_code(front: &CognitoFront, input: &Value) -> Response {
    let me = match account::whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let name = text(input, "AttributeName");
    let Some(medium) = medium_of(name) else {
        return answer::error(
            "InvalidParameterException",
            "Only email and phone_number can be verified.",
        );
    };
    let waiting = front.attributes.get(&me.pool.pool_id, &me.username, name);
    let Some(to) = waiting.or_else(|| me.attribute(name).map(str::to_string)) else {
        return answer::error(
            "InvalidParameterException",
            &format!("The user has no {name} to verify."),
        );
    };
    let details = send_code(front, &me, name, medium, &to);
    answer::ok(&json!({"CodeDeliveryDetails": details}))
}

/// Whether someone else in the pool has this email.
async fn taken(
    front: &CognitoFront,
    pool: &PoolRules,
    email: &str,
    username: &str,
) -> Result<bool, Response> {
    let owners = users::with_email(front, pool, email).await?;
    Ok(owners
        .iter()
        .any(|user| person_key(text(user, "Username")) != person_key(username)))
}

fn alias_exists() -> Response {
    answer::error(
        "AliasExistsException",
        "An account with the given email already exists.",
    )
}
