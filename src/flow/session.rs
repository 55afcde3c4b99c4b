//! The signed-in session: the tokens and when the ID token expires. It is
//! kept in `sessionStorage` ([`crate::web::storage`]) so a reload in the
//! same tab keeps the person signed in and closing the tab forgets them.

use std::fmt;

use crate::cognito::jwt;
use crate::cognito::wire::AuthenticationResult;
use crate::web::json::{self, ObjectWriter, required};

#[derive(Clone, PartialEq, Eq)]
pub struct Session {
    pub id_token: String,
    pub access_token: String,
    pub refresh_token: Option<String>,
    /// The signed-in person's email, from the ID token.
    pub email: String,
    /// When the ID token expires (its `exp`), in seconds since the Unix epoch.
    pub expires_at: u64,
}

/// Tokens are credentials: `Debug` must never print them.
impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("id_token", &"<redacted>")
            .field("access_token", &"<redacted>")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("email", &self.email)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl Session {
    /// Builds a session from the tokens Cognito returned, taking the expiry
    /// and email from the ID token itself.
    pub fn from_tokens(
        id_token: String,
        access_token: String,
        refresh_token: Option<String>,
    ) -> Result<Self, jwt::JwtError> {
        let claims = jwt::id_claims(&id_token)?;
        Ok(Self {
            email: claims.email.unwrap_or_default(),
            expires_at: claims.exp,
            id_token,
            access_token,
            refresh_token,
        })
    }

    /// Whether the ID token is still valid at `now_ms`, with a margin so a
    /// token is not sent in its last seconds and rejected on arrival.
    pub fn is_valid_at(&self, now_ms: f64) -> bool {
        now_ms + EXPIRY_MARGIN_MS < self.expires_at as f64 * 1000.0
    }

    /// Whether the ID token is close enough to expiry (5 minutes) that it
    /// should be refreshed before use.
    pub fn needs_refresh_at(&self, now_ms: f64) -> bool {
        now_ms + REFRESH_AHEAD_MS >= self.expires_at as f64 * 1000.0
    }

    /// The session with the tokens from a refresh. Cognito returns a new
    /// refresh token only where the app client rotates them; then the old
    /// one stops working, so the new one is kept.
    pub fn refreshed(&self, tokens: AuthenticationResult) -> Result<Self, jwt::JwtError> {
        let refresh_token = tokens.refresh_token.or_else(|| self.refresh_token.clone());
        Self::from_tokens(tokens.id_token, tokens.access_token, refresh_token)
    }

    /// The stored form: camelCase keys, `refreshToken` `null` when absent.
    pub fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("idToken", &self.id_token)
            .string("accessToken", &self.access_token)
            .opt_string("refreshToken", self.refresh_token.as_deref())
            .string("email", &self.email)
            .u64("expiresAt", self.expires_at)
            .finish()
    }

    /// Reads a stored entry; `None` for anything corrupted, foreign or not an
    /// ID token, which the caller then discards.
    pub fn from_json(text: &str) -> Option<Self> {
        let session = json::read(text, |f| {
            Ok(Session {
                id_token: required(f.string("idToken")?)?,
                access_token: required(f.string("accessToken")?)?,
                refresh_token: f.string("refreshToken")?,
                email: required(f.string("email")?)?,
                expires_at: required(f.u64("expiresAt")?)?,
            })
        })
        .ok()?;
        let claims = jwt::id_claims(&session.id_token).ok()?;
        (claims.exp == session.expires_at && !session.access_token.is_empty()).then_some(session)
    }
}

const EXPIRY_MARGIN_MS: f64 = 30_000.0;
const REFRESH_AHEAD_MS: f64 = 5.0 * 60_000.0;
