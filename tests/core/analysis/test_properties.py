"""Invariants of the BG/NBD predictions over generated parameters and histories (hypothesis).

Note: in BG/NBD nobody drops out at the first purchase, so P(alive | x = 0) is exactly 1 for
every T (FHL 2005, eq. 12); what falls with T for such a customer is the expected number of
future purchases (the posterior of λ is Gamma(r, α+T)).
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis.customer_value import (
    BgNbdParams,
    conditional_expected_purchases,
    expected_purchases,
    probability_alive,
)

params = st.builds(
    BgNbdParams,
    r=st.floats(min_value=0.01, max_value=20.0),
    alpha=st.floats(min_value=0.01, max_value=200.0),
    a=st.floats(min_value=0.01, max_value=20.0),
    b=st.floats(min_value=0.01, max_value=20.0),
)
fraction = st.floats(min_value=0.0, max_value=1.0)
duration = st.floats(min_value=0.0, max_value=500.0)


@st.composite
def histories(draw: st.DrawFn) -> tuple[int, float, float]:
    x = draw(st.integers(min_value=0, max_value=200))
    age = draw(duration)
    t_x = draw(fraction) * age if x > 0 else 0.0
    return x, t_x, age


@settings(max_examples=300, deadline=None)
@given(p=params, history=histories())
def test_probability_alive_is_a_probability(p, history):
    value = float(probability_alive(p, *history))
    assert 0.0 <= value <= 1.0


@settings(max_examples=300, deadline=None)
@given(p=params, history=histories(), t1=duration, t2=duration)
def test_conditional_expectation_is_non_negative_and_non_decreasing(p, history, t1, t2):
    short, long = sorted((t1, t2))
    early, late = conditional_expected_purchases(p, [short, long], *history)
    assert np.isfinite(early)
    assert np.isfinite(late)
    assert early >= 0.0
    assert late >= early * (1.0 - 1e-9)


@settings(max_examples=300, deadline=None)
@given(p=params, t1=duration, t2=duration)
def test_unconditional_expectation_is_non_negative_and_non_decreasing(p, t1, t2):
    short, long = sorted((t1, t2))
    early, late = expected_purchases(p, [short, long])
    assert np.isfinite(late)
    assert early >= 0.0
    assert late >= early * (1.0 - 1e-9)


@settings(max_examples=200, deadline=None)
@given(p=params, young=duration, old=duration, t=st.floats(min_value=0.1, max_value=500.0))
def test_one_time_buyer_stays_alive_but_expects_fewer_purchases_with_age(p, young, old, t):
    young, old = sorted((young, old))
    assert float(probability_alive(p, 0, 0.0, young)) == 1.0
    assert float(probability_alive(p, 0, 0.0, old)) == 1.0
    at_young, at_old = conditional_expected_purchases(p, t, 0, 0.0, [young, old])
    assert at_old <= at_young * (1.0 + 1e-9)


@settings(max_examples=200, deadline=None)
@given(p=params, x=st.integers(min_value=1, max_value=200), t_x=duration, gap=duration)
def test_repeat_buyer_is_less_likely_alive_the_longer_since_the_last_purchase(p, x, t_x, gap):
    ages = [t_x, t_x + gap, t_x + 2 * gap]
    alive = probability_alive(p, x, t_x, ages)
    assert alive[0] >= alive[1] >= alive[2]
