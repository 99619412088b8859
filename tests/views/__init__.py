"""Renderer-free tests of the app's screens and state."""
