"""`casebook import`: work reports (.docx, .txt, .md) turned into draft cases with evidence."""
