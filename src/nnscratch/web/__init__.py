"""The web lab (`nnscratch serve`): the lecture's demos in the browser, computed by this library."""

from nnscratch.web.app import create_app

__all__ = ["create_app"]
