"""Model-written synthesis: theme names, findings, persona summaries and the executive summary, each
sentence citing the insights it rests on (checked in ``citations``), a draft until the consultant accepts.
"""
