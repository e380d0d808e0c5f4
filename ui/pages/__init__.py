"""The main window's pages. Each page is a QWidget with ``retranslate_ui()`` and ``refresh()``."""
