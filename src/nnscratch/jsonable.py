"""One converter from NumPy results to JSON-ready data, for the CLI's --json and the web lab.

Non-finite floats have no JSON spelling: they become None (null), so a document is
always complete and valid (``json.dumps(..., allow_nan=False)`` never fails on them).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def jsonable(value: Any) -> Any:
    """``value`` with arrays as lists, NumPy scalars as Python numbers, and NaN/inf as None."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, np.generic):
        return jsonable(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
