"""The curated knowledge base in ``prompts/knowledge/``: technologies and their categories."""
