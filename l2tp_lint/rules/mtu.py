"""placeholder during development."""
RULES: list = []
