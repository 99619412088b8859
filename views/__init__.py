"""The UI (flet): screens, shared parts, the app state they read, the theme and the message catalogue."""
