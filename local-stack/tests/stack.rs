//! The real binary with a real moto: sign up, confirm, sign in against moto,
//! call /hello with the ID token, then SIGTERM and check nothing is left.
//! Needs `MOTO_SERVER` pointing at a moto_server executable; skipped (with
//! a notice) without it.

#[path = "api/common.rs"]
mod common;
#[path = "support/process.rs"]
mod process;

use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::TempDir;
use hyper::Method;
use local_stack::http_client;
use local_stack::seed;
use process::{text, wait_for_state_file};
use serde_json::{Value, json};

const EXIT_LIMIT: Duration = Duration::from_secs(15);

/// The ID token, kept out of Debug output.
struct IdToken(String);

impl std::fmt::Debug for IdToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdToken(<redacted>)")
    }
}

async fn get(url: &str, authorization: Option<&IdToken>) -> (u16, String, Option<String>) {
    let headers: Vec<(&str, &str)> = authorization
        .map(|token| vec![("Authorization", token.0.as_str())])
        .unwrap_or_default();
    let response = http_client::send(Method::GET, url, &headers, Vec::new())
        .await
        .expect("the local API answers");
    let cors = response
        .headers
        .get("access-control-allow-origin")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (
        response.status.as_u16(),
        String::from_utf8_lossy(&response.body).into_owned(),
        cors,
    )
}

