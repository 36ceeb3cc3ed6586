//! Times one reference lookup and one full search over every article, natively, for
//! `scripts/bench.sh` (`cargo run --release -p nhs-login-help-tools --bin search-bench`). Prints one line per figure: `name<TAB>microseconds` (median of many runs).

use nhs_login_help::config::Request;
use nhs_login_help::lookup::Help;
use nhs_login_help::search::search;
use std::hint::black_box;
use std::time::Instant;

/// Runs `f` in batches and returns the median time of one call, in microseconds.
fn median_micros(mut f: impl FnMut()) -> f64 {
    const BATCHES: usize = 51;
    const CALLS: u32 = 200;
    let mut batches: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..CALLS {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(CALLS)
        })
        .collect();
    batches.sort_by(f64::total_cmp);
    batches[BATCHES / 2]
}

fn main() {
    let figures = [
        (
            "lookup ?error=CID7023",
            median_micros(|| drop(black_box(Help::for_request(Request::from_url(black_box("?error=CID7023"), ""))))),
        ),
        ("search \"gp surgery\"", median_micros(|| drop(black_box(search(black_box("gp surgery")))))),
        ("search \"nhsmial\" (typo)", median_micros(|| drop(black_box(search(black_box("nhsmial")))))),
        ("search \"7023\"", median_micros(|| drop(black_box(search(black_box("7023")))))),
    ];
    for (name, micros) in figures {
        println!("{name}\t{micros:.1}");
    }
}
