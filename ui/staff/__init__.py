"""教职工: the staff directory and leave."""
