//! The error table held against Amazon's own model of Cognito: every error
//! botocore's `cognito-idp` service model lists for an operation the app
//! calls maps to an error of its own, with words in every language, never
//! to `Unknown`.
//!
//! Native, and run on its own, since the model is another project's data
//! and is not in this repository:
//!
//! ```text
//! COGNITO_IDP_MODEL=/path/to/botocore/data/cognito-idp/2016-04-18/service-2.json.gz \
//!     cargo test --package cognito-signin --test cognito_model
//! ```
//!
//! `COGNITO_IDP_MODEL` names `service-2.json` or `service-2.json.gz` (read
//! with `gzip -dc`); `cargo xtask test` sets it to the model in the moto
//! virtual environment it installs (botocore comes with moto).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::Command;

use cognito_signin::cognito::{CognitoError, Stage};
use cognito_signin::i18n::languages;
use serde_json::Value;

/// Every operation the app calls, with the step it belongs to.
const OPERATIONS: [(&str, Stage); 23] = [
    ("SignUp", Stage::SignUp),
    ("ConfirmSignUp", Stage::Confirmation),
    ("ResendConfirmationCode", Stage::Confirmation),
    ("InitiateAuth", Stage::SignIn),
    ("RespondToAuthChallenge", Stage::SignIn),
    ("ForgotPassword", Stage::PasswordReset),
    ("ConfirmForgotPassword", Stage::PasswordReset),
    ("GlobalSignOut", Stage::SignIn),
    ("RevokeToken", Stage::SignIn),
    ("GetTokensFromRefreshToken", Stage::SignIn),
    ("AssociateSoftwareToken", Stage::SignIn),
    ("VerifySoftwareToken", Stage::SignIn),
    ("ChangePassword", Stage::Account),
    ("DeleteUser", Stage::Account),
    ("UpdateUserAttributes", Stage::Account),
    ("VerifyUserAttribute", Stage::Account),
    ("GetUserAttributeVerificationCode", Stage::Account),
    ("GetUser", Stage::Account),
    ("SetUserMFAPreference", Stage::Account),
    ("StartWebAuthnRegistration", Stage::Account),
    ("CompleteWebAuthnRegistration", Stage::Account),
    ("ListWebAuthnCredentials", Stage::Account),
    ("DeleteWebAuthnCredential", Stage::Account),
];

const MODEL_DIR: &str = "botocore/data/cognito-idp/2016-04-18";

fn model_path() -> PathBuf {
    let Some(path) = std::env::var_os("COGNITO_IDP_MODEL") else {
        panic!(
            "set COGNITO_IDP_MODEL to botocore's {MODEL_DIR}/service-2.json(.gz) \
             (`cargo xtask test` sets it from the moto venv it installs; by hand: \
             `pip download --no-deps botocore` and unzip)"
        )
    };
    PathBuf::from(path)
}

fn read_model(path: &Path) -> Value {
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let out = Command::new("gzip")
            .arg("-dc")
            .arg(path)
            .output()
            .unwrap_or_else(|e| panic!("gzip -dc {}: {e}", path.display()));
        assert!(
            out.status.success(),
            "gzip -dc {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("the model is UTF-8")
    } else {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let model: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    assert_eq!(
        model["metadata"]["targetPrefix"],
        "AWSCognitoIdentityProviderService",
        "{} is not the cognito-idp model",
        path.display()
    );
    model
}

/// The error codes the model lists for `operation`.
fn listed_errors(model: &Value, operation: &str) -> Vec<String> {
    let errors = model["operations"][operation]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("the model has no errors for {operation}"));
    errors
        .iter()
        .map(|e| {
            e["shape"]
                .as_str()
                .unwrap_or_else(|| panic!("{operation}: an error without a shape: {e}"))
                .to_owned()
        })
        .collect()
}

#[test]
fn every_error_the_model_lists_has_a_variant_of_its_own() {
    let path = model_path();
    let model = read_model(&path);
    let mut unmapped = Vec::new();
    let mut checked = 0;
    for (operation, step) in OPERATIONS {
        let errors = listed_errors(&model, operation);
        assert!(!errors.is_empty(), "{operation} lists no errors");
        for code in errors {
            checked += 1;
            let error = CognitoError::from_code(step, &code, "Cognito's message".into());
            if matches!(error, CognitoError::Unknown { .. }) {
                unmapped.push([operation, ": ", &code].concat());
                continue;
            }
            for language in languages() {
                let words = error.message(language);
                assert!(
                    !words.trim().is_empty() && !words.contains(&code),
                    "{operation}: {code} in {}: {words:?}",
                    language.code
                );
            }
        }
    }
    assert!(
        unmapped.is_empty(),
        "errors in {} that the app maps to Unknown:\n{}",
        path.display(),
        unmapped.join("\n")
    );
    assert!(checked > 100, "only {checked} errors checked");
}

/// The check above can fail: a code the model would list and the app does
/// not know is `Unknown`.
#[test]
fn an_unlisted_code_is_unknown() {
    assert!(matches!(
        CognitoError::from_code(Stage::SignIn, "SomethingNewException", String::new()),
        CognitoError::Unknown { .. }
    ));
}
