//! The load phases: valid and forged tokens against `/hello`, judged per
//! answer, and the local API's JWKS fetch count.

use super::*;

pub(super) struct LoadResults {
    valid: Report,
    forged: Report,
    fetches_before: usize,
    fetches_after_valid: usize,
    fetches_after_forged: usize,
}

pub(super) fn load_phases(
    stack: &StackState,
    settings: &Settings,
    stderr_path: &Path,
) -> Result<LoadResults> {
    let (addr, base) = http1::split_url(&stack.api_url)?;
    let path = format!("{}/hello", base.trim_end_matches('/'));
    eprintln!("signing up {USERS} users through Cognito's API on moto");
    let users = (0..USERS)
        .map(|n| {
            let (email, password) = tokens::throwaway_user("load", n);
            tokens::confirmed_user(stack, &email, &password)
        })
        .collect::<Result<Vec<Tokens>>>()?;
    let plan = |variants: Vec<Variant>, judge: fn(&Answer) -> Verdict| Plan {
        addr,
        path: path.clone(),
        clients: settings.clients,
        total: settings.requests,
        time_limit: settings.time_limit,
        variants,
        judge,
        stop: &STOP,
    };

    let fetches_before = jwks_fetches(stderr_path)?;
    let valid_tokens = users
        .iter()
        .enumerate()
        .map(|(n, tokens)| Variant {
            label: format!("user {}", n + 1),
            authorization: tokens.id.clone(),
        })
        .collect();
    eprintln!(
        "{} requests with valid ID tokens from {} clients",
        settings.requests, settings.clients
    );
    let valid = load::run(plan(valid_tokens, judge_valid));
    let fetches_after_valid = jwks_fetches(stderr_path)?;
    check_stop()?;

    let forged_tokens = tokens::forgeries(&users[0])?
        .into_iter()
        .map(|(label, authorization)| Variant {
            label: label.to_owned(),
            authorization,
        })
        .collect();
    eprintln!(
        "{} requests with forged tokens from {} clients",
        settings.requests, settings.clients
    );
    let forged = load::run(plan(forged_tokens, judge_forged));
    let fetches_after_forged = jwks_fetches(stderr_path)?;
    Ok(LoadResults {
        valid,
        forged,
        fetches_before,
        fetches_after_valid,
        fetches_after_forged,
    })
}

pub(super) fn judge_valid(answer: &Answer) -> Verdict {
    let greeting = serde_json::from_slice::<String>(&answer.body).ok();
    if answer.status == 200 && greeting.as_deref() == Some("Hello from Lambda!") {
        Verdict::Expected
    } else {
        Verdict::Unexpected
    }
}

pub(super) fn judge_forged(answer: &Answer) -> Verdict {
    match answer.status {
        401 => Verdict::Expected,
        200..=299 => Verdict::Passed,
        _ => Verdict::Unexpected,
    }
}

/// The total of JWKS fetches the local API has announced so far.
pub(super) fn jwks_fetches(stderr_path: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(stderr_path)
        .with_context(|| format!("reading {}", stderr_path.display()))?;
    text.lines()
        .filter_map(|line| line.strip_prefix(FETCHES_LINE)?.trim().parse().ok())
        .next_back()
        .with_context(|| {
            format!(
                "the local stack announced no JWKS fetch in {}",
                stderr_path.display()
            )
        })
}

impl LoadResults {
    pub(super) fn to_json(
        &self,
        settings: &Settings,
        machine: &Value,
        fetches_at_end: usize,
    ) -> Value {
        json!({
            "date": machine["date"],
            "machine": machine,
            "target": "GET /hello on local-stack (debug build, one-threaded tokio runtime), same origin as the site",
            "clients": settings.clients,
            "requestsPerPhase": settings.requests,
            "timeLimitSecs": settings.time_limit.as_secs(),
            "validTokens": phase_json(&self.valid, settings),
            "forgedTokens": phase_json(&self.forged, settings),
            "jwksFetches": {
                "beforeLoad": self.fetches_before,
                "afterValidPhase": self.fetches_after_valid,
                "afterForgedPhase": self.fetches_after_forged,
                "atEndOfBench": fetches_at_end,
                "note": "cumulative, the fetch at start-up included; a token with an unknown kid may refetch at most once per 30 s",
            },
        })
    }

