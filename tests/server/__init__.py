"""Tests of the reference API server, against real servers on SQLite and PostgreSQL."""
