"""Values set from the user's data bring their range into the Monte Carlo."""

from streamlit.testing.v1 import AppTest


def _ranges_app() -> None:
    import datetime as dt

    import streamlit as st

    from core.data.orders.calibration import CalibratedValue
    from core.model.scenario import default_scenario
    from pages.components.session import CALIBRATED_KEY
    from pages.components.uncertainty_view import session_ranges

    st.session_state[CALIBRATED_KEY] = [
        CalibratedValue(
            "private_domain.monthly_churn",
            0.05,
            0.03,
            0.09,
            dt.date(2024, 1, 1),
            dt.date(2024, 12, 31),
        )
    ]
    ranges = session_ranges(default_scenario())
    churn, cvr = ranges["private_domain.monthly_churn"], ranges["ads.cvr"]
    st.write(f"{churn.low} {churn.mode} {churn.high} {churn.source} / {cvr.source}")


def test_a_calibrated_range_is_the_simulations_range():
    at = AppTest.from_function(_ranges_app).run()
    assert not at.exception
    # The default churn 5 % is the mode; the data's 10th–90th percentiles 3–9 % the range;
    # drivers the data did not set keep their defaults.
    assert at.markdown[0].value == "0.03 0.05 0.09 data / benchmark"
