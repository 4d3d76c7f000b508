"""The content layer: loading, the model, checking, cross-references, runs, the list of
outputs, page addresses and the time/date rules. Every renderer, the build and the CLI
sit above it; nothing here imports them."""
