"""Fit time of the CLV models (BG/NBD + Gamma-Gamma); prints a table (not a test).

Run: ``python benchmarks/bench_clv.py``. Rows:

* the CDNOW sample (2,357 customers, 39-week calibration, weeks): BG/NBD + Gamma-Gamma fit
  with ``core.analysis.customer_value`` and, when it is installed, with ``lifetimes`` 0.11.3
  on the same summary in the same process (it is not a project dependency:
  ``pip install lifetimes==0.11.3`` to compare);
* 100k and 1M customers simulated from the CDNOW estimates (ages 26–52 weeks).

Times are medians over the stated rounds after one warm-up round, in seconds; the fitters
run interleaved within each round.
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.analysis.customer_value import (  # noqa: E402
    BgNbdParams,
    GammaGammaParams,
    fit_bgnbd,
    fit_gamma_gamma,
    rfm_summary,
    simulate_bgnbd,
    simulate_gamma_gamma,
)

CDNOW = ROOT / "data" / "cdnow" / "CDNOW_sample.txt"
Data = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
Fit = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], str]
BGNBD = BgNbdParams(r=0.243, alpha=4.414, a=0.793, b=2.426)
SPEND = GammaGammaParams(p=6.25, q=3.74, v=15.44)


def median_seconds(fits: list[Callable[[], object]], repeat: int) -> list[float]:
    """Median wall time of each fit over ``repeat`` rounds after one warm-up round.

    The fits run interleaved, one of each per round, so that load from other processes on
    the machine affects all of them alike.
    """
    samples: list[list[float]] = [[] for _ in fits]
    for fit in fits:
        fit()
    for _ in range(repeat):
        for fit, times in zip(fits, samples, strict=True):
            start = time.perf_counter()
            fit()
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in samples]


def cdnow_summary() -> pd.DataFrame:
    raw = pd.read_csv(
        CDNOW,
        sep=r"\s+",
        header=None,
        names=["master_id", "customer_id", "date", "cds", "amount"],
        dtype={"date": str},
    )
    raw["timestamp"] = pd.to_datetime(raw["date"], format="%Y%m%d")
    return rfm_summary(raw, "1997-09-30", "week")


def own_fit(x: np.ndarray, t_x: np.ndarray, age: np.ndarray, m: np.ndarray) -> str:
    bg = fit_bgnbd(x, t_x, age)
    gg = fit_gamma_gamma(x, m)
    return (
        f"r {bg.r:.3f} α {bg.alpha:.3f} a {bg.a:.3f} b {bg.b:.3f} ℓ {bg.log_likelihood:.1f}; "
        f"p {gg.p:.2f} q {gg.q:.2f} v {gg.v:.2f}"
    )


def lifetimes_fit() -> Fit | None:
    """A fit with lifetimes if it imports, else ``None``."""
    try:
        from lifetimes import BetaGeoFitter, GammaGammaFitter
    except ImportError:
        return None

    def fit(x: np.ndarray, t_x: np.ndarray, age: np.ndarray, m: np.ndarray) -> str:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bg = BetaGeoFitter().fit(pd.Series(x), pd.Series(t_x), pd.Series(age))
            repeat = x > 0
            gg = GammaGammaFitter().fit(pd.Series(x[repeat]), pd.Series(m[repeat]))
        b, g = bg.params_, gg.params_
        return (
            f"r {b['r']:.3f} α {b['alpha']:.3f} a {b['a']:.3f} b {b['b']:.3f}; "
            f"p {g['p']:.2f} q {g['q']:.2f} v {g['v']:.2f}"
        )

    return fit


def simulated(n: int, seed: int) -> Data:
    rng = np.random.default_rng(seed)
    age = rng.uniform(26.0, 52.0, n)
    x, t_x = simulate_bgnbd(BGNBD, age, rng)
    return x, t_x, age, simulate_gamma_gamma(SPEND, x, rng)


def main() -> None:
    summary = cdnow_summary()
    frequency, recency, age, monetary = (
        summary[column].to_numpy(dtype=np.float64)
        for column in ("frequency", "recency", "T", "monetary_value")
    )
    cdnow = (frequency, recency, age, monetary)
    other = lifetimes_fit()
    fitters = [("customer_value", own_fit)]
    if other is not None:
        fitters.append(("lifetimes 0.11.3", other))
    rows: list[tuple[str, str, int, float, str]] = []

    def run(name: str, who: list[tuple[str, Fit]], data: Data, repeat: int) -> None:
        seconds = median_seconds([partial(fit, *data) for _, fit in who], repeat)
        for (label, fit), median in zip(who, seconds, strict=True):
            rows.append((name, label, repeat, median, fit(*data)))

    run("CDNOW 2,357 customers", fitters, cdnow, 20)
    run("simulated 100k customers", fitters, simulated(100_000, seed=1), 3)
    run("simulated 1M customers", fitters[:1], simulated(1_000_000, seed=2), 3)

    header = ("data", "fitter", "runs", "median s", "estimates (BG/NBD; Gamma-Gamma)")
    widths = [max(len(str(row[i])) for row in [*rows, header]) for i in range(3)]
    print(
        f"{header[0]:<{widths[0]}}  {header[1]:<{widths[1]}}  {header[2]:>4}  "
        f"{header[3]:>9}  {header[4]}"
    )
    for name, who, repeat, seconds, result in rows:
        print(f"{name:<{widths[0]}}  {who:<{widths[1]}}  {repeat:>4}  {seconds:>9.3f}  {result}")
    if other is None:
        print("lifetimes is not installed: pip install lifetimes==0.11.3 to compare")
    medians = {(name, who): seconds for name, who, _, seconds, _ in rows}
    for name, who, _, seconds, _ in rows:
        if who != "customer_value":
            print(
                f"{name}: customer_value is {seconds / medians[name, 'customer_value']:.1f}× "
                f"faster than {who}"
            )


if __name__ == "__main__":
    main()
