"""Fixtures of the attribution tests."""

from __future__ import annotations

import pytest

from reportedly.attribution.encoder import TokenEncoder


@pytest.fixture(scope="session")
def token_encoder() -> TokenEncoder:
    """The installed token encoder, loaded once for the whole session (a second or two)."""
    from reportedly.attribution.encoder import load_encoder

    return load_encoder()
