/* CSV: a writer that quotes only when needed, and a record reader that
 * follows quoted fields across lines and counts lines for error reports. */
#include <string.h>

#include "lib/csv.h"

void gk_csv_field(struct gk_buf *b, const char *value, bool last)
{
	const char *v = value ? value : "";
	/* the guard goes inside the quotes: before them, the quotes would be
	 * read as text and the field split at its commas */
	bool guard = v[0] && strchr("=+@\t", v[0]);
	if (strpbrk(v, ",\"\r\n")) {
		gk_buf_putc(b, '"');
		if (guard)
			gk_buf_putc(b, '\'');
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				gk_buf_putc(b, '"');
			gk_buf_putc(b, *p);
		}
		gk_buf_putc(b, '"');
	} else {
		if (guard)
			gk_buf_putc(b, '\'');
		gk_buf_puts(b, v);
	}
	gk_buf_puts(b, last ? "\r\n" : ",");
}

void gk_csv_reader_init(struct gk_csv_reader *r, FILE *in)
{
	memset(r, 0, sizeof *r);
	r->in = in;
	r->next_line = 1;
	gk_buf_init(&r->text, 4 << 20);
}

void gk_csv_reader_release(struct gk_csv_reader *r)
{
	gk_buf_release(&r->text);
}

/* Skips to the end of the current line after an error. */
static void skip_line(struct gk_csv_reader *r)
{
	int c;
	while ((c = getc(r->in)) != EOF && c != '\n')
		;
	r->next_line++;
}

int gk_csv_read(struct gk_csv_reader *r)
{
	size_t starts[GK_CSV_MAX_FIELDS];
	int c, quoted = 0, after_quote = 0, any = 0;
	gk_buf_reset(&r->text);
	r->nfields = 0;
	r->line = r->next_line;
	starts[r->nfields++] = 0;
	for (;;) {
		c = getc(r->in);
		if (c == EOF) {
			if (quoted)
				return -1;
			if (!any)
				return 0;
			break;
		}
		any = 1;
		if (quoted) {
			if (c == '"') {
				int d = getc(r->in);
				if (d == '"') {
					gk_buf_putc(&r->text, '"');
					continue;
				}
				if (d != EOF)
					ungetc(d, r->in);
				quoted = 0;
				after_quote = 1;
				continue;
			}
			if (c == '\n')
				r->next_line++;
			gk_buf_putc(&r->text, (char)c);
		} else if (c == '"' && !after_quote && r->text.len == starts[r->nfields - 1]) {
			quoted = 1;
		} else if (c == ',') {
			if (r->nfields == GK_CSV_MAX_FIELDS) {
				skip_line(r);
				return -1;
			}
			gk_buf_putc(&r->text, '\0');
			starts[r->nfields++] = r->text.len;
			after_quote = 0;
		} else if (c == '\n') {
			r->next_line++;
			break;
		} else if (c == '\r') {
			continue;
		} else {
			gk_buf_putc(&r->text, (char)c);
		}
		if (r->text.failed) {
			skip_line(r);
			return -1;
		}
	}
	gk_buf_putc(&r->text, '\0');
	if (r->text.failed)
		return -1;
	for (int i = 0; i < r->nfields; i++) {
		const char *f = r->text.data + starts[i];
		/* undo the writer's formula guard */
		if (f[0] == '\'' && f[1] && strchr("=+@\t", f[1]))
			f++;
		r->fields[i] = f;
	}
	return 1;
}
