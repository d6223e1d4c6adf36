"""The bureau's orders and notices as the school sees and answers them."""
