//! What the figures were measured on.

use super::*;

/// What the figures were measured on.
pub(super) fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        });
    json!({
        "date": output(Command::new("date").args(["-u", "+%Y-%m-%dT%H:%M:%SZ"])),
        "nproc": std::thread::available_parallelism().map(|n| n.get()).ok(),
        "cpu": cpu,
        "loadAverageAtStart": std::fs::read_to_string("/proc/loadavg").ok()
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")),
        "kernel": output(Command::new("uname").arg("-r")),
        "chromium": output(Command::new("/usr/bin/chromium").arg("--version")),
        "chromedriver": output(Command::new("/usr/bin/chromedriver").arg("--version")),
        "rustc": output(Command::new("rustc").arg("--version")),
    })
}

pub(super) fn print_machine(machine: &Value) {
    let text = |key: &str| machine[key].as_str().unwrap_or("?").to_owned();
    println!(
        "{}  {} cores ({})  load {}  {}",
        text("date"),
        machine["nproc"],
        text("cpu"),
        text("loadAverageAtStart"),
        text("chromium")
    );
}
