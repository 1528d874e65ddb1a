"""Maximum-likelihood search shared by the fitters: BFGS over log-parameters.

Each fitter passes the mean negative log-likelihood −ℓ(θ)/n and its analytic gradient as a
function of θ = log(parameters), so the search is unconstrained and its tolerances do not
depend on the number of customers. The start is deterministic; the result is accepted when
BFGS converges, or stops on precision loss with the gradient already below ``GRADIENT_TOL``,
and every parameter stays within [``PARAMETER_MIN``, ``PARAMETER_MAX``]. Anything else raises
:class:`FitError`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy.optimize import minimize

from core.analysis.customer_value.inputs import FloatArray

GRADIENT_TOL = 1e-7
MAX_ITERATIONS = 500
PARAMETER_MIN = 1e-8
PARAMETER_MAX = 1e8

Objective = Callable[[FloatArray], tuple[float, FloatArray]]


class FitError(RuntimeError):
    """The likelihood has no interior maximum the optimiser could reach for these data."""


def maximise_log_likelihood(
    objective: Objective, start: Sequence[float], names: Sequence[str]
) -> tuple[FloatArray, float]:
    """Parameters maximising the likelihood and the mean log-likelihood ℓ/n there.

    ``start`` holds the starting parameters (not their logs); ``names`` label them in errors.
    """
    result = minimize(
        objective,
        np.log(np.asarray(start, dtype=np.float64)),
        jac=True,
        method="BFGS",
        options={"gtol": GRADIENT_TOL, "maxiter": MAX_ITERATIONS},
    )
    params = np.exp(result.x)
    reached = ", ".join(f"{name}={value:.3g}" for name, value in zip(names, params, strict=True))
    for name, value in zip(names, params, strict=True):
        if not PARAMETER_MIN <= value <= PARAMETER_MAX:
            raise FitError(
                f"parameter {name} ran off ({reached}): the data do not identify the model "
                "(too few customers, or too little variation between them)"
            )
    gradient = float(np.max(np.abs(result.jac)))
    if not (result.success or gradient <= 10 * GRADIENT_TOL) or not np.isfinite(result.fun):
        raise FitError(
            f"maximum-likelihood search did not converge ({result.message}); it stopped at "
            f"{reached} with gradient {gradient:.2g}: the likelihood may have no interior "
            "maximum for these data"
        )
    return params, -float(result.fun)
