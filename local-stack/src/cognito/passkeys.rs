//! Passkeys (WebAuthn), which moto lacks: registration with an access
//! token (`StartWebAuthnRegistration`, `CompleteWebAuthnRegistration`),
//! `ListWebAuthnCredentials`, `DeleteWebAuthnCredential`, and the
//! `WEB_AUTHN` challenge of choice-based sign-in. The front is the relying
//! party, with `webauthn-rs`: every attestation and assertion is verified
//! for real (challenge, origin, relying party id hash, user presence and
//! verification, signature, counter), none is taken on trust.
//!
//! The relying party id is the pool's (`localhost` locally: an IP address
//! cannot be one). Origins are checked against it as Cognito checks them
//! ("the registration origin does not align with the user pool relying
//! party id"): `http://localhost` on any port.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use webauthn_rs::prelude::{
    CreationChallengeResponse, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, Url, Uuid, Webauthn, WebauthnBuilder,
    WebauthnError,
};

use super::account;
use super::challenges::{Pending, SessionError};
use super::factors::Factor;
use super::ops::text;
use super::pools::PoolRules;
use super::sign_in::{no_randomness, session_refused};
use super::{CognitoFront, answer, person_key, signer};

/// How long a registration's challenge waits for its credential (the
/// WebAuthn recommendation, as webauthn-rs's options say).
const REGISTRATION_LIFETIME: Duration = webauthn_rs::DEFAULT_AUTHENTICATOR_TIMEOUT;
/// `ListWebAuthnCredentials`' page size when none is asked for.
const DEFAULT_PAGE: usize = 20;

type Person = (String, String);

/// The relying party of each pool with one, and everyone's passkeys.
/// Private keys never reach the front; Debug still shows nothing of what
/// is held.
pub struct Passkeys {
    relying_parties: HashMap<String, Webauthn>,
    inner: Mutex<Inner>,
}

impl std::fmt::Debug for Passkeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passkeys(<redacted>)")
    }
}

#[derive(Default)]
struct Inner {
    registered: HashMap<Person, Vec<Registered>>,
    registering: HashMap<Person, Registering>,
    /// By the `WEB_AUTHN` challenge's session.
    signing_in: HashMap<String, (Instant, PasskeyAuthentication)>,
}

struct Registered {
    passkey: Passkey,
    created_at: u64,
    transports: Vec<String>,
    attachment: Option<String>,
}

struct Registering {
    state: PasskeyRegistration,
    client_id: String,
    issued: Instant,
}

impl Passkeys {
    /// A relying party for each pool that names one.
    pub fn for_pools(pools: &[PoolRules]) -> Passkeys {
        let relying_parties = pools
            .iter()
            .filter_map(|pool| {
                let id = pool.relying_party.as_deref()?;
                Some((pool.pool_id.clone(), relying_party(id)?))
            })
            .collect();
        Passkeys {
            relying_parties,
            inner: Mutex::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn has_any(&self, pool: &str, username: &str) -> bool {
        self.lock()
            .registered
            .get(&person(pool, username))
            .is_some_and(|list| !list.is_empty())
    }

    /// Forgets a deleted person's passkeys.
    pub fn forget(&self, pool: &str, username: &str) {
        self.lock().registered.remove(&person(pool, username));
    }
}

/// `http://localhost` on any port for the relying party `localhost`;
/// `https://ID` for any other.
fn relying_party(id: &str) -> Option<Webauthn> {
    let scheme = if id == "localhost" { "http" } else { "https" };
    let origin = Url::parse(&format!("{scheme}://{id}")).ok()?;
    WebauthnBuilder::new(id, &origin)
        .ok()?
        .rp_name("cognito-signin (local)")
        .allow_any_port(true)
        .build()
        .ok()
}

fn person(pool: &str, username: &str) -> Person {
    (pool.to_string(), person_key(username))
}

/// The pool's relying party, or Cognito's refusal.
fn relying_party_of<'a>(
    front: &'a CognitoFront,
    pool: &PoolRules,
) -> Result<&'a Webauthn, Box<Response>> {
    if !pool.first_factors.contains(&Factor::WebAuthn) {
        return Err(Box::new(answer::error(
            "WebAuthnNotEnabledException",
            "Passkeys are not enabled for this user pool.",
        )));
    }
    front
        .passkeys
        .relying_parties
        .get(&pool.pool_id)
        .ok_or_else(|| {
            Box::new(answer::error(
                "WebAuthnConfigurationMissingException",
                "The user pool has no relying party id.",
            ))
        })
}

