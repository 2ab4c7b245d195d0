"""Reading a corpus: every query the CLI, the Python API and the explorer run, in one place.

- :mod:`.connection`: a corpus opened read-only (:class:`~.connection.Corpus`, the explorer's
  handle: one connection per thread, refreshed when the file changes) and the row helpers;
- :mod:`.quotes`: who said what (``reportedly quotes``, :func:`reportedly.corpus.quotes`);
- :mod:`.search`: full-text search, plain (``reportedly search``) and faceted (the explorer);
- :mod:`.articles`: the explorer's overview, article lists, one article, a speaker's quotes;
- :mod:`.speakers`: who is who: people (once linking has run) or folded names;
- :mod:`.links`: copies of articles and quote clusters;
- :mod:`.timeline`: ``reportedly trace``: a quote's or an article's timeline with its changes.

The CLI and the Python API pass a :class:`sqlite_utils.Database` (as
:func:`~reportedly.corpus.store.open_db` gives it); the explorer a
:class:`~.connection.Corpus`. Every query is parameterised; the SQL fragments put together
into one statement are constants of these modules, never text from a request.
"""
