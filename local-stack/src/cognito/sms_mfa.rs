//! SMS MFA as Cognito runs it. moto names the SMS_MFA challenge for a
//! person who prefers it, but sends nothing and takes any non-empty code;
//! the front sends a code by "SMS" (to the outbox, under the person's phone
//! number) when moto names the challenge, says where in the challenge's
//! parameters, and checks the answer before moto sees it. The code belongs
//! to the challenge's session, as Cognito's does.

use std::time::Instant;

use axum::response::Response;
use serde_json::Value;

use super::codes::{CodeError, Purpose};
use super::delivery::{self, Delivery};
use super::pools::{self, PoolRules};
use super::{CognitoFront, answer, relay, sessions, users};
use crate::http_client::Answer;
use crate::pools::Medium;

pub async fn respond_to_auth_challenge(
    front: &CognitoFront,
    input: &Value,
    raw: Vec<u8>,
) -> Response {
    if input["ChallengeName"] == "SMS_MFA" {
        let Some(pool) = pools::of_client(front, input) else {
            return pools::unknown_client();
        };
        let session = input["Session"].as_str().unwrap_or_default();
        let code = input["ChallengeResponses"]["SMS_MFA_CODE"]
            .as_str()
            .unwrap_or_default();
        let checked = front.codes.redeem(
            Purpose::SmsMfa,
            &pool.pool_id,
            session,
            code,
            Instant::now(),
        );
        if let Err(error) = checked {
            return refusal(error);
        }
    }
    let answer = front.moto("RespondToAuthChallenge", raw).await;
    challenged(front, input, answer).await
}

/// An answer to InitiateAuth or RespondToAuthChallenge: an SMS_MFA
/// challenge gets its code sent; anything else goes on as signed in.
pub async fn challenged(
    front: &CognitoFront,
    input: &Value,
    answer: Result<Answer, Response>,
) -> Response {
    let answer = match answer {
        Ok(answer) if answer.status.is_success() && answer.json()["ChallengeName"] == "SMS_MFA" => {
            answer
        }
        other => return sessions::signed_in(front, input, other),
    };
    let Some(pool) = pools::of_client(front, input) else {
        return relay(answer);
    };
    let mut output = answer.json();
    let username = [
        &output["ChallengeParameters"]["USERNAME"],
        &input["AuthParameters"]["USERNAME"],
        &input["ChallengeResponses"]["USERNAME"],
    ]
    .into_iter()
    .find_map(Value::as_str)
    .unwrap_or_default()
    .to_string();
    let to = match phone_of(front, pool, &username).await {
        Ok(to) => to,
        Err(response) => return response,
    };
    let session = output["Session"].as_str().unwrap_or_default().to_string();
    delivery::send(front, pool, Purpose::SmsMfa, &session, &to);
    let parameters = &mut output["ChallengeParameters"];
    if !parameters.is_object() {
        *parameters = Value::Object(serde_json::Map::new());
    }
    parameters["CODE_DELIVERY_DELIVERY_MEDIUM"] = Value::from("SMS");
    parameters["CODE_DELIVERY_DESTINATION"] = Value::from(delivery::mask_phone(&to.to));
    answer::ok(&output)
}

async fn phone_of(
    front: &CognitoFront,
    pool: &PoolRules,
    username: &str,
) -> Result<Delivery, Response> {
    let user = users::lookup(front, pool, username)
        .await?
        .ok_or_else(users::incorrect_credentials)?;
    let sms = PoolRules {
        medium: Medium::Sms,
        ..pool.clone()
    };
    delivery::destination(&sms, username, &user["UserAttributes"]).ok_or_else(|| {
        answer::error(
            "InvalidParameterException",
            "The user has no phone number to send the SMS MFA code to.",
        )
    })
}

/// Cognito's words for a wrong or stale SMS MFA code.
fn refusal(error: CodeError) -> Response {
    match error {
        CodeError::Mismatch | CodeError::NoneSent => answer::error(
            "CodeMismatchException",
            "Invalid code or auth state for the user.",
        ),
        CodeError::Expired => answer::error(
            "NotAuthorizedException",
            "Invalid session for the user, session is expired.",
        ),
        CodeError::TooManyAttempts => {
            answer::error("NotAuthorizedException", "Invalid session for the user.")
        }
    }
}
