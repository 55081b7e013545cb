"""Russian text shared by search, masking, suggestions and the importers.

- :mod:`cur_desktop.text.lemmas`: words and their dictionary forms (pymorphy3), cached.
- :mod:`cur_desktop.text.html`: HTML from a source's text fields as plain text.

Qt-free and server-free: the workstation's search index and the service's
importers, masker and suggestion models all read text through these.
"""
