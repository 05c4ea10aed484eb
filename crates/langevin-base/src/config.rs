//! Serde configuration of integrators and runs, loadable from TOML or JSON.
//!
//! # Example
//! ```
//! use langevin_base::config::ExperimentConfig;
//! let cfg = ExperimentConfig::from_toml_str(r#"
//!     [integrator]
//!     scheme = "baoab"
//!     dt = 0.01
//!     gamma = 1.0
//!     beta = 3.0
//!     [run]
//!     steps = 1000
//!     stride = 10
//!     seed = 42
//! "#).unwrap();
//! let integrator = cfg.integrator.build().unwrap();
//! assert_eq!(integrator.dt(), 0.01);
//! assert_eq!(cfg.run.records(), 101);
//! ```

use crate::error::{Error, Result};
use crate::integrator::{Baoab, EulerMaruyama, RunConfig, Scheme, SymplecticEuler};
use serde::{Deserialize, Serialize};

fn one() -> f64 {
    1.0
}

/// Which integrator, with its parameters (tagged by `scheme` in TOML/JSON).
///
/// # Example
/// ```
/// use langevin_base::config::IntegratorConfig;
/// let toml = "scheme = \"symplectic_euler\"\ndt = 0.01\ngamma = 1.0\nbeta = 2.0";
/// let c: IntegratorConfig = toml::from_str(toml)?;
/// let sigma = None; // σ = √(2γ/β) unless given
/// assert_eq!(c, IntegratorConfig::SymplecticEuler { dt: 0.01, gamma: 1.0, beta: 2.0, sigma });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "scheme", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum IntegratorConfig {
    /// [`EulerMaruyama`].
    EulerMaruyama {
        /// Time step.
        dt: f64,
        /// Friction.
        gamma: f64,
        /// Inverse temperature.
        beta: f64,
    },
    /// [`Baoab`].
    Baoab {
        /// Time step.
        dt: f64,
        /// Friction.
        gamma: f64,
        /// Inverse temperature.
        beta: f64,
        /// Mass (default 1).
        #[serde(default = "one")]
        mass: f64,
    },
    /// [`SymplecticEuler`]; `sigma` overrides `√(2γ/β)` if given.
    SymplecticEuler {
        /// Time step.
        dt: f64,
        /// Friction.
        gamma: f64,
        /// Inverse temperature.
        beta: f64,
        /// Explicit noise amplitude.
        #[serde(default)]
        sigma: Option<f64>,
    },
}

/// A validated integrator built from an [`IntegratorConfig`].
///
/// # Example
/// ```
/// use langevin_base::config::{Integrator, IntegratorConfig};
/// let c = IntegratorConfig::Baoab { dt: 0.1, gamma: 1.0, beta: 2.0, mass: 4.0 };
/// let Integrator::Baoab(b) = c.build()? else { unreachable!() };
/// assert_eq!((b.mass(), c.build()?.dt()), (4.0, 0.1));
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Integrator {
    /// Overdamped Euler–Maruyama.
    EulerMaruyama(EulerMaruyama),
    /// BAOAB.
    Baoab(Baoab),
    /// Semi-implicit Euler.
    SymplecticEuler(SymplecticEuler),
}

impl Integrator {
    /// The time step.
    pub fn dt(&self) -> f64 {
        match self {
            Self::EulerMaruyama(s) => s.dt(),
            Self::Baoab(s) => s.dt(),
            Self::SymplecticEuler(s) => s.dt(),
        }
    }
}

