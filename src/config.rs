//! The runtime configuration read from `/config.json`, so one build serves
//! any stack. Parsing and validation are plain functions; the page that
//! reports a bad config only shows `ConfigError`'s words.

use crate::cognito::FirstFactor;
use crate::flow::attributes::SignUpAttribute;
use crate::flow::identity::SignInWith;
use crate::flow::password::PasswordPolicy;
use crate::web::json::{self, Fields};
use crate::web::text;

/// The validated configuration the app runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppConfig {
    pub region: String,
    pub user_pool_id: String,
    pub client_id: String,
    /// Base URL of the API, without a trailing slash.
    pub api_url: String,
    /// Cognito's JSON endpoint: the regional one, or a local emulator's.
    pub cognito_endpoint: String,
    pub password_policy: PasswordPolicy,
    /// The name authenticator apps list the account under (the issuer of
    /// its `otpauth://` key); `appName`, by default "Cognito Sign-in".
    pub app_name: String,
    /// What people sign in with (`signInWith`: `email`, `phone_number`,
    /// `username`; by default the email).
    pub sign_in_with: SignInWith,
    /// The attributes sign-up asks for besides the username and password
    /// (`signUpAttributes`): the pool's required ones, and any other the
    /// site wants.
    pub sign_up_attributes: Vec<SignUpAttribute>,
    /// The app client rotates refresh tokens (`refreshTokenRotation`):
    /// refreshes go through `GetTokensFromRefreshToken`.
    pub refresh_token_rotation: bool,
    /// The ways in the pool allows (`firstAuthFactors`, its
    /// `AllowedFirstAuthFactors`), for an app client with `ALLOW_USER_AUTH`:
    /// sign-in asks for the identifier, then offers the person's ways.
    /// Empty for the classic password form (`USER_PASSWORD_AUTH`).
    pub first_auth_factors: Vec<FirstFactor>,
    /// The way tried first (`preferredChallenge`); the person is offered
    /// the others when it is not theirs. A password is the choice's first
    /// way anyway, so it reads as none.
    pub preferred_challenge: Option<FirstFactor>,
}

#[derive(Debug)]
struct RawConfig {
    region: Option<String>,
    user_pool_id: Option<String>,
    user_pool_client_id: Option<String>,
    api_url: Option<String>,
    cognito_endpoint: Option<String>,
    password_policy: PasswordPolicy,
    app_name: Option<String>,
    sign_in_with: Vec<String>,
    sign_up_attributes: Vec<String>,
    refresh_token_rotation: Option<bool>,
    first_auth_factors: Vec<String>,
    preferred_challenge: Option<String>,
}

impl RawConfig {
    fn from_fields(f: Fields) -> Result<Self, json::Error> {
        Ok(Self {
            region: f.string("region")?,
            user_pool_id: f.string("userPoolId")?,
            user_pool_client_id: f.string("userPoolClientId")?,
            api_url: f.string("apiUrl")?,
            cognito_endpoint: f.string("cognitoEndpoint")?,
            password_policy: match f.object("passwordPolicy")? {
                Some(policy) => PasswordPolicy::from_fields(policy)?,
                None => PasswordPolicy::default(),
            },
            app_name: f.string("appName")?,
            sign_in_with: f.strings("signInWith")?,
            sign_up_attributes: f.strings("signUpAttributes")?,
            refresh_token_rotation: f.bool("refreshTokenRotation")?,
            first_auth_factors: f.strings("firstAuthFactors")?,
            preferred_challenge: f.string("preferredChallenge")?,
        })
    }
}

