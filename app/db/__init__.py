"""Data layer: one peewee database object (unbound until start-up), the models, versioned migrations."""
