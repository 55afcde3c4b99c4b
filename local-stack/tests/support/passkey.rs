//! A software passkey for the tests: a P-256 key that answers WebAuthn
//! registration and sign-in options with real attestations (`none`
//! format, as browsers send for passkeys) and real signed assertions, as
//! an authenticator and the browser between them would. Its origin and
//! relying party id can be set wrong on purpose.
#![allow(dead_code)] // Each test binary uses a different part.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// User present, user verified.
const UP_UV: u8 = 0x01 | 0x04;
/// ... and attested credential data included.
const UP_UV_AT: u8 = UP_UV | 0x40;

pub struct SoftPasskey {
    key: SigningKey,
    pub credential_id: Vec<u8>,
    /// What the browser would put in clientDataJSON.
    pub origin: String,
    /// What the authenticator hashes into its data.
    pub rp_id: String,
    counter: u32,
    user_handle: String,
}

/// The private key stays out of any output.
impl std::fmt::Debug for SoftPasskey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SoftPasskey(<private key>)")
    }
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

impl SoftPasskey {
    pub fn new(origin: &str) -> SoftPasskey {
        let key = SigningKey::random(&mut rand::rngs::OsRng);
        let credential_id: Vec<u8> = (0..32).map(|_| rand::random::<u8>()).collect();
        SoftPasskey {
            key,
            credential_id,
            origin: origin.to_string(),
            rp_id: "localhost".to_string(),
            counter: 0,
            user_handle: String::new(),
        }
    }

    pub fn id(&self) -> String {
        b64(&self.credential_id)
    }

    fn client_data(&self, kind: &str, challenge: &str) -> Vec<u8> {
        json!({"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": false})
            .to_string()
            .into_bytes()
    }

    fn authenticator_data(&self, flags: u8) -> Vec<u8> {
        let mut data = Sha256::digest(self.rp_id.as_bytes()).to_vec();
        data.push(flags);
        data.extend_from_slice(&self.counter.to_be_bytes());
        data
    }

    /// `CredentialCreationOptions` (StartWebAuthnRegistration's) to the
    /// `Credential` CompleteWebAuthnRegistration takes.
    pub fn register(&mut self, options: &Value) -> Value {
        let challenge = options["challenge"].as_str().expect("a challenge");
        self.user_handle = options["user"]["id"]
            .as_str()
            .expect("a user id")
            .to_string();
        let client_data = self.client_data("webauthn.create", challenge);
        let point = self.key.verifying_key().to_encoded_point(false);
        let (x, y) = (point.x().expect("x"), point.y().expect("y"));
        // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
        let mut cose = vec![0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20];
        cose.extend_from_slice(x);
        cose.extend_from_slice(&[0x22, 0x58, 0x20]);
        cose.extend_from_slice(y);
        let mut auth_data = self.authenticator_data(UP_UV_AT);
        auth_data.extend_from_slice(&[0u8; 16]); // AAGUID
        let id_len = u16::try_from(self.credential_id.len()).expect("a short id");
        auth_data.extend_from_slice(&id_len.to_be_bytes());
        auth_data.extend_from_slice(&self.credential_id);
        auth_data.extend_from_slice(&cose);
        // {"fmt": "none", "attStmt": {}, "authData": bytes}.
        let mut attestation = vec![0xa3, 0x63];
        attestation.extend_from_slice(b"fmt");
        attestation.push(0x64);
        attestation.extend_from_slice(b"none");
        attestation.push(0x67);
        attestation.extend_from_slice(b"attStmt");
        attestation.extend_from_slice(&[0xa0, 0x68]);
        attestation.extend_from_slice(b"authData");
        let data_len = u16::try_from(auth_data.len()).expect("short data");
        attestation.push(0x59);
        attestation.extend_from_slice(&data_len.to_be_bytes());
        attestation.extend_from_slice(&auth_data);
        json!({
            "id": self.id(),
            "rawId": self.id(),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(&client_data),
                "attestationObject": b64(&attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        })
    }

    /// `CREDENTIAL_REQUEST_OPTIONS` (a JSON string) to the `CREDENTIAL`
    /// (a JSON string) of the `WEB_AUTHN` answer, signed.
    pub fn assert(&mut self, request_options: &str) -> String {
        let options: Value = serde_json::from_str(request_options).expect("JSON options");
        let challenge = options["challenge"].as_str().expect("a challenge");
        self.counter += 1;
        let client_data = self.client_data("webauthn.get", challenge);
        let auth_data = self.authenticator_data(UP_UV);
        let mut signed = auth_data.clone();
        signed.extend_from_slice(&Sha256::digest(&client_data));
        let signature: Signature = self.key.sign(&signed);
        json!({
            "id": self.id(),
            "rawId": self.id(),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(&client_data),
                "authenticatorData": b64(&auth_data),
                "signature": b64(signature.to_der().as_bytes()),
                "userHandle": self.user_handle,
            },
            "clientExtensionResults": {},
        })
        .to_string()
    }
}

/// The same assertion with one bit of its signed data flipped.
pub fn tampered(credential: &str) -> String {
    let mut credential: Value = serde_json::from_str(credential).expect("JSON");
    let data = credential["response"]["authenticatorData"]
        .as_str()
        .expect("authenticator data");
    let mut bytes = URL_SAFE_NO_PAD.decode(data).expect("base64url");
    // The counter's last byte: still well-formed, no longer what was signed.
    let last = bytes.len() - 1;
    bytes[last] ^= 0x80;
    credential["response"]["authenticatorData"] = json!(b64(&bytes));
    credential.to_string()
}
