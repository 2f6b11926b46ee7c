"""Uploaded resumes read offline: ``formats`` tells PDF from DOCX by their bytes, ``extract``
turns a document into plain text (pypdfium2 and python-docx, imported only when a file is
read, so the API functions that import this package never load them), ``sections`` cuts
that text into a resume draft whose every string is taken from the text (``grounding``
checks it), and ``experience`` counts the months in the date ranges resumes write."""
