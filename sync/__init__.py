"""Everything between the models and the world: store, importers, API client, sync engine (no flet)."""
