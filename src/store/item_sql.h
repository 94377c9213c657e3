/* The SQL pieces every listing of catalogue items shares: the columns read
 * into a struct gk_item (item_store.c's read_item), the joins, the filters
 * and the orders. Listings with a search are the backend's (fulltext.h);
 * they are built from these pieces so both kinds read the same rows. */
#ifndef GK_STORE_ITEM_SQL_H
#define GK_STORE_ITEM_SQL_H

#define GK_ITEM_COLS                                                                            \
	"i.id, i.agency_id, i.status, i.revision, COALESCE(i.index_no, ''), i.title, i.topic, " \
	"i.genre, i.column_code, i.doc_no, i.written, i.published, i.validity, i.effective, "   \
	"i.ended, i.repealed_by, i.normative, i.outlets, i.keywords, i.summary, "               \
	"i.interp_kind, COALESCE(i.interprets_id, 0), i.updated_at, a.code, a.name, "           \
	"COALESCE(p.title, ''), COALESCE(p.index_no, '')"
#define GK_ITEM_NCOLS 27
/* The policy an interpretation explains is named only while it is
 * published: a withdrawn one's title and 索引号 are no one's to read from
 * the item that links to it (staff forms look it up: gk_store_item_head). */
#define GK_ITEM_JOIN                             \
	" JOIN agencies a ON a.id = i.agency_id" \
	" LEFT JOIN items p ON p.id = i.interprets_id AND p.status = 'published'"

/* One WHERE tail for every listing; each condition is off when its value is
 * NULL: ?1 agency, ?2 agency and those below it, ?3 topic (and its
 * sub-topics), ?4 genre, ?5 column, ?6 year, ?7 validity, ?8 the staff
 * member's subtree. The CAST gives PostgreSQL a NULL's type. */
#define GK_ITEM_FILTER                                                                                      \
	" AND (CAST(?1 AS BIGINT) IS NULL OR i.agency_id = ?1)"                                             \
	" AND (CAST(?2 AS BIGINT) IS NULL OR i.agency_id IN (SELECT d.id FROM agencies d, agencies r"       \
	"      WHERE r.id = ?2 AND substr(d.path, 1, length(r.path)) = r.path))"                            \
	" AND (CAST(?3 AS TEXT) IS NULL OR i.topic = ?3 OR substr(i.topic, 1, length(?3) + 1) = ?3 || '.')" \
	" AND (CAST(?4 AS TEXT) IS NULL OR i.genre = ?4)"                                                   \
	" AND (CAST(?5 AS TEXT) IS NULL OR i.column_code = ?5)"                                             \
	" AND (CAST(?6 AS BIGINT) IS NULL OR i.year = ?6)"                                                  \
	" AND (CAST(?7 AS TEXT) IS NULL OR i.validity = ?7)"                                                \
	" AND (CAST(?8 AS BIGINT) IS NULL OR i.agency_id IN (SELECT d.id FROM agencies d, agencies r"       \
	"      WHERE r.id = ?8 AND substr(d.path, 1, length(r.path)) = r.path))"
#define GK_ITEM_PUBLIC " WHERE i.status = 'published'"
#define GK_ITEM_STAFF  " WHERE 1 = 1"
/* ?9 limit, ?10 offset */
#define GK_ITEM_NEWEST " ORDER BY i.published DESC, i.id DESC LIMIT ?9 OFFSET ?10"
#define GK_ITEM_RECENT " ORDER BY i.updated_at DESC, i.id DESC LIMIT ?9 OFFSET ?10"

#endif
