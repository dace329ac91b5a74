"""The `groundwork` command-line interface."""
