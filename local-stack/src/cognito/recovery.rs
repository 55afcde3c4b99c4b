//! Password recovery: ForgotPassword sends a code to people in the pool
//! (the front's own, in place of the one moto makes up);
//! ConfirmForgotPassword checks the code and the pool's password policy,
//! which moto does not.

use std::time::Instant;

use axum::response::Response;
use serde_json::Value;

use super::codes::Purpose;
use super::ops::{code_error, forward, send_code, text};
use super::{CognitoFront, answer, delivery, policy, pools, relay, users};

pub async fn forgot_password(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    let Some(pool) = pools::of_client(front, input) else {
        return pools::unknown_client();
    };
    let username = text(input, "Username");
    // moto answers "sent" for nobody too; the front sends only to people.
    let user = match users::someone(front, pool, username, || {
        users::code_sent(delivery::made_up(pool, username))
    })
    .await
    {
        Ok(user) => user,
        Err(response) => return response,
    };
    // moto's own code (in a response header) is dropped: moto takes any
    // code but its own, so the front's stands in for it.
    match front.moto("ForgotPassword", raw).await {
        Ok(answer) if answer.status.is_success() => {}
        Ok(answer) => return relay(answer),
        Err(response) => return response,
    }
    send_code(front, pool, Purpose::PasswordReset, username, &user)
}

pub async fn confirm_forgot_password(
    front: &CognitoFront,
    input: &Value,
    raw: Vec<u8>,
) -> Response {
    let Some(pool) = pools::of_client(front, input) else {
        return pools::unknown_client();
    };
    let username = text(input, "Username");
    let user = match users::someone(front, pool, username, users::expired_code).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    if let Some(message) = policy::violation(&pool.policy, text(input, "Password")) {
        return answer::error("InvalidPasswordException", message);
    }
    let code = text(input, "ConfirmationCode");
    match front.codes.redeem(
        Purpose::PasswordReset,
        &pool.pool_id,
        username,
        code,
        Instant::now(),
    ) {
        Ok(()) => {
            let reset = forward(front, "ConfirmForgotPassword", raw).await;
            if reset.status().is_success() {
                // A person who signed up without a password has one now.
                front
                    .passwordless
                    .forget(&pool.pool_id, text(&user, "Username"));
            }
            reset
        }
        Err(error) => code_error(error),
    }
}
