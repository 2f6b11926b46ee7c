"""Interview questions: start a generation job, read the results (routes in the layer)."""

from __future__ import annotations

from interview_prep.http.app import create_app, lambda_entry
from interview_prep.http.generation import INTERVIEW, generation_router

app = create_app("interview")
app.include_router(generation_router(INTERVIEW))

lambda_handler = lambda_entry(app)
