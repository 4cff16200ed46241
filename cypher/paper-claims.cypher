// name: paper-claims
// description: What one paper (id, arXiv id or title text) proposes and claims, one row per extracted relationship with evidence.
// param: paper = "quantization"  # a paper id, an arXiv id, or part of its title (case-insensitive)
WITH toLower($paper) AS wanted
MATCH (p:Paper)
WHERE p.id = $paper OR p.arxiv_id = $paper OR toLower(p.title) CONTAINS wanted
MATCH (p)-[pr:PROPOSES]->(m:Method)
OPTIONAL MATCH (m)-[r]->(n) WHERE r.paper_id = p.id
WITH p, pr, m, r, n, type(r) AS claim
RETURN p.id AS paper_id, p.title AS paper, m.id AS method_id, m.name AS method,
       pr.main AS main_method, claim, n.id AS target_id, n.name AS target, r.value AS value,
       coalesce(r.evidence, pr.evidence) AS evidence
ORDER BY paper_id, method_id, claim, target_id, r.id
