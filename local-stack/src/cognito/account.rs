//! The signed-in person's own account, by access token: who it is (moto's
//! GetUser), with the second factors the front keeps shown in GetUser and
//! AdminGetUser and set by (Admin)SetUserMFAPreference; ChangePassword in
//! Cognito's words; DeleteUser, which moto lacks.

use axum::response::Response;
use serde_json::{Value, json};

use super::mfa::{Method, UserMfa};
use super::ops::{forward, text};
use super::pools::{self, PoolRules};
use super::{CognitoFront, answer, policy, relay, signer, users};

pub struct Me<'a> {
    pub pool: &'a PoolRules,
    /// moto's username (the `sub` in email pools).
    pub username: String,
    /// GetUser's answer: `UserAttributes` and all.
    pub user: Value,
}

impl Me<'_> {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        attribute(&self.user, name)
    }
}

pub fn attribute<'a>(user: &'a Value, name: &str) -> Option<&'a str> {
    user["UserAttributes"]
        .as_array()?
        .iter()
        .find(|a| a["Name"] == name)?["Value"]
        .as_str()
}

/// The holder of the request's `AccessToken`, as moto knows it.
pub async fn whoami<'a>(front: &'a CognitoFront, input: &Value) -> Result<Me<'a>, Response> {
    let token = text(input, "AccessToken");
    let invalid = || answer::error("NotAuthorizedException", "Invalid Access Token");
    if token.is_empty() {
        return Err(invalid());
    }
    let query = json!({ "AccessToken": token });
    let answer = front
        .moto("GetUser", query.to_string().into_bytes())
        .await?;
    if !answer.status.is_success() {
        // moto's messages may repeat the token: Cognito's words instead.
        return Err(match answer.json()["__type"].as_str() {
            Some("UserNotFoundException") => {
                answer::error("UserNotFoundException", "User does not exist.")
            }
            _ => invalid(),
        });
    }
    let pool = signer::claims(token)
        .and_then(|claims| Some(claims["iss"].as_str()?.rsplit('/').next()?.to_string()))
        .and_then(|pool_id| pools::by_id(front, &pool_id))
        .ok_or_else(invalid)?;
    let user = answer.json();
    let username = text(&user, "Username").to_string();
    Ok(Me {
        pool,
        username,
        user,
    })
}

/// moto's GetUser, with the second factors as the front keeps them.
pub async fn get_user(front: &CognitoFront, input: &Value) -> Response {
    match whoami(front, input).await {
        Ok(me) => {
            let mut user = me.user;
            show_mfa(
                &front.mfa.get(&me.pool.pool_id, &me.username),
                me.pool,
                &mut user,
            );
            answer::ok(&user)
        }
        Err(response) => response,
    }
}

pub async fn admin_get_user(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    let answer = match front.moto("AdminGetUser", raw).await {
        Ok(answer) if answer.status.is_success() => answer,
        Ok(answer) => return relay(answer),
        Err(response) => return response,
    };
    let Some(pool) = pools::by_id(front, text(input, "UserPoolId")) else {
        return relay(answer);
    };
    let mut user = answer.json();
    let person = front.mfa.get(&pool.pool_id, text(&user, "Username"));
    show_mfa(&person, pool, &mut user);
    answer::ok(&user)
}

/// `UserMFASettingList` and `PreferredMfaSetting` as Cognito shows them:
/// absent when there are none (moto sends them empty).
pub fn show_mfa(person: &UserMfa, pool: &PoolRules, user: &mut Value) {
    let Some(user) = user.as_object_mut() else {
        return;
    };
    let enabled = person.enabled(&pool.mfa_methods);
    user.remove("UserMFASettingList");
    user.remove("PreferredMfaSetting");
    if user
        .get("MFAOptions")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        user.remove("MFAOptions");
    }
    if !enabled.is_empty() {
        let names: Vec<&str> = enabled.iter().map(|m| m.name()).collect();
        user.insert("UserMFASettingList".into(), Value::from(names));
    }
    if let Some(preferred) = person.preferred.filter(|m| enabled.contains(m)) {
        user.insert("PreferredMfaSetting".into(), Value::from(preferred.name()));
    }
}

pub async fn set_user_mfa_preference(front: &CognitoFront, input: &Value) -> Response {
    match whoami(front, input).await {
        Ok(me) => set_preferences(front, me.pool, &me.username, &me.user, input),
        Err(response) => response,
    }
}