impl IntegratorConfig {
    /// Validates the parameters and builds the integrator.
    ///
    /// # Errors
    /// The constructor's errors ([`Error::NonPositive`], [`Error::NotFinite`], …).
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, config::IntegratorConfig};
    /// let bad = IntegratorConfig::EulerMaruyama { dt: -0.1, gamma: 1.0, beta: 1.0 };
    /// assert!(matches!(bad.build(), Err(Error::NonPositive { name: "dt", .. })));
    /// ```
    pub fn build(&self) -> Result<Integrator> {
        Ok(match *self {
            Self::EulerMaruyama { dt, gamma, beta } => {
                Integrator::EulerMaruyama(EulerMaruyama::new(dt, gamma, beta)?)
            }
            Self::Baoab {
                dt,
                gamma,
                beta,
                mass,
            } => Integrator::Baoab(Baoab::new(dt, gamma, beta)?.with_mass(mass)?),
            Self::SymplecticEuler {
                dt,
                gamma,
                beta,
                sigma,
            } => {
                let s = SymplecticEuler::new(dt, gamma, beta)?;
                Integrator::SymplecticEuler(match sigma {
                    Some(sigma) => SymplecticEuler::with_sigma(dt, gamma, sigma)?,
                    None => s,
                })
            }
        })
    }
}

/// An integrator and a run, the unit of a configuration file.
///
/// # Example
/// ```
/// use langevin_base::config::ExperimentConfig;
/// let toml = r#"
///     run = { steps = 100, stride = 10, seed = 7, record_momenta = true }
///     integrator = { scheme = "euler_maruyama", dt = 0.01, gamma = 1.0, beta = 1.0 }
/// "#;
/// let cfg = ExperimentConfig::from_toml_str(toml)?;
/// assert!(cfg.run.record_momenta && cfg.run.records() == 11);
/// assert_eq!(ExperimentConfig::from_toml_str(&cfg.to_toml_string()?)?, cfg); // round trip
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentConfig {
    /// The integrator.
    pub integrator: IntegratorConfig,
    /// Steps, stride, seed.
    pub run: RunConfig,
}

impl ExperimentConfig {
    /// Checks the integrator parameters (as [`IntegratorConfig::build`]) and the run
    /// (as [`RunConfig::validate`]).
    ///
    /// # Errors
    /// The error of [`IntegratorConfig::build`] or [`RunConfig::validate`], naming the
    /// offending parameter.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, config::{ExperimentConfig, IntegratorConfig}};
    /// use langevin_base::integrator::RunConfig;
    /// let integrator = IntegratorConfig::EulerMaruyama { dt: f64::NAN, gamma: 1.0, beta: 1.0 };
    /// let cfg = ExperimentConfig { integrator, run: RunConfig::new(10, 1, 3) };
    /// assert!(matches!(cfg.validate(), Err(Error::NotFinite { name: "dt", .. })));
    /// ```
    pub fn validate(&self) -> Result<()> {
        self.integrator.build()?;
        self.run.validate()
    }

