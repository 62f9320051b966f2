"""Casebook's core: the content model and everything made from it, independent of any site generator."""
