//! One test binary for everything that needs the test RSA keys, so they are
//! generated once (RSA key generation is slow in debug builds).

mod authorizer;
mod common;
mod jwks;
mod router;
mod serve;
