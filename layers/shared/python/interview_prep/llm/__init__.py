"""LLM providers behind one interface (``base``); ``registry`` picks the chain."""
