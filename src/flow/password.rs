//! The pool's password rules, checked as the person types so the checklist
//! and Cognito's `InvalidPasswordException` never disagree.

use crate::i18n::{Messages, fill};
use crate::web::json::{Error, Fields};
use crate::web::text;

/// Cognito's password policy, as carried in `config.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub minimum_length: u32,
    pub require_lowercase: bool,
    pub require_uppercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
}

impl Default for PasswordPolicy {
    /// Cognito's own default policy, used when the config does not say.
    fn default() -> Self {
        Self {
            minimum_length: 8,
            require_lowercase: true,
            require_uppercase: true,
            require_numbers: true,
            require_symbols: true,
        }
    }
}

/// One rule of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    MinimumLength(u32),
    Lowercase,
    Uppercase,
    Number,
    Symbol,
}

impl Rule {
    pub fn is_met_by(self, password: &str) -> bool {
        match self {
            // Characters, not bytes: UTF-8 continuation bytes do not count.
            Rule::MinimumLength(n) => {
                password.bytes().filter(|b| b & 0xC0 != 0x80).count() >= n as usize
            }
            // Letters are the basic Latin ones, as Cognito counts them (and
            // moto, and the local stack): an "é" is no lowercase letter there.
            Rule::Lowercase => password.bytes().any(|b| b.is_ascii_lowercase()),
            Rule::Uppercase => password.bytes().any(|b| b.is_ascii_uppercase()),
            Rule::Number => password.bytes().any(|b| b.is_ascii_digit()),
            Rule::Symbol => {
                password.bytes().any(is_symbol)
                    || text::trim_byte(password, b' ').as_bytes().contains(&b' ')
            }
        }
    }

    /// The checklist's words for it, in the chosen language.
    pub fn label(self, m: &Messages) -> String {
        match self {
            Rule::MinimumLength(n) => return fill(m.rule_length, &[&text::decimal(n.into())]),
            Rule::Lowercase => m.rule_lowercase,
            Rule::Uppercase => m.rule_uppercase,
            Rule::Number => m.rule_number,
            Rule::Symbol => m.rule_symbol,
        }
        .to_owned()
    }
}

impl PasswordPolicy {
    /// Reads `config.json`'s `passwordPolicy`; a missing rule keeps
    /// Cognito's default.
    pub fn from_fields(f: Fields) -> Result<Self, Error> {
        let default = Self::default();
        Ok(Self {
            minimum_length: f.u32("minimumLength")?.unwrap_or(default.minimum_length),
            require_lowercase: f
                .bool("requireLowercase")?
                .unwrap_or(default.require_lowercase),
            require_uppercase: f
                .bool("requireUppercase")?
                .unwrap_or(default.require_uppercase),
            require_numbers: f.bool("requireNumbers")?.unwrap_or(default.require_numbers),
            require_symbols: f.bool("requireSymbols")?.unwrap_or(default.require_symbols),
        })
    }
}

/// The characters Cognito counts as symbols (its documented list; a space
/// counts too unless it leads or trails).
const SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";

/// Byte by byte: every symbol is ASCII, and no byte of a longer UTF-8
/// character is.
fn is_symbol(byte: u8) -> bool {
    SYMBOLS.as_bytes().contains(&byte)
}

impl PasswordPolicy {
    /// The policy's rules, in the order the checklist shows them.
    pub fn rules(&self) -> Vec<Rule> {
        let optional = [
            (self.require_lowercase, Rule::Lowercase),
            (self.require_uppercase, Rule::Uppercase),
            (self.require_numbers, Rule::Number),
            (self.require_symbols, Rule::Symbol),
        ];
        let mut rules = vec![Rule::MinimumLength(self.minimum_length)];
        rules.extend(
            optional
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, rule)| rule),
        );
        rules
    }

    pub fn is_met_by(&self, password: &str) -> bool {
        self.rules().iter().all(|rule| rule.is_met_by(password))
    }
}
