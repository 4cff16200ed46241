// name: overview
// description: How big the graph is: nodes per label, relationships per type, and how many papers yielded claims.
RETURN
  COUNT { MATCH (:Paper) } AS papers,
  COUNT { MATCH (p:Paper) WHERE EXISTS { MATCH (p)-[:PROPOSES]->(:Method) } } AS papers_with_methods,
  COUNT { MATCH (:Method) } AS methods,
  COUNT { MATCH (:Hardware) } AS hardware,
  COUNT { MATCH (:Metric) } AS metrics,
  COUNT { MATCH (:Dataset) } AS datasets,
  COUNT { MATCH (:Task) } AS tasks,
  COUNT { MATCH (:Paper)-[:PROPOSES]->(:Method) } AS proposes,
  COUNT { MATCH (:Method)-[:TARGETS]->(:Hardware) } AS targets,
  COUNT { MATCH (:Method)-[:IMPROVES]->(:Metric) } AS improves,
  COUNT { MATCH (:Method)-[:EVALUATED_ON]->(:Dataset) } AS evaluated_on,
  COUNT { MATCH (:Method)-[:ADDRESSES]->(:Task) } AS addresses
