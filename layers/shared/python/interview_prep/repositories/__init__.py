"""Data access. Every query here is scoped to an owner; nothing above this package talks to a database."""
