"""The command line (stable contract in DESIGN.md). ``main.py`` at the top is the composition root."""
