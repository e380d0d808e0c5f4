"""Pure domain rules: validators, converters, calendars. No database, no Qt."""
