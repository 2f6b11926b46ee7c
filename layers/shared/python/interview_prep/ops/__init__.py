"""Command-line tools for operators: set-up (``bootstrap``) and dead-letter redrive.

Users type ``python -m interview_prep.bootstrap`` and ``python -m interview_prep.redrive``;
those entry modules only hand over to these.
"""