/// The person the access token names, with their pool's relying party:
/// registering a passkey needs both.
async fn registering<'a>(
    front: &'a CognitoFront,
    input: &Value,
) -> Result<(account::Me<'a>, &'a Webauthn), Response> {
    let me = account::whoami(front, input).await?;
    let relying_party = relying_party_of(front, me.pool).map_err(|refused| *refused)?;
    Ok((me, relying_party))
}

/// The app client the access token was issued to.
fn client_of(input: &Value) -> String {
    signer::claims(text(input, "AccessToken"))
        .and_then(|claims| claims["client_id"].as_str().map(str::to_string))
        .unwrap_or_default()
}

pub async fn start_registration(front: &CognitoFront, input: &Value) -> Response {
    let (me, relying_party) = match registering(front, input).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    // The user handle: the person's `sub`, which never changes.
    let Some(user_id) = me.attribute("sub").and_then(|s| Uuid::parse_str(s).ok()) else {
        return answer::error("InternalErrorException", "The user has no sub.");
    };
    let name = me.attribute("email").unwrap_or(&me.username).to_string();
    let key = person(&me.pool.pool_id, &me.username);
    let exclude: Vec<_> = front
        .passkeys
        .lock()
        .registered
        .get(&key)
        .map(|list| list.iter().map(|r| r.passkey.cred_id().clone()).collect())
        .unwrap_or_default();
    let (options, state) =
        match relying_party.start_passkey_registration(user_id, &name, &name, Some(exclude)) {
            Ok(started) => started,
            Err(_) => return no_randomness(),
        };
    front.passkeys.lock().registering.insert(
        key,
        Registering {
            state,
            client_id: client_of(input),
            issued: Instant::now(),
        },
    );
    answer::ok(&json!({ "CredentialCreationOptions": creation_options(&options) }))
}

/// webauthn-rs's options, asking for a discoverable credential (a passkey
/// proper) as Cognito's do; webauthn-rs asks for none, and what it checks
/// of the answer does not depend on it.
fn creation_options(options: &CreationChallengeResponse) -> Value {
    let mut options = json!(options.public_key);
    options["authenticatorSelection"]["residentKey"] = json!("required");
    options["authenticatorSelection"]["requireResidentKey"] = json!(true);
    options
}

pub async fn complete_registration(front: &CognitoFront, input: &Value) -> Response {
    let (me, relying_party) = match registering(front, input).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let key = person(&me.pool.pool_id, &me.username);
    // One try per challenge, as the challenge is used up either way.
    let registering = front.passkeys.lock().registering.remove(&key);
    let Some(registering) = registering.filter(|r| r.issued.elapsed() < REGISTRATION_LIFETIME)
    else {
        return answer::error(
            "WebAuthnChallengeNotFoundException",
            "The registration's challenge was not found or has expired.",
        );
    };
    if registering.client_id != client_of(input) {
        return answer::error(
            "WebAuthnClientMismatchException",
            "The access token is for another app client than the registration's.",
        );
    }
    let Ok(credential) =
        serde_json::from_value::<RegisterPublicKeyCredential>(input["Credential"].clone())
    else {
        return answer::error(
            "InvalidParameterException",
            "Credential is not a registration response.",
        );
    };
    let passkey = match relying_party.finish_passkey_registration(&credential, &registering.state) {
        Ok(passkey) => passkey,
        Err(error) => return registration_refused(&error),
    };
    let transports = credential
        .response
        .transports
        .iter()
        .flatten()
        .filter_map(|t| serde_json::to_value(t).ok()?.as_str().map(str::to_string))
        .collect();
    let attachment = input["Credential"]["authenticatorAttachment"]
        .as_str()
        .map(str::to_string);
    front
        .passkeys
        .lock()
        .registered
        .entry(key)
        .or_default()
        .push(Registered {
            passkey,
            created_at: unix_now(),
            transports,
            attachment,
        });
    answer::ok(&json!({}))
}

