// name: methods-vs-baseline
// description: Methods reported against a given baseline (IMPROVES.baseline contains the text), with the metric, value and evidence.
// param: baseline = "LLaMA"  # text to find in the baseline a claim compares against (case-insensitive)
WITH toLower($baseline) AS wanted
MATCH (m:Method)-[i:IMPROVES]->(x:Metric)
WHERE toLower(i.baseline) CONTAINS wanted
OPTIONAL MATCH (p:Paper) WHERE p.id = i.paper_id
RETURN m.id AS method_id, m.name AS method, i.baseline AS baseline, x.id AS metric_id,
       x.name AS metric, i.value AS value, i.direction AS direction, i.dataset AS dataset,
       i.paper_id AS paper_id, p.title AS paper, i.evidence AS evidence
ORDER BY method, method_id, metric_id, paper_id, i.id
