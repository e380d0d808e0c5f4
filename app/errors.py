"""The one base of every error that is explained to the user (in their language) rather than a bug.

The command line prints any ``BaijiaError`` as one line with exit code 1; the GUI shows it in a message box.
Each concrete error also keeps its natural Python base (ValueError, LookupError …) for callers that test for it.
"""


class BaijiaError(Exception):
    """A problem the user can understand and act on; ``str(error)`` is already in the user's language."""
