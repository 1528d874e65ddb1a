"""What people read: the string catalog, number formatting, error messages, sentences."""
