/* The catalogue's full-text index in SQLite: an FTS5 table of our bigram
 * tokens with its plain unicode61 tokenizer, matched by quoted phrases. */
#include "store/fulltext.h"
#include "core/search.h"
#include "store/item_sql.h"

/* CROSS JOIN: the full-text match drives, never a scan of items probing it */
#define FROM  " FROM item_fts f CROSS JOIN items i ON i.id = f.rowid"
#define MATCH " AND item_fts MATCH ?11"

struct match {
	struct gk_buf *out;
	int n;
};

static void add_term(const struct gk_search_term *t, void *ctx)
{
	struct match *m = ctx;
	/* each term a phrase; the tokens never hold a quote or FTS5 syntax */
	if (m->n++)
		gk_buf_puts(m->out, " AND ");
	gk_buf_putc(m->out, '"');
	gk_buf_add(m->out, t->tokens, t->len);
	gk_buf_putc(m->out, '"');
	if (t->prefix)
		gk_buf_puts(m->out, " *");
}

static bool match(struct gk_buf *out, const char *query)
{
	size_t start = out->len;
	struct match m = {out, 0};
	if (gk_search_terms(query, add_term, &m) == 0 || out->failed) {
		out->len = start;
		if (out->cap)
			out->data[start] = '\0';
		return false;
	}
	return true;
}

const struct gk_fulltext gk_sqlite_fulltext = {
	.list_public = "SELECT " GK_ITEM_COLS FROM GK_ITEM_JOIN GK_ITEM_PUBLIC MATCH GK_ITEM_FILTER
		GK_ITEM_NEWEST,
	.count_public = "SELECT count(*)" FROM GK_ITEM_PUBLIC MATCH GK_ITEM_FILTER,
	.list_staff = "SELECT " GK_ITEM_COLS FROM GK_ITEM_JOIN GK_ITEM_STAFF MATCH GK_ITEM_FILTER
		GK_ITEM_RECENT,
	.count_staff = "SELECT count(*)" FROM GK_ITEM_STAFF MATCH GK_ITEM_FILTER,
	.put = "INSERT INTO item_fts(rowid, title, meta, body) VALUES (?1, ?2, ?3, ?4)",
	.remove = "DELETE FROM item_fts WHERE rowid = ?1",
	.match = match,
};
