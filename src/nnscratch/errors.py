"""Errors a user can cause and fix.

Every error raised at a boundary (CLI flag, file, HTTP request, saved model,
public API argument) is one of these, with a message that names the bad value
and says what to do. The CLI prints the message as one line; the web server
turns it into a 4xx response. Bugs stay ordinary exceptions with tracebacks.
"""


class NNScratchError(Exception):
    """Base class of the errors that users can cause and fix."""


class ConfigError(NNScratchError, ValueError):
    """A parameter value that is out of range or of the wrong kind."""


class DataError(NNScratchError, ValueError):
    """A data file (IDX, CSV, image) that is missing, malformed or inconsistent."""


class ModelFileError(NNScratchError, ValueError):
    """A model file that cannot be loaded: wrong format, version, keys, shapes or values."""


class DownloadError(NNScratchError):
    """Every mirror failed; the message lists what was tried and how to place files by hand."""


class DivergenceError(NNScratchError):
    """Training produced a non-finite or exploding loss.

    The network keeps the parameters of the last finite step, so callers can
    still inspect or save them.
    """

    def __init__(self, message, *, epoch=None, loss=None):
        super().__init__(message)
        self.epoch = epoch
        self.loss = loss


class MissingExtraError(NNScratchError, ImportError):
    """An optional dependency is not installed; the message names the pip extra."""


def require(module, extra):
    """Import an optional dependency, or fail naming the extra that provides it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"this feature needs the '{module}' package: "
            f'pip install "nnscratch[{extra}]"'
        ) from exc
