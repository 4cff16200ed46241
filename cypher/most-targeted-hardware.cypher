// name: most-targeted-hardware
// description: Hardware ranked by how many methods target it, with the number of papers making those claims.
// param: hardware_class = ""  # only this class (GPU, edge, ...); empty for every class
// param: limit = 25
MATCH (m:Method)-[t:TARGETS]->(h:Hardware)
WHERE $hardware_class = "" OR toLower(h.class) = toLower($hardware_class)
WITH h, count(DISTINCT m) AS methods, count(DISTINCT t.paper_id) AS papers
RETURN h.id AS hardware_id, h.name AS hardware, h.class AS hardware_class, h.vendor AS vendor,
       methods, papers
ORDER BY methods DESC, papers DESC, hardware_id
LIMIT $limit
