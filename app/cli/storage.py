"""The practice app's database for a CLI command. It is opened by the service layer
(app/practice/storage.py); this name stays for the commands that still import it from here."""

from app.practice.storage import with_db

__all__ = ["with_db"]
