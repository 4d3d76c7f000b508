"""Language quality of reader-facing text: which text readers see, spelling, readability."""
