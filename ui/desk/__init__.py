"""«Аналитика»: the head's desk in the console (issue 16)."""
