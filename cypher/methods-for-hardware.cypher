// name: methods-for-hardware
// description: Methods that target a hardware class or name (GPU, edge, V100, ...), one row per claim with its paper and evidence.
// param: hardware = "GPU"  # a hardware class (GPU, CPU, TPU, NPU, FPGA, ASIC, mobile, edge, microcontroller, accelerator) or part of a hardware name
// param: limit = 200
WITH toLower($hardware) AS wanted
MATCH (m:Method)-[t:TARGETS]->(h:Hardware)
WHERE toLower(h.class) = wanted OR toLower(h.name) CONTAINS wanted OR h.id = $hardware
OPTIONAL MATCH (p:Paper) WHERE p.id = t.paper_id
RETURN m.id AS method_id, m.name AS method, h.id AS hardware_id, h.name AS hardware,
       h.class AS hardware_class, t.paper_id AS paper_id, p.title AS paper, t.evidence AS evidence
ORDER BY method, method_id, hardware_id, paper_id, t.id
LIMIT $limit
