//! Free loopback ports, for the stack's listeners and moto.

use std::net::{Ipv4Addr, TcpListener};

/// A port that was free on 127.0.0.1 a moment ago (the OS's pick).
pub fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

#[cfg(test)]
mod tests {
    #[test]
    fn gives_a_bindable_port() {
        let port = super::free_port().expect("a port");
        assert_ne!(port, 0);
        std::net::TcpListener::bind(("127.0.0.1", port)).expect("still free");
    }
}
