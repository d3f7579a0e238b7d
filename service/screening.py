"""Service layer: screen one counterparty against the loaded catalog.

Shared by the HTTP API, the batch jobs and the CLI, so all three decide the same way.
CONTRACT (implemented by the API owner; batch and CLI depend on exactly this):

    @dataclass(frozen=True)
    class ScreenRequest:
        name: str
        entity_type: str | None = None          # person | organization | vessel | aircraft
        country: str | None = None              # ISO alpha-2 or a country name, as given
        date_of_birth: str | None = None
        identifiers: tuple[Identifier, ...] = ()
        lists: tuple[str, ...] | None = None
        threshold: float | None = None          # None -> settings.threshold

    @dataclass(frozen=True)
    class ScreenResult:
        screening_id: str
        decision: str                           # clear | review | block
        matches: tuple[Match, ...]              # best first
        reasons: tuple[dict, ...]               # why the decision (name match, jurisdiction ...)
        lists: dict[str, dict]                  # list id -> {"version": ..., "sample": bool}
        screened_at: str                        # ISO 8601 UTC

    class Screener:
        def __init__(self, catalog, settings): ...
        def screen(self, request: ScreenRequest) -> ScreenResult
            # raises service.screening.ScreeningUnavailable when no list is loaded
"""
