"""List storage and loading: downloaded versions on disk, updates, and the catalog.

Parsers (``service.sources``) turn files into entities; this package decides which
files are served, keeps versions, refuses bad updates and builds the catalog the API,
batch jobs and CLI screen against.
"""

from service.store.catalog import Catalog, NoListsLoaded, load_catalog
from service.store.show import show_lists
from service.store.update import ListUpdate, UpdateReport, update_list, update_lists
from service.store.versions import KEEP_PREVIOUS, ListStore, Manifest, store_root

__all__ = [
    "KEEP_PREVIOUS",
    "Catalog",
    "ListStore",
    "ListUpdate",
    "Manifest",
    "NoListsLoaded",
    "UpdateReport",
    "load_catalog",
    "show_lists",
    "store_root",
    "update_list",
    "update_lists",
]
