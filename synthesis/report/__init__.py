"""The client-ready Word report and the CSV exports of a workspace (python-docx; no Qt)."""
