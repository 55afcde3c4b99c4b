//! The load generator: `clients` threads, each with one keep-alive
//! connection, share a fixed number of `GET`s and stop at a deadline no
//! matter how many are left. Each answer is judged by the caller; latency is
//! measured from writing the request to reading the last body byte.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::http1::{Answer, Connection};

/// What an answer counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// What the phase expects (200 hello, or 401 for a forgery).
    Expected,
    /// A forged token was let through (200).
    Passed,
    /// Anything else: another status or body.
    Unexpected,
}

/// One kind of request: a label for the report and its Authorization value
/// (never printed).
pub struct Variant {
    pub label: String,
    pub authorization: String,
}

pub struct Plan {
    pub addr: SocketAddr,
    pub path: String,
    pub clients: usize,
    pub total: usize,
    /// The whole phase stops after this, finished or not.
    pub time_limit: Duration,
    /// Request `i` uses `variants[i % variants.len()]`.
    pub variants: Vec<Variant>,
    pub judge: fn(&Answer) -> Verdict,
    /// Set (by a signal handler) to stop early.
    pub stop: &'static AtomicBool,
}

#[derive(Debug, Default, Clone)]
pub struct VariantCounts {
    pub sent: usize,
    pub expected: usize,
    pub passed: usize,
    pub unexpected: usize,
    pub io_errors: usize,
}

#[derive(Debug)]
pub struct Report {
    pub completed: usize,
    pub elapsed: Duration,
    /// Stopped (time limit or signal) before sending every request.
    pub hit_time_limit: bool,
    /// Sorted ascending, one per answered request.
    pub latencies: Vec<Duration>,
    pub expected: usize,
    pub passed: usize,
    pub unexpected: usize,
    pub io_errors: usize,
    pub connections: usize,
    /// Per variant label, in plan order.
    pub by_variant: Vec<(String, VariantCounts)>,
    /// A few `status body` lines of unexpected answers (bodies of the local
    /// API hold no secrets), for diagnosis.
    pub samples: Vec<String>,
}

impl Report {
    pub fn throughput(&self) -> f64 {
        self.completed as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    /// Nearest-rank percentile in milliseconds.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        let index = rank.clamp(1, self.latencies.len()) - 1;
        self.latencies[index].as_secs_f64() * 1000.0
    }
}

struct WorkerOutcome {
    latencies: Vec<Duration>,
    counts: Vec<VariantCounts>,
    connections: usize,
    samples: Vec<String>,
}

const MAX_SAMPLES: usize = 5;
const IO_TIMEOUT: Duration = Duration::from_secs(10);

pub fn run(plan: Plan) -> Report {
    assert!(!plan.variants.is_empty() && plan.clients > 0);
    let plan = Arc::new(plan);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + plan.time_limit;
    let workers: Vec<_> = (0..plan.clients)
        .map(|_| {
            let (plan, next) = (Arc::clone(&plan), Arc::clone(&next));
            std::thread::spawn(move || worker(&plan, &next, deadline))
        })
        .collect();
    let outcomes: Vec<WorkerOutcome> = workers
        .into_iter()
        .map(|w| w.join().expect("a load worker panicked"))
        .collect();
    let elapsed = started.elapsed();

    let mut by_variant: Vec<(String, VariantCounts)> = plan
        .variants
        .iter()
        .map(|v| (v.label.clone(), VariantCounts::default()))
        .collect();
    let mut latencies = Vec::new();
    let mut connections = 0;
    let mut samples = Vec::new();
    for outcome in outcomes {
        latencies.extend(outcome.latencies);
        connections += outcome.connections;
        for (total, part) in by_variant.iter_mut().zip(outcome.counts) {
            total.1.sent += part.sent;
            total.1.expected += part.expected;
            total.1.passed += part.passed;
            total.1.unexpected += part.unexpected;
            total.1.io_errors += part.io_errors;
        }
        for sample in outcome.samples {
            if samples.len() < MAX_SAMPLES {
                samples.push(sample);
            }
        }
    }
    latencies.sort_unstable();
    let sum = |pick: fn(&VariantCounts) -> usize| by_variant.iter().map(|(_, c)| pick(c)).sum();
    let sent: usize = sum(|c| c.sent);
    Report {
        completed: latencies.len(),
        elapsed,
        hit_time_limit: sent < plan.total,
        latencies,
        expected: sum(|c| c.expected),
        passed: sum(|c| c.passed),
        unexpected: sum(|c| c.unexpected),
        io_errors: sum(|c| c.io_errors),
        connections,
        by_variant,
        samples,
    }
}

