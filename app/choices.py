"""The values a record's field may take, for the layers above the database (the desk's
drop-downs, the CLI's choices): asset kinds, encryption methods, incident outcomes,
location kinds.

The models define them (``db.models``); the desk imports them from here, never from the
models (``tests/unit/test_layers.py``).
"""

from __future__ import annotations

from db.models import ASSET_KINDS, ENCRYPTION_METHODS, INCIDENT_OUTCOMES
from db.places import LOCATION_KINDS

__all__ = ["ASSET_KINDS", "ENCRYPTION_METHODS", "INCIDENT_OUTCOMES", "LOCATION_KINDS"]
