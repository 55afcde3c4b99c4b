//! Who may call what. A browser may call the operations Cognito takes
//! without AWS credentials ([`stack_contract::cognito::BROWSER_OPERATIONS`]);
//! every other operation needs a SigV4 `Authorization` header, as the real
//! service does. The front checks its shape only (it has no credentials to
//! check a signature against), which is enough to keep web pages out: the
//! preflight does not allow `Authorization`, so a page on another origin
//! cannot send it, and a simple request cannot carry `X-Amz-Target`.

use axum::http::{HeaderMap, header};
use axum::response::Response;
use stack_contract::cognito::is_admin;

use super::answer;

/// The refusal for this call, if it is refused.
pub fn refusal(operation: &str, headers: &HeaderMap) -> Option<Response> {
    if !is_admin(operation)
        || headers
            .get(header::AUTHORIZATION)
            .is_some_and(|v| looks_signed(v.as_bytes()))
    {
        return None;
    }
    Some(answer::error(
        "MissingAuthenticationTokenException",
        "Missing Authentication Token",
    ))
}

/// `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
fn looks_signed(value: &[u8]) -> bool {
    let Ok(value) = std::str::from_utf8(value) else {
        return false;
    };
    let Some(rest) = value.strip_prefix("AWS4-HMAC-SHA256 ") else {
        return false;
    };
    ["Credential=", "SignedHeaders=", "Signature="]
        .iter()
        .all(|part| {
            rest.split([',', ' '])
                .any(|field| field.trim().starts_with(part))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_authorization(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn browser_operations_need_nothing() {
        assert!(refusal("SignUp", &HeaderMap::new()).is_none());
        assert!(refusal("GetUser", &HeaderMap::new()).is_none());
    }

    #[test]
    fn passwordless_and_passkey_operations_are_a_browsers() {
        for operation in [
            "StartWebAuthnRegistration",
            "CompleteWebAuthnRegistration",
            "ListWebAuthnCredentials",
            "DeleteWebAuthnCredential",
            "GetTokensFromRefreshToken",
        ] {
            assert!(
                refusal(operation, &HeaderMap::new()).is_none(),
                "{operation}"
            );
        }
    }

    #[test]
    fn admin_operations_need_a_sigv4_shaped_authorization() {
        assert!(refusal("AdminSetUserPassword", &HeaderMap::new()).is_some());
        assert!(refusal("ListUsers", &with_authorization("Bearer x")).is_some());
        assert!(
            refusal(
                "ListUsers",
                &with_authorization("AWS4-HMAC-SHA256 Credential=x")
            )
            .is_some()
        );
        let cli = "AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abc123";
        assert!(refusal("AdminConfirmSignUp", &with_authorization(cli)).is_none());
        let ours = stack_contract::cognito::admin_authorization("us-east-1");
        assert!(refusal("AdminConfirmSignUp", &with_authorization(&ours)).is_none());
    }
}
