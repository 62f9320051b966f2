"""The `casebook` command and what only it needs: scaffolding, JSON Schema, offline bundle, handbook."""
