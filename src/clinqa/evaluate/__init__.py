"""Metrics, each wrapping or matching a reference definition."""
