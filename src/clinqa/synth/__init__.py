"""Synthetic training data (`clinqa synth`): seeded clinical notes (`notes`), emrQA-style
questions filled from what a note says (`qa`), and span-selection pretraining questions from
unlabeled text (`spans`)."""
