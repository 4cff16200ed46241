// name: hardware-by-metric-family
// description: Which hardware is most targeted per metric family: methods that target the hardware and improve a metric of that family.
// param: family = ""  # one metric family (speed, memory, accuracy, energy, ...); empty for all
// param: min_methods = 1
MATCH (h:Hardware)<-[:TARGETS]-(m:Method)-[i:IMPROVES]->(x:Metric)
WHERE $family = "" OR x.family = $family
WITH x.family AS family, h, count(DISTINCT m) AS methods, count(DISTINCT i.paper_id) AS papers
WHERE methods >= $min_methods
RETURN family, h.id AS hardware_id, h.name AS hardware, h.class AS hardware_class, methods, papers
ORDER BY family, methods DESC, papers DESC, hardware_id
