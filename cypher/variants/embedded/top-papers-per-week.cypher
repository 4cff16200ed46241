// name: top-papers-per-week
// LadybugDB variant: no date.truncate/toString; date_trunc('week', ...) also starts weeks on Monday.
MATCH (p:Paper)
WHERE p.upvotes IS NOT NULL AND p.published =~ "[0-9]{4}-[0-9]{2}-[0-9]{2}"
  AND p.published >= $since
WITH CAST(date_trunc("week", date(p.published)) AS STRING) AS week, collect(p) AS papers
UNWIND papers AS p
UNWIND papers AS q
WITH week, p, q
WHERE q.upvotes > p.upvotes OR (q.upvotes = p.upvotes AND q.id <= p.id)
WITH week, p, count(q) AS rank
WHERE rank <= $per_week
RETURN week, rank, p.id AS paper_id, p.title AS paper, p.upvotes AS upvotes,
       p.published AS published
ORDER BY week DESC, rank
