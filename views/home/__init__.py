"""Home: the first screen, a summary of every feature."""
