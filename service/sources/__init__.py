"""List parsers: publisher files in a folder -> normalised entities. No storage here.

Contract (other packages rely on exactly this):

    parse_folder(list_id: str, folder: Path) -> ParsedList
        Parse the publisher files for ``list_id`` found in ``folder`` (the list's own
        subfolder, files under their official names). Raises SourceError when the
        folder holds no parseable file for that list, or a file is malformed.

    KNOWN_LISTS: tuple[str, ...]  -- list ids we can parse
        ("ofac_sdn", "ofac_cons", "un", "eu", "uk_ofsi")

    ParsedList(list_id, entities: tuple[Entity, ...], version: str, files: tuple[Path, ...])
        version = publisher's date (ISO yyyy-mm-dd) where the files carry one,
        else "sha256:<first 16 hex of the content hash>".
"""
