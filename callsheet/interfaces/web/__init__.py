"""The web interface: JSON API, Atom feed and pages in one FastAPI application."""
from callsheet.interfaces.web.app import create_app

__all__ = ["create_app"]
