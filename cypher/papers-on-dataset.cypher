// name: papers-on-dataset
// description: Papers proposing methods evaluated on a dataset (name or part of it), with the evaluation evidence.
// param: dataset = "ImageNet"  # a dataset name or part of one (case-insensitive), or its id
WITH toLower($dataset) AS wanted
MATCH (p:Paper)-[:PROPOSES]->(m:Method)-[e:EVALUATED_ON]->(d:Dataset)
WHERE toLower(d.name) CONTAINS wanted OR d.id = $dataset
RETURN p.id AS paper_id, p.title AS paper, p.published AS published, m.id AS method_id,
       m.name AS method, d.id AS dataset_id, d.name AS dataset, e.paper_id AS evidence_paper_id,
       e.evidence AS evidence
ORDER BY paper_id, method_id, dataset_id, evidence_paper_id, e.id
