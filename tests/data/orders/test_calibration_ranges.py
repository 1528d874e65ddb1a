"""Calibrated ranges: monthly ratios weighted by their denominators, holding the point."""

from pathlib import Path

import pytest

from core.data.orders.calibration import calibrate_orders, weighted_spread
from core.data.orders.report import customer_report
from core.data.orders.samples import sample_source


def test_the_spread_weights_each_month_by_its_denominator():
    # Sorted values 0.1 (weight 1), 0.2 (1), 0.5 (8): cumulative 1, 2, 10 of 10. The 10th
    # percentile is the first value reaching 1 → 0.1; the 90th the first reaching 9 → 0.5.
    # Unweighted, the 90th would be 0.2 + 0.8 × (0.5 − 0.2) = 0.44.
    assert weighted_spread(0.3, [(0.1, 1.0), (0.5, 8.0), (0.2, 1.0)]) == (0.1, 0.5)


def test_the_spread_holds_the_point_and_skips_undefined_months():
    assert weighted_spread(0.9, [(0.1, 5.0), (None, 10.0), (float("nan"), 3.0), (0.2, 5.0)]) == (
        0.1,
        0.9,
    )
    assert weighted_spread(0.4, [(0.3, 0.0)]) == (0.4, 0.4)  # no weight: no spread, the point alone


@pytest.mark.parametrize("name", ["demo", "cdnow"])
def test_every_calibrated_point_lies_inside_its_range(name, tmp_path: Path):
    source = sample_source(name, tmp_path)
    report = customer_report(
        source.path,
        source.mapping,
        calibration_end=source.calibration_end,
        time_unit=source.time_unit,
    )
    values = calibrate_orders(report)
    assert len(values) == 5
    for v in values:
        assert v.low < v.value < v.high, v  # strictly: the point is not on an edge
