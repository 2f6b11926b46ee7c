"""The evaluation command: generation over a folder of resumes, measured by the gate's rules
and optionally by an LLM judge. A development tool: not shipped in the Lambda layer."""