#[tokio::test]
async fn real_binary_with_real_moto() {
    let Some(moto_server) = process::moto_server("the moto integration test") else {
        return;
    };
    let dir = TempDir::new("stack");
    let site = dir.path().join("dist");
    std::fs::create_dir_all(&site).expect("mkdir");
    std::fs::write(site.join("index.html"), "<!doctype html><title>t</title>").expect("write");
    let state_path = dir.path().join("state.json");
    let site_arg = site.to_str().expect("a UTF-8 temp path");
    let mut running = process::spawn(&moto_server, &state_path, &["--site", site_arg]);
    let state = wait_for_state_file(&mut running.0, &state_path).await;

    let site_url = text(&state, "siteUrl");
    let api_url = text(&state, "apiUrl");
    let endpoint = text(&state, "cognitoEndpoint");
    let pool_id = text(&state, "userPoolId");
    let client_id = text(&state, "userPoolClientId");
    let local_secret = text(&state, "localSecret");
    assert_eq!(local_secret.len(), 64);
    assert_eq!(state["region"], "us-east-1");
    assert_eq!(api_url, site_url, "same origin without --api-port");
    assert!(pool_id.starts_with("us-east-1_"));
    assert!(endpoint.starts_with("http://127.0.0.1:") && endpoint.ends_with('/'));

    // Sign up, confirm as an admin, sign in: the SPA's flow against moto.
    let email = "integration@example.com";
    let password = "Correct-Horse-9";
    seed::call(
        &endpoint,
        "SignUp",
        &json!({"ClientId": client_id, "Username": email, "Password": password,
                "UserAttributes": [{"Name": "email", "Value": email}]}),
    )
    .await
    .expect("SignUp");
    seed::call(
        &endpoint,
        "AdminConfirmSignUp",
        &json!({"UserPoolId": pool_id, "Username": email}),
    )
    .await
    .expect("AdminConfirmSignUp");
    let auth = seed::call(
        &endpoint,
        "InitiateAuth",
        &json!({"ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": email, "PASSWORD": password}}),
    )
    .await
    .expect("InitiateAuth");
    let id_token = IdToken(
        auth.pointer("/AuthenticationResult/IdToken")
            .and_then(Value::as_str)
            .expect("an ID token")
            .to_string(),
    );
    let access_token = IdToken(
        auth.pointer("/AuthenticationResult/AccessToken")
            .and_then(Value::as_str)
            .expect("an access token")
            .to_string(),
    );

    let hello_url = format!("{api_url}/hello");
    let (status, body, cors) = get(&hello_url, Some(&id_token)).await;
    assert_eq!(status, 200);
    assert_eq!(body, r#""Hello from Lambda!""#);
    assert_eq!(cors.as_deref(), Some("*"));
    let (status, body, cors) = get(&hello_url, None).await;
    assert_eq!(
        (status, body.as_str()),
        (401, r#"{"message":"Unauthorized"}"#)
    );
    assert_eq!(cors.as_deref(), Some("*"));
    let (status, body, _) = get(&hello_url, Some(&access_token)).await;
    assert_eq!(
        (status, body.as_str()),
        (401, r#"{"message":"Unauthorized"}"#)
    );

    let (status, body, _) = get(&format!("{site_url}/config.json"), None).await;
    assert_eq!(status, 200);
    let config: Value = serde_json::from_str(&body).expect("config.json is JSON");
    assert_eq!(config["userPoolId"], pool_id.as_str());
    assert_eq!(config["cognitoEndpoint"], endpoint.as_str());
    assert_eq!(config["signInWith"], serde_json::json!(["email"]));
    let (status, body, _) = get(&format!("{site_url}/signin"), None).await;
    assert_eq!(
        (status, body.as_str()),
        (200, "<!doctype html><title>t</title>")
    );

    // SIGTERM: the binary exits cleanly and takes moto with it.
    let pid = i32::try_from(running.0.id()).expect("pid fits");
    // SAFETY: plain kill(2) on our own child's pid.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = running.0.try_wait().expect("waitable") {
            break status;
        }
        assert!(started.elapsed() < EXIT_LIMIT, "no exit after SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "exit status after SIGTERM: {status}");
    let front_addr = endpoint
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    assert!(
        TcpStream::connect(&front_addr).is_err(),
        "the Cognito front still listens on {front_addr}"
    );
    assert!(
        !state_path.exists(),
        "the state file is removed on shutdown"
    );
    let mut stdout = String::new();
    if let Some(mut out) = running.0.stdout.take() {
        std::io::Read::read_to_string(&mut out, &mut stdout).expect("stdout readable");
    }
    assert_eq!(stdout.lines().count(), 1, "one line: {stdout:?}");
    assert!(stdout.starts_with("local-stack ready: site http://127.0.0.1:"));
    assert!(stdout.contains(&pool_id) && stdout.contains(&client_id));
    let moto_addr = stdout
        .split("(moto http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("the ready line names moto's address");
    assert!(
        TcpStream::connect(moto_addr).is_err(),
        "moto still listens on {moto_addr}"
    );
    assert!(!stdout.contains(&id_token.0) && !stdout.contains(password));
    assert!(
        !stdout.contains(&local_secret),
        "the secret is never printed"
    );
}

/// No moto needed: a stand-in venv whose Python fails like moto does when
/// its port is taken. moto runs by the Python beside `moto_server`, behind
/// the guard (`-c GUARD`), with moto's own arguments after it. The binary
/// must exit non-zero and show moto's stderr.
#[test]
fn early_moto_exit_is_reported_with_its_stderr() {
    let dir = TempDir::new("fake-moto");
    let fake = dir.path().join("moto_server");
    let python = dir.path().join("python3");
    std::fs::write(&fake, "#!/bin/sh\nexit 99\n").expect("write");
    std::fs::write(
        &python,
        "#!/bin/sh\n[ \"$1\" = -c ] || exit 98\nshift 2\n\
         echo \"OSError: [Errno 98] Address already in use ($*)\" >&2\nexit 3\n",
    )
    .expect("write");
    for script in [&fake, &python] {
        std::fs::set_permissions(script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .expect("chmod");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_local-stack"))
        .arg("--moto-server")
        .arg(&fake)
        .stdin(Stdio::null())
        .output()
        .expect("local-stack runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("moto_server exited early"), "{stderr}");
    assert!(stderr.contains("exit status: 3"), "{stderr}");
    assert!(
        stderr.contains("Address already in use (-H 127.0.0.1 -p "),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn bad_arguments_exit_2_with_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_local-stack"))
        .args(["--moto-server", "x", "--port", "nope"])
        .output()
        .expect("local-stack runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("--port expects a port number"), "{stderr}");
    assert!(stderr.contains("usage: local-stack"), "{stderr}");
}