pub async fn admin_set_user_mfa_preference(front: &CognitoFront, input: &Value) -> Response {
    let Some(pool) = pools::by_id(front, text(input, "UserPoolId")) else {
        return answer::error("ResourceNotFoundException", "User pool does not exist.");
    };
    let user = match users::lookup(front, pool, text(input, "Username")).await {
        Ok(Some(user)) => user,
        Ok(None) => return answer::error("UserNotFoundException", "User does not exist."),
        Err(response) => return response,
    };
    set_preferences(front, pool, text(&user, "Username"), &user, input)
}

/// Each of `SoftwareTokenMfaSettings`, `SMSMfaSettings` and
/// `EmailMfaSettings` given, checked first and then set together.
fn set_preferences(
    front: &CognitoFront,
    pool: &PoolRules,
    username: &str,
    user: &Value,
    input: &Value,
) -> Response {
    let person = front.mfa.get(&pool.pool_id, username);
    let mut settings = Vec::new();
    for (key, method) in [
        ("SoftwareTokenMfaSettings", Method::Totp),
        ("SMSMfaSettings", Method::Sms),
        ("EmailMfaSettings", Method::Email),
    ] {
        let given = &input[key];
        if !given.is_object() {
            continue;
        }
        let enabled = given["Enabled"]
            .as_bool()
            .unwrap_or(person.is_enabled(method));
        let preferred = given["PreferredMfa"].as_bool().unwrap_or(false);
        if let Some(refused) = enabled
            .then(|| cannot_enable(pool, &person, user, method))
            .flatten()
        {
            return refused;
        }
        settings.push((method, enabled, preferred));
    }
    front.mfa.update(&pool.pool_id, username, |m| {
        for (method, enabled, preferred) in settings {
            m.set(method, enabled, preferred);
        }
    });
    answer::ok(&json!({}))
}

fn cannot_enable(
    pool: &PoolRules,
    person: &UserMfa,
    user: &Value,
    method: Method,
) -> Option<Response> {
    let refuse = |message: &str| Some(answer::error("InvalidParameterException", message));
    if !pool.mfa_methods.contains(&method) {
        return refuse(&format!(
            "{} is not enabled for the user pool.",
            method.name()
        ));
    }
    match method {
        Method::Totp if person.totp_secret.is_none() => {
            refuse("User has not verified software token mfa")
        }
        Method::Sms if attribute(user, "phone_number").is_none() => {
            refuse("User does not have delivery config set to turn on SMS_MFA")
        }
        Method::Email if attribute(user, "email").is_none() => {
            refuse("User does not have delivery config set to turn on EMAIL_OTP")
        }
        _ => None,
    }
}

/// The pool's password policy in Cognito's words, then moto; a wrong
/// previous password is Cognito's "Incorrect username or password." (moto
/// says the username).
pub async fn change_password(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    let me = match whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    if let Some(message) = policy::violation(&me.pool.policy, text(input, "ProposedPassword")) {
        return answer::error("InvalidPasswordException", message);
    }
    match front.moto("ChangePassword", raw).await {
        Ok(answer) if answer.json()["__type"] == "NotAuthorizedException" => {
            users::incorrect_credentials()
        }
        Ok(answer) => relay(answer),
        Err(response) => response,
    }
}

/// DeleteUser (moto lacks it): every session of the person ends (moto's
/// global sign-out) and moto deletes them; the front forgets their second
/// factors and pending changes.
pub async fn delete_user(front: &CognitoFront, input: &Value) -> Response {
    let me = match whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    // moto files tokens under the name signed in with (the email in email
    // pools), so sign out by each name before the person goes.
    let mut names = vec![me.username.clone()];
    names.extend(me.attribute("email").map(str::to_string));
    let mut calls: Vec<(&str, String)> = names
        .iter()
        .map(|name| ("AdminUserGlobalSignOut", name.clone()))
        .collect();
    calls.push(("AdminDeleteUser", me.username.clone()));
    for (action, name) in calls {
        let who = json!({"UserPoolId": me.pool.pool_id, "Username": name});
        let response = forward(front, action, who.to_string().into_bytes()).await;
        if !response.status().is_success() {
            return response;
        }
    }
    front.mfa.forget(&me.pool.pool_id, &me.username);
    front.attributes.forget(&me.pool.pool_id, &me.username);
    front.passkeys.forget(&me.pool.pool_id, &me.username);
    answer::ok(&json!({}))
}