    /// Parses TOML and validates the result ([`ExperimentConfig::validate`]).
    ///
    /// # Errors
    /// [`Error::Config`] with the parser's message; the errors of
    /// [`ExperimentConfig::validate`].
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, config::ExperimentConfig};
    /// let unknown = "[integrator]\nscheme = \"rk4\"\n[run]\nsteps = 1\nstride = 1\nseed = 0";
    /// let err = ExperimentConfig::from_toml_str(unknown).unwrap_err();
    /// assert!(matches!(err, Error::Config(msg) if msg.contains("unknown variant `rk4`")));
    /// ```
    pub fn from_toml_str(s: &str) -> Result<Self> {
        let cfg: Self = toml::from_str(s).map_err(|e| Error::Config(e.to_string()))?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Parses JSON and validates the result ([`ExperimentConfig::validate`]).
    ///
    /// # Errors
    /// [`Error::Config`] with the parser's message; the errors of
    /// [`ExperimentConfig::validate`].
    ///
    /// # Example
    /// ```
    /// use langevin_base::config::ExperimentConfig;
    /// let json = r#"{"integrator": {"scheme": "baoab", "dt": 0.1, "gamma": 1.0, "beta": 1.0},
    ///                "run": {"steps": 10, "stride": 2, "seed": 1}}"#;
    /// assert_eq!(ExperimentConfig::from_json_str(json)?.run.records(), 6);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn from_json_str(s: &str) -> Result<Self> {
        let cfg: Self = serde_json::from_str(s).map_err(|e| Error::Config(e.to_string()))?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Serialises to TOML.
    ///
    /// # Errors
    /// [`Error::Config`] (not expected for these types).
    pub fn to_toml_string(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| Error::Config(e.to_string()))
    }

    /// Serialises to JSON.
    ///
    /// # Errors
    /// [`Error::Config`] (not expected for these types).
    ///
    /// # Example
    /// ```
    /// use langevin_base::{config::{ExperimentConfig, IntegratorConfig}, integrator::RunConfig};
    /// let integrator = IntegratorConfig::EulerMaruyama { dt: 0.1, gamma: 1.0, beta: 1.0 };
    /// let cfg = ExperimentConfig { integrator, run: RunConfig::new(10, 1, 3) };
    /// assert_eq!(ExperimentConfig::from_json_str(&cfg.to_json_string()?)?, cfg);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn to_json_string(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Config(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Seed;

    #[test]
    fn parsed_configs_are_validated() {
        let cfg = |dt: &str, steps: u64, stride: u64| {
            format!(
                "integrator = {{ scheme = \"euler_maruyama\", dt = {dt}, gamma = 1.0, beta = 1.0 }}\n\
                 run = {{ steps = {steps}, stride = {stride}, seed = 0 }}"
            )
        };
        assert!(ExperimentConfig::from_toml_str(&cfg("0.1", 10, 1)).is_ok());
        assert!(matches!(
            ExperimentConfig::from_toml_str(&cfg("nan", 10, 1)),
            Err(Error::NotFinite { name: "dt", .. })
        ));
        assert!(matches!(
            ExperimentConfig::from_toml_str(&cfg("0.1", 0, 1)),
            Err(Error::Empty { name: "steps" })
        ));
        assert!(matches!(
            ExperimentConfig::from_toml_str(&cfg("0.1", 10, 0)),
            Err(Error::Empty { name: "stride" })
        ));
        let json = r#"{"integrator": {"scheme": "baoab", "dt": 0.1, "gamma": 1.0, "beta": 1.0},
                       "run": {"steps": 10, "stride": 0, "seed": 1}}"#;
        assert!(matches!(
            ExperimentConfig::from_json_str(json),
            Err(Error::Empty { name: "stride" })
        ));
    }

    #[test]
    fn round_trips_and_builds() {
        let cfgs = [
            IntegratorConfig::EulerMaruyama {
                dt: 0.01,
                gamma: 2.0,
                beta: 1.0,
            },
            IntegratorConfig::Baoab {
                dt: 0.1,
                gamma: 1.0,
                beta: 3.0,
                mass: 2.0,
            },
            IntegratorConfig::SymplecticEuler {
                dt: 0.1,
                gamma: 1.0,
                beta: 3.0,
                sigma: Some(0.0),
            },
        ];
        for c in cfgs {
            let e = ExperimentConfig {
                integrator: c,
                run: RunConfig {
                    steps: 5,
                    stride: 1,
                    seed: Seed(1),
                    record_momenta: true,
                },
            };
            assert_eq!(
                ExperimentConfig::from_toml_str(&e.to_toml_string().unwrap()).unwrap(),
                e
            );
            assert_eq!(
                ExperimentConfig::from_json_str(&e.to_json_string().unwrap()).unwrap(),
                e
            );
            assert!(c.build().is_ok());
        }
        match cfgs[2].build().unwrap() {
            Integrator::SymplecticEuler(s) => assert_eq!(s.sigma(), 0.0),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_are_typed() {
        assert!(matches!(
            ExperimentConfig::from_json_str("{"),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            ExperimentConfig::from_toml_str("[integrator]\nscheme = \"rk4\""),
            Err(Error::Config(_))
        ));
        let bad = IntegratorConfig::Baoab {
            dt: 0.1,
            gamma: 1.0,
            beta: 1.0,
            mass: -1.0,
        };
        assert!(matches!(
            bad.build(),
            Err(Error::NonPositive { name: "mass", .. })
        ));
    }
}
