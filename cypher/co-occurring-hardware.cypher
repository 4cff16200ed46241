// name: co-occurring-hardware
// description: Pairs of hardware targeted by the same methods, with how many methods and papers share them.
// param: min_methods = 1
// param: limit = 50
MATCH (a:Hardware)<-[ta:TARGETS]-(m:Method)-[tb:TARGETS]->(b:Hardware)
WHERE a.id < b.id
WITH a, b, count(DISTINCT m) AS methods, count(DISTINCT ta.paper_id) AS papers
WHERE methods >= $min_methods
RETURN a.id AS hardware_id, a.name AS hardware, b.id AS other_hardware_id, b.name AS other_hardware,
       methods, papers
ORDER BY methods DESC, papers DESC, hardware_id, other_hardware_id
LIMIT $limit
