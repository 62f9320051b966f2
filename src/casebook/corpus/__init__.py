"""Reading and checking the files of `content/`: front matter, field declarations, taxonomy, links, raw HTML."""
