"""Zanjireh's reference sync API server (FastAPI + SQLAlchemy); the HTTP API is the contract."""
