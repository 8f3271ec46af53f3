"""Search: a request in, plain results out (the CLI, JSON API and web all call `service`).

- request:     SearchRequest, its parameters and validation
- service:     SearchService, one snapshot of the index per public call
- facets:      filter masks and facet counts over the sidecar arrays
- highlight, concordance, suggest: marked words, KWIC lines, did-you-mean
- results:     the plain result dataclasses
"""
