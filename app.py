"""Monetization Studio (变现策略决策台): page routing and the language switch only."""

from pages.components.shell import navigation

navigation().run()
