// name: method-claims
// description: Everything the graph says about one method (name, alias or id): hardware, metrics, datasets, tasks, with values and evidence.
// param: method = "SPARE"  # a method name, alias or id (case-insensitive)
WITH toLower($method) AS wanted
MATCH (m:Method)
WHERE toLower(m.name) = wanted OR m.id = $method OR any(a IN m.aliases WHERE toLower(a) = wanted)
MATCH (m)-[r]->(n)
OPTIONAL MATCH (p:Paper) WHERE p.id = r.paper_id
WITH m, r, n, p, type(r) AS claim
RETURN m.id AS method_id, m.name AS method, claim, n.id AS target_id, n.name AS target,
       r.value AS value, r.baseline AS baseline, r.dataset AS dataset, r.paper_id AS paper_id,
       p.title AS paper, r.evidence AS evidence, r.confidence AS confidence
ORDER BY method_id, claim, target_id, paper_id, r.id
