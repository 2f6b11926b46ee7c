"""Data access. Every query here is scoped to an owner.

Nothing above this package talks to a database.
"""
