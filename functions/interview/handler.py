"""Interview question routes (generation arrives with the pipeline).

Health and Swagger UI come with every app; see ``interview_prep.api.create_app``.
"""

from __future__ import annotations

from interview_prep import api

app = api.create_app("interview")

lambda_handler = api.lambda_entry(app)
