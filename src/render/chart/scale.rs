//! Where values sit along a chart's axis: linear or logarithmic scales,
//! round steps and short tick labels.

use super::*;

/// How values are placed along the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// From 0 to `max` (a round number at or above every value).
    Linear {
        /// The axis's end.
        max: f64,
    },
    /// Powers of ten from `10^lo` to `10^hi`.
    Log {
        /// Exponent of the axis's start.
        lo: i32,
        /// Exponent of the axis's end.
        hi: i32,
    },
}

/// How many times the largest value may be the smallest before a chart is
/// drawn on a log scale: beyond it the small values sit on zero.
pub const LOG_BEYOND: f64 = 10.0;

impl Scale {
    /// The scale for `values`: logarithmic when all are above zero and the
    /// largest is more than [`LOG_BEYOND`] times the smallest, else linear
    /// from zero.
    pub fn for_values(values: &[f64]) -> Scale {
        let max = values.iter().copied().fold(0.0, f64::max);
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        if min > 0.0 && max / min > LOG_BEYOND {
            Scale::log(min, max)
        } else {
            Scale::linear(max)
        }
    }

    /// A linear scale from zero to the first tick at or above `max`.
    pub fn linear(max: f64) -> Scale {
        let step = nice_step(max.max(1e-9));
        Scale::Linear {
            max: (max.max(1e-9) / step).ceil() * step,
        }
    }

    /// A log scale over the decades that hold `min` and `max`.
    pub fn log(min: f64, max: f64) -> Scale {
        let lo = min.log10().floor() as i32;
        let hi = (max.log10().ceil() as i32).max(lo + 1);
        Scale::Log { lo, hi }
    }

    /// Where `v` goes between `x0` and `x1`.
    pub fn x(&self, v: f64, x0: f64, x1: f64) -> f64 {
        let f = match *self {
            Scale::Linear { max } => v / max,
            Scale::Log { lo, hi } => {
                (v.max(f64::MIN_POSITIVE).log10() - f64::from(lo)) / f64::from(hi - lo)
            }
        };
        x0 + (x1 - x0) * f.clamp(0.0, 1.0)
    }

    /// The ticks: 0 and each step of a linear scale; each power of ten of
    /// a log scale.
    pub fn ticks(&self) -> Vec<f64> {
        match *self {
            Scale::Linear { max } => {
                let step = nice_step(max);
                let n = (max / step).round() as i64;
                (0..=n)
                    .map(|i| (i as f64 * step * 1e9).round() / 1e9)
                    .collect()
            }
            Scale::Log { lo, hi } => (lo..=hi).map(|e| 10f64.powi(e)).collect(),
        }
    }

    /// Whether the scale is logarithmic.
    pub fn is_log(&self) -> bool {
        matches!(self, Scale::Log { .. })
    }
}

/// A round step (1, 2 or 5 × 10ⁿ) giving three to six ticks up to `max`.
pub(super) fn nice_step(max: f64) -> f64 {
    let raw = max / 5.0;
    let mag = 10f64.powi(raw.log10().floor() as i32);
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// A tick's label, short enough to sit under its tick: `1万`, `250万`,
/// `1亿` in Chinese; `10k`, `2.5M` in English.
pub fn tick_label(v: f64, lang: Lang) -> String {
    let short = |x: f64| fmt::value((x * 100.0).round() / 100.0, lang);
    match lang {
        Lang::Zh if v.abs() >= 1e8 => format!("{}亿", short(v / 1e8)),
        Lang::Zh if v.abs() >= 1e4 => format!("{}万", short(v / 1e4)),
        Lang::En if v.abs() >= 1e9 => format!("{}B", short(v / 1e9)),
        Lang::En if v.abs() >= 1e6 => format!("{}M", short(v / 1e6)),
        Lang::En if v.abs() >= 1e3 => format!("{}k", short(v / 1e3)),
        _ => short(v),
    }
}
