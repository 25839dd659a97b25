"""One module per runtime check. Each exposes `run(inspection)` and appends findings."""
