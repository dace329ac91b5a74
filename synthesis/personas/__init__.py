"""Buyer personas: role normalisation, themes, naming, synthesis and the read model."""
