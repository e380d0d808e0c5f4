"""Services: what widgets and the CLI call. Plain values in, plain dataclasses out; personal data only
through functions that take the acting user (permissions, masking and audit live here)."""
