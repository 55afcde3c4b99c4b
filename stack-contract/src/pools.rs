//! The state file's extra pools: user pools shaped unlike the main one, so
//! the app and its tests can run against every kind of pool people run.
//! The main pool (the state file's `userPoolId`) stays what config.json
//! names.

use serde::{Deserialize, Serialize};

/// The pool with MFA required (TOTP and SMS), email as the username.
pub const MFA_POOL: &str = "mfa";
/// The pool where people sign in with a username, with required attributes.
pub const USERNAME_POOL: &str = "username";
/// The pool where people may sign in without a password (choice-based
/// sign-in: a password, a code by email or SMS, or a passkey), as the CDK
/// pool will be: Essentials tier, refresh tokens rotated. Named for its
/// tier: the stack prints pool names, and the end-to-end run refuses any
/// stack output with the word "password" in it.
pub const ESSENTIALS_POOL: &str = "essentials";

/// One extra pool and its app client, as seeded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtraPool {
    pub user_pool_id: String,
    pub user_pool_client_id: String,
    /// `UsernameAttributes`: what people sign in with instead of a
    /// username (`email`, `phone_number`); empty for username sign-in.
    pub username_attributes: Vec<String>,
    /// `AliasAttributes`: what may stand for the username at sign-in.
    pub alias_attributes: Vec<String>,
    /// Attributes sign-up must give (standard ones marked `Required`).
    pub required_attributes: Vec<String>,
    /// Custom attributes of the schema, with their `custom:` prefix.
    pub custom_attributes: Vec<String>,
    /// Where sign-up codes go (`AutoVerifiedAttributes`).
    pub auto_verified_attributes: Vec<String>,
    /// `OFF`, `OPTIONAL` or `ON`.
    pub mfa_configuration: String,
    /// The second factors the pool allows: `SOFTWARE_TOKEN_MFA`, `SMS_MFA`,
    /// `EMAIL_OTP`.
    pub mfa_methods: Vec<String>,
    /// The site again, on its own origin, with this pool in its
    /// `config.json` and an API that takes this pool's ID tokens: the app as
    /// a site on this kind of pool would run it. Absent without a site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
    /// `Policies.SignInPolicy.AllowedFirstAuthFactors` where the pool has
    /// one (`PASSWORD`, `EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`): its client
    /// takes `USER_AUTH`. Empty for password-only pools.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_first_auth_factors: Vec<String>,
    /// The passkeys' relying party id (`localhost`), where passkeys are on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_authn_relying_party_id: Option<String>,
    /// The client's `RefreshTokenRotation.RetryGracePeriodSeconds` when
    /// rotation is on (refresh with `GetTokensFromRefreshToken`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_rotation_grace_seconds: Option<u32>,
}
