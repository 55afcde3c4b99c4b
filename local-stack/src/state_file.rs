//! The state file tells scripts and tests where everything listens, and
//! holds the per-run secret of the test controls. Its format is the
//! contract's ([`stack_contract::state`]); this module only makes the
//! secret.

use std::path::Path;

pub use stack_contract::state::{LocalSecret, StackState as State, StateFileError};

pub fn write_atomically(path: &Path, state: &State) -> Result<(), StateFileError> {
    state.write_atomically(path)
}

/// 32 random bytes from the OS, hex-encoded: new every run, never printed.
pub fn new_local_secret() -> std::io::Result<LocalSecret> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(std::io::Error::other)?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(LocalSecret::new(hex))
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_are_long_and_differ() {
        let a = super::new_local_secret().expect("random");
        let b = super::new_local_secret().expect("random");
        assert_eq!(a.expose().len(), 64);
        assert_ne!(a, b);
    }
}
