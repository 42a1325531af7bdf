"""Extractive question answering over notes."""
