"""Iran drawn: province outlines on a canvas, markers, zoom and legend (used by the atlas and the balance)."""
