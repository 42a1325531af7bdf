"""Questionnaire extraction: concepts asked of every note of a corpus, into a table."""
