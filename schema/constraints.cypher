// Neo4j 5 constraints and indexes for the kg graph model (kg/model.py).
// Applied by `kg schema apply` and automatically before the first `kg load`; every statement is
// IF NOT EXISTS, so applying again is harmless. Kept equal to kg/stores/neo4j.py:schema_statements()
// by tests/test_stores.py::test_constraints_file_matches_the_code.

// Node ids: unique per label (also the index every MERGE / MATCH by id uses).
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT method_id IF NOT EXISTS FOR (n:Method) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT hardware_id IF NOT EXISTS FOR (n:Hardware) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT metric_id IF NOT EXISTS FOR (n:Metric) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;

// Relationship ids: unique per type. Relationship property uniqueness constraints are
// Community Edition features since Neo4j 5.7; the load's existence check and MERGE use them.
CREATE CONSTRAINT proposes_id IF NOT EXISTS FOR ()-[r:PROPOSES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT targets_id IF NOT EXISTS FOR ()-[r:TARGETS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT improves_id IF NOT EXISTS FOR ()-[r:IMPROVES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT evaluated_on_id IF NOT EXISTS FOR ()-[r:EVALUATED_ON]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT addresses_id IF NOT EXISTS FOR ()-[r:ADDRESSES]-() REQUIRE r.id IS UNIQUE;

// Lookups by name and by the properties canned queries filter on.
CREATE INDEX method_name IF NOT EXISTS FOR (n:Method) ON (n.name);
CREATE INDEX hardware_name IF NOT EXISTS FOR (n:Hardware) ON (n.name);
CREATE INDEX metric_name IF NOT EXISTS FOR (n:Metric) ON (n.name);
CREATE INDEX dataset_name IF NOT EXISTS FOR (n:Dataset) ON (n.name);
CREATE INDEX task_name IF NOT EXISTS FOR (n:Task) ON (n.name);
CREATE INDEX hardware_class IF NOT EXISTS FOR (n:Hardware) ON (n.`class`);
CREATE INDEX metric_family IF NOT EXISTS FOR (n:Metric) ON (n.family);
CREATE INDEX paper_arxiv_id IF NOT EXISTS FOR (n:Paper) ON (n.arxiv_id);
CREATE INDEX paper_published IF NOT EXISTS FOR (n:Paper) ON (n.published);

// All claims of one paper (provenance), per relationship type.
CREATE INDEX proposes_paper_id IF NOT EXISTS FOR ()-[r:PROPOSES]-() ON (r.paper_id);
CREATE INDEX targets_paper_id IF NOT EXISTS FOR ()-[r:TARGETS]-() ON (r.paper_id);
CREATE INDEX improves_paper_id IF NOT EXISTS FOR ()-[r:IMPROVES]-() ON (r.paper_id);
CREATE INDEX evaluated_on_paper_id IF NOT EXISTS FOR ()-[r:EVALUATED_ON]-() ON (r.paper_id);
CREATE INDEX addresses_paper_id IF NOT EXISTS FOR ()-[r:ADDRESSES]-() ON (r.paper_id);

// Full-text search over papers: CALL db.index.fulltext.queryNodes('paper_text', 'int8 edge')
CREATE FULLTEXT INDEX paper_text IF NOT EXISTS FOR (n:Paper) ON EACH [n.title, n.title_plain, n.abstract] OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
