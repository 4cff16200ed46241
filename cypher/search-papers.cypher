// name: search-papers
// description: Papers whose title or abstract contains every search term (case-insensitive), title hits and upvotes first.
// param: terms = ["quantization"]  # words or phrases, all must occur; on the command line: terms=int8,edge
// param: limit = 25
MATCH (p:Paper)
WITH p, toLower(coalesce(p.title, "")) AS title, toLower(coalesce(p.abstract, "")) AS abstract
UNWIND $terms AS term
WITH p, title, abstract, toLower(term) AS t
WHERE title CONTAINS t OR abstract CONTAINS t
WITH p, count(*) AS matched, sum(CASE WHEN title CONTAINS t THEN 1 ELSE 0 END) AS title_hits
WHERE matched = size($terms)
RETURN p.id AS paper_id, p.title AS paper, p.published AS published, p.upvotes AS upvotes,
       title_hits, p.url AS url
ORDER BY title_hits DESC, coalesce(p.upvotes, -1) DESC, paper_id
LIMIT $limit
