-- Views published with the database (canned queries with parameters are in metadata.yaml).
-- Copies of one content (database/content.py) count once: views over standards and checks keep
-- the rows of each content's primary copy.

-- One row per content, with its copies.
CREATE VIEW contents AS
SELECT c.content_id, p.title, p.kind, p.published, p.home_region, c.copies,
       group_concat(d.name, ' · ') AS files
FROM document_contents c
JOIN documents p ON p.id = c.content_id
JOIN documents d ON d.id = c.document_id
GROUP BY c.content_id;

-- Every standard of a content (once) with its region's name, level and coordinates and Chinese
-- labels: the map (datasette-cluster-map draws any result with latitude/longitude columns) and
-- facets by region level and year.
CREATE VIEW standards_by_region AS
SELECT s.id, coalesce(r.name, s.region) AS region, s.adcode, r.level AS region_level,
       p.zh AS 项目, a.zh AS 城乡, m.zh AS 指标,
       s.program, s.area, s.variant, s.metric, s.value, s.value_max, s.unit, s.previous,
       s.period, s.year, s.status, s.quote, s.document_id, d.title AS document_title,
       c.copies, r.latitude, r.longitude
FROM standards s
JOIN documents d ON d.id = s.document_id
JOIN document_contents c ON c.document_id = s.document_id AND c.content_id = s.document_id
LEFT JOIN programs p ON p.code = s.program
LEFT JOIN areas a ON a.code = s.area
LEFT JOIN metrics m ON m.code = s.metric
LEFT JOIN regions r ON r.code = s.adcode;

-- Every fact with Chinese labels and its region's level and coordinates.
CREATE VIEW facts_by_region AS
SELECT f.id AS fact_id, f.region, f.adcode, r.level AS region_level,
       p.zh AS 项目, a.zh AS 城乡, m.zh AS 指标, v.zh AS 类别, u.zh AS 单位,
       f.value, f.value_max, f.period, f.year, st.zh AS 状态, f.sources, f.derived, f.conflict,
       f.valid_from, f.valid_to, f.quote, f.document_id, f.standard_id,
       f.program, f.area, f.variant, f.metric, f.unit, f.status, r.latitude, r.longitude
FROM facts f
LEFT JOIN programs p ON p.code = f.program
LEFT JOIN areas a ON a.code = f.area
LEFT JOIN metrics m ON m.code = f.metric
LEFT JOIN variants v ON v.code = f.variant
LEFT JOIN units u ON u.code = f.unit
LEFT JOIN statuses st ON st.code = f.status
LEFT JOIN regions r ON r.code = f.adcode;

-- The fact-checker's verdicts that do not add up, once per content, with the document they come from.
CREATE VIEW inconsistent_checks AS
SELECT c.id, c.kind, c.stated, c.recomputed, c.explanation, c.quote, c.inputs,
       c.document_id, d.title AS document_title, d.name AS source, dc.copies
FROM checks c
JOIN documents d ON d.id = c.document_id
JOIN document_contents dc ON dc.document_id = c.document_id AND dc.content_id = c.document_id
WHERE c.verdict = 'inconsistent';
