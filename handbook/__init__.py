"""Metodehåndbogen: YAML content → validated model → handbook site and print PDFs."""
