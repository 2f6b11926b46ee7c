"""Shared Lambda layer of the Interview Prep API.

Everything a function needs beyond its thin ``handler.py`` lives here: settings,
models, errors, the route table, repositories and observability.
"""

__version__ = "0.1.0"
