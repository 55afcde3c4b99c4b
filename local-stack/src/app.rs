//! The axum routers: the API (authorizer + hello), config.json and the site,
//! arranged per listener for same-origin and cross-origin modes.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::from_fn;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use hello::HelloResponse;

use crate::authorizer::{self, Expectations, Rejection};
use crate::config::config_response;
use crate::cors::api_cors;
use crate::jwks::JwksCache;
use crate::site::Site;

/// The handler behind an authorized `GET /hello`; swappable so tests can
/// observe whether it ran.
pub type HelloHandler = Arc<dyn Fn() -> HelloResponse + Send + Sync>;

#[derive(Clone)]
pub struct ApiState {
    pub jwks: Arc<JwksCache>,
    pub expect: Arc<Expectations>,
    pub hello: HelloHandler,
}

impl std::fmt::Debug for ApiState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiState")
            .field("jwks", &self.jwks)
            .field("expect", &self.expect)
            .finish_non_exhaustive()
    }
}

impl ApiState {
    /// The real thing: the Lambda's own handler.
    pub fn new(jwks: Arc<JwksCache>, expect: Expectations) -> ApiState {
        ApiState {
            jwks,
            expect: Arc::new(expect),
            hello: Arc::new(hello::handle_hello),
        }
    }
}

/// Routers for the main listener and, in cross-origin mode, the API one.
#[derive(Debug)]
pub struct Routers {
    pub main: Router,
    pub api: Option<Router>,
}

/// - site, same origin: main serves /hello, /config.json and the site.
/// - site, cross origin: main serves /config.json and the site; api serves
///   the API (and /config.json, harmlessly).
/// - no site: main is the API plus /config.json (what `trunk serve`
///   proxies to); with `cross_origin` the API listener is the same router.
pub fn routers(
    api: ApiState,
    config_json: Arc<str>,
    site: Option<Arc<Site>>,
    cross_origin: bool,
) -> Routers {
    let api_only = || api_router(api.clone(), Arc::clone(&config_json));
    match site {
        None => Routers {
            main: api_only(),
            api: cross_origin.then(api_only),
        },
        Some(site) => {
            let mut main = Router::new().route("/config.json", config_route(&config_json));
            if !cross_origin {
                main = main.route("/hello", hello_route().with_state(api.clone()));
            }
            let main = main.fallback(move |request: Request| {
                let site = Arc::clone(&site);
                async move { site.respond(request).await }
            });
            Routers {
                main,
                api: cross_origin.then(api_only),
            }
        }
    }
}

/// The API as API Gateway presents it: every path is an API path, so any
/// OPTIONS is a preflight and every answer carries CORS headers. Except
/// `/config.json`, which is the site's (a proxy in front of this listener
/// serves it as its own): it answers its own origin only, no CORS.
pub fn api_router(api: ApiState, config_json: Arc<str>) -> Router {
    let api_routes = Router::new()
        .route("/hello", hello_route())
        .fallback(missing_authentication_token)
        .layer(from_fn(api_cors))
        .with_state(api);
    Router::new()
        .route("/config.json", config_route(&config_json))
        .merge(api_routes)
}

fn hello_route() -> MethodRouter<ApiState> {
    get(hello)
        .fallback(missing_authentication_token)
        .layer(from_fn(api_cors))
}

fn config_route<S: Clone + Send + Sync + 'static>(config_json: &Arc<str>) -> MethodRouter<S> {
    let json = Arc::clone(config_json);
    get(move || {
        let json = Arc::clone(&json);
        async move { config_response(&json) }
    })
}

/// API Gateway's answer for a path or method that has no integration.
async fn missing_authentication_token() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"message":"Missing Authentication Token"}"#,
    )
        .into_response()
}

async fn hello(State(api): State<ApiState>, headers: HeaderMap) -> Response {
    // Two Authorization headers are ambiguous; refuse rather than pick one.
    if headers
        .get_all(header::AUTHORIZATION)
        .iter()
        .nth(1)
        .is_some()
    {
        return Rejection::Unauthorized.into_response();
    }
    let verdict =
        authorizer::authorize_cached(headers.get(header::AUTHORIZATION), &api.jwks, &api.expect)
            .await;
    match verdict {
        Err(rejection) => rejection.into_response(),
        Ok(_claims) => lambda_response((api.hello)()),
    }
}

/// Turns the transport-neutral Lambda answer into an HTTP one.
/// (`HeaderName::from_bytes` lowercases the Lambda's Title-Case names.)
pub fn lambda_response(hello: HelloResponse) -> Response {
    let mut response = Response::new(Body::from(hello.body));
    *response.status_mut() =
        StatusCode::from_u16(hello.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in hello.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}