/// webauthn-rs's refusal of an attestation in Cognito's words.
fn registration_refused(error: &WebauthnError) -> Response {
    use WebauthnError as E;
    let (kind, message) = match error {
        E::InvalidRPOrigin => (
            "WebAuthnOriginNotAllowedException",
            "The passkey's origin does not align with the user pool relying party id.",
        ),
        E::InvalidRPIDHash => (
            "WebAuthnRelyingPartyMismatchException",
            "The passkey is for another relying party id.",
        ),
        E::MismatchedChallenge => (
            "WebAuthnChallengeNotFoundException",
            "The registration's challenge was not found or has expired.",
        ),
        E::COSEKeyInvalidCBORValue
        | E::COSEKeyInvalidType
        | E::COSEKeyEDUnsupported
        | E::COSEKeyECDSAXYInvalid
        | E::COSEKeyRSANEInvalid
        | E::COSEKeyECDSAInvalidCurve
        | E::COSEKeyEDDSAXInvalid
        | E::COSEKeyEDDSAInvalidCurve
        | E::COSEKeyInvalidAlgorithm
        | E::CredentialAlteredAlgFromRequest => (
            "WebAuthnCredentialNotSupportedException",
            "The passkey's algorithm is not supported.",
        ),
        _ => (
            "NotAuthorizedException",
            "The passkey registration could not be verified.",
        ),
    };
    answer::error(kind, message)
}

pub async fn list(front: &CognitoFront, input: &Value) -> Response {
    let me = match account::whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let relying_party_id = me.pool.relying_party.clone().unwrap_or_default();
    let page = input["MaxResults"]
        .as_u64()
        .map_or(DEFAULT_PAGE, |n| n.clamp(1, 20) as usize);
    let from: usize = text(input, "NextToken").parse().unwrap_or(0);
    let inner = front.passkeys.lock();
    let all = inner
        .registered
        .get(&person(&me.pool.pool_id, &me.username))
        .map(Vec::as_slice)
        .unwrap_or_default();
    let credentials: Vec<Value> = all
        .iter()
        .skip(from)
        .take(page)
        .map(|r| {
            let mut described = json!({
                "CredentialId": URL_SAFE_NO_PAD.encode(r.passkey.cred_id()),
                "FriendlyCredentialName": "Passkey",
                "RelyingPartyId": relying_party_id,
                "AuthenticatorTransports": r.transports,
                "CreatedAt": r.created_at,
            });
            if let Some(attachment) = &r.attachment {
                described["AuthenticatorAttachment"] = json!(attachment);
            }
            described
        })
        .collect();
    let mut output = json!({ "Credentials": credentials });
    if from + page < all.len() {
        output["NextToken"] = json!((from + page).to_string());
    }
    answer::ok(&output)
}

pub async fn delete(front: &CognitoFront, input: &Value) -> Response {
    let me = match account::whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let wanted = text(input, "CredentialId");
    let mut inner = front.passkeys.lock();
    let list = inner
        .registered
        .entry(person(&me.pool.pool_id, &me.username))
        .or_default();
    let before = list.len();
    list.retain(|r| URL_SAFE_NO_PAD.encode(r.passkey.cred_id()) != wanted);
    if list.len() == before {
        return answer::error("ResourceNotFoundException", "Credential not found.");
    }
    answer::ok(&json!({}))
}

/// The `WEB_AUTHN` challenge for this step: `CREDENTIAL_REQUEST_OPTIONS`
/// (a JSON string, as Cognito sends it) naming the person's passkeys.
pub fn challenge(front: &CognitoFront, pool: &PoolRules, step: Pending) -> Response {
    let relying_party = match relying_party_of(front, pool) {
        Ok(found) => found,
        Err(refused) => return *refused,
    };
    let key = person(&pool.pool_id, &step.username);
    let passkeys: Vec<Passkey> = front
        .passkeys
        .lock()
        .registered
        .get(&key)
        .map(|list| list.iter().map(|r| r.passkey.clone()).collect())
        .unwrap_or_default();
    let Ok((options, state)) = relying_party.start_passkey_authentication(&passkeys) else {
        return answer::error(
            "InvalidParameterException",
            "The user has no passkey to sign in with.",
        );
    };
    let Ok(session) = front.challenges.issue(step) else {
        return no_randomness();
    };
    let mut inner = front.passkeys.lock();
    inner
        .signing_in
        .retain(|_, (issued, _)| issued.elapsed() < super::challenges::LIFETIME);
    inner
        .signing_in
        .insert(session.clone(), (Instant::now(), state));
    answer::ok(&json!({
        "ChallengeName": "WEB_AUTHN",
        "ChallengeParameters": {
            "CREDENTIAL_REQUEST_OPTIONS": json!(options.public_key).to_string(),
        },
        "Session": session,
    }))
}

