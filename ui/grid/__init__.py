"""责任网格: the responsibility grid overview, its zones, posts, assignments and letters."""
