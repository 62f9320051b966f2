"""What one build keeps for the next and hands to the other language's build."""
