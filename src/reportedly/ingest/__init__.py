"""Reading: every input a command takes, made into articles (text and metadata).

- :mod:`.files`: one file or stream as text (binary refused, encoding decoded);
- :mod:`.decoding`: bytes as text (byte order marks, UTF-8, a prior for news text,
  charset detection);
- :mod:`.sources`: folders, globs, ``-``, URLs, JSONL, feeds, WARC and ``.gz`` as
  articles, with limits per input (:mod:`.pages` for HTML, :mod:`.warc`,
  :mod:`.fetch`, :mod:`.dates`, :mod:`.articles` for the records).

Every reader turns a bad input into an :class:`~.files.InputFailure` with its reason,
never an exception that would cost the other inputs. Storing what was read is the
corpus's business (:mod:`reportedly.corpus.load`).
"""
