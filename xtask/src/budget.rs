//! The release site's size budgets, enforced by `cargo xtask test`: what
//! the sign-in form waits for, and the whole site.

use anyhow::{Result, bail};

use crate::site::FileSize;

/// The whole of `dist/`, brotli -11, in bytes (1 KB = 1000 B).
///
/// Raise it only on purpose, and write the reason and the measured cost
/// beside the new figure. History:
/// - 60,000: issue #6's target, met at 58,937 B (2026-11-27); the journey
///   as one state machine (#15) left it at 59,850 B.
/// - 72,000 (#17, 2026-12-02): every second factor in the sign-in journey,
///   measured on the release build: codes by text or email and the choice
///   between factors 3.5 KB (to 63,321 B), the authenticator app's set-up
///   page 3.6 KB and its QR encoder (`qrcodegen`) 4.7 KB (to 71,651 B).
///   Cognito sends MFA_SETUP to every new person on a pool that requires a
///   second factor: without these, that person cannot sign in at all.
/// - 75,000 (#17, 2026-12-02): account settings, changing the password
///   (with the checklist) and deleting the account once confirmed, their
///   two pages 3.2 KB (to 74,881 B).
/// - 77,000 (#17, 2026-12-02): changing the email with a code to the new
///   address, the old one in use until then, 2.0 KB (to 76,860 B).
/// - 83,000 (#17, 2026-12-02): the account's two-step settings (an
///   authenticator app set up or turned off with the access token, the
///   factor asked for first), 5.1 KB (to 82,229 B; boxing the access-token
///   future every settings page awaits saved 0.5 KB of it). Not yet cut
///   further: the page's three views and four requests are where to look.
/// - 93,500 (#17 and #16, 2026-12-03), each measured on the release build
///   of its own commit: the identifiers and sign-up attributes of any pool
///   (what people sign in with, from the config; each required attribute
///   with its own input and check) 8.0 KB (to 90,160 B), of which Unicode's
///   case tables and integer parsing, linked by two lines, were then taken
///   out again (-1.5 KB); codes by email set up during MFA_SETUP 1.5 KB (to
///   91,648 B); verifying an unverified email from the account page 2.1 KB
///   (to 93,706 B); refresh-token rotation (GetTokensFromRefreshToken and
///   its reuse error) with two cuts in the sign-in and sign-up fields, net
///   +0.4 KB, to 92,690 B. Without the first, a person on a pool that signs
///   in by username or phone number, or that requires attributes, cannot
///   sign up at all.
/// - 107,500 (#16, 2026-12-03), measured on the release build by taking
///   each page out again: choice-based sign-in's first step (the
///   identifier, `USER_AUTH`, a passkey asked for at once, the browser's
///   WebAuthn prompt and a new choice after a failed way), sign-up without
///   a password signed in by the confirmation's session, and their words in
///   both languages 6.2 KB (to 98,082 B); the page of ways (password, code
///   by email or text, passkey) 2.4 KB (to 100,530 B); the passkeys page
///   (list, add, delete) 5.9 KB (to 106,381 B). Boxing the browser's
///   passkey prompt (one copy for sign-in and registration) saved 0.6 KB,
///   one sign-in page for both kinds of client 0.2 KB. Issue #16's cap of
///   68 KB for the whole site was written when it weighed 60 KB, before
///   #17's flows (82 KB when #16 began): it cannot hold as written.
/// - 108,000 (#17, 2026-12-03): verifying an unverified phone number from
///   the account page (a code by text), with the email and phone rows as
///   one component, 0.8 KB (to 107,200 B); the page of ways following
///   each new choice (a button per allowed way, hidden when not offered;
///   rebuilt per choice it cost 2.2 KB) 0.4 KB (to 107,586 B).
/// - 118,000 (#17, 2026-12-03): the signed-in pages split into a module
///   of their own, fetched once the first page is up (`xtask/src/split.rs`,
///   `src/ui/later_pages.rs`). What the sign-in form waits for fell by 28 KB
///   (107,583 to 79,503 B, [`FIRST_LOAD_BROTLI_BYTES`]); the whole site grew
///   by 10.2 KB (to 117,739 B): the part is optimised apart from the main
///   module, which keeps the exports it shares, and the part's loader.
/// - 123,000 (#17 and #16, 2026-12-03): the rest of the journey (sign-up,
///   confirmation, forgotten and new password, a second factor) split off
///   too, with the code it shares with the signed-in pages in a third part:
///   the first load 14.5 KB lighter (to 65,049 B), the whole site 5.0 KB
///   heavier (to 122,726 B). The throttled time until the form is usable
///   went from 1,099 ms unsplit to 971 ms, then 882 ms (README, Benchmark).
/// - 117,500 (2026-12-03): the later pages in one part instead of two and
///   a third for what they shared: each part is compressed and optimised
///   apart, so the whole site fell by 5.7 KB (to 117,031 B) and the first
///   load by 0.1 KB (to 64,792 B), with the throttled time until the form
///   is usable unchanged within the runs' spread (README, Benchmark).
pub const SITE_BROTLI_BYTES: usize = 117_500;

