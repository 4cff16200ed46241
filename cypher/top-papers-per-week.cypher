// name: top-papers-per-week
// description: The most upvoted papers of each week (weeks start on Monday; papers without a full YYYY-MM-DD date are left out), latest week first.
// param: per_week = 3  # how many papers per week
// param: since = ""  # only papers published on or after this ISO date (YYYY-MM-DD); empty for all
// Week arithmetic differs between the stores: variants/<store>/top-papers-per-week.cypher.
MATCH (p:Paper)
WHERE p.upvotes IS NOT NULL AND p.published =~ "[0-9]{4}-[0-9]{2}-[0-9]{2}"
  AND p.published >= $since
WITH toString(date.truncate("week", date(p.published))) AS week, collect(p) AS papers
UNWIND papers AS p
UNWIND papers AS q
WITH week, p, q
WHERE q.upvotes > p.upvotes OR (q.upvotes = p.upvotes AND q.id <= p.id)
WITH week, p, count(q) AS rank
WHERE rank <= $per_week
RETURN week, rank, p.id AS paper_id, p.title AS paper, p.upvotes AS upvotes,
       p.published AS published
ORDER BY week DESC, rank
