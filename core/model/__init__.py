"""The domain model: vocabularies, driver fields, the scenario contract, finance, the
engine and the strategy registry. Imports nothing from the other layers."""