/// Every file but the later pages' parts: what the sign-in form waits for,
/// brotli -11, in bytes. History:
/// - 80,000 (#17, 2026-12-03): 79,503 B when the signed-in pages were split
///   off.
/// - 65,500 (#16, 2026-12-03): 65,049 B with the rest of the journey split
///   off too; under #16's 68 KB.
/// - 65,000 (2026-12-03): 64,792 B with the later pages in one part.
/// - 62,000 (2026-12-03): 61,616 B with the page of ways (choice-based
///   sign-in's second step, shown only after Cognito answers the first) in
///   the later part too; the whole site 0.2 KB heavier (117,226 B).
pub const FIRST_LOAD_BROTLI_BYTES: usize = 62_000;

/// Whether `name` is one of the parts fetched after the first page is up:
/// every wasm but the main module (`…_bg.wasm`).
fn is_later_part(name: &str) -> bool {
    name.ends_with(".wasm") && !name.ends_with("_bg.wasm")
}

/// Fails when the files together, or those the sign-in form waits for,
/// weigh more than their budget.
pub fn check(files: &[FileSize]) -> Result<()> {
    let total: usize = files.iter().map(|f| f.brotli).sum();
    let first: usize = files
        .iter()
        .filter(|f| !is_later_part(&f.name))
        .map(|f| f.brotli)
        .sum();
    for (what, weight, budget) in [
        (
            "what the sign-in form waits for",
            first,
            FIRST_LOAD_BROTLI_BYTES,
        ),
        ("the release site", total, SITE_BROTLI_BYTES),
    ] {
        if weight > budget {
            bail!(
                "{what} is {weight} B brotli, over its budget of {budget} B by {} B \
                 (xtask/src/budget.rs: cut something, or raise the budget on purpose with the reason)",
                weight - budget
            );
        }
        eprintln!(
            "size budget: {what}, {weight} B brotli of {budget} B ({} B to spare)",
            budget - weight
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, brotli: usize) -> FileSize {
        FileSize {
            name: name.into(),
            raw: brotli * 3,
            gzip: brotli + 1,
            brotli,
        }
    }

    #[test]
    fn the_whole_site_counts_against_the_budget() {
        let later = SITE_BROTLI_BYTES - FIRST_LOAD_BROTLI_BYTES;
        let site = [
            file("app_bg.wasm", FIRST_LOAD_BROTLI_BYTES),
            file("later-0123456789.wasm", later),
        ];
        assert!(check(&site).is_ok());
        let error = check(&[
            file("app_bg.wasm", FIRST_LOAD_BROTLI_BYTES),
            file("later-0123456789.wasm", later + 1),
        ])
        .unwrap_err()
        .to_string();
        assert!(error.contains("the release site is"), "{error}");
        assert!(error.contains("by 1 B"), "{error}");
    }

    #[test]
    fn the_first_load_has_a_budget_of_its_own() {
        let half = FIRST_LOAD_BROTLI_BYTES / 2;
        let error = check(&[file("app_bg.wasm", half), file("app.js", half + 1)])
            .unwrap_err()
            .to_string();
        assert!(error.contains("what the sign-in form waits for"), "{error}");
        assert!(error.contains("by 1 B"), "{error}");
    }
}
