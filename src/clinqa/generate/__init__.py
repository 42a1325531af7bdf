"""Grounded answers: prompts, citation repair, and the shared decoding loop."""
