//! The password policy the local pool is seeded with; config.json repeats
//! it so the SPA can check passwords before Cognito does.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordPolicy {
    pub minimum_length: u8,
    pub require_lowercase: bool,
    pub require_uppercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
}

pub const PASSWORD_POLICY: PasswordPolicy = PasswordPolicy {
    minimum_length: 8,
    require_lowercase: true,
    require_uppercase: true,
    require_numbers: true,
    require_symbols: true,
};
