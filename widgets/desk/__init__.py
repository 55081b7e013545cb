"""Widgets of the head's desk («Аналитика»): the period picker, the figures' tables, charts."""
