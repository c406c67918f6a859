"""``polex serve``: a read-only web app over the store (Starlette + Jinja2, served by uvicorn).

Pages: ``/`` (documents, facets, substring search), ``/doc/{doc_id}`` (metadata, outline,
highlighted text, click-to-source), ``/trace/{id}`` (graph by level, links, aligned
requirements), ``/diff/{old}/{new}`` (side by side). Every page has a JSON twin
(``?format=json``) and its tables a CSV export (``?format=csv&table=…``).
"""
