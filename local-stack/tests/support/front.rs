//! A running local stack with a real moto, as its users see it: the state
//! file's contract, Cognito calls, the test controls and raw requests.
#![allow(dead_code)] // Each test binary uses a different part.

use hyper::Method;
use local_stack::http_client::{self, Answer};
use serde_json::{Value, json};
use stack_contract::StackState;
use stack_contract::cognito::{self, requests};

use super::common::TempDir;
use super::process::{self, Running, wait_for_state_file};

pub const PASSWORD: &str = "Correct-Horse-9";

pub struct Stack {
    _running: Running,
    pub dir: TempDir,
    pub state: StackState,
}

impl Stack {
    /// `None` (with a notice) without `MOTO_SERVER`.
    pub async fn start(test: &str, args: &[&str]) -> Option<Stack> {
        let moto_server = process::moto_server(test)?;
        let dir = TempDir::new("front");
        let state_path = dir.path().join("state.json");
        let mut running = process::spawn(&moto_server, &state_path, args);
        let state = wait_for_state_file(&mut running.0, &state_path).await;
        Some(Stack {
            _running: running,
            dir,
            state: serde_json::from_value(state).expect("the state file's contract"),
        })
    }

    /// The ready line (the only line on stdout); once.
    pub fn ready_line(&mut self) -> String {
        use std::io::BufRead;
        let stdout = self._running.0.stdout.take().expect("stdout is piped");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the ready line");
        line
    }

    /// moto's own endpoint, from the ready line.
    pub fn moto_endpoint(&mut self) -> String {
        let line = self.ready_line();
        line.split("(moto ")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .expect("the ready line names moto")
            .to_string()
    }

    pub fn endpoint(&self) -> &str {
        &self.state.cognito_endpoint
    }

    pub fn client_id(&self) -> &str {
        &self.state.user_pool_client_id
    }

    /// One operation the way the app sends it (admin ones signed).
    pub async fn call(&self, action: &str, body: Value) -> Result<Value, (String, String)> {
        let answer = cognito::send(&self.state, action, &body)
            .await
            .expect("the front answers");
        let json = answer.json();
        if answer.status.is_success() {
            Ok(json)
        } else {
            Err((
                json["__type"].as_str().unwrap_or("(no __type)").to_string(),
                json["message"].as_str().unwrap_or_default().to_string(),
            ))
        }
    }

    /// One operation with exactly these extra headers (no signing).
    pub async fn raw(&self, action: &str, headers: &[(&str, &str)], body: Value) -> Answer {
        let target = cognito::target(action);
        let mut all = vec![
            ("Content-Type", cognito::CONTENT_TYPE),
            ("X-Amz-Target", target.as_str()),
        ];
        all.extend_from_slice(headers);
        http_client::send(Method::POST, self.endpoint(), &all, body.to_string())
            .await
            .expect("the front answers")
    }

    pub async fn sign_up(&self, email: &str) -> Value {
        self.call(
            "SignUp",
            requests::sign_up(self.client_id(), email, PASSWORD),
        )
        .await
        .expect("SignUp")
    }

    pub async fn confirm(&self, email: &str, code: &str) -> Result<Value, (String, String)> {
        self.call(
            "ConfirmSignUp",
            requests::confirm_sign_up(self.client_id(), email, code),
        )
        .await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Result<Value, (String, String)> {
        self.call(
            "InitiateAuth",
            requests::password_auth(self.client_id(), email, password),
        )
        .await
    }

    /// Signs up and confirms with the code sent.
    pub async fn confirmed(&self, email: &str) {
        self.sign_up(email).await;
        let code = self.code_sent_to(email).await;
        self.confirm(email, &code).await.expect("confirmed");
    }

    /// A test control, with the secret.
    pub async fn local(&self, method: Method, path: &str, body: Value) -> (u16, Value) {
        let answer = cognito::local(&self.state, method, path, &body)
            .await
            .expect("the front answers");
        (answer.code(), answer.json())
    }

    /// The last code "emailed" to this address.
    pub async fn code_sent_to(&self, email: &str) -> String {
        let (status, message) = self
            .local(Method::GET, &format!("outbox?to={email}"), Value::Null)
            .await;
        assert_eq!(status, 200, "no code for {email}: {message}");
        message["code"].as_str().expect("a code").to_string()
    }

    pub async fn hello(&self, authorization: &str) -> (u16, String) {
        let answer = http_client::send(
            Method::GET,
            &format!("{}/hello", self.state.api_url),
            &[("Authorization", authorization)],
            Vec::new(),
        )
        .await
        .expect("the API answers");
        (answer.code(), answer.text())
    }
}

pub fn other_code(code: &str) -> String {
    if code == "000000" { "000001" } else { "000000" }.to_string()
}

pub fn error_kind(result: Result<Value, (String, String)>) -> String {
    result.expect_err("an error").0
}

pub fn user_pool(stack: &Stack, email: &str) -> Value {
    json!({"UserPoolId": stack.state.user_pool_id, "Username": email})
}
