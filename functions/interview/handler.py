"""Interview questions and answer practice: start generation or grading jobs, read their
results (routes in the layer)."""

from __future__ import annotations

from interview_prep.http.app import create_app, lambda_entry
from interview_prep.http.generation import INTERVIEW, generation_router
from interview_prep.http.practice import practice_router

app = create_app("interview")
app.include_router(generation_router(INTERVIEW))
app.include_router(practice_router())

lambda_handler = lambda_entry(app)
