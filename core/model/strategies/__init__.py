"""The strategy registry.

Every module in this package that defines ``STRATEGY`` (a :class:`StrategySpec`) is a
strategy: adding one is adding a module (and its tests). The scenario model, the CLI,
the engine and the pages all iterate over :data:`REGISTRY`.
"""

from __future__ import annotations

import importlib
import pkgutil

from core.model.strategies.base import (
    ProjectionContext,
    StrategyAssumptions,
    StrategyFlows,
    StrategySpec,
)


def _discover() -> tuple[StrategySpec, ...]:
    specs = []
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        spec = getattr(module, "STRATEGY", None)
        if isinstance(spec, StrategySpec):
            specs.append(spec)
    return tuple(sorted(specs, key=lambda s: s.order))


REGISTRY: tuple[StrategySpec, ...] = _discover()
STRATEGY_KEYS: tuple[str, ...] = tuple(spec.key for spec in REGISTRY)


def get_strategy(key: str) -> StrategySpec:
    """The registered strategy named ``key``; ``KeyError`` if there is none."""
    for spec in REGISTRY:
        if spec.key == key:
            return spec
    raise KeyError(key)


__all__ = [
    "REGISTRY",
    "STRATEGY_KEYS",
    "ProjectionContext",
    "StrategyAssumptions",
    "StrategyFlows",
    "StrategySpec",
    "get_strategy",
]
