"""Alert work: the queue of non-clear screenings, dispositions with four eyes, and the
suppression of cleared false positives. Pure of Flask (API, CLI and workers share it);
everything lives in the records store and every transition is a link of its chain.
"""
