"""Extraction tables out to linked data: FHIR R4 resources (fhir.py) and RDF (graph.py), read
note by note from the Parquet (rows.py), and the embedded SPARQL store (pyoxigraph)."""
