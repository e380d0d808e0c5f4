"""Baijia (百家): offline bilingual community office application.

`app` holds domain, data, services, reports and the CLI. It never imports PySide6.
"""

__version__ = "0.1.0"
APP_NAME = "baijia"
