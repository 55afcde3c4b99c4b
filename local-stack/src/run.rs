//! Start-up, serving and shutdown, in that order. Everything that must be
//! undone (moto, the state file) is owned by a guard, so every way out of
//! `run` undoes it.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::REGION;
use crate::app::{ApiState, routers};
use crate::args::Args;
use crate::authorizer::Expectations;
use crate::cognito::{self, CognitoFront, pools::PoolRules, signer::TokenSigner};
use crate::config::PublicConfig;
use crate::csp::content_security_policy;
use crate::hosts::{AllowedHosts, authorities_of};
use crate::jwks::{JwksCache, JwksError};
use crate::moto::{MotoError, MotoProcess};
use crate::seed::{self, CognitoError, PASSWORD_POLICY};
use crate::serve::{Limits, serve};
use crate::site::{Site, SiteError};
use crate::state_file::{self, State, StateFileError};

pub const MOTO_READY_LIMIT: Duration = Duration::from_secs(30);
/// Open keep-alive connections (browsers hold them) must not stall exit.
pub const GRACEFUL_LIMIT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("installing signal handlers: {0}")]
    Signals(std::io::Error),
    #[error(transparent)]
    Moto(#[from] MotoError),
    #[error("seeding moto: {0}")]
    Seed(#[from] CognitoError),
    #[error("loading the user pool's keys: {0}")]
    Jwks(#[from] JwksError),
    #[error("loading the site: {0}")]
    Site(#[from] SiteError),
    #[error("listening on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("serving HTTP: {0}")]
    Serve(std::io::Error),
    #[error(transparent)]
    StateFile(#[from] StateFileError),
    #[error("stopped by a signal during start-up")]
    Interrupted,
    #[error("making the test controls' secret: {0}")]
    Secret(std::io::Error),
}

/// Runs until SIGINT/SIGTERM (Ok) or until moto dies or a server fails (Err).
pub async fn run(args: Args) -> Result<(), RunError> {
    let mut stop = StopSignals::install().map_err(RunError::Signals)?;
    let moto = MotoProcess::spawn(&args.moto_server)?;
    let started = tokio::select! {
        started = start(&args, &moto) => started?,
        () = stop.recv() => return Err(RunError::Interrupted),
    };
    let _state_guard = match &args.state_file {
        Some(path) => {
            state_file::write_atomically(path, &started.state)?;
            Some(RemoveOnDrop(path.clone()))
        }
        None => None,
    };
    println!("{}", ready_line(&started.state, &moto.endpoint()));

    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let mut servers = JoinSet::new();
    for (listener, router, hosts) in started.listeners {
        servers.spawn(serve(
            listener,
            router,
            hosts,
            Limits::default(),
            shutdown_rx.clone(),
        ));
    }
    let outcome = tokio::select! {
        () = stop.recv() => Ok(()),
        died = moto.died() => Err(RunError::Moto(died)),
        // Servers only end on their own by failing.
        ended = servers.join_next() => Err(RunError::Serve(match ended {
            Some(Ok(Err(e))) => e,
            Some(Err(join)) => std::io::Error::other(join.to_string()),
            _ => std::io::Error::other("a server stopped unexpectedly"),
        })),
    };
    let _ = shutdown_tx.send(true);
    let drained = async { while servers.join_next().await.is_some() {} };
    if tokio::time::timeout(GRACEFUL_LIMIT, drained).await.is_err() {
        servers.abort_all();
    }
    // moto is killed and reaped; then the state file is removed.
    moto.stop().await;
    outcome
}

struct Started {
    state: State,
    listeners: Vec<(TcpListener, Router, AllowedHosts)>,
}

async fn start(args: &Args, moto: &MotoProcess) -> Result<Started, RunError> {
    moto.wait_ready(MOTO_READY_LIMIT).await?;
    let moto_endpoint = moto.endpoint();
    let seeded = seed::seed(&moto_endpoint).await?;
    let pool = seeded[0].clone();
    let jwks_url = format!(
        "http://127.0.0.1:{}/{}/.well-known/jwks.json",
        moto.port(),
        pool.user_pool_id
    );
    let jwks = Arc::new(JwksCache::fetch(jwks_url).await?);

    // The browser and the tests talk to Cognito through the front; only the
    // front, seeding and the JWKS cache talk to moto.
    let cognito_listener = bind(args.cognito_port).await?;
    let endpoint = format!("{}/", origin(&cognito_listener)?);
    let local_secret = state_file::new_local_secret().map_err(RunError::Secret)?;
    let front = CognitoFront::new(
        moto_endpoint,
        seeded
            .iter()
            .map(|pool| PoolRules::seeded(pool, PASSWORD_POLICY))
            .collect(),
        TokenSigner::for_moto(&args.moto_server).map_err(|e| e.to_string()),
        local_secret.clone(),
    );

    let main_listener = bind(args.port).await?;
    let main_origin = origin(&main_listener)?;
    let api_listener = match args.api_port {
        Some(port) => Some(bind(port).await?),
        None => None,
    };
    let browser_main = args.public_url.clone().unwrap_or(main_origin);
    let api_url = match &api_listener {
        Some(listener) => origin(listener)?,
        None => browser_main.clone(),
    };
    let cognito_origin = endpoint.trim_end_matches('/').to_string();
    let cross_origin = api_listener.is_some();

    let site = match &args.site {
        Some(dir) => {
            let csp = content_security_policy(
                &cognito_origin,
                cross_origin.then_some(api_url.as_str()),
                &args.script_src,
            );
            Some(Arc::new(Site::load(dir, &csp)?))
        }
        None => None,
    };
    // config.json for a site of `pool` whose API answers at `api_url`.
    let config_for = |pool: &seed::SeededPool, api_url: &str| PublicConfig {
        region: REGION.to_string(),
        user_pool_id: pool.user_pool_id.clone(),
        user_pool_client_id: pool.client_id.clone(),
        api_url: api_url.to_string(),
        cognito_endpoint: endpoint.clone(),
        password_policy: PASSWORD_POLICY,
        sign_in_with: pool.shape.sign_in_with(),
        sign_up_attributes: pool.shape.sign_up_attributes(),
        refresh_token_rotation: pool.shape.rotation_grace_seconds.is_some(),
        first_auth_factors: pool
            .shape
            .first_factors
            .iter()
            .map(|f| f.to_string())
            .collect(),
    };
    let config = config_for(&pool, &api_url);
    let api = ApiState::new(
        Arc::clone(&jwks),
        Expectations::for_pool(REGION, &pool.user_pool_id, &pool.client_id),
    );
    // The site once more per extra pool, each on its own origin with that
    // pool in its config.json and its own API (the authorizer takes that
    // pool's ID tokens), as a deployment on such a pool would be.
    let mut pool_sites = Vec::new();
    let mut extra_pools: std::collections::BTreeMap<_, _> = seeded[1..]
        .iter()
        .map(|p| {
            let listed = p.shape.extra_pool(&p.user_pool_id, &p.client_id);
            (p.shape.name.to_string(), listed)
        })
        .collect();
    if let (Some(site), false) = (&site, cross_origin) {
        for pool in &seeded[1..] {
            let listener = bind(0).await?;
            // Passkeys want a domain for their relying party id, and an
            // IP address is none (Chromium refuses them on 127.0.0.1): a
            // pool with passkeys gets its site on `localhost`.
            let site_origin = match pool.shape.relying_party {
                Some(_) => format!("http://localhost:{}", port_of(&listener)?),
                None => origin(&listener)?,
            };
            let config = config_for(pool, &site_origin);
            // moto signs every pool's tokens with one key: the main pool's
            // JWKS verifies them; the expectations hold each to its pool.
            let api = ApiState::new(
                Arc::clone(&jwks),
                Expectations::for_pool(REGION, &pool.user_pool_id, &pool.client_id),
            );
            let router = routers(
                api,
                Arc::from(config.to_json()),
                Some(Arc::clone(site)),
                false,
            )
            .main;
            let hosts = AllowedHosts::for_port(port_of(&listener)?, &[]);
            if let Some(listed) = extra_pools.get_mut(pool.shape.name) {
                listed.site_url = Some(site_origin);
            }
            pool_sites.push((listener, router, hosts));
        }
    }
    let state = State {
        site_url: site.as_ref().map(|_| browser_main.clone()),
        api_url,
        cognito_endpoint: endpoint,
        region: REGION.to_string(),
        user_pool_id: pool.user_pool_id,
        user_pool_client_id: pool.client_id,
        local_secret,
        extra_pools,
    };
    let routers = routers(api, Arc::from(config.to_json()), site, cross_origin);
    let public = args
        .public_url
        .as_deref()
        .map(authorities_of)
        .unwrap_or_default();
    let main_hosts = AllowedHosts::for_port(port_of(&main_listener)?, &public);
    let cognito_hosts = AllowedHosts::for_port(port_of(&cognito_listener)?, &[]);
    let mut listeners = vec![
        (main_listener, routers.main, main_hosts),
        (
            cognito_listener,
            cognito::router(Arc::new(front)),
            cognito_hosts,
        ),
    ];
    if let (Some(listener), Some(router)) = (api_listener, routers.api) {
        let hosts = AllowedHosts::for_port(port_of(&listener)?, &[]);
        listeners.push((listener, router, hosts));
    }
    listeners.extend(pool_sites);
    Ok(Started { state, listeners })
}

async fn bind(port: u16) -> Result<TcpListener, RunError> {
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .await
        .map_err(|source| RunError::Bind { port, source })
}

fn port_of(listener: &TcpListener) -> Result<u16, RunError> {
    listener
        .local_addr()
        .map(|addr| addr.port())
        .map_err(|source| RunError::Bind { port: 0, source })
}

fn origin(listener: &TcpListener) -> Result<String, RunError> {
    Ok(format!("http://127.0.0.1:{}", port_of(listener)?))
}

/// The single line printed at start: URLs and ids, never secrets (the test
/// controls' secret is in the state file only).
pub fn ready_line(state: &State, moto: &str) -> String {
    let site = state
        .site_url
        .as_deref()
        .map(|url| format!("site {url}  "))
        .unwrap_or_default();
    let pool_sites: String = state
        .extra_pools
        .iter()
        .filter_map(|(name, pool)| {
            Some(format!("  {name} pool's site {}", pool.site_url.as_ref()?))
        })
        .collect();
    format!(
        "local-stack ready: {site}api {}  cognito {} (moto {moto})  pool {}  client {}{pool_sites}",
        state.api_url, state.cognito_endpoint, state.user_pool_id, state.user_pool_client_id
    )
}

struct StopSignals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    fn install() -> std::io::Result<StopSignals> {
        Ok(StopSignals {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    async fn recv(&mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

/// Removes the state file on the way out, so a stale one never points at
/// ports nobody listens on any more.
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
