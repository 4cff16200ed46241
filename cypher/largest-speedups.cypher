// name: largest-speedups
// description: The largest parsed "N x" improvements (speed-ups by default), with method, metric, baseline, paper and evidence.
// param: family = "speed"  # metric family to rank; empty for every family
// param: limit = 20
MATCH (m:Method)-[i:IMPROVES]->(x:Metric)
WHERE i.number IS NOT NULL AND toLower(i.unit) IN ["x", "times", "×"]
  AND ($family = "" OR x.family = $family)
OPTIONAL MATCH (p:Paper) WHERE p.id = i.paper_id
RETURN m.id AS method_id, m.name AS method, x.id AS metric_id, x.name AS metric,
       x.family AS family, i.number AS speedup, i.value AS value, i.baseline AS baseline,
       i.dataset AS dataset, i.paper_id AS paper_id, p.title AS paper, i.evidence AS evidence
ORDER BY speedup DESC, method_id, metric_id, paper_id, i.id
LIMIT $limit
