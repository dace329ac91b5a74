"""Ideal Customer Profiles: firmographic criteria, company fit scores and success patterns."""