    pub(super) fn print(&self, settings: &Settings, fetches_at_end: usize) {
        println!(
            "load: GET /hello, {} keep-alive clients, {} requests per phase (time limit {} s)",
            settings.clients,
            settings.requests,
            settings.time_limit.as_secs()
        );
        println!(
            "{:<16} {:>8} {:>10} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7}",
            "tokens",
            "answered",
            "req/s",
            "p50 ms",
            "p99 ms",
            "max ms",
            "expected",
            "passed",
            "errors"
        );
        for (name, report) in [("valid", &self.valid), ("forged", &self.forged)] {
            println!(
                "{:<16} {:>8} {:>10.0} {:>8.2} {:>8.2} {:>8.2} {:>8} {:>7} {:>7}{}",
                name,
                report.completed,
                report.throughput(),
                report.percentile_ms(50.0),
                report.percentile_ms(99.0),
                report.percentile_ms(100.0),
                report.expected,
                if name == "valid" {
                    "-".to_owned()
                } else {
                    report.passed.to_string()
                },
                report.unexpected + report.io_errors,
                if report.hit_time_limit {
                    "  (stopped at the time limit)"
                } else {
                    ""
                }
            );
        }
        println!("forged tokens by kind (answered 401 / sent, passed, other):");
        for (label, counts) in &self.forged.by_variant {
            println!(
                "  {label:<26} {:>5} / {:<5} passed {}  other {}",
                counts.expected,
                counts.sent,
                counts.passed,
                counts.unexpected + counts.io_errors
            );
        }
        for sample in self.valid.samples.iter().chain(&self.forged.samples) {
            println!("  unexpected: {sample}");
        }
        println!(
            "JWKS fetches (cumulative): {} at start-up, {} after the valid phase, {} after the forged phase, {} at the end",
            self.fetches_before,
            self.fetches_after_valid,
            self.fetches_after_forged,
            fetches_at_end
        );
    }
}

pub(super) fn phase_json(report: &Report, settings: &Settings) -> Value {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    json!({
        "requested": settings.requests,
        "answered": report.completed,
        "stoppedAtTimeLimit": report.hit_time_limit,
        "elapsedSecs": round(report.elapsed.as_secs_f64()),
        "throughputPerSec": round(report.throughput()),
        "latencyMs": {
            "p50": round(report.percentile_ms(50.0)),
            "p90": round(report.percentile_ms(90.0)),
            "p99": round(report.percentile_ms(99.0)),
            "max": round(report.percentile_ms(100.0)),
        },
        "expected": report.expected,
        "passed": report.passed,
        "unexpectedAnswers": report.unexpected,
        "ioErrors": report.io_errors,
        "connectionsOpened": report.connections,
        "byKind": report.by_variant.iter().map(|(label, c)| json!({
            "label": label,
            "sent": c.sent,
            "expected": c.expected,
            "passed": c.passed,
            "unexpected": c.unexpected,
            "ioErrors": c.io_errors,
        })).collect::<Vec<_>>(),
        "samples": report.samples,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Answer {
        Answer {
            status,
            body: body.as_bytes().to_vec(),
            closes: false,
        }
    }

    #[test]
    fn only_the_greeting_counts_as_a_valid_answer() {
        assert_eq!(
            judge_valid(&answer(200, "\"Hello from Lambda!\"")),
            Verdict::Expected
        );
        assert_eq!(judge_valid(&answer(200, "Hello")), Verdict::Unexpected);
        assert_eq!(
            judge_valid(&answer(401, "\"Hello from Lambda!\"")),
            Verdict::Unexpected
        );
    }

    #[test]
    fn a_forgery_must_get_401() {
        assert_eq!(
            judge_forged(&answer(401, r#"{"message":"Unauthorized"}"#)),
            Verdict::Expected
        );
        assert_eq!(judge_forged(&answer(200, "")), Verdict::Passed);
        assert_eq!(judge_forged(&answer(403, "")), Verdict::Unexpected);
    }

    #[test]
    fn reads_the_last_fetch_count() {
        let dir = paths::target().join(format!("bench-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("stderr");
        std::fs::write(
            &path,
            "noise\nlocal-stack: jwks fetches: 1\nmore\nlocal-stack: jwks fetches: 2\n",
        )
        .unwrap();
        assert_eq!(jwks_fetches(&path).unwrap(), 2);
        std::fs::write(&path, "nothing\n").unwrap();
        assert!(jwks_fetches(&path).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
