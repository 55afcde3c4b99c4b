use cognito_signin::config::{AppConfig, ConfigError};
use wasm_bindgen_test::wasm_bindgen_test;

const VALID: &str = r#"{
  "region": "eu-west-1",
  "userPoolId": "eu-west-1_AbC123",
  "userPoolClientId": "4b2k5l6m7n8o9p",
  "apiUrl": "https://abc.execute-api.eu-west-1.amazonaws.com/prod/",
  "passwordPolicy": {"minimumLength": 10, "requireLowercase": true, "requireUppercase": false, "requireNumbers": true, "requireSymbols": false}
}"#;

fn with(field: &str, value: &str) -> String {
    let mut json: serde_json::Value = serde_json::from_str(VALID).unwrap();
    json[field] = serde_json::from_str(value).unwrap();
    json.to_string()
}

#[wasm_bindgen_test]
fn accepts_a_deployed_stacks_config() {
    let config = AppConfig::parse(VALID).unwrap();
    assert_eq!(config.region, "eu-west-1");
    assert_eq!(config.user_pool_id, "eu-west-1_AbC123");
    assert_eq!(config.client_id, "4b2k5l6m7n8o9p");
    assert_eq!(
        config.cognito_endpoint,
        "https://cognito-idp.eu-west-1.amazonaws.com/"
    );
    assert_eq!(
        config.hello_url(),
        "https://abc.execute-api.eu-west-1.amazonaws.com/prod/hello"
    );
    assert_eq!(config.password_policy.minimum_length, 10);
    assert!(!config.password_policy.require_uppercase);
}

#[wasm_bindgen_test]
fn honours_a_local_endpoint_and_default_policy() {
    let mut json: serde_json::Value = serde_json::from_str(VALID).unwrap();
    json["cognitoEndpoint"] = "http://127.0.0.1:5000/".into();
    json["apiUrl"] = "http://127.0.0.1:8080".into();
    json.as_object_mut().unwrap().remove("passwordPolicy");
    let config = AppConfig::parse(&json.to_string()).unwrap();
    assert_eq!(config.cognito_endpoint, "http://127.0.0.1:5000/");
    assert_eq!(config.hello_url(), "http://127.0.0.1:8080/hello");
    assert_eq!(config.password_policy, Default::default());
}

#[wasm_bindgen_test]
fn names_the_missing_field() {
    for field in ["region", "userPoolId", "userPoolClientId", "apiUrl"] {
        let mut json: serde_json::Value = serde_json::from_str(VALID).unwrap();
        json.as_object_mut().unwrap().remove(field);
        let err = AppConfig::parse(&json.to_string()).unwrap_err();
        assert_eq!(
            err,
            ConfigError::Missing(match field {
                "region" => "region",
                "userPoolId" => "userPoolId",
                "userPoolClientId" => "userPoolClientId",
                _ => "apiUrl",
            })
        );
        assert!(err.to_string().contains(field), "{err}");
    }
}

#[wasm_bindgen_test]
fn rejects_invalid_values_with_the_field_name() {
    let cases = [
        ("region", r#""Europe""#, "region"),
        ("userPoolId", r#""us-east-1_AbC123""#, "userPoolId"),
        ("userPoolId", r#""eu-west-1_""#, "userPoolId"),
        ("userPoolClientId", r#""abc def""#, "userPoolClientId"),
        ("apiUrl", r#""ftp://example.com""#, "apiUrl"),
        ("apiUrl", r#""https://""#, "apiUrl"),
        ("cognitoEndpoint", r#""localhost:5000""#, "cognitoEndpoint"),
        (
            "passwordPolicy",
            r#"{"minimumLength": 0}"#,
            "passwordPolicy",
        ),
    ];
    for (field, value, named) in cases {
        let err = AppConfig::parse(&with(field, value)).unwrap_err();
        assert!(
            matches!(err, ConfigError::Invalid { .. }),
            "{field}={value}: {err:?}"
        );
        assert!(err.to_string().contains(named), "{err}");
    }
}

#[wasm_bindgen_test]
fn reports_json_that_is_not_json() {
    assert!(matches!(
        AppConfig::parse("<html>"),
        Err(ConfigError::NotJson(_))
    ));
    assert!(matches!(
        AppConfig::parse(r#"{"region": 5}"#),
        Err(ConfigError::NotJson(_))
    ));
}

#[wasm_bindgen_test]
fn reads_the_ways_in_of_a_choice_based_client() {
    use cognito_signin::cognito::FirstFactor;
    let classic = AppConfig::parse(VALID).unwrap();
    assert!(!classic.user_auth() && !classic.password_optional());

    let json = with(
        "firstAuthFactors",
        r#"["WEB_AUTHN","PASSWORD","WEB_AUTHN"]"#,
    );
    let config = AppConfig::parse(&json).unwrap();
    assert!(config.user_auth());
    assert_eq!(
        config.first_auth_factors,
        [FirstFactor::Passkey, FirstFactor::Password]
    );
    assert!(!config.password_optional(), "no code to sign in with");
    assert_eq!(config.preferred_challenge, None);

    let mut value: serde_json::Value = serde_json::from_str(VALID).unwrap();
    value["firstAuthFactors"] = serde_json::json!(["PASSWORD", "EMAIL_OTP"]);
    value["preferredChallenge"] = "EMAIL_OTP".into();
    let config = AppConfig::parse(&value.to_string()).unwrap();
    assert!(config.password_optional());
    assert_eq!(config.preferred_challenge, Some(FirstFactor::Email));
    // A password is the choice's first way anyway.
    value["preferredChallenge"] = "PASSWORD".into();
    let config = AppConfig::parse(&value.to_string()).unwrap();
    assert_eq!(config.preferred_challenge, None);

    value["preferredChallenge"] = "WEB_AUTHN".into();
    assert!(matches!(
        AppConfig::parse(&value.to_string()),
        Err(ConfigError::Invalid {
            field: "preferredChallenge",
            ..
        })
    ));
    let json = with("firstAuthFactors", r#"["PASSWORD_SRP"]"#);
    assert!(matches!(
        AppConfig::parse(&json),
        Err(ConfigError::Invalid {
            field: "firstAuthFactors",
            ..
        })
    ));
}
