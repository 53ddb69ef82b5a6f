"""The domain core: events, taxonomy, signals, the ledger, the standing, permits. Pure."""
