//! The user attributes sign-up asks for (`signUpAttributes` in the
//! config): the pool's required ones (name, phone number, birth date...)
//! and any custom one the site wants. Each gets the input its kind needs,
//! and is checked before anything is sent.

use super::forms::{self, FormError};
use crate::i18n::{Messages, Text};

/// What kind of value an attribute holds, which picks its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Email,
    Phone,
    /// `YYYY-MM-DD`, as Cognito's `birthdate` wants (OpenID Connect).
    Date,
    Url,
}

/// One attribute sign-up asks for: Cognito's name for it (`name`,
/// `custom:company`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignUpAttribute {
    pub name: String,
}

impl SignUpAttribute {
    /// A standard attribute, or a `custom:` one.
    pub fn from_name(name: &str) -> Result<Self, String> {
        let name = name.trim();
        let known = STANDARD.iter().any(|(standard, ..)| *standard == name);
        let custom = name
            .strip_prefix("custom:")
            .is_some_and(|rest| !rest.is_empty() && rest.len() <= 20);
        if known || custom {
            Ok(Self {
                name: name.to_owned(),
            })
        } else {
            Err([
                "unknown attribute \"",
                name,
                "\" (expected a standard attribute such as name or birthdate, or custom:NAME)",
            ]
            .concat())
        }
    }

    fn standard(&self) -> Option<&'static (&'static str, Kind, &'static str, Text)> {
        STANDARD.iter().find(|(name, ..)| *name == self.name)
    }

    pub fn kind(&self) -> Kind {
        self.standard().map_or(Kind::Text, |(_, kind, ..)| *kind)
    }

    /// Its field's id (`attr-custom-company`).
    pub fn field_id(&self) -> String {
        let id: String = self
            .name
            .chars()
            .map(|c| if c == ':' { '-' } else { c })
            .collect();
        ["attr-", &id].concat()
    }

    pub fn input_type(&self) -> &'static str {
        match self.kind() {
            Kind::Text => "text",
            Kind::Email => "email",
            Kind::Phone => "tel",
            Kind::Date => "date",
            Kind::Url => "url",
        }
    }

    /// The HTML autocomplete token that fills it, `off` for custom ones.
    pub fn autocomplete(&self) -> &'static str {
        self.standard().map_or("off", |(_, _, token, _)| token)
    }

    /// The field's label: the catalogue's for a standard attribute; a
    /// custom one's own name, made readable ("custom:company_size" →
    /// "Company size").
    pub fn label(&self, m: &Messages) -> String {
        if let Some((.., label)) = self.standard() {
            return label(m).to_owned();
        }
        let bare = self.name.strip_prefix("custom:").unwrap_or(&self.name);
        // ASCII case only: Unicode's case tables cost kilobytes.
        let mut label = String::with_capacity(bare.len());
        for (i, c) in bare.chars().enumerate() {
            match c {
                '_' | '-' => label.push(' '),
                c if i == 0 => label.push(c.to_ascii_uppercase()),
                c => label.push(c),
            }
        }
        label
    }

    /// The value as Cognito takes it, or what is wrong with it.
    pub fn check(&self, raw: &str) -> Result<String, FormError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(FormError::AttributeMissing);
        }
        match self.kind() {
            Kind::Text => Ok(value.to_owned()),
            Kind::Email => forms::email(value),
            Kind::Phone => forms::phone_number(value),
            Kind::Date => forms::date(value),
            Kind::Url => forms::url(value),
        }
    }
}

/// The standard attributes a sign-up form can ask for (OpenID Connect's,
/// as Cognito names them), with their kind, autocomplete token and label.
/// `updated_at` (a number Cognito sets itself) is left out.
const STANDARD: &[(&str, Kind, &str, Text)] = &[
    ("name", Kind::Text, "name", |m| m.attr_name),
    ("given_name", Kind::Text, "given-name", |m| {
        m.attr_given_name
    }),
    ("family_name", Kind::Text, "family-name", |m| {
        m.attr_family_name
    }),
    ("middle_name", Kind::Text, "additional-name", |m| {
        m.attr_middle_name
    }),
    ("nickname", Kind::Text, "nickname", |m| m.attr_nickname),
    ("preferred_username", Kind::Text, "off", |m| {
        m.attr_preferred_username
    }),
    ("email", Kind::Email, "email", |m| m.email),
    ("phone_number", Kind::Phone, "tel", |m| m.phone_number),
    ("birthdate", Kind::Date, "bday", |m| m.attr_birthdate),
    ("gender", Kind::Text, "sex", |m| m.attr_gender),
    ("address", Kind::Text, "street-address", |m| m.attr_address),
    ("locale", Kind::Text, "language", |m| m.attr_locale),
    ("zoneinfo", Kind::Text, "off", |m| m.attr_zoneinfo),
    ("website", Kind::Url, "url", |m| m.attr_website),
    ("profile", Kind::Url, "url", |m| m.attr_profile),
    ("picture", Kind::Url, "photo", |m| m.attr_picture),
];
