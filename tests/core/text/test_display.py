"""Widget display of drivers: exact scaling, ranges that contain the value, readable format."""

from hypothesis import given
from hypothesis import strategies as st

from core.model.paths import driver_spec, driver_spec_map
from core.text.display import from_display, headroom, slider_spec, to_display


def test_rates_are_shown_in_percent_and_come_back_exactly():
    cvr = driver_spec("ads.cvr")
    assert to_display(cvr, 0.03, "en") == 3.0
    assert from_display(cvr, 3.0, "en") == 0.03
    # 0.57 × 100 is 56.99999999999999 in binary floating point; the display is exact.
    rate = driver_spec("annual_discount_rate")
    assert to_display(rate, 0.57, "zh-CN") == 57.0
    assert from_display(rate, 57.0, "zh-CN") == 0.57


def test_large_money_reads_in_wan_in_chinese_only():
    budget = driver_spec("ads.monthly_budget")
    assert to_display(budget, 50_000.0, "zh-CN") == 5.0
    assert to_display(budget, 50_000.0, "en") == 50_000.0
    assert slider_spec(budget, 50_000.0, "zh-CN").format == "¥%,.1f万"
    assert slider_spec(budget, 50_000.0, "en").format == "¥%,.0f"
    cpc = driver_spec("ads.cpc")  # a slider up to ¥15 stays in yuan
    assert to_display(cpc, 2.0, "zh-CN") == 2.0


def test_slider_range_widens_to_include_an_out_of_range_value_with_room_to_grow():
    """JD's large budgets sat at the right end of their sliders: no way to add more."""
    cpc = driver_spec("ads.cpc")
    inside = slider_spec(cpc, 2.0, "en")
    assert (inside.min_value, inside.max_value) == (cpc.ui_min, cpc.ui_max)
    outside = slider_spec(cpc, 40.0, "en")  # 2 × 40 = 80 → the next of 1, 2, 5 × 10^k
    assert (outside.min_value, outside.max_value, outside.value) == (cpc.ui_min, 100.0, 40.0)
    budget = driver_spec("ads.monthly_budget")
    large = slider_spec(budget, 3_500_000.0, "zh-CN")  # ¥350万 → up to ¥1,000万
    assert (large.max_value, large.value) == (1_000.0, 350.0)
    at_bound = slider_spec(budget, budget.upper, "en")  # never beyond the driver's bound
    assert at_bound.max_value == at_bound.value == budget.upper


def test_headroom_is_a_round_number_at_least_twice_the_value():
    values = (40.0, 50.0, 350.0, 0.3, 7.0)
    assert [headroom(x) for x in values] == [100.0, 100.0, 1_000.0, 1.0, 20.0]


def test_a_tiny_value_is_not_formatted_as_zero():
    spec = slider_spec(driver_spec("ads.cvr"), 0.0001, "en")
    assert spec.value == 0.01
    assert spec.format == "%.2f%%"  # 0.01%, not 0.0%


@given(
    path=st.sampled_from(sorted(driver_spec_map())),
    value=st.decimals(min_value=0, max_value=1, places=3).map(float),
    scale=st.sampled_from([1.0, 1_000.0, 1_000_000.0]),
    locale=st.sampled_from(["zh-CN", "en"]),
)
def test_any_value_round_trips_through_its_slider(path, value, scale, locale):
    spec = driver_spec(path)
    number = spec.clip(value * scale) if not spec.is_percent else spec.clip(value)
    slider = slider_spec(spec, number, locale)
    assert slider.min_value <= slider.value <= slider.max_value
    assert from_display(spec, slider.value, locale) == number
    assert slider.step > 0
