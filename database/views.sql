-- Views published with the database (canned queries with parameters are in metadata.yaml).

-- Every standard with its region's name, level and coordinates: the map (datasette-cluster-map
-- draws any result with latitude/longitude columns) and facets by region level and year.
CREATE VIEW standards_by_region AS
SELECT s.id, coalesce(r.name, s.region) AS region, s.adcode, r.level AS region_level,
       s.program, s.area, s.variant, s.metric, s.value, s.value_max, s.unit, s.previous,
       s.period, s.year, s.status, s.quote, s.document_id, d.title AS document_title,
       r.latitude, r.longitude
FROM standards s
JOIN documents d ON d.id = s.document_id
LEFT JOIN regions r ON r.code = s.adcode;

-- The fact-checker's verdicts that do not add up, with the document they come from.
CREATE VIEW inconsistent_checks AS
SELECT c.id, c.kind, c.stated, c.recomputed, c.explanation, c.quote, c.inputs,
       c.document_id, d.title AS document_title, d.name AS source
FROM checks c
JOIN documents d ON d.id = c.document_id
WHERE c.verdict = 'inconsistent';
