"""The situation-room wall's pages (issue 5 §2): widgets fed WallData, never the cache.

``create_page(key, context)`` builds one; ``apply_wall_theme`` sizes a tree of them
for a screen. Composed into windows and playlists by ``ui/wall``.
"""
