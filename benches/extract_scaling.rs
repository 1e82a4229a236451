//! Extraction time against text size (issue 15, deliverable 5): the hostile
//! shapes of the reliability reproducers (`extract-quadratic/scale.py`),
//! generated at 1, 4 and 16 MB. Throughput is in bytes of text, so a linear
//! extractor shows about the same MB/s at every size of a shape; a stage that
//! rescans what came before shows MB/s falling by 4x per size step.
//!
//! ```text
//! cargo bench --bench extract_scaling                  # 1, 4 and 16 MB
//! EXTRACT_BENCH_MB=1,4 cargo bench --bench extract_scaling
//! cargo bench --bench extract_scaling -- oneline       # one shape
//! cargo bench --bench extract_scaling -- --test        # CI: 1 MB, each once
//! ```
//!
//! Each size is timed over criterion's minimum of 10 samples of one
//! extraction each, so the whole run is dominated by the 16 MB texts.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use directive_lineage::{extract, ExtractOptions};

/// Number, place and date, kind, title and first section: the head of
/// every generated text, as `scale.py` writes it.
const HEAD: &str = "Số: 10/KH-SYT\nBắc Giang, ngày 18 tháng 01 năm 2024\nKẾ HOẠCH\n\
                    Triển khai thực hiện nhiệm vụ\nI. NHIỆM VỤ\n";

/// A text of the shape `name` of at least `bytes` bytes.
fn generate(name: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 256);
    text.push_str(HEAD);
    let mut k = 0usize;
    match name {
        // The numbering `I.` / `1.` / `a)` / `-` / `+` over and over.
        "nested_mixed" => {
            while text.len() < bytes {
                text.push_str("I. A\n1. B\na) C\n- D\n+ E\n");
            }
        }
        // One agency list, one line.
        "agency_list" => {
            text.push_str("1. Sở Y tế chủ trì, phối hợp với Sở số 0");
            while text.len() < bytes {
                k += 1;
                text.push_str(&format!(", Sở số {k}"));
            }
            text.push_str(" thực hiện.\n");
        }
        "many_citations" => {
            while text.len() < bytes {
                k += 1;
                text.push_str(&format!(
                    "Căn cứ Quyết định số {k}/QĐ-UBND ngày 05/4/2024 của UBND tỉnh Bắc Giang.\n"
                ));
            }
        }
        "many_headers" => {
            while text.len() < bytes {
                text.push_str(HEAD);
            }
        }
        // A plan on one line.
        "oneline" => {
            while text.len() < bytes {
                text.push_str(
                    "1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát Quyết định số 281/QĐ-TTg \
                     ngày 05/4/2024 của Thủ tướng Chính phủ. ",
                );
            }
        }
        _ => unreachable!("a shape of SHAPES"),
    }
    text
}

const SHAPES: &[&str] = &["nested_mixed", "agency_list", "many_citations", "many_headers", "oneline"];

/// Sizes in MB: `EXTRACT_BENCH_MB`, else 1, 4, 16; CI's quick mode 1.
fn sizes() -> Vec<usize> {
    if std::env::args().any(|a| a == "--test") {
        return vec![1];
    }
    match std::env::var("EXTRACT_BENCH_MB") {
        Ok(s) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![1, 4, 16],
    }
}

fn scaling(c: &mut Criterion) {
    let options = ExtractOptions::new("generated.txt");
    for shape in SHAPES {
        let mut g = c.benchmark_group(format!("extract_scaling/{shape}"));
        // One extraction per sample: the large texts take seconds each.
        g.sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .warm_up_time(Duration::from_millis(1))
            .measurement_time(Duration::from_secs(1));
        for mb in sizes() {
            let text = generate(shape, mb << 20);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(BenchmarkId::from_parameter(format!("{mb}MB")), |b| {
                b.iter(|| extract(black_box(&text), &options).expect("a document"))
            });
        }
        g.finish();
    }
}

criterion_group!(extract_scaling, scaling);
criterion_main!(extract_scaling);
