"""The shared photo store: content-addressed originals, upright thumbnails and sync copies."""
