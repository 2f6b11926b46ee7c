"""Resume analysis, prompt building and the generation steps the worker runs."""
