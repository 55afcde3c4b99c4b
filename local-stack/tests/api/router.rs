//! The routers through `tower::ServiceExt::oneshot`: the authorizer in front
//! of hello, CORS, config.json and the static site.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::*;
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt;
use local_stack::app::{ApiState, routers};
use local_stack::authorizer::unix_now;
use local_stack::config::PublicConfig;
use local_stack::jwks::JwksCache;
use local_stack::seed::PASSWORD_POLICY;
use local_stack::site::Site;
use tower::ServiceExt;

const CSP: &str = "default-src 'self'; connect-src 'self' http://127.0.0.1:5000";

struct Fixture {
    router: Router,
    hello_calls: Arc<AtomicUsize>,
    _site_dir: Option<TempDir>,
}

fn config() -> PublicConfig {
    PublicConfig {
        region: "us-east-1".into(),
        user_pool_id: POOL_ID.into(),
        user_pool_client_id: CLIENT_ID.into(),
        api_url: "http://127.0.0.1:9000".into(),
        cognito_endpoint: "http://127.0.0.1:5000/".into(),
        password_policy: PASSWORD_POLICY,
        sign_in_with: vec!["email".into()],
        sign_up_attributes: Vec::new(),
        refresh_token_rotation: false,
        first_auth_factors: Vec::new(),
    }
}

/// The real hello handler, wrapped to count its runs.
fn api_state(calls: &Arc<AtomicUsize>) -> ApiState {
    let counter = Arc::clone(calls);
    ApiState {
        jwks: Arc::new(JwksCache::fixed(pool_key_set())),
        expect: Arc::new(expectations()),
        hello: Arc::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            hello::handle_hello()
        }),
    }
}

/// Writes the site into `dir/dist`, with a secret beside it in `dir`.
fn write_site(dir: &TempDir) -> std::path::PathBuf {
    let root = dir.path().join("dist");
    std::fs::create_dir_all(root.join("assets")).expect("mkdir");
    let index = format!(
        "<!doctype html><title>app</title>{}",
        "<p>x</p>".repeat(200)
    );
    std::fs::write(root.join("index.html"), index).expect("write");
    let wasm = [b"\0asm\x01\0\0\0".as_slice(), &[0u8; 4096]].concat();
    std::fs::write(root.join("app-0123456789abcdef_bg.wasm"), wasm).expect("write");
    let js = "export function init() { return 42; }\n".repeat(50);
    std::fs::write(root.join("app-0123456789abcdef.js"), js).expect("write");
    std::fs::write(root.join("assets/logo.svg"), "<svg/>").expect("write");
    // A secret outside the site, the target of traversal attempts.
    std::fs::write(dir.path().join("secret.txt"), "top secret").expect("write");
    root
}

fn api_only() -> Fixture {
    let calls = Arc::new(AtomicUsize::new(0));
    let routers = routers(
        api_state(&calls),
        Arc::from(config().to_json()),
        None,
        false,
    );
    Fixture {
        router: routers.main,
        hello_calls: calls,
        _site_dir: None,
    }
}

fn with_site() -> Fixture {
    let dir = TempDir::new("site");
    let root = write_site(&dir);
    let site = Site::load(&root, CSP).expect("site loads");
    let calls = Arc::new(AtomicUsize::new(0));
    let routers = routers(
        api_state(&calls),
        Arc::from(config().to_json()),
        Some(Arc::new(site)),
        false,
    );
    Fixture {
        router: routers.main,
        hello_calls: calls,
        _site_dir: Some(dir),
    }
}

async fn call(router: &Router, request: Request<Body>) -> (Response, Vec<u8>) {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes().to_vec();
    (Response::from_parts(parts, Body::empty()), bytes)
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).expect("request")
}

