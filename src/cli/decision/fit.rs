//! Fitting with `linfa-logistic` (L2-regularised logistic regression, L-BFGS through argmin):
//! no optimiser of our own. Deterministic: the same rows in the same order give the same
//! weights.

use std::io;

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};

/// Weights and intercept of `P(right | x)`.
pub struct Fitted {
    pub weights: Vec<f64>,
    pub intercept: f64,
}

impl Fitted {
    pub fn probability(&self, x: &[f64]) -> f64 {
        let z = self.intercept + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Fits rows `xs` (all of one width) to labels `ys` with L2 penalty `alpha`.
pub fn fit(what: &str, xs: &[&[f64]], ys: &[bool], alpha: f64) -> io::Result<Fitted> {
    let width = xs.first().map_or(0, |x| x.len());
    if !ys.iter().any(|y| *y) || ys.iter().all(|y| *y) {
        return Err(io::Error::other(format!("{what}: training needs right and wrong records both")));
    }
    let flat: Vec<f64> = xs.iter().flat_map(|x| x.iter().copied()).collect();
    let x = Array2::from_shape_vec((xs.len(), width), flat).map_err(io::Error::other)?;
    let y = Array1::from_iter(ys.iter().copied());
    let data = Dataset::new(x, y);
    let model = LogisticRegression::default()
        .alpha(alpha)
        .max_iterations(500)
        .fit(&data)
        .map_err(|e| io::Error::other(format!("logistic regression: {e}")))?;
    // linfa models the larger class as positive: turn it round when that is "wrong".
    let sign = if model.labels().pos.class { 1.0 } else { -1.0 };
    Ok(Fitted { weights: model.params().iter().map(|w| sign * w).collect(), intercept: sign * model.intercept() })
}
