//! What people sign in with on the pool the config names (`signInWith`):
//! their email or phone number (Cognito's `UsernameAttributes`), or a
//! username, with an email or phone number as aliases
//! (`AliasAttributes`). The forms take their label, input type and checks
//! from here; what is typed goes to Cognito as the `Username`, which
//! accepts each of them.

use std::cell::Cell;

use super::forms::{self, FormError};
use crate::i18n::{Messages, Text, fill};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identifier {
    Email,
    Phone,
    Username,
}

impl Identifier {
    /// Its name in the config: Cognito's attribute name, or `username`.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "email" => Self::Email,
            "phone_number" => Self::Phone,
            "username" => Self::Username,
            _ => return None,
        })
    }

    /// The user attribute that holds it; a username is no attribute.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Self::Email => Some("email"),
            Self::Phone => Some("phone_number"),
            Self::Username => None,
        }
    }

    /// Its field's label.
    pub fn label(self) -> Text {
        match self {
            Self::Email => |m| m.email,
            Self::Phone => |m| m.phone_number,
            Self::Username => |m| m.username,
        }
    }

    /// How a sentence names it ("email", "username").
    fn noun(self, m: &Messages) -> &'static str {
        match self {
            Self::Email => m.noun_email,
            Self::Phone => m.noun_phone,
            Self::Username => m.noun_username,
        }
    }

    /// Its field's id.
    pub fn field_id(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Username => "username",
        }
    }

    pub fn input_type(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "tel",
            Self::Username => "text",
        }
    }

    /// What a browser or password manager fills in at sign-up.
    pub fn sign_up_autocomplete(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "tel",
            Self::Username => "username",
        }
    }

    /// The value as Cognito takes it, or what is wrong with it.
    pub fn check(self, raw: &str) -> Result<String, FormError> {
        match self {
            Self::Email => forms::email(raw),
            Self::Phone => forms::phone_number(raw),
            Self::Username => forms::username(raw),
        }
    }
}

/// The identifiers a person may sign in with, in the config's order;
/// never empty. `Copy`, so the messages can read the current one (see
/// [`current`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInWith([Option<Identifier>; 3]);

impl Default for SignInWith {
    /// Cognito's most common pool, and this app's own: the email is the
    /// username.
    fn default() -> Self {
        Self([Some(Identifier::Email), None, None])
    }
}

impl SignInWith {
    /// The config's list: known names, each once, at least one.
    pub fn from_names(names: &[String]) -> Result<Self, String> {
        let mut slots = [None; 3];
        for (i, name) in names.iter().enumerate() {
            let identifier = Identifier::from_name(name.trim()).ok_or_else(|| {
                [
                    "unknown identifier \"",
                    name,
                    "\" (expected email, phone_number or username)",
                ]
                .concat()
            })?;
            if slots.contains(&Some(identifier)) || i >= slots.len() {
                return Err("each identifier may be listed once".into());
            }
            slots[i] = Some(identifier);
        }
        if slots[0].is_none() {
            return Err("expected at least one of email, phone_number and username".into());
        }
        Ok(Self(slots))
    }

    pub fn iter(self) -> impl Iterator<Item = Identifier> {
        self.0.into_iter().flatten()
    }

    fn first(self) -> Identifier {
        self.0[0].unwrap_or(Identifier::Email)
    }

    fn only(self) -> Option<Identifier> {
        self.0[1].is_none().then(|| self.first())
    }

    pub fn allows(self, identifier: Identifier) -> bool {
        self.0.contains(&Some(identifier))
    }

    /// What sign-up registers as the `Username`: the username where the
    /// pool has usernames, else the first identifier listed (Cognito
    /// takes an email or phone number as the username on pools with
    /// `UsernameAttributes`).
    pub fn sign_up_username(self) -> Identifier {
        if self.allows(Identifier::Username) {
            Identifier::Username
        } else {
            self.first()
        }
    }

    /// The attributes a username pool's aliases are (an email or phone
    /// number the person may later sign in with): sign-up asks for them
    /// as for any attribute.
    pub fn alias_attributes(self) -> impl Iterator<Item = &'static str> {
        let username_pool = self.allows(Identifier::Username);
        self.iter()
            .filter(move |_| username_pool)
            .filter_map(Identifier::attribute)
    }

    /// The sign-in field's label: "Email", "Username or email". One
    /// catalogue entry per set of identifiers, in the catalogue's order:
    /// a label built from parts cost a component of its own.
    pub fn label(self) -> Text {
        let (email, phone, username) = (
            self.allows(Identifier::Email),
            self.allows(Identifier::Phone),
            self.allows(Identifier::Username),
        );
        match (username, email, phone) {
            (true, true, true) => |m| m.username_email_or_phone,
            (true, true, false) => |m| m.username_or_email,
            (true, false, true) => |m| m.username_or_phone,
            (false, true, true) => |m| m.email_or_phone,
            _ => self.first().label(),
        }
    }

    /// How a sentence names what the person signs in with.
    pub fn noun(self, m: &Messages) -> String {
        let mut noun = String::new();
        for (i, identifier) in self.iter().enumerate() {
            if i > 0 {
                noun.push_str(m.or_word);
            }
            noun.push_str(identifier.noun(m));
        }
        noun
    }

    pub fn input_type(self) -> &'static str {
        self.only().map_or("text", Identifier::input_type)
    }

    /// The sign-in field's id: `email` where only an email signs in.
    pub fn field_id(self) -> &'static str {
        self.only().map_or("username", Identifier::field_id)
    }

    /// What was typed in the sign-in field, as Cognito takes it. With
    /// several identifiers, its shape says which was meant: an `@` is an
    /// email, a leading `+` a phone number, anything else a username
    /// (or a phone number where there are no usernames).
    pub fn check(self, raw: &str) -> Result<String, FormError> {
        if let Some(only) = self.only() {
            return only.check(raw);
        }
        let value = raw.trim();
        if value.is_empty() {
            return Err(FormError::IdentifierMissing);
        }
        let email_like = value.as_bytes().contains(&b'@');
        let meant = if email_like && self.allows(Identifier::Email) {
            Identifier::Email
        } else if value.starts_with('+') && self.allows(Identifier::Phone) {
            Identifier::Phone
        } else if self.allows(Identifier::Username) {
            Identifier::Username
        } else if self.allows(Identifier::Phone) && !email_like {
            Identifier::Phone
        } else {
            self.first()
        };
        meant.check(value)
    }
}

thread_local! {
    // The page's pool, set once its config is read. Messages render
    // without the config at hand (an error knows only its catalogue
    // entry), yet "Incorrect email or password." must name what this
    // pool signs in with.
    static CURRENT: Cell<SignInWith> = Cell::new(SignInWith::default());
}

/// Makes `sign_in_with` the one messages name.
pub fn set_current(sign_in_with: SignInWith) {
    CURRENT.with(|current| current.set(sign_in_with));
}

/// What the page's pool signs in with.
pub fn current() -> SignInWith {
    CURRENT.with(Cell::get)
}

/// `template` with the current pool's identifier in its `{}`.
pub fn fill_noun(m: &Messages, template: &str) -> String {
    fill(template, &[&current().noun(m)])
}

/// `template` with what sign-up registers as the username in its `{}`
/// (a username pool's username, not its aliases).
pub fn fill_username_noun(m: &Messages, template: &str) -> String {
    fill(template, &[current().sign_up_username().noun(m)])
}
