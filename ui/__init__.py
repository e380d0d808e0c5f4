"""Qt widgets. Widgets call app.services, never queries."""

from ui import pyside_fixes  # noqa: F401 - a defect of the Qt binding, worked around before any widget exists
