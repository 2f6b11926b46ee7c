"""Learning paths: start a generation job, read the results (routes in the layer)."""

from __future__ import annotations

from interview_prep.http.app import create_app, lambda_entry
from interview_prep.http.generation import LEARNING, generation_router

app = create_app("learning")
app.include_router(generation_router(LEARNING))

lambda_handler = lambda_entry(app)
