"""Test helpers shared by the server's and the app's tests: a live API server and a throwaway PostgreSQL."""
