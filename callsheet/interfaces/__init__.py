"""The ways people reach callsheet: the command line (and later API and web)."""
