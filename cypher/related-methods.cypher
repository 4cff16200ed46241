// name: related-methods
// description: Methods related to a method by shared target hardware and improved metrics, most shared first (empty method: every related pair).
// param: method = ""  # a method name, alias or id; empty for all pairs
// param: limit = 50
WITH toLower($method) AS wanted
MATCH (m:Method)
WHERE $method = "" OR toLower(m.name) = wanted OR m.id = $method
   OR any(a IN m.aliases WHERE toLower(a) = wanted)
MATCH (m)-[:TARGETS|IMPROVES]->(s)<-[:TARGETS|IMPROVES]-(o:Method)
WHERE m.id <> o.id AND ($method <> "" OR m.id < o.id)
WITH m, o, count(DISTINCT s) AS shared
OPTIONAL MATCH (m)-[:TARGETS]->(h:Hardware)<-[:TARGETS]-(o)
WITH m, o, shared, count(DISTINCT h) AS shared_hardware
OPTIONAL MATCH (m)-[:IMPROVES]->(x:Metric)<-[:IMPROVES]-(o)
WITH m, o, shared, shared_hardware, count(DISTINCT x) AS shared_metrics
RETURN m.id AS method_id, m.name AS method, o.id AS related_id, o.name AS related,
       shared_hardware, shared_metrics, shared
ORDER BY shared DESC, shared_hardware DESC, method_id, related_id
LIMIT $limit
