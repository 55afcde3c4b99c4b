use cognito_signin::flow::attributes::SignUpAttribute;
use cognito_signin::flow::forms::{self, FormError, NewAccount, SignUpForm};
use cognito_signin::flow::identity::SignInWith;
use cognito_signin::flow::password::PasswordPolicy;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn trims_and_checks_emails() {
    assert_eq!(
        forms::email("  ana@example.com "),
        Ok("ana@example.com".into())
    );
    assert_eq!(forms::email(""), Err(FormError::EmailMissing));
    for bad in [
        "ana",
        "ana@",
        "@example.com",
        "ana@example",
        "a b@example.com",
        "ana@.com",
    ] {
        assert_eq!(forms::email(bad), Err(FormError::EmailInvalid), "{bad}");
    }
}

fn email_sign_up<'a>(password: &'a str, confirm: &'a str) -> SignUpForm<'a> {
    SignUpForm {
        with: SignInWith::default(),
        username: " ana@example.com",
        attributes: &[],
        password,
        confirm,
        password_optional: false,
    }
}

#[wasm_bindgen_test]
fn sign_up_checks_policy_then_match() {
    let policy = PasswordPolicy::default();
    assert_eq!(
        forms::sign_up(&email_sign_up("Passw0rd!", "Passw0rd!"), &policy),
        Ok(NewAccount {
            username: "ana@example.com".into(),
            attributes: vec![("email".into(), "ana@example.com".into())],
        })
    );
    assert_eq!(
        forms::sign_up(&email_sign_up("weak", "weak"), &policy),
        Err(FormError::PasswordWeak)
    );
    assert_eq!(
        forms::sign_up(&email_sign_up("Passw0rd!", "Passw0rd?"), &policy),
        Err(FormError::PasswordMismatch)
    );
    assert_eq!(
        forms::sign_up(&email_sign_up("", ""), &policy),
        Err(FormError::PasswordMissing)
    );
}

#[wasm_bindgen_test]
fn sign_up_on_a_username_pool_sends_the_alias_and_attributes() {
    let with = SignInWith::from_names(&["username".into(), "email".into()]).unwrap();
    let name = SignUpAttribute::from_name("name").unwrap();
    let phone = SignUpAttribute::from_name("phone_number").unwrap();
    let birthdate = SignUpAttribute::from_name("birthdate").unwrap();
    let company = SignUpAttribute::from_name("custom:company").unwrap();
    let email = SignUpAttribute::from_name("email").unwrap();
    let attributes = [
        (&email, " ana@example.com ".to_owned()),
        (&name, " Ana Lopez ".to_owned()),
        (&phone, "+1 (415) 555-0123".to_owned()),
        (&birthdate, "1990-04-01".to_owned()),
        (&company, "Example Ltd".to_owned()),
    ];
    let form = SignUpForm {
        with,
        username: " ana_l ",
        attributes: &attributes,
        password: "Passw0rd!",
        confirm: "Passw0rd!",
        password_optional: false,
    };
    let account = forms::sign_up(&form, &PasswordPolicy::default()).unwrap();
    assert_eq!(account.username, "ana_l");
    let pairs: Vec<(&str, &str)> = account
        .attributes
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("email", "ana@example.com"),
            ("name", "Ana Lopez"),
            ("phone_number", "+14155550123"),
            ("birthdate", "1990-04-01"),
            ("custom:company", "Example Ltd"),
        ]
    );

    // Each value is checked by its kind, before the password.
    let bad_phone = [
        (&name, "Ana".to_owned()),
        (&phone, "415 555 0123".to_owned()),
        (&birthdate, "1990-04-01".to_owned()),
        (&company, "x".to_owned()),
    ];
    let form = SignUpForm {
        attributes: &bad_phone,
        password: "",
        ..form
    };
    assert_eq!(
        forms::sign_up(&form, &PasswordPolicy::default()),
        Err(FormError::PhoneInvalid)
    );
    let empty_name = [(&name, "  ".to_owned())];
    let form = SignUpForm {
        attributes: &empty_name,
        ..form
    };
    assert_eq!(
        forms::sign_up(&form, &PasswordPolicy::default()),
        Err(FormError::AttributeMissing)
    );
    let form = SignUpForm {
        username: "ana l",
        ..form
    };
    assert_eq!(
        forms::sign_up(&form, &PasswordPolicy::default()),
        Err(FormError::UsernameInvalid)
    );
}

#[wasm_bindgen_test]
fn phone_numbers_dates_and_addresses_are_checked_by_shape() {
    assert_eq!(
        forms::phone_number("+44 20 7946 0958"),
        Ok("+442079460958".into())
    );
    assert_eq!(forms::phone_number(" "), Err(FormError::PhoneMissing));
    for bad in [
        "02079460958",
        "+0123456789",
        "+12",
        "+1234567890123456",
        "+1 415 CALL NOW",
    ] {
        assert_eq!(
            forms::phone_number(bad),
            Err(FormError::PhoneInvalid),
            "{bad}"
        );
    }
    assert_eq!(forms::date("2001-12-31"), Ok("2001-12-31".into()));
    for bad in [
        "2001-13-01",
        "01/12/2001",
        "2001-1-1",
        "2001-12-00",
        "2001-12-31-1",
    ] {
        assert_eq!(forms::date(bad), Err(FormError::DateInvalid), "{bad}");
    }
    assert_eq!(
        forms::url("https://example.com/me"),
        Ok("https://example.com/me".into())
    );
    for bad in ["example.com", "https://", "https://a b.com"] {
        assert_eq!(forms::url(bad), Err(FormError::UrlInvalid), "{bad}");
    }
}

#[wasm_bindgen_test]
fn codes_are_digits_with_spaces_dropped() {
    assert_eq!(forms::code(" 123 456 "), Ok("123456".into()));
    assert_eq!(forms::code(""), Err(FormError::CodeMissing));
    assert_eq!(forms::code("12a456"), Err(FormError::CodeInvalid));
    assert_eq!(forms::code("12345678901"), Err(FormError::CodeInvalid));
}
