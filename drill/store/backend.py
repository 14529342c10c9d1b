"""What the two store backends share: one connection, named in messages by ``label``.

Each backend (``sqlite_backend``, ``postgres_backend``) adds how it connects, its transactions and
error messages, and the few words of SQL that differ (``greatest``, ``insertion_order``, ``lock_drill``).
"""

from __future__ import annotations

from drill.store.errors import StoreError


class Backend:
    kind: str
    label: str
    _conn = None

    @property
    def connection(self):
        if self._conn is None:
            raise StoreError(f"the drill store {self.label} is closed")
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
