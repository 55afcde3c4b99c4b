use cognito_signin::flow::password::PasswordPolicy;
use cognito_signin::i18n::languages;
use wasm_bindgen_test::wasm_bindgen_test;

fn unmet(policy: &PasswordPolicy, password: &str) -> Vec<String> {
    policy
        .rules()
        .into_iter()
        .filter(|rule| !rule.is_met_by(password))
        .map(|rule| rule.label(&languages()[0]))
        .collect()
}

#[wasm_bindgen_test]
fn the_default_policy_lists_five_rules() {
    let policy = PasswordPolicy::default();
    let labels: Vec<String> = policy
        .rules()
        .into_iter()
        .map(|rule| rule.label(&languages()[0]))
        .collect();
    assert_eq!(
        labels,
        [
            "At least 8 characters",
            "A lowercase letter (a–z)",
            "An uppercase letter (A–Z)",
            "A number",
            "A symbol such as ! @ # $ %"
        ]
    );
}

#[wasm_bindgen_test]
fn reports_each_missing_rule() {
    let policy = PasswordPolicy::default();
    assert!(policy.is_met_by("Passw0rd!"));
    assert_eq!(unmet(&policy, "Pass0rd!"), Vec::<String>::new());
    assert_eq!(unmet(&policy, "Pa0!"), ["At least 8 characters"]);
    assert_eq!(unmet(&policy, "PASSW0RD!"), ["A lowercase letter (a–z)"]);
    assert_eq!(unmet(&policy, "passw0rd!"), ["An uppercase letter (A–Z)"]);
    assert_eq!(unmet(&policy, "Password!"), ["A number"]);
    assert_eq!(unmet(&policy, "Passw0rdd"), ["A symbol such as ! @ # $ %"]);
}

#[wasm_bindgen_test]
fn letters_outside_basic_latin_count_for_neither_case() {
    // As Cognito, moto and the local stack count them: a password the
    // checklist passes is one the pool accepts.
    let policy = PasswordPolicy::default();
    assert_eq!(unmet(&policy, "PASSÉ2024!é"), ["A lowercase letter (a–z)"]);
    assert_eq!(unmet(&policy, "passÉ2024!"), ["An uppercase letter (A–Z)"]);
    assert!(policy.is_met_by("Passé2024!"));
}

#[wasm_bindgen_test]
fn length_counts_characters_not_bytes() {
    let policy = PasswordPolicy {
        minimum_length: 4,
        require_lowercase: false,
        require_uppercase: false,
        require_numbers: false,
        require_symbols: true,
    };
    // Four characters of two, three and four bytes: long enough.
    assert!(policy.is_met_by("é€😀!"));
    // Seven bytes, three characters: too short.
    assert_eq!(unmet(&policy, "é€!").len(), 1);
    // A non-ASCII character is no symbol, whatever its bytes.
    assert_eq!(unmet(&policy, "éééé").len(), 1);
}

#[wasm_bindgen_test]
fn an_inner_space_counts_as_a_symbol_but_not_a_trailing_one() {
    let policy = PasswordPolicy::default();
    assert!(policy.is_met_by("Pass w0rd"));
    assert!(!policy.is_met_by("Passw0rd "));
}

#[wasm_bindgen_test]
fn only_the_pools_rules_are_listed() {
    let policy = PasswordPolicy {
        minimum_length: 12,
        require_lowercase: false,
        require_uppercase: false,
        require_numbers: true,
        require_symbols: false,
    };
    let labels: Vec<String> = policy
        .rules()
        .into_iter()
        .map(|rule| rule.label(&languages()[0]))
        .collect();
    assert_eq!(labels, ["At least 12 characters", "A number"]);
    assert!(policy.is_met_by("aaaaaaaaaaa1"));
}