/// The `WEB_AUTHN` answer's `CREDENTIAL` (a JSON string): the step back if
/// the assertion is by one of the person's passkeys (still registered) and
/// verifies, else `NotAuthorizedException` (the session kept, as for a
/// wrong code).
pub fn assert(
    front: &CognitoFront,
    pool: &PoolRules,
    session: &str,
    pending: Pending,
    credential: &str,
) -> Result<Pending, Box<Response>> {
    let verified = verify(front, pool, session, &pending, credential);
    if verified {
        front.passkeys.lock().signing_in.remove(session);
        return Ok(pending);
    }
    let gone = !front.passkeys.lock().signing_in.contains_key(session);
    if gone {
        return Err(Box::new(session_refused(SessionError::Unknown)));
    }
    front.challenges.wrong_answer(session, pending);
    Err(Box::new(answer::error(
        "NotAuthorizedException",
        "Incorrect username or password.",
    )))
}

fn verify(
    front: &CognitoFront,
    pool: &PoolRules,
    session: &str,
    pending: &Pending,
    credential: &str,
) -> bool {
    let Some(relying_party) = front.passkeys.relying_parties.get(&pool.pool_id) else {
        return false;
    };
    let Ok(credential) = serde_json::from_str::<PublicKeyCredential>(credential) else {
        return false;
    };
    let mut inner = front.passkeys.lock();
    let Some((_, state)) = inner.signing_in.get(session) else {
        return false;
    };
    let Ok(result) = relying_party.finish_passkey_authentication(&credential, state) else {
        return false;
    };
    // Deleted since the challenge was sent: refused.
    let Some(registered) = inner
        .registered
        .get_mut(&person(&pool.pool_id, &pending.username))
        .and_then(|list| {
            list.iter_mut()
                .find(|r| r.passkey.cred_id() == result.cred_id())
        })
    else {
        return false;
    };
    registered.passkey.update_credential(&result);
    true
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localhost_is_a_relying_party_and_an_address_is_not() {
        assert!(relying_party("localhost").is_some());
        assert!(relying_party("127.0.0.1").is_none());
    }

    #[test]
    fn registration_options_ask_for_a_discoverable_passkey() {
        let rp = relying_party("localhost").unwrap();
        let (options, _) = rp
            .start_passkey_registration(Uuid::nil(), "a@example.com", "a@example.com", None)
            .unwrap();
        let options = creation_options(&options);
        assert_eq!(options["authenticatorSelection"]["residentKey"], "required");
        assert_eq!(
            options["authenticatorSelection"]["requireResidentKey"],
            true
        );
        assert_eq!(options["rp"]["id"], "localhost");
        assert_eq!(options["pubKeyCredParams"][0]["alg"], -7, "ES256 first");
        assert!(!options.to_string().contains("null"), "{options}");
    }

    #[test]
    fn registration_errors_in_cognitos_words() {
        let kind = |e: WebauthnError| {
            registration_refused(&e).headers()["x-amzn-errortype"]
                .to_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            kind(WebauthnError::InvalidRPOrigin),
            "WebAuthnOriginNotAllowedException:"
        );
        assert_eq!(
            kind(WebauthnError::InvalidRPIDHash),
            "WebAuthnRelyingPartyMismatchException:"
        );
        assert_eq!(
            kind(WebauthnError::COSEKeyInvalidAlgorithm),
            "WebAuthnCredentialNotSupportedException:"
        );
        assert_eq!(
            kind(WebauthnError::UserNotVerified),
            "NotAuthorizedException:"
        );
    }
}
