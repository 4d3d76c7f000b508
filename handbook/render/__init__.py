"""Renderers: the same Handbook model to Markdown (site) and to HTML (print)."""
