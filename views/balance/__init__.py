"""The chain balance: scenario, ratios and what-ifs, the balance and charts screens."""