fn get_hello(authorization: &str) -> Request<Body> {
    Request::get("/hello")
        .header(header::AUTHORIZATION, authorization)
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn hello_with_a_valid_id_token_runs_the_lambda_handler() {
    for fixture in [api_only(), with_site()] {
        let (response, body) = call(&fixture.router, get_hello(&valid_token())).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(body, br#""Hello from Lambda!""#);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(response.headers()["access-control-allow-origin"], "*");
        assert_eq!(fixture.hello_calls.load(Ordering::SeqCst), 1);
    }
}

#[tokio::test]
async fn every_bad_token_is_refused_before_the_handler_runs() {
    let now = unix_now();
    let mut wrong_iss = id_claims(now);
    wrong_iss["iss"] = "https://cognito-idp.us-east-1.amazonaws.com/other".into();
    let mut wrong_aud = id_claims(now);
    wrong_aud["aud"] = "other".into();
    let mut access = id_claims(now);
    access["token_use"] = "access".into();
    let mut nbf = id_claims(now);
    nbf["nbf"] = (now + 600).into();
    let mut expired = id_claims(now - 7200);
    expired["exp"] = (now - 60).into();
    let pool = &keys().pool;
    let cases: Vec<(&str, Option<String>, &str)> = vec![
        ("no header", None, UNAUTHORIZED),
        ("empty", Some(String::new()), UNAUTHORIZED),
        ("garbage", Some("garbage".into()), UNAUTHORIZED),
        (
            "alg none",
            Some(unsigned_token(&id_claims(now))),
            UNAUTHORIZED,
        ),
        (
            "hs256",
            Some(hs256_with_public_key(&id_claims(now))),
            UNAUTHORIZED,
        ),
        (
            "unknown kid",
            Some(sign_rs256(&id_claims(now), "nope", pool)),
            UNAUTHORIZED,
        ),
        (
            "other key",
            Some(sign_rs256(&id_claims(now), KID, &keys().stranger)),
            UNAUTHORIZED,
        ),
        (
            "wrong iss",
            Some(sign_rs256(&wrong_iss, KID, pool)),
            UNAUTHORIZED,
        ),
        (
            "wrong aud",
            Some(sign_rs256(&wrong_aud, KID, pool)),
            UNAUTHORIZED,
        ),
        (
            "access token",
            Some(sign_rs256(&access, KID, pool)),
            UNAUTHORIZED,
        ),
        (
            "not yet valid",
            Some(sign_rs256(&nbf, KID, pool)),
            UNAUTHORIZED,
        ),
        ("64 KB", Some("a".repeat(64 * 1024)), UNAUTHORIZED),
        (
            "tampered",
            Some(tamper_signature(&valid_token())),
            UNAUTHORIZED,
        ),
        ("expired", Some(sign_rs256(&expired, KID, pool)), EXPIRED),
    ];
    let fixture = api_only();
    for (label, authorization, expected) in cases {
        let request = match &authorization {
            Some(value) => get_hello(value),
            None => get("/hello"),
        };
        let (response, body) = call(&fixture.router, request).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{label}");
        assert_eq!(body, expected.as_bytes(), "{label}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{label}"
        );
        assert_eq!(
            response.headers()["access-control-allow-origin"],
            "*",
            "{label}"
        );
    }
    assert_eq!(fixture.hello_calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn two_authorization_headers_are_refused() {
    let fixture = api_only();
    let request = Request::get("/hello")
        .header(header::AUTHORIZATION, valid_token())
        .header(header::AUTHORIZATION, valid_token())
        .body(Body::empty())
        .expect("request");
    let (response, body) = call(&fixture.router, request).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(body, UNAUTHORIZED.as_bytes());
    assert_eq!(fixture.hello_calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn preflight_needs_no_auth_on_any_api_path() {
    for (fixture, path) in [
        (api_only(), "/hello"),
        (api_only(), "/anything/else"),
        (with_site(), "/hello"),
    ] {
        let request = Request::builder()
            .method(Method::OPTIONS)
            .uri(path)
            .header("Origin", "http://127.0.0.1:8080")
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization")
            .body(Body::empty())
            .expect("request");
        let (response, body) = call(&fixture.router, request).await;
        let headers = response.headers();
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{path}");
        assert!(body.is_empty());
        assert_eq!(headers["access-control-allow-origin"], "*");
        assert_eq!(headers["access-control-allow-methods"], "GET,OPTIONS");
        assert_eq!(
            headers["access-control-allow-headers"],
            "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent"
        );
        assert_eq!(headers["access-control-max-age"], "600");
        assert_eq!(fixture.hello_calls.load(Ordering::SeqCst), 0);
    }
}

#[tokio::test]
async fn unknown_api_paths_and_methods_answer_like_api_gateway_with_cors() {
    let fixture = api_only();
    let post = Request::post("/hello")
        .body(Body::empty())
        .expect("request");
    for request in [get("/nope"), post] {
        let (response, body) = call(&fixture.router, request).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(body, br#"{"message":"Missing Authentication Token"}"#);
        assert_eq!(response.headers()["access-control-allow-origin"], "*");
    }
    assert_eq!(fixture.hello_calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn config_json_has_the_documented_shape() {
    for fixture in [api_only(), with_site()] {
        let (response, body) = call(&fixture.router, get("/config.json")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(response.headers()["cache-control"], "no-store");
        let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        assert_eq!(
            value,
            serde_json::json!({
                "region": "us-east-1",
                "userPoolId": POOL_ID,
                "userPoolClientId": CLIENT_ID,
                "apiUrl": "http://127.0.0.1:9000",
                "cognitoEndpoint": "http://127.0.0.1:5000/",
                "passwordPolicy": {
                    "minimumLength": 8,
                    "requireLowercase": true,
                    "requireUppercase": true,
                    "requireNumbers": true,
                    "requireSymbols": true
                },
                "signInWith": ["email"]
            })
        );
    }
}

fn assert_security_headers(response: &Response) {
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["content-security-policy"], CSP);
}

#[tokio::test]
async fn site_serves_wasm_with_its_type_compressed_when_accepted() {
    let fixture = with_site();
    let path = "/app-0123456789abcdef_bg.wasm";
    let (plain, plain_body) = call(&fixture.router, get(path)).await;
    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(plain.headers()["content-type"], "application/wasm");
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(plain.headers()["vary"], "Accept-Encoding");
    assert!(plain_body.starts_with(b"\0asm"));
    assert_security_headers(&plain);

    let request = Request::get(path)
        .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
        .body(Body::empty())
        .expect("request");
    let (br, br_body) = call(&fixture.router, request).await;
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["content-type"], "application/wasm");
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut br_body.as_slice(), &mut decoded).expect("valid brotli");
    assert_eq!(decoded, plain_body);

    let request = Request::get("/app-0123456789abcdef.js")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .expect("request");
    let (gz, gz_body) = call(&fixture.router, request).await;
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(
        gz.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    let mut decoded = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(gz_body.as_slice()),
        &mut decoded,
    )
    .expect("valid gzip");
    assert!(decoded.starts_with("export function init()"));
}

#[tokio::test]
async fn client_side_routes_get_index_html_uncached() {
    let fixture = with_site();
    for path in ["/", "/signin", "/signup", "/confirm", "/account", "/a/b"] {
        let (response, body) = call(&fixture.router, get(path)).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "text/html; charset=utf-8"
        );
        assert_eq!(response.headers()["cache-control"], "no-cache");
        assert!(body.starts_with(b"<!doctype html>"), "{path}");
        assert_security_headers(&response);
    }
    assert_eq!(fixture.hello_calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn hello_stays_the_api_next_to_the_site() {
    let fixture = with_site();
    let (response, body) = call(&fixture.router, get("/hello")).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(body, UNAUTHORIZED.as_bytes());
    assert_eq!(fixture.hello_calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn missing_files_with_an_extension_are_404() {
    let fixture = with_site();
    for path in ["/missing.js", "/assets/missing.css", "/nope.wasm"] {
        let (response, body) = call(&fixture.router, get(path)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!body.starts_with(b"<!doctype html>"));
        assert_security_headers(&response);
    }
    let (svg, _) = call(&fixture.router, get("/assets/logo.svg")).await;
    assert_eq!(svg.status(), StatusCode::OK);
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
}

#[tokio::test]
async fn traversal_never_leaves_the_site() {
    let fixture = with_site();
    let secret = "secret.txt";
    for path in [
        format!("/../{secret}"),
        format!("/%2e%2e/{secret}"),
        format!("/assets/..%2f..%2f{secret}"),
        "/..%5c..%5cetc%5cpasswd".to_string(),
        "/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/assets/../index.html".to_string(),
        format!("/{secret}"),
    ] {
        let request = Request::get(path.as_str())
            .body(Body::empty())
            .expect("request");
        let (response, body) = call(&fixture.router, request).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!body.windows(10).any(|w| w == b"top secret"), "{path}");
    }
}

#[tokio::test]
async fn cross_origin_mode_puts_the_api_on_its_own_router() {
    let dir = TempDir::new("site");
    let root = write_site(&dir);
    let site = Site::load(&root, CSP).expect("site loads");
    let calls = Arc::new(AtomicUsize::new(0));
    let routers = routers(
        api_state(&calls),
        Arc::from(config().to_json()),
        Some(Arc::new(site)),
        true,
    );
    let api = routers.api.expect("an API router in cross-origin mode");
    let (response, body) = call(&api, get_hello(&valid_token())).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body, br#""Hello from Lambda!""#);
    let (response, _) = call(&routers.main, get("/config.json")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (response, body) = call(&routers.main, get("/signin")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(body.starts_with(b"<!doctype html>"));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn the_encoding_follows_the_clients_q_values() {
    let fixture = with_site();
    let path = "/app-0123456789abcdef_bg.wasm";
    for (accept, expected) in [
        ("gzip, deflate, br", Some("br")),
        ("br;q=0, gzip;q=0.5", Some("gzip")),
        ("gzip;q=0.5, br;q=1", Some("br")),
        ("identity", None),
        ("br;q=0, gzip;q=0", None),
    ] {
        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .expect("request");
        let (response, _) = call(&fixture.router, request).await;
        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        assert_eq!(
            response
                .headers()
                .get("content-encoding")
                .and_then(|v| v.to_str().ok()),
            expected,
            "{accept}"
        );
        assert_eq!(response.headers()["content-type"], "application/wasm");
    }
    let head = Request::head(path).body(Body::empty()).expect("request");
    let (response, body) = call(&fixture.router, head).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(body.is_empty());
}
