"""Qt widgets. Widgets call app.services, never queries."""
