"""What the content implies, as plain data: indices, related cases, browse facets, Chinese words."""
