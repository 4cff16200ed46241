// name: edge-efficiency
// description: Methods that target edge or mobile devices and improve latency or memory, with the hardware, the claim and its evidence.
// param: classes = ["edge", "mobile", "microcontroller"]  # hardware classes that count as on-device
// param: families = ["speed", "memory"]  # metric families that count (speed covers latency, FPS, throughput)
MATCH (m:Method)-[:TARGETS]->(h:Hardware)
WHERE h.class IN $classes
MATCH (m)-[i:IMPROVES]->(x:Metric)
WHERE x.family IN $families
OPTIONAL MATCH (p:Paper) WHERE p.id = i.paper_id
RETURN m.id AS method_id, m.name AS method, h.id AS hardware_id, h.name AS hardware,
       x.id AS metric_id, x.name AS metric, x.family AS family, i.value AS value,
       i.paper_id AS paper_id, p.title AS paper, i.evidence AS evidence
ORDER BY method, method_id, hardware_id, metric_id, paper_id, i.id
