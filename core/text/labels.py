"""Labels of scenario fields for places that list fields of several strategies.

The catalog's ``field.<path>`` is enough beside a strategy's own sliders; in a list that
mixes strategies (the range table, the correlation note, Compare, the change notice,
warnings) a label several strategies share ("客单价 AOV") must say whose it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache

from core.model.fields import DriverSpec
from core.model.paths import driver_spec_map
from core.model.strategies import STRATEGY_KEYS
from core.text.catalog import LOCALES, Locale, t
from core.text.display import WAN, display_scale


@cache
def _shared_labels(lang: Locale) -> frozenset[str]:
    """Driver labels that more than one driver carries (AOV, return rate, platform fee)."""
    labels = Counter(t(f"field.{path}", lang) for path in driver_spec_map())
    return frozenset(label for label, count in labels.items() if count > 1)


def field_label(path: str, lang: Locale) -> str:
    """The label of a scenario field by dotted path, for places that list fields of
    several strategies: a strategy's switch and a label several strategies share
    ("客单价 AOV") name the strategy ("内容与直播 · 客单价 AOV")."""
    owner, _, name = path.rpartition(".")
    if name == "enabled":
        return f"{t(f'strategy.{owner}', lang)} · {t('field.enabled', lang)}"
    label = t(f"field.{path}", lang)
    if owner in STRATEGY_KEYS and label in _shared_labels(lang):
        return f"{t(f'strategy.{owner}', lang)} · {label}"
    return label


def with_unit(label: str, unit: str, lang: Locale) -> str:
    """``label`` followed by the unit it is shown in: "CPC 年涨幅 (%/年)"."""
    return f"{label} ({t(f'unit.{unit}', lang)})"


def with_shown_unit(label: str, spec: DriverSpec, lang: Locale) -> str:
    """``label`` with the unit its value is SHOWN in: as :func:`with_unit`, with 万 before
    the unit where Chinese shows the value in 万 (:func:`core.text.display.display_scale`):
    "投放团队月成本 (万元/月)", so that a table cell of 0.4 reads as ¥4,000."""
    unit = t(f"unit.{spec.unit}", lang)
    if display_scale(spec, lang) == 1 / WAN:
        unit = f"万{unit}"
    return f"{label} ({unit})"


def name_after_preset(current: str, preset: str, presets: Iterable[str], lang: Locale) -> str:
    """The scenario's name once ``preset`` is applied: the preset's name in ``lang`` when
    the scenario has no name of its own (empty, or named after one of ``presets`` in
    either language), else the user's name unchanged."""
    own = current.strip() and _preset_named(current, presets) is None
    return current if own else t(f"preset.{preset}", lang)


def _preset_named(name: str, presets: Iterable[str]) -> str | None:
    """The key of the preset among ``presets`` whose name, in either language, is ``name``."""
    return next(
        (key for key in presets if name in {t(f"preset.{key}", loc) for loc in LOCALES}), None
    )


def scenario_title(name: str, presets: Iterable[str], lang: Locale) -> str:
    """The scenario's name as a heading shows it in ``lang``: a name given after one of
    ``presets`` (in either language) reads as that preset's name in ``lang``, so a preset
    applied in Chinese does not title the English pages in Chinese; no name reads as the
    catalog's "unnamed"; a user's own name as it is."""
    if not name.strip():
        return t("scenario.unnamed", lang)
    key = _preset_named(name, presets)
    return name if key is None else t(f"preset.{key}", lang)
