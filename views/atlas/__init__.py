"""The atlas: search, filters, the list and the map of plants and mines, their screens, import and Excel export."""
