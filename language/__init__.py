"""The language layer: how Chinese policy text writes numbers, figures, dates, sentences, the
places it speaks as, document numbers and cited titles. Shared by ingest, extractors and factcheck;
it imports none of them. See README.md."""
