"""Every generated page and data file of one language, as Markdown, HTML or JSON: no MkDocs here."""