/// Why the app cannot start. Its words are for whoever deployed the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    Unreachable(String),
    NotJson(String),
    Missing(&'static str),
    Invalid { field: &'static str, reason: String },
}

impl ConfigError {
    /// The message, joined by hand: `format!` would link `core::fmt`.
    pub fn describe(&self) -> String {
        match self {
            Self::Unreachable(why) => ["config.json could not be loaded (", why, ")."].concat(),
            Self::NotJson(why) => ["config.json is not valid JSON: ", why, "."].concat(),
            Self::Missing(field) => ["config.json has no \"", field, "\"."].concat(),
            Self::Invalid { field, reason } => {
                ["config.json's \"", field, "\" is not valid: ", reason, "."].concat()
            }
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl std::error::Error for ConfigError {}

pub const CONFIG_PATH: &str = "/config.json";

impl AppConfig {
    /// Parses and validates the text of `config.json`.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let raw = json::read(text, RawConfig::from_fields)
            .map_err(|e| ConfigError::NotJson(e.0.to_owned()))?;
        let region = required(raw.region, "region")?;
        if !is_region(&region) {
            return Err(invalid("region", "expected a region such as us-east-1"));
        }
        let user_pool_id = required(raw.user_pool_id, "userPoolId")?;
        match text::split_once(&user_pool_id, b'_') {
            Some((pool_region, id)) if pool_region == region && is_token(id) => {}
            _ => {
                return Err(invalid(
                    "userPoolId",
                    ["expected \"", &region, "_\" followed by the pool's id"].concat(),
                ));
            }
        }
        let client_id = required(raw.user_pool_client_id, "userPoolClientId")?;
        if !is_token(&client_id) {
            return Err(invalid("userPoolClientId", "expected letters and digits"));
        }
        let api_url = required(raw.api_url, "apiUrl")?;
        let api_url = text::trim_end_byte(http_url(&api_url, "apiUrl")?, b'/').to_owned();
        let cognito_endpoint = match raw.cognito_endpoint.filter(|e| !e.trim().is_empty()) {
            Some(endpoint) => http_url(&endpoint, "cognitoEndpoint")?.to_owned(),
            None => ["https://cognito-idp.", &region, ".amazonaws.com/"].concat(),
        };
        if raw.password_policy.minimum_length == 0 || raw.password_policy.minimum_length > 99 {
            return Err(invalid(
                "passwordPolicy",
                "minimumLength must be between 1 and 99",
            ));
        }
        let sign_in_with = if raw.sign_in_with.is_empty() {
            SignInWith::default()
        } else {
            SignInWith::from_names(&raw.sign_in_with).map_err(|why| invalid("signInWith", why))?
        };
        // A username pool's aliases first, then the listed attributes;
        // the username's own attribute and repeats are not asked twice.
        let username_attribute = sign_in_with.sign_up_username().attribute();
        let mut sign_up_attributes: Vec<SignUpAttribute> = Vec::new();
        let aliases = sign_in_with.alias_attributes().map(str::to_owned);
        for name in aliases.chain(raw.sign_up_attributes) {
            let attribute = SignUpAttribute::from_name(&name)
                .map_err(|why| invalid("signUpAttributes", why))?;
            if username_attribute != Some(attribute.name.as_str())
                && !sign_up_attributes.contains(&attribute)
            {
                sign_up_attributes.push(attribute);
            }
        }
        let mut first_auth_factors = Vec::new();
        for name in &raw.first_auth_factors {
            let way = FirstFactor::from_name(name).ok_or_else(|| {
                invalid(
                    "firstAuthFactors",
                    "expected PASSWORD, EMAIL_OTP, SMS_OTP or WEB_AUTHN",
                )
            })?;
            if !first_auth_factors.contains(&way) {
                first_auth_factors.push(way);
            }
        }
        let preferred_challenge = match raw.preferred_challenge.as_deref() {
            None | Some("") => None,
            Some(name) => match FirstFactor::from_name(name) {
                Some(way) if first_auth_factors.contains(&way) => {
                    Some(way).filter(|way| *way != FirstFactor::Password)
                }
                _ => {
                    return Err(invalid(
                        "preferredChallenge",
                        "expected one of firstAuthFactors",
                    ));
                }
            },
        };
        Ok(Self {
            region,
            user_pool_id,
            client_id,
            api_url,
            cognito_endpoint,
            password_policy: raw.password_policy,
            app_name: raw
                .app_name
                .map(|name| name.trim().to_owned())
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| "Cognito Sign-in".to_owned()),
            sign_in_with,
            sign_up_attributes,
            refresh_token_rotation: raw.refresh_token_rotation.unwrap_or(false),
            first_auth_factors,
            preferred_challenge,
        })
    }

    /// Sign-in asks for the identifier first and offers ways in
    /// (`USER_AUTH`).
    pub fn user_auth(&self) -> bool {
        !self.first_auth_factors.is_empty()
    }

    pub fn allows(&self, way: FirstFactor) -> bool {
        self.first_auth_factors.contains(&way)
    }

    /// Sign-up may leave the password out: the pool signs people in with
    /// codes.
    pub fn password_optional(&self) -> bool {
        self.allows(FirstFactor::Email) || self.allows(FirstFactor::Sms)
    }

    pub fn hello_url(&self) -> String {
        [&self.api_url, "/hello"].concat()
    }
}

fn required(value: Option<String>, field: &'static str) -> Result<String, ConfigError> {
    value
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .ok_or(ConfigError::Missing(field))
}

fn invalid(field: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        field,
        reason: reason.into(),
    }
}

fn is_region(region: &str) -> bool {
    let parts = text::pieces(region, b'-');
    parts.len() >= 3
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

fn is_token(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn http_url<'a>(url: &'a str, field: &'static str) -> Result<&'a str, ConfigError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| invalid(field, "expected an http:// or https:// URL"))?;
    if rest.is_empty() || rest.starts_with('/') || url.chars().any(char::is_whitespace) {
        return Err(invalid(field, "expected a URL with a host"));
    }
    Ok(url)
}
