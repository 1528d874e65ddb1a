"""Every key the code can ask for exists in both languages, and Chinese reads as Chinese.

Keys come from two places: literal ``t("…")`` calls anywhere in core/, pages/ and app.py
(found by reading the source), and keys built from names (a label per driver path, a KPI
and formula per metric, a label per vocabulary value, per strategy, cost line, funnel
stage and preset).
"""

import ast
import re
import string
from pathlib import Path
from typing import get_args

import pytest

from core.data.evidence import LEVELS
from core.data.orders.errors import ORDERS_ERROR_KEYS
from core.data.orders.queries import SEGMENTS
from core.data.orders.schema import EXCLUSION_REASONS
from core.data.plausibility import plausible_ranges
from core.data.presets import DefaultReason, load_presets
from core.data.store import DataStore
from core.model.engine import evaluate
from core.model.paths import driver_spec_map, editable_fields, flatten, with_values
from core.model.scenario import default_scenario
from core.model.strategies import REGISTRY
from core.model.vocab import VOCABULARIES
from core.text.catalog import LOCALES, catalog, catalog_files, singulars
from core.text.kpis import METRIC_NAMES

ROOT = Path(__file__).resolve().parents[3]
ROW_ID = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+){2,}")
SOURCES = [*(ROOT / "core").rglob("*.py"), *(ROOT / "pages").rglob("*.py"), ROOT / "app.py"]

# Words a Chinese seller reads in Chinese interfaces too (acronyms and product names).
ALLOWED_LATIN = {
    "AOV", "API", "BOM", "CAC", "CPC", "CPM", "CRM", "CSV", "CTR", "CVR", "DOU", "GBK", "GMV",
    "JSON", "KOL", "ARPU", "LTV", "MCN", "NPV", "ROAS", "ROI", "SaaS", "SCRM", "SME", "UTF", "URL",
    "Excel", "HTML", "Parquet", "English", "Language", "MB", "true", "false", "oCPM",
    "Hill", "Robyn", "Meridian", "RFM", "NBD", "Gamma", "DuckDB", "Apache", "Spark", "CDNOW",
}  # fmt: skip


def _key_arguments() -> list[ast.expr]:
    """First arguments of every ``t(…)`` call in the sources."""
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
            ):
                found.append(node.args[0])
    return found


def literal_keys() -> set[str]:
    return {
        arg.value
        for arg in _key_arguments()
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }


def mentioned_strings() -> set[str]:
    """Every string constant in the sources (keys handed around before ``t`` sees them)."""
    return {
        node.value
        for path in SOURCES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def built_prefixes() -> set[str]:
    """Constant heads of f-strings, e.g. ``bench.filter.`` from f"bench.filter.{name}"."""
    return {
        arg.values[0].value
        for path in SOURCES
        for arg in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(arg, ast.JoinedStr)
        and arg.values
        and isinstance(arg.values[0], ast.Constant)
        and isinstance(arg.values[0].value, str)
    }


def built_keys() -> set[str]:
    keys = {
        f"field.{path}" for path in flatten(default_scenario()) if not path.endswith(".enabled")
    }
    keys |= {f"off.{path}" for path, spec in driver_spec_map().items() if spec.nullable}
    keys |= {f"unit.{spec.unit}" for spec in driver_spec_map().values()}
    keys |= {f"kpi.{name}" for name in METRIC_NAMES} | {f"formula.{n}" for n in METRIC_NAMES}
    keys |= {f"{prefix}.{value}" for prefix, values in VOCABULARIES.items() for value in values}
    for spec in REGISTRY:
        keys |= {f"strategy.{spec.key}", f"strategy.{spec.key}.help", f"channel.{spec.key}"}
    keys |= {f"source.{path}" for path in driver_spec_map()}
    variants = [default_scenario()]
    for spec in REGISTRY:
        for field in editable_fields(spec.key, spec.assumptions):
            if field.kind == "choice":
                prefix = field.path.partition(".")[2]
                keys |= {f"{prefix}.{option}" for option in field.options}
                variants += [
                    with_values(default_scenario(), {field.path: o}) for o in field.options
                ]
    for variant in variants:
        for projection in evaluate(variant).strategies.values():
            keys |= {f"cost.{line}" for line in projection.cost_lines}
            keys |= {f"stage.{stage}" for stage in projection.funnel}
    keys |= {f"preset.{preset.key}" for preset in load_presets()}
    keys |= {f"preset.level.{level}" for level in LEVELS}
    keys |= {f"preset.reason.{reason}" for reason in get_args(DefaultReason)}
    keys |= {f"language.{code}" for code in LOCALES}
    keys |= {f"plausibility.basis.{check}" for check in plausible_ranges(DataStore())}
    keys |= set(ORDERS_ERROR_KEYS) | {f"orders.excluded.{r}" for r in EXCLUSION_REASONS}
    keys |= {f"orders.segment.{segment}" for segment in SEGMENTS}
    return keys


def test_every_key_the_code_asks_for_exists():
    missing = sorted((literal_keys() | built_keys()) - set(catalog()))
    assert not missing


def test_the_catalog_holds_no_text_that_nothing_asks_for():
    used = mentioned_strings() | built_keys()
    prefixes = tuple(built_prefixes())
    dead = sorted(key for key in catalog() if key not in used and not key.startswith(prefixes))
    assert not dead


def test_every_entry_has_both_languages_and_matching_placeholders():
    for key, texts in catalog().items():
        assert set(texts) == set(LOCALES), key
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(text) if name}
            for text in texts.values()
        ]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize("path", catalog_files(), ids=lambda p: p.name)
def test_chinese_texts_carry_no_english_words(path):
    from core.text.catalog import _entries

    for key, texts in _entries(path).items():
        text = re.sub(r"\{[^{}]*\}", "", texts["zh-CN"])  # placeholders are not read
        text = ROW_ID.sub("", text)  # benchmark row ids are codes, shown as cited
        words = set(re.findall(r"[A-Za-z][A-Za-z]{2,}", text))
        assert words <= ALLOWED_LATIN, f"{key}: {sorted(words - ALLOWED_LATIN)}"


def test_source_texts_match_each_drivers_provenance():
    from core.text.catalog import t

    for path, spec in driver_spec_map().items():
        assert t(f"source.{path}", "en") == spec.provenance.source, path


def test_english_texts_write_money_without_wan_or_yi():
    """ "(SME ¥2.3万–11.7万 a month)" in an English tooltip: money in English reads k / M."""
    wan = [
        (key, text)
        for key, texts in catalog().items()
        for text in (texts["en"], singulars().get(key, ""))
        if "万" in text or "亿" in text
    ]
    assert not wan


def test_english_texts_write_percent_as_the_app_formats_it():
    """ "worst 5 %" and "about 18 %" beside a formatted "71.7%" on one screen."""
    spaced = [
        (key, text)
        for key, texts in catalog().items()
        for text in (texts["en"], singulars().get(key, ""))
        if re.search(r"\d %", text)
    ]
    assert not spaced
