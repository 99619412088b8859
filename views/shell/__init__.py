"""The shell every feature uses: paths, navigation, the frame, theme, i18n core, contexts, notices, small widgets."""
