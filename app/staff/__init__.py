"""The staff directory: people who hold posts, sign letters and stand duty."""
