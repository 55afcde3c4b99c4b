//! The local stack is closed to other web pages (issue 18, part 1): only
//! the operations a browser may call go through unsigned, moto's own API is
//! out of reach, the test controls want the state file's secret and send no
//! CORS headers, config.json and the site answer their own origin only,
//! foreign Host names get 400 and big bodies 413. Needs `MOTO_SERVER`.

#[path = "api/common.rs"]
mod common;
#[path = "support/front.rs"]
mod front;
#[path = "support/process.rs"]
mod process;

use front::{PASSWORD, Stack, user_pool};
use hyper::Method;
use local_stack::http_client::{self, Answer};
use serde_json::{Value, json};
use stack_contract::cognito::{self, LOCAL_SECRET_HEADER};

const EVIL: &str = "http://evil.example";
/// What the AWS CLI sends with dummy credentials (the signature unchecked).
const CLI_AUTHORIZATION: &str = "AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

fn kind(answer: &Answer) -> String {
    answer.json()["__type"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn no_cors(answer: &Answer) -> bool {
    answer
        .headers
        .keys()
        .all(|name| !name.as_str().starts_with("access-control-"))
}

#[tokio::test]
async fn admin_operations_need_a_sigv4_authorization() {
    let Some(stack) = Stack::start("the admin authorization test", &[]).await else {
        return;
    };
    let email = "admin-target@example.com";
    stack.sign_up(email).await;
    let list = json!({"UserPoolId": stack.state.user_pool_id});
    let set_password = json!({"UserPoolId": stack.state.user_pool_id, "Username": email,
                              "Password": "Taken-Over-1", "Permanent": true});
    for (action, body) in [
        ("ListUsers", &list),
        ("AdminSetUserPassword", &set_password),
        ("AdminConfirmSignUp", &user_pool(&stack, email)),
        ("DescribeUserPool", &list),
    ] {
        let refused = stack.raw(action, &[], body.clone()).await;
        assert_eq!(
            (refused.code(), kind(&refused)),
            (400, "MissingAuthenticationTokenException".to_string()),
            "{action} unsigned"
        );
        let bearer = stack
            .raw(action, &[("Authorization", "Bearer x")], body.clone())
            .await;
        assert_eq!(bearer.code(), 400, "{action} with a bearer token");
    }
    // None of it happened: no new password, still unconfirmed.
    assert_eq!(
        front::error_kind(stack.sign_in(email, "Taken-Over-1").await),
        "NotAuthorizedException"
    );
    assert_eq!(
        front::error_kind(stack.sign_in(email, PASSWORD).await),
        "UserNotConfirmedException"
    );
    let listed = stack
        .raw("ListUsers", &[("Authorization", CLI_AUTHORIZATION)], list)
        .await;
    assert_eq!(listed.code(), 200, "{}", listed.text());
    assert_eq!(listed.json()["Users"].as_array().map(Vec::len), Some(1));
    let confirmed = stack
        .raw(
            "AdminConfirmSignUp",
            &[("Authorization", CLI_AUTHORIZATION)],
            user_pool(&stack, email),
        )
        .await;
    assert_eq!(confirmed.code(), 200, "{}", confirmed.text());
    stack.sign_in(email, PASSWORD).await.expect("signed in");
}

#[tokio::test]
async fn browser_operations_pass_unsigned_and_the_preflight_refuses_authorization() {
    let Some(stack) = Stack::start("the browser operations test", &[]).await else {
        return;
    };
    let email = "browser@example.com";
    stack.confirmed(email).await;
    let tokens = stack.sign_in(email, PASSWORD).await.expect("signed in");
    let access = tokens["AuthenticationResult"]["AccessToken"]
        .as_str()
        .expect("an access token");
    let user = stack
        .raw("GetUser", &[], json!({"AccessToken": access}))
        .await;
    assert_eq!(user.code(), 200, "GetUser unsigned");

    let preflight = http_client::send(
        Method::OPTIONS,
        stack.endpoint(),
        &[
            ("Origin", EVIL),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type,x-amz-target",
            ),
        ],
        Vec::new(),
    )
    .await
    .expect("preflight");
    let allowed = preflight
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(allowed.contains("x-amz-target"), "{allowed}");
    assert!(!allowed.contains("authorization"), "{allowed}");
}

/// moto listens on a loopback port of its own, which a web page could find
/// and call: it must answer nothing a browser sends, and no rebinding host.
#[tokio::test]
async fn moto_s_own_port_refuses_browsers() {
    let Some(mut stack) = Stack::start("the moto port test", &[]).await else {
        return;
    };
    stack.sign_up("direct@example.com").await;
    let moto = stack.moto_endpoint();
    let data = format!("{moto}moto-api/data.json");
    let port = moto
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .expect("a port");
    let rebound = format!("evil.example:{port}");
    for headers in [
        vec![("Origin", EVIL)],
        vec![
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Mode", "no-cors"),
        ],
        vec![("Host", rebound.as_str())],
    ] {
        let answer = http_client::send(Method::GET, &data, &headers, Vec::new())
            .await
            .expect("answers");
        assert_eq!(answer.code(), 403, "{headers:?}");
        assert!(
            !answer.text().contains(PASSWORD),
            "{headers:?} leaks passwords"
        );
        assert!(
            answer.header("access-control-allow-origin").is_none(),
            "{headers:?}"
        );
    }
    // The front, which sends none of these, still reaches it.
    assert_eq!(
        front::error_kind(stack.sign_in("direct@example.com", PASSWORD).await),
        "UserNotConfirmedException"
    );
}

#[tokio::test]
async fn moto_s_own_api_is_out_of_reach() {
    let Some(stack) = Stack::start("the moto API test", &[]).await else {
        return;
    };
    stack.sign_up("dump@example.com").await;
    for (method, path) in [
        (Method::GET, "moto-api/data.json"),
        (Method::POST, "moto-api/reset"),
        (Method::GET, "moto-api/"),
        (Method::GET, "moto-api/reset-auth"),
    ] {
        let url = format!("{}{path}", stack.endpoint());
        let answer = http_client::send(method.clone(), &url, &[("Origin", EVIL)], Vec::new())
            .await
            .expect("answers");
        assert_eq!(answer.code(), 404, "{method} {path}");
        assert!(!answer.text().contains(PASSWORD), "{path} leaks passwords");
    }
    // moto still holds the person: the reset did not go through.
    assert_eq!(
        front::error_kind(stack.sign_in("dump@example.com", PASSWORD).await),
        "UserNotConfirmedException"
    );
    // The pool's JWKS still does (the SPA and tools may read it).
    let jwks = format!(
        "{}{}/.well-known/jwks.json",
        stack.endpoint(),
        stack.state.user_pool_id
    );
    let keys = http_client::send(Method::GET, &jwks, &[], Vec::new())
        .await
        .expect("jwks");
    assert_eq!(keys.code(), 200);
    assert!(keys.json()["keys"].is_array());
}

#[tokio::test]
async fn test_controls_want_the_secret_and_send_no_cors() {
    let Some(stack) = Stack::start("the test controls test", &[]).await else {
        return;
    };
    let email = "controls@example.com";
    stack.sign_up(email).await;
    assert_eq!(stack.state.local_secret.expose().len(), 64);
    let outbox = cognito::local_url(&stack.state, &format!("outbox?to={email}"));
    for headers in [
        vec![("Origin", EVIL)],
        vec![(LOCAL_SECRET_HEADER, "wrong"), ("Origin", EVIL)],
        vec![(LOCAL_SECRET_HEADER, "")],
    ] {
        let refused = http_client::send(Method::GET, &outbox, &headers, Vec::new())
            .await
            .expect("answers");
        assert_eq!(refused.code(), 403, "{headers:?}");
        assert!(no_cors(&refused), "{:?}", refused.headers);
        assert!(!refused.text().contains(char::is_numeric), "no code shown");
    }
    for path in ["expire-codes", "token-lifetime"] {
        let url = cognito::local_url(&stack.state, path);
        let body = json!({"username": email, "seconds": 1}).to_string();
        let refused = http_client::send(Method::POST, &url, &[], body)
            .await
            .expect("answers");
        assert_eq!(refused.code(), 403, "{path}");
    }
    let preflight = http_client::send(
        Method::OPTIONS,
        &outbox,
        &[
            ("Origin", EVIL),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", LOCAL_SECRET_HEADER),
        ],
        Vec::new(),
    )
    .await
    .expect("answers");
    assert!(no_cors(&preflight), "{:?}", preflight.headers);

    let allowed = http_client::send(
        Method::GET,
        &outbox,
        &[
            (LOCAL_SECRET_HEADER, stack.state.local_secret.expose()),
            ("Origin", EVIL),
        ],
        Vec::new(),
    )
    .await
    .expect("answers");
    assert_eq!(allowed.code(), 200);
    assert!(no_cors(&allowed), "{:?}", allowed.headers);
    assert_eq!(allowed.json()["code"].as_str().map(str::len), Some(6));
}

fn site_args(stack_dir: &std::path::Path) -> String {
    let site = stack_dir.join("dist");
    std::fs::create_dir_all(&site).expect("mkdir");
    std::fs::write(site.join("index.html"), "<!doctype html><title>t</title>").expect("write");
    site.to_str().expect("UTF-8").to_string()
}

#[tokio::test]
async fn config_and_site_answer_their_own_origin_only() {
    let dir = common::TempDir::new("own-origin");
    let site = site_args(dir.path());
    let api_port = stack_contract::ports::free_port()
        .expect("a port")
        .to_string();
    let Some(stack) = Stack::start(
        "the own-origin test",
        &["--site", &site, "--api-port", &api_port],
    )
    .await
    else {
        return;
    };
    let site_url = stack.state.site_url.clone().expect("a site");
    for url in [
        format!("{site_url}/config.json"),
        format!("{}/config.json", stack.state.api_url),
        format!("{site_url}/"),
        format!("{site_url}/some/route"),
    ] {
        let answer = http_client::send(Method::GET, &url, &[("Origin", EVIL)], Vec::new())
            .await
            .expect("answers");
        assert_eq!(answer.code(), 200, "{url}");
        assert!(no_cors(&answer), "{url}: {:?}", answer.headers);
        assert_eq!(
            answer.header("cross-origin-resource-policy"),
            Some("same-origin"),
            "{url}"
        );
    }
    // The API itself stays API Gateway's: open to any origin.
    let hello = http_client::send(
        Method::GET,
        &format!("{}/hello", stack.state.api_url),
        &[("Origin", EVIL)],
        Vec::new(),
    )
    .await
    .expect("answers");
    assert_eq!(hello.code(), 401);
    assert_eq!(hello.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn foreign_hosts_get_400_on_every_listener() {
    let dir = common::TempDir::new("hosts");
    let site = site_args(dir.path());
    let api_port = stack_contract::ports::free_port()
        .expect("a port")
        .to_string();
    let Some(stack) =
        Stack::start("the Host test", &["--site", &site, "--api-port", &api_port]).await
    else {
        return;
    };
    let site_url = stack.state.site_url.clone().expect("a site");
    let urls = [
        format!("{site_url}/"),
        format!("{}/hello", stack.state.api_url),
        format!("{}_local/outbox?to=x", stack.endpoint()),
        stack.endpoint().to_string(),
    ];
    for url in &urls {
        let (authority, _) = http_client::split_url(url).expect("a URL");
        let port = authority.rsplit(':').next().expect("a port");
        for host in [
            format!("evil.example:{port}"),
            "evil.example".to_string(),
            format!("127.0.0.1.evil.example:{port}"),
        ] {
            let answer = http_client::send(Method::GET, url, &[("Host", &host)], Vec::new())
                .await
                .expect("answers");
            assert_eq!(answer.code(), 400, "{url} with Host {host}");
        }
        // `localhost:PORT`, and a bare loopback name as trunk's dev proxy
        // sends it (`cargo xtask dev`).
        for host in [format!("localhost:{port}"), "127.0.0.1".to_string()] {
            let local = http_client::send(Method::GET, url, &[("Host", &host)], Vec::new())
                .await
                .expect("answers");
            assert_ne!(local.code(), 400, "{url} as {host}");
        }
    }
}

#[tokio::test]
async fn bodies_over_the_limit_get_413() {
    let Some(stack) = Stack::start("the body limit test", &[]).await else {
        return;
    };
    let big = "x".repeat(local_stack::serve::MAX_BODY_BYTES + 1);
    let cognito = stack.raw("SignUp", &[], Value::String(big.clone())).await;
    assert_eq!(cognito.code(), 413);
    let api = http_client::send(
        Method::GET,
        &format!("{}/hello", stack.state.api_url),
        &[],
        big,
    )
    .await
    .expect("answers");
    assert_eq!(api.code(), 413);
    // Just under the limit is still an ordinary (bad) request.
    let fits = stack
        .raw(
            "SignUp",
            &[],
            Value::String("x".repeat(local_stack::serve::MAX_BODY_BYTES - 100)),
        )
        .await;
    assert_eq!(fits.code(), 400);
}
