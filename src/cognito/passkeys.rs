//! The signed-in person's passkeys: registering one (Start- and
//! CompleteWebAuthnRegistration), listing and deleting them.

use super::wire::FromJson;
use super::{CognitoClient, CognitoError, PasskeyFailure, Stage};
use crate::web::json::{Error, Fields, ObjectWriter, required};
use crate::web::passkey;

/// A registered passkey, as ListWebAuthnCredentials describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Passkey {
    /// `CredentialId`, which deleting it names.
    pub id: String,
    /// `FriendlyCredentialName`: Cognito's name for the authenticator.
    pub name: String,
    /// `CreatedAt`, in seconds since the Unix epoch.
    pub created_at: Option<f64>,
}

/// StartWebAuthnRegistration's answer: the options for
/// `navigator.credentials.create`, as JSON.
struct CreationOptions(String);

impl FromJson for CreationOptions {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        required(fields.json("CredentialCreationOptions")?).map(Self)
    }
}

/// One page of ListWebAuthnCredentials.
struct PasskeyPage {
    passkeys: Vec<Passkey>,
    next: Option<String>,
}

impl FromJson for PasskeyPage {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        let passkeys = fields
            .objects("Credentials")?
            .into_iter()
            .map(|passkey| {
                Ok(Passkey {
                    id: required(passkey.string("CredentialId")?)?,
                    name: passkey
                        .string("FriendlyCredentialName")?
                        .unwrap_or_default(),
                    created_at: passkey.get("CreatedAt").and_then(|at| at.as_f64()),
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(Self {
            passkeys,
            next: fields.string("NextToken")?,
        })
    }
}

impl CognitoClient {
    /// A new passkey for the signed-in person: Cognito's options
    /// (StartWebAuthnRegistration), the browser's prompt, then the new
    /// credential registered (CompleteWebAuthnRegistration).
    pub async fn add_passkey(&self, access_token: &str) -> Result<(), PasskeyFailure> {
        let token = || ObjectWriter::new().string("AccessToken", access_token);
        let options: CreationOptions = self
            .send(
                "StartWebAuthnRegistration",
                Stage::Account,
                token().finish(),
            )
            .await
            .map_err(PasskeyFailure::Cognito)?;
        let credential = passkey::create(options.0)
            .await
            .map_err(PasskeyFailure::Browser)?;
        let request = token().raw("Credential", &credential).finish();
        self.send("CompleteWebAuthnRegistration", Stage::Account, request)
            .await
            .map_err(PasskeyFailure::Cognito)
    }

    /// Every passkey of the signed-in person, page after page.
    pub async fn passkeys(&self, access_token: &str) -> Result<Vec<Passkey>, CognitoError> {
        let mut all = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let request = ObjectWriter::new()
                .string("AccessToken", access_token)
                .some_string("NextToken", next.as_deref())
                .finish();
            let page: PasskeyPage = self
                .send("ListWebAuthnCredentials", Stage::Account, request)
                .await?;
            all.extend(page.passkeys);
            match page.next {
                Some(token) if !token.is_empty() => next = Some(token),
                _ => return Ok(all),
            }
        }
    }

    pub fn delete_passkey(
        &self,
        access_token: &str,
        id: &str,
    ) -> impl Future<Output = Result<(), CognitoError>> {
        let request = ObjectWriter::new()
            .string("AccessToken", access_token)
            .string("CredentialId", id)
            .finish();
        self.send("DeleteWebAuthnCredential", Stage::Account, request)
    }
}
