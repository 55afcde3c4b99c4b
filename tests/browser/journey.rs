//! The journey's rules on plain values: where each of Cognito's answers
//! takes the person, and which step an address shows. No page is mounted;
//! they run in the browser only because the JSON reader behind the tokens
//! is the browser's.

use cognito_signin::cognito::sign_in_outcome;
use cognito_signin::cognito::wire::{
    AuthenticationResult, CodeDeliveryDetails, FromJson, InitiateAuthResponse, SessionToken,
    SignUpResponse,
};
use cognito_signin::cognito::{
    AppKey, Challenge, ChallengeSession, CognitoError, Factor, SignInOutcome,
};
use cognito_signin::flow::next::{self, Next};
use cognito_signin::flow::page::Page;
use cognito_signin::flow::step::Step;
use cognito_signin::i18n::{Message, languages};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::base64url;

const EMAIL: &str = "ana@example.com";

fn english(message: &Message) -> String {
    message.render(&languages()[0])
}

fn tokens(email: &str) -> AuthenticationResult {
    let claims = format!(
        r#"{{"sub":"6c1b8a9e","email":"{email}","exp":4102444800,"token_use":"id","aud":"client123"}}"#
    );
    AuthenticationResult {
        id_token: format!(
            "{}.{}.sig",
            base64url(br#"{"alg":"RS256"}"#),
            base64url(claims.as_bytes())
        ),
        access_token: "access".into(),
        refresh_token: Some("refresh".into()),
        expires_in: Some(3600),
    }
}

fn challenge() -> ChallengeSession {
    ChallengeSession {
        username: "6c1b8a9e".into(),
        session: "challenge-session".into(),
    }
}

fn challenged(challenge_name: Challenge) -> Result<SignInOutcome, CognitoError> {
    Ok(SignInOutcome::Challenged {
        challenge: challenge_name,
        session: challenge(),
    })
}

fn app_code() -> Challenge {
    Challenge::Code {
        factor: Factor::App,
        sent_to: None,
    }
}

fn sign_in_step() -> Step {
    Step::SignIn {
        email: EMAIL.into(),
    }
}

/// The step and the notice's words, or a panic naming what came instead.
fn went(next: Next) -> (Step, Option<String>) {
    match next {
        Next::Go(step, notice) => (step, notice.as_ref().map(english)),
        other => panic!("expected a step, got {other:?}"),
    }
}

fn alerted(next: Next) -> String {
    match next {
        Next::Alert(message) => english(&message),
        other => panic!("expected an alert, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn a_right_password_signs_in_with_the_tokens_session() {
    match next::after_sign_in(EMAIL.into(), Ok(SignInOutcome::Tokens(tokens(EMAIL)))) {
        Next::SignedIn(session) => {
            assert_eq!(session.email, EMAIL);
            assert_eq!(session.refresh_token.as_deref(), Some("refresh"));
        }
        other => panic!("expected a session, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn tokens_that_cannot_be_read_are_an_alert_not_a_session() {
    let mut broken = tokens(EMAIL);
    broken.id_token = "not-a-jwt".into();
    let words = alerted(next::signed_in(broken));
    assert!(words.contains("could not read"), "{words}");
}

#[wasm_bindgen_test]
fn each_challenge_the_app_answers_has_its_step() {
    let (step, notice) = went(next::after_sign_in(
        EMAIL.into(),
        challenged(Challenge::NewPasswordRequired),
    ));
    assert_eq!(
        step,
        Step::NewPassword {
            email: EMAIL.into(),
            challenge: challenge()
        }
    );
    assert_eq!(notice, None);
    let (step, _) = went(next::after_sign_in(EMAIL.into(), challenged(app_code())));
    assert_eq!(
        step,
        Step::Mfa {
            email: EMAIL.into(),
            challenge: challenge(),
            factor: Factor::App,
            sent_to: None,
        }
    );
    assert_eq!(step.page(), Page::TwoStep);
}

#[wasm_bindgen_test]
fn every_other_challenge_is_named_in_an_alert() {
    // Cognito's ChallengeNameType values the app does not answer yet.
    for name in [
        "SMS_OTP",
        "SELECT_CHALLENGE",
        "PASSWORD",
        "PASSWORD_SRP",
        "PASSWORD_VERIFIER",
        "WEB_AUTHN",
        "CUSTOM_CHALLENGE",
        "DEVICE_SRP_AUTH",
        "DEVICE_PASSWORD_VERIFIER",
        "ADMIN_NO_SRP_AUTH",
    ] {
        let answer = Ok(SignInOutcome::Challenge(name.into()));
        let words = alerted(next::after_sign_in(EMAIL.into(), answer));
        assert!(words.contains(name), "{name}: {words}");
        let from_new_password = Step::NewPassword {
            email: EMAIL.into(),
            challenge: challenge(),
        };
        let answer = Ok(SignInOutcome::Challenge(name.into()));
        let words = alerted(next::after_challenge(&from_new_password, answer));
        assert!(words.contains(name), "{name} after a new password: {words}");
    }
}

#[wasm_bindgen_test]
fn an_unconfirmed_account_goes_to_the_code() {
    let (step, notice) = went(next::after_sign_in(
        EMAIL.into(),
        Err(CognitoError::UserNotConfirmed),
    ));
    assert_eq!(
        step,
        Step::Confirm {
            email: EMAIL.into(),
            sent_to: None,
            session: None,
        }
    );
    assert!(notice.unwrap().contains("not confirmed"));
}

#[wasm_bindgen_test]
fn a_required_reset_goes_to_the_reset_with_the_email() {
    let (step, notice) = went(next::after_sign_in(
        EMAIL.into(),
        Err(CognitoError::PasswordResetRequired),
    ));
    assert_eq!(
        step,
        Step::ForgotPassword {
            email: EMAIL.into()
        }
    );
    assert_eq!(step.page(), Page::ForgotPassword);
    assert!(notice.unwrap().contains("reset your password"));
}

#[wasm_bindgen_test]
fn other_sign_in_errors_stay_with_an_alert() {
    let words = alerted(next::after_sign_in(
        EMAIL.into(),
        Err(CognitoError::NotAuthorized(
            "Incorrect username or password.".into(),
        )),
    ));
    assert_eq!(words, "Incorrect email or password.");
    for error in [
        CognitoError::Network,
        CognitoError::TooManyRequests,
        CognitoError::Malformed,
    ] {
        let expected = english(&error.clone().into());
        assert_eq!(
            alerted(next::after_sign_in(EMAIL.into(), Err(error))),
            expected
        );
    }
}

#[wasm_bindgen_test]
fn a_challenge_after_the_new_password_is_that_challenge() {
    let from = Step::NewPassword {
        email: EMAIL.into(),
        challenge: challenge(),
    };
    let (step, _) = went(next::after_challenge(&from, challenged(app_code())));
    assert_eq!(
        step,
        Step::Mfa {
            email: EMAIL.into(),
            challenge: challenge(),
            factor: Factor::App,
            sent_to: None,
        }
    );
    assert!(matches!(
        next::after_challenge(&step, Ok(SignInOutcome::Tokens(tokens(EMAIL)))),
        Next::SignedIn(_)
    ));
}

#[wasm_bindgen_test]
fn an_expired_challenge_goes_back_to_the_password_with_a_message() {
    for from in [
        Step::NewPassword {
            email: EMAIL.into(),
            challenge: challenge(),
        },
        Step::Mfa {
            email: EMAIL.into(),
            challenge: challenge(),
            factor: Factor::App,
            sent_to: None,
        },
    ] {
        for error in [
            CognitoError::NotAuthorized("Invalid session for the user, session is expired.".into()),
            CognitoError::ExpiredCode,
        ] {
            let (step, notice) = went(next::after_challenge(&from, Err(error)));
            assert_eq!(step, sign_in_step());
            assert!(notice.unwrap().contains("took too long"));
        }
    }
}

#[wasm_bindgen_test]
fn a_wrong_app_code_says_to_check_the_app() {
    let from = Step::Mfa {
        email: EMAIL.into(),
        challenge: challenge(),
        factor: Factor::App,
        sent_to: None,
    };
    let words = alerted(next::after_challenge(
        &from,
        Err(CognitoError::CodeMismatch),
    ));
    assert!(words.contains("authenticator app"), "{words}");
    let from = Step::NewPassword {
        email: EMAIL.into(),
        challenge: challenge(),
    };
    let words = alerted(next::after_challenge(
        &from,
        Err(CognitoError::InvalidPassword(
            "Password not long enough".into(),
        )),
    ));
    assert!(words.contains("Password not long enough"), "{words}");
}

#[wasm_bindgen_test]
fn a_sign_up_goes_to_the_code_or_straight_to_the_password() {
    let delivery = Some(CodeDeliveryDetails {
        destination: Some("a***@e***".into()),
        delivery_medium: Some("EMAIL".into()),
    });
    let answer = SignUpResponse {
        user_confirmed: false,
        code_delivery_details: delivery,
        session: Some(SessionToken("s".into())),
    };
    let (step, notice) = went(next::after_sign_up(EMAIL.into(), Ok(answer)));
    assert_eq!(
        step,
        Step::Confirm {
            email: EMAIL.into(),
            sent_to: Some("a***@e***".into()),
            session: Some(SessionToken("s".into())),
        }
    );
    assert_eq!(notice, None);
    let confirmed = SignUpResponse {
        user_confirmed: true,
        code_delivery_details: None,
        session: None,
    };
    let (step, notice) = went(next::after_sign_up(EMAIL.into(), Ok(confirmed)));
    assert_eq!(step, sign_in_step());
    assert!(notice.unwrap().contains("ready"));
    let words = alerted(next::after_sign_up(
        EMAIL.into(),
        Err(CognitoError::UsernameExists),
    ));
    assert!(words.contains("already"), "{words}");
}

#[wasm_bindgen_test]
fn a_confirmed_account_goes_to_the_password() {
    let (step, notice) = went(next::after_confirm(EMAIL.into(), Ok(())));
    assert_eq!(step, sign_in_step());
    assert!(notice.unwrap().contains("confirmed"));
    // Confirmed before (another tab, an administrator): no code needed.
    let twice =
        CognitoError::NotAuthorized("User cannot be confirmed. Current status is CONFIRMED".into());
    let (step, notice) = went(next::after_confirm(EMAIL.into(), Err(twice)));
    assert_eq!(step, sign_in_step());
    assert!(notice.unwrap().contains("already confirmed"));
    let words = alerted(next::after_confirm(
        EMAIL.into(),
        Err(CognitoError::CodeMismatch),
    ));
    assert_eq!(words, english(&CognitoError::CodeMismatch.into()));
}

#[wasm_bindgen_test]
fn a_resent_code_stays_with_where_it_went() {
    let delivery = Some(CodeDeliveryDetails {
        destination: Some("a***@e***".into()),
        delivery_medium: Some("EMAIL".into()),
    });
    let session = Some(SessionToken("s".into()));
    let (step, notice) = went(next::after_resend(
        EMAIL.into(),
        session.clone(),
        Ok(delivery),
    ));
    assert_eq!(
        step,
        Step::Confirm {
            email: EMAIL.into(),
            sent_to: Some("a***@e***".into()),
            session,
        }
    );
    assert!(notice.unwrap().contains("a***@e***"));
    // Without a destination, the notice names the email typed.
    let (_, notice) = went(next::after_resend(EMAIL.into(), None, Ok(None)));
    assert!(notice.unwrap().contains(EMAIL));
}

#[wasm_bindgen_test]
fn resending_to_a_confirmed_account_goes_to_the_password() {
    let confirmed = CognitoError::InvalidParameter("User is already confirmed.".into());
    let (step, notice) = went(next::after_resend(EMAIL.into(), None, Err(confirmed)));
    assert_eq!(step, sign_in_step());
    assert!(notice.unwrap().contains("already confirmed"));
    let words = alerted(next::after_resend(
        EMAIL.into(),
        None,
        Err(CognitoError::LimitExceeded),
    ));
    assert_eq!(words, english(&CognitoError::LimitExceeded.into()));
    let other = CognitoError::InvalidParameter("Username should be an email.".into());
    alerted(next::after_resend(EMAIL.into(), None, Err(other)));
}

#[wasm_bindgen_test]
fn a_reset_code_then_a_new_password_go_back_to_the_password() {
    let (step, _) = went(next::after_reset_code(EMAIL.into(), Ok(None)));
    assert_eq!(
        step,
        Step::ResetPassword {
            email: EMAIL.into(),
            sent_to: None
        }
    );
    assert_eq!(step.page(), Page::ForgotPassword);
    alerted(next::after_reset_code(
        EMAIL.into(),
        Err(CognitoError::UserNotFound),
    ));
    let (step, notice) = went(next::after_reset(EMAIL.into(), Ok(())));
    assert_eq!(step, sign_in_step());
    assert!(notice.unwrap().contains("password is changed"));
    let words = alerted(next::after_reset(
        EMAIL.into(),
        Err(CognitoError::ExpiredCode),
    ));
    assert_eq!(words, english(&CognitoError::ExpiredCode.into()));
}

#[wasm_bindgen_test]
fn an_address_shows_its_step_carrying_the_email() {
    let from = sign_in_step();
    let cases = [
        (Page::SignIn, sign_in_step()),
        (Page::Account, sign_in_step()),
        (Page::SignUp, Step::SignUp),
        (
            Page::Confirm,
            Step::Confirm {
                email: EMAIL.into(),
                sent_to: None,
                session: None,
            },
        ),
        (
            Page::ForgotPassword,
            Step::ForgotPassword {
                email: EMAIL.into(),
            },
        ),
        (Page::NotFound, Step::NotFound),
    ];
    for (page, expected) in cases {
        let (step, notice) = from.arrive(page, false);
        assert_eq!(step, expected, "{page:?}");
        assert!(notice.is_none(), "{page:?}");
    }
}

#[wasm_bindgen_test]
fn an_address_that_needs_a_challenge_in_memory_goes_back_to_the_password() {
    for (page, words) in [
        (Page::NewPassword, "temporary password first"),
        (Page::TwoStep, "email and password first"),
    ] {
        let (step, notice) = sign_in_step().arrive(page, false);
        assert_eq!(step, sign_in_step(), "{page:?}");
        let notice = english(&notice.expect("a message"));
        assert!(notice.contains(words), "{page:?}: {notice}");
    }
    // The same page keeps what the step holds (a reload keeps nothing, but
    // an address naming the step shown does).
    let mfa = Step::Mfa {
        email: EMAIL.into(),
        challenge: challenge(),
        factor: Factor::App,
        sent_to: None,
    };
    let (step, notice) = mfa.arrive(Page::TwoStep, false);
    assert_eq!(step, mfa);
    assert!(notice.is_none());
}

#[wasm_bindgen_test]
fn signed_in_the_sign_in_steps_show_the_account() {
    for page in [
        Page::Account,
        Page::SignIn,
        Page::NewPassword,
        Page::TwoStep,
    ] {
        assert_eq!(
            sign_in_step().arrive(page, true).0,
            Step::SignedIn,
            "{page:?}"
        );
    }
    assert_eq!(Step::SignedIn.arrive(Page::SignUp, true).0, Step::SignUp);
    assert_eq!(
        Step::SignedIn.arrive(Page::SignIn, false).0,
        Step::SignIn {
            email: String::new()
        }
    );
}

/// Cognito's answer with this challenge and these `ChallengeParameters`,
/// read as the client reads it.
fn challenge_answer(name: &str, parameters: &str) -> Result<SignInOutcome, CognitoError> {
    let body = format!(
        r#"{{"ChallengeName":"{name}","Session":"challenge-session","ChallengeParameters":{parameters}}}"#
    );
    let response = InitiateAuthResponse::from_json(&body).unwrap();
    sign_in_outcome(response, EMAIL)
}

#[wasm_bindgen_test]
fn a_texted_or_emailed_code_step_says_where_it_went() {
    for (name, factor) in [("SMS_MFA", Factor::Sms), ("EMAIL_OTP", Factor::Email)] {
        let answer = challenge_answer(
            name,
            r#"{"CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0100","USERNAME":"6c1b8a9e"}"#,
        );
        let (step, _) = went(next::after_sign_in(EMAIL.into(), answer));
        assert_eq!(
            step,
            Step::Mfa {
                email: EMAIL.into(),
                challenge: ChallengeSession {
                    username: "6c1b8a9e".into(),
                    session: "challenge-session".into(),
                },
                factor,
                sent_to: Some("+*******0100".into()),
            },
            "{name}"
        );
        assert_eq!(step.page(), Page::TwoStep);
        // A wrong texted or emailed code is Cognito's plain mismatch, not
        // the authenticator app's.
        let words = alerted(next::after_challenge(
            &step,
            Err(CognitoError::CodeMismatch),
        ));
        assert_eq!(words, english(&CognitoError::CodeMismatch.into()), "{name}");
    }
}

#[wasm_bindgen_test]
fn several_factors_set_up_are_a_choice_then_that_factors_code() {
    let answer = challenge_answer(
        "SELECT_MFA_TYPE",
        r#"{"MFAS_CAN_CHOOSE":"[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}"#,
    );
    let (step, _) = went(next::after_sign_in(EMAIL.into(), answer));
    let Step::ChooseFactor { factors, .. } = &step else {
        panic!("expected a choice, got {step:?}");
    };
    assert_eq!(factors, &[Factor::App, Factor::Sms]);
    assert_eq!(step.page(), Page::TwoStep);
    let chosen = challenge_answer("SMS_MFA", r#"{"CODE_DELIVERY_DESTINATION":"+*******0100"}"#);
    let (next_step, _) = went(next::after_challenge(&step, chosen));
    assert!(
        matches!(
            next_step,
            Step::Mfa {
                factor: Factor::Sms,
                ..
            }
        ),
        "{next_step:?}"
    );
    // A choice with nothing the app knows is named, not a dead end.
    let empty = challenge_answer("SELECT_MFA_TYPE", r#"{"MFAS_CAN_CHOOSE":"[]"}"#);
    let words = alerted(next::after_sign_in(EMAIL.into(), empty));
    assert!(words.contains("SELECT_MFA_TYPE"), "{words}");
}

#[wasm_bindgen_test]
fn a_required_second_factor_not_set_up_sets_up_an_app() {
    let answer = challenge_answer(
        "MFA_SETUP",
        r#"{"MFAS_CAN_SETUP":"[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}"#,
    );
    let (step, _) = went(next::after_sign_in(EMAIL.into(), answer));
    assert_eq!(
        step,
        Step::SetUpApp {
            email: EMAIL.into(),
            challenge: challenge_session_named_by_email(),
            key: None,
            email_instead: false,
        }
    );
    assert_eq!(step.page(), Page::SetUpApp);
    // The key comes with a new session, which the app's first code goes with.
    let renewed = ChallengeSession {
        username: EMAIL.into(),
        session: "after-association".into(),
    };
    let (with_key, _) = went(next::after_app_key(
        &step,
        Ok((AppKey("JBSWY3DPEHPK3PXP".into()), renewed.clone())),
    ));
    assert_eq!(
        with_key,
        Step::SetUpApp {
            email: EMAIL.into(),
            challenge: renewed,
            key: Some(AppKey("JBSWY3DPEHPK3PXP".into())),
            email_instead: false,
        }
    );
    let words = alerted(next::after_challenge(
        &with_key,
        Err(CognitoError::CodeMismatch),
    ));
    assert!(words.contains("account you just added"), "{words}");
    assert!(matches!(
        next::after_challenge(&with_key, Ok(SignInOutcome::Tokens(tokens(EMAIL)))),
        Next::SignedIn(_)
    ));
    // A session that ran out while the person found their app.
    let (back, notice) = went(next::after_app_key(
        &step,
        Err(CognitoError::NotAuthorized(
            "Invalid session for the user, session is expired.".into(),
        )),
    ));
    assert_eq!(back, sign_in_step());
    assert!(notice.unwrap().contains("took too long"));
    let words = alerted(next::after_app_key(&step, Err(CognitoError::Network)));
    assert_eq!(words, english(&CognitoError::Network.into()));
}

#[wasm_bindgen_test]
fn a_required_second_factor_can_be_codes_by_email() {
    // Email only: its set-up, whose answer is an EMAIL_OTP challenge.
    let answer = challenge_answer("MFA_SETUP", r#"{"MFAS_CAN_SETUP":"[\"EMAIL_OTP\"]"}"#);
    let (step, _) = went(next::after_sign_in(EMAIL.into(), answer));
    assert_eq!(
        step,
        Step::SetUpEmail {
            email: EMAIL.into(),
            challenge: challenge_session_named_by_email(),
        }
    );
    assert_eq!(step.page(), Page::SetUpApp);
    let first_code = challenge_answer(
        "EMAIL_OTP",
        r#"{"CODE_DELIVERY_DESTINATION":"a***@e***.com"}"#,
    );
    let (code_step, _) = went(next::after_challenge(&step, first_code));
    assert!(
        matches!(
            &code_step,
            Step::Mfa { factor: Factor::Email, sent_to: Some(to), .. } if to == "a***@e***.com"
        ),
        "{code_step:?}"
    );
    // Cognito refuses an address that is not the account's.
    let refused = alerted(next::after_challenge(
        &step,
        Err(CognitoError::InvalidParameter(
            "The EMAIL must be the user's email address.".into(),
        )),
    ));
    assert!(refused.contains("EMAIL must be"), "{refused}");

    // App or email: the app first, with email offered instead, kept
    // when the key comes.
    let both = challenge_answer(
        "MFA_SETUP",
        r#"{"MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"}"#,
    );
    let (app_step, _) = went(next::after_sign_in(EMAIL.into(), both));
    assert!(
        matches!(
            app_step,
            Step::SetUpApp {
                email_instead: true,
                key: None,
                ..
            }
        ),
        "{app_step:?}"
    );
    let (with_key, _) = went(next::after_app_key(
        &app_step,
        Ok((
            AppKey("JBSWY3DPEHPK3PXP".into()),
            challenge_session_named_by_email(),
        )),
    ));
    assert!(
        matches!(
            with_key,
            Step::SetUpApp {
                email_instead: true,
                ..
            }
        ),
        "{with_key:?}"
    );
    let (chosen, _) = went(next::email_instead_of_app(&with_key));
    assert_eq!(
        chosen,
        Step::SetUpEmail {
            email: EMAIL.into(),
            challenge: challenge_session_named_by_email(),
        }
    );
}

fn challenge_session_named_by_email() -> ChallengeSession {
    ChallengeSession {
        username: EMAIL.into(),
        session: "challenge-session".into(),
    }
}

#[wasm_bindgen_test]
fn a_set_up_the_app_cannot_offer_says_so() {
    let answer = challenge_answer("MFA_SETUP", r#"{"MFAS_CAN_SETUP":"[\"SMS_MFA\"]"}"#);
    let words = alerted(next::after_sign_in(EMAIL.into(), answer));
    assert!(words.contains("cannot offer yet"), "{words}");
}

#[wasm_bindgen_test]
fn the_set_up_address_needs_its_challenge_in_memory() {
    let (step, notice) = sign_in_step().arrive(Page::SetUpApp, false);
    assert_eq!(step, sign_in_step());
    assert!(english(&notice.unwrap()).contains("email and password first"));
    assert_eq!(
        sign_in_step().arrive(Page::SetUpApp, true).0,
        Step::SignedIn
    );
}

#[wasm_bindgen_test]
fn factors_are_read_from_cognitos_list() {
    assert_eq!(
        Factor::listed_in(r#"["EMAIL_OTP","SOFTWARE_TOKEN_MFA","SMS_MFA"]"#),
        [Factor::App, Factor::Sms, Factor::Email]
    );
    assert_eq!(Factor::listed_in(r#"["SMS_OTP"]"#), []);
    assert_eq!(Factor::listed_in(""), []);
}

#[wasm_bindgen_test]
fn an_apps_key_becomes_its_otpauth_address_and_groups_of_four() {
    use cognito_signin::flow::authenticator::ShownKey;
    let key = AppKey("JBSWY3DPEHPK3PXP".into());
    assert_eq!(
        key.uri("Cognito Sign-in", "ana+test@example.com"),
        "otpauth://totp/Cognito%20Sign-in:ana%2Btest%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Cognito%20Sign-in"
    );
    assert_eq!(key.grouped(), "JBSW Y3DP EHPK 3PXP");
    assert_eq!(format!("{key:?}"), "AppKey(<redacted>)");
}

#[wasm_bindgen_test]
fn account_settings_need_a_session_and_go_back_to_the_account() {
    for page in [Page::ChangePassword, Page::DeleteAccount] {
        let (step, _) = Step::SignedIn.arrive(page, true);
        assert_eq!(step.page(), page);
        let (step, _) = Step::SignedIn.arrive(page, false);
        assert_eq!(
            step,
            Step::SignIn {
                email: String::new()
            },
            "{page:?}"
        );
    }
    let (step, notice) = went(next::after_change_password(Ok(())));
    assert_eq!(step, Step::SignedIn);
    assert!(notice.unwrap().contains("password is changed"));
    let wrong = CognitoError::NotAuthorized("Incorrect username or password.".into());
    assert_eq!(
        alerted(next::after_change_password(Err(wrong))),
        "Your current password is not right."
    );
    let weak = CognitoError::InvalidPassword(
        "Password did not conform with policy: Password not long enough".into(),
    );
    assert!(alerted(next::after_change_password(Err(weak))).contains("Password not long enough"));
    match next::after_delete(Ok(())) {
        Next::SignedOut(why) => assert_eq!(english(&why), "Your account is deleted."),
        other => panic!("expected the session to end, got {other:?}"),
    }
    alerted(next::after_delete(Err(CognitoError::Network)));
}

#[wasm_bindgen_test]
fn a_new_email_waits_for_its_code() {
    let (step, _) = Step::SignedIn.arrive(Page::ChangeEmail, true);
    assert_eq!(step, Step::ChangeEmail);
    let delivery = Some(CodeDeliveryDetails {
        destination: Some("n***@e***".into()),
        delivery_medium: Some("EMAIL".into()),
    });
    let (step, _) = went(next::after_email_code(
        "new@example.com".into(),
        true,
        Ok(delivery),
    ));
    assert_eq!(
        step,
        Step::VerifyEmail {
            email: "new@example.com".into(),
            sent_to: Some("n***@e***".into()),
            changing: true,
        }
    );
    assert_eq!(step.page(), Page::ChangeEmail);
    let taken = alerted(next::after_email_code(
        "new@example.com".into(),
        true,
        Err(CognitoError::AliasExists),
    ));
    assert!(taken.contains("already used"), "{taken}");
    let (done, notice) = went(next::after_email_verified(&step, Ok(())));
    assert_eq!(done, Step::SignedIn);
    assert!(notice.unwrap().contains("email is changed"));
    alerted(next::after_email_verified(
        &step,
        Err(CognitoError::CodeMismatch),
    ));
}

#[wasm_bindgen_test]
fn an_unverified_email_gets_its_code_and_is_verified() {
    let delivery = Some(CodeDeliveryDetails {
        destination: Some("a***@e***".into()),
        delivery_medium: Some("EMAIL".into()),
    });
    let (step, _) = went(next::after_email_code(
        "ana@example.com".into(),
        false,
        Ok(delivery),
    ));
    assert_eq!(
        step,
        Step::VerifyEmail {
            email: "ana@example.com".into(),
            sent_to: Some("a***@e***".into()),
            changing: false,
        }
    );
    assert_eq!(step.page(), Page::ChangeEmail);
    let (done, notice) = went(next::after_email_verified(&step, Ok(())));
    assert_eq!(done, Step::SignedIn);
    assert_eq!(notice.unwrap(), "Your email is verified.");
    let words = alerted(next::after_email_code(
        "ana@example.com".into(),
        false,
        Err(CognitoError::LimitExceeded),
    ));
    assert!(words.contains("too often"), "{words}");
}
