"""One router per resource of the API: ping, auth, changes, push."""