fn worker(plan: &Plan, next: &AtomicUsize, deadline: Instant) -> WorkerOutcome {
    let mut outcome = WorkerOutcome {
        latencies: Vec::with_capacity((plan.total / plan.clients).min(1 << 16) + 1),
        counts: vec![VariantCounts::default(); plan.variants.len()],
        connections: 0,
        samples: Vec::new(),
    };
    let mut connection: Option<Connection> = None;
    loop {
        if Instant::now() >= deadline || plan.stop.load(Ordering::Relaxed) {
            break;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= plan.total {
            break;
        }
        let which = i % plan.variants.len();
        let variant = &plan.variants[which];
        let counts = &mut outcome.counts[which];
        counts.sent += 1;
        let conn = match connection.as_mut() {
            Some(conn) => conn,
            None => match Connection::open(plan.addr, IO_TIMEOUT) {
                Ok(conn) => {
                    outcome.connections += 1;
                    connection.insert(conn)
                }
                Err(error) => {
                    counts.io_errors += 1;
                    sample(&mut outcome.samples, format!("connect: {error}"));
                    continue;
                }
            },
        };
        let sent_at = Instant::now();
        let headers = [("Authorization", variant.authorization.as_str())];
        match conn.send("GET", &plan.path, &headers, b"") {
            Ok(answer) => {
                outcome.latencies.push(sent_at.elapsed());
                match (plan.judge)(&answer) {
                    Verdict::Expected => counts.expected += 1,
                    Verdict::Passed => {
                        counts.passed += 1;
                        sample(
                            &mut outcome.samples,
                            format!("{}: {} passed", variant.label, answer.status),
                        );
                    }
                    Verdict::Unexpected => {
                        counts.unexpected += 1;
                        let body: String = answer.text().chars().take(120).collect();
                        sample(
                            &mut outcome.samples,
                            format!("{}: {} {body}", variant.label, answer.status),
                        );
                    }
                }
                if answer.closes {
                    connection = None;
                }
            }
            Err(error) => {
                counts.io_errors += 1;
                sample(&mut outcome.samples, format!("{}: {error}", variant.label));
                connection = None;
            }
        }
    }
    outcome
}

fn sample(samples: &mut Vec<String>, line: String) {
    if samples.len() < MAX_SAMPLES {
        samples.push(line);
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    use super::*;

    /// A keep-alive server on 127.0.0.1 that answers 200 to "good" and 401
    /// to anything else, for as long as the client keeps the connection.
    fn serve() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                std::thread::spawn(move || {
                    let mut writer = stream.try_clone().expect("clone");
                    let mut reader = BufReader::new(stream);
                    let mut good = false;
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if line.to_ascii_lowercase().starts_with("authorization: good") {
                            good = true;
                        }
                        if line == "\r\n" {
                            let (status, body) = if good { (200, "ok") } else { (401, "no") };
                            let answer = format!(
                                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\n\r\n{body}",
                                body.len()
                            );
                            if writer.write_all(answer.as_bytes()).is_err() {
                                return;
                            }
                            good = false;
                        }
                    }
                });
            }
        });
        addr
    }

    fn judge(answer: &Answer) -> Verdict {
        match answer.status {
            401 => Verdict::Expected,
            200 => Verdict::Passed,
            _ => Verdict::Unexpected,
        }
    }

    static KEEP_GOING: AtomicBool = AtomicBool::new(false);

    #[test]
    fn counts_every_request_on_keep_alive_connections() {
        let report = run(Plan {
            addr: serve(),
            path: "/hello".into(),
            clients: 4,
            total: 200,
            time_limit: Duration::from_secs(30),
            variants: vec![
                Variant {
                    label: "forged".into(),
                    authorization: "bad".into(),
                },
                Variant {
                    label: "leak".into(),
                    authorization: "good".into(),
                },
            ],
            judge,
            stop: &KEEP_GOING,
        });
        assert_eq!(report.completed, 200);
        assert!(!report.hit_time_limit);
        assert_eq!(report.expected, 100);
        assert_eq!(report.passed, 100);
        assert_eq!(report.by_variant[1].1.passed, 100);
        assert_eq!(report.connections, 4, "one keep-alive connection each");
        assert!(report.percentile_ms(50.0) <= report.percentile_ms(99.0));
    }

    #[test]
    fn stops_when_asked() {
        static STOP: AtomicBool = AtomicBool::new(true);
        let report = run(Plan {
            addr: serve(),
            path: "/".into(),
            clients: 2,
            total: 100,
            time_limit: Duration::from_secs(30),
            variants: vec![Variant {
                label: "x".into(),
                authorization: "bad".into(),
            }],
            judge,
            stop: &STOP,
        });
        assert_eq!(report.completed, 0);
        assert!(report.hit_time_limit);
    }

    #[test]
    fn stops_at_the_time_limit() {
        let report = run(Plan {
            addr: serve(),
            path: "/".into(),
            clients: 2,
            total: usize::MAX,
            time_limit: Duration::from_millis(200),
            variants: vec![Variant {
                label: "x".into(),
                authorization: "bad".into(),
            }],
            judge,
            stop: &KEEP_GOING,
        });
        assert!(report.hit_time_limit);
        assert!(report.elapsed < Duration::from_secs(15));
    }
}
