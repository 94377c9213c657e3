/* JSON Lines parsed ahead in a thread (jsonl_reader.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/jsonl_reader.h"
#include "lib/utf8.h"

/* --- the common line, parsed fast ---------------------------------------------
 * jansson reads a string a byte at a time (a fifth of an import's time).
 * An import's line is nearly always a flat object of strings: parsed here
 * with a scan of whole runs, or else (a number, a nested value, an escape
 * in a key, a duplicate, any error) left to jansson, whose objects and
 * messages are the reference. */

struct scratch {
	char *p;
	size_t cap;
};

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static size_t put_utf8(char *o, long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The string at *PP (after its opening quote) decoded into S; *PP after
 * the closing quote. False for what jansson should judge. */
static bool string(const char **pp, const char *end, struct scratch *s, size_t *len)
{
	const char *p = *pp;
	size_t n = 0;
	if (s->cap < (size_t)(end - p) + 1) {
		char *q = realloc(s->p, (size_t)(end - p) + 1);
		if (!q)
			return false;
		s->p = q;
		s->cap = (size_t)(end - p) + 1;
	}
	for (;;) {
		const char *run = p;
		while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			p++;
		memcpy(s->p + n, run, (size_t)(p - run));
		n += (size_t)(p - run);
		if (p >= end || (unsigned char)*p < 0x20)
			return false;
		if (*p == '"')
			break;
		if (++p >= end)
			return false;
		char c = *p++;
		switch (c) {
		case '"':
		case '\\':
		case '/':
			s->p[n++] = c;
			break;
		case 'b':
			s->p[n++] = '\b';
			break;
		case 'f':
			s->p[n++] = '\f';
			break;
		case 'n':
			s->p[n++] = '\n';
			break;
		case 'r':
			s->p[n++] = '\r';
			break;
		case 't':
			s->p[n++] = '\t';
			break;
		case 'u': {
			/* \uXXXX is 6 bytes, its UTF-8 at most 4: the buffer suffices */
			long cp = end - p >= 4 ? hex4(p) : -1;
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				long lo = end - p >= 6 && p[0] == '\\' && p[1] == 'u' ? hex4(p + 2)
										      : -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return false;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				p += 6;
			}
			if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
				return false; /* a NUL, a lone surrogate, bad hex */
			n += put_utf8(s->p + n, cp);
			break;
		}
		default:
			return false;
		}
	}
	*pp = p + 1;
	*len = n;
	return gk_utf8_valid(s->p, n);
}

/* A flat object of strings, true, false and null; NULL for jansson. */
static json_t *flat_object(const char *p, const char *end, struct scratch *s)
{
	json_t *obj = json_object();
	if (!obj)
		return NULL;
	p = skip_ws(p, end);
	if (p >= end || *p++ != '{')
		goto other;
	for (;;) {
		p = skip_ws(p, end);
		if (p >= end || *p++ != '"')
			goto other;
		const char *key = p;
		while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			p++;
		if (p >= end || *p != '"')
			goto other;
		size_t keylen = (size_t)(p - key);
		if (!gk_utf8_valid(key, keylen) || json_object_getn(obj, key, keylen))
			goto other;
		p = skip_ws(p + 1, end);
		if (p >= end || *p++ != ':')
			goto other;
		p = skip_ws(p, end);
		json_t *v = NULL;
		size_t len;
		if (p < end && *p == '"') {
			p++;
			if (!string(&p, end, s, &len))
				goto other;
			v = json_stringn_nocheck(s->p, len);
		} else if (end - p >= 4 && !memcmp(p, "null", 4)) {
			v = json_null(), p += 4;
		} else if (end - p >= 4 && !memcmp(p, "true", 4)) {
			v = json_true(), p += 4;
		} else if (end - p >= 5 && !memcmp(p, "false", 5)) {
			v = json_false(), p += 5;
		}
		if (!v || json_object_setn_new_nocheck(obj, key, keylen, v))
			goto other;
		p = skip_ws(p, end);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == '}')
			break;
		goto other;
	}
	if (skip_ws(p + 1, end) == end)
		return obj;
other:
	json_decref(obj);
	return NULL;
}

/* Rows handed over at a time: a wake-up per row would cost more in
 * system calls than the parse saves. */
#define HANDOVER (GK_JSONL_SLOTS / 4)

/* Waits for a free slot; false if the caller stopped. */
static bool put(struct gk_jsonl_reader *r, const struct gk_jsonl_row *row)
{
	pthread_mutex_lock(&r->lock);
	while (!r->stop && r->tail - r->head == GK_JSONL_SLOTS) {
		r->putter_waits = true;
		pthread_cond_wait(&r->emptied, &r->lock);
	}
	bool ok = !r->stop;
	if (ok) {
		r->slots[r->tail % GK_JSONL_SLOTS] = *row;
		r->tail++;
		if (r->taker_waits && r->tail - r->head >= HANDOVER) {
			r->taker_waits = false;
			pthread_cond_signal(&r->filled);
		}
	}
	pthread_mutex_unlock(&r->lock);
	return ok;
}

static void *read_all(void *arg)
{
	struct gk_jsonl_reader *r = arg;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	struct scratch text = {0};
	while ((n = getline(&line, &cap, r->in)) != -1) {
		lineno++;
		if (strspn(line, " \t\r\n") == (size_t)n)
			continue;
		struct gk_jsonl_row row = {.line = lineno};
		if ((size_t)n > r->max_line) {
			snprintf(row.why, sizeof row.why, "line is longer than %zu MB",
				 r->max_line >> 20);
		} else if (!(row.obj = flat_object(line, line + n, &text))) {
			json_error_t jerr;
			row.obj = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES, &jerr);
			if (!row.obj)
				snprintf(row.why, sizeof row.why, "not valid JSON: %s", jerr.text);
		}
		if (row.obj && r->convert) {
			row.made = r->convert(row.obj, lineno, r->convert_ctx);
			json_decref(row.obj);
			row.obj = NULL;
		}
		if (!put(r, &row)) {
			json_decref(row.obj);
			if (row.made)
				r->release(row.made);
			break;
		}
	}
	int e = ferror(r->in) ? errno ? errno : EIO : 0;
	free(line);
	free(text.p);
	pthread_mutex_lock(&r->lock);
	r->read_errno = e;
	r->done = true;
	pthread_cond_signal(&r->filled);
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

enum gk_err gk_jsonl_reader_start(struct gk_jsonl_reader *r, FILE *in, size_t max_line,
				  struct gk_error *err)
{
	return gk_jsonl_reader_start_converting(r, in, max_line, NULL, NULL, NULL, err);
}

enum gk_err gk_jsonl_reader_start_converting(struct gk_jsonl_reader *r, FILE *in, size_t max_line,
					     gk_jsonl_convert_fn *convert,
					     void (*release)(void *made), void *ctx,
					     struct gk_error *err)
{
	memset(r, 0, sizeof *r);
	r->in = in;
	r->max_line = max_line;
	r->convert = convert;
	r->release = release;
	r->convert_ctx = ctx;
	/* jansson seeds its hash on the first object: here, not in two
	 * threads at once */
	json_object_seed(0);
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->filled, NULL);
	pthread_cond_init(&r->emptied, NULL);
	int e = pthread_create(&r->thread, NULL, read_all, r);
	if (e) {
		pthread_cond_destroy(&r->emptied);
		pthread_cond_destroy(&r->filled);
		pthread_mutex_destroy(&r->lock);
		r->in = NULL;
		return gk_fail(err, GK_EINTERNAL, "cannot start the reading thread: %s",
			       strerror(e));
	}
	return GK_OK;
}

bool gk_jsonl_reader_next(struct gk_jsonl_reader *r, struct gk_jsonl_row *row)
{
	pthread_mutex_lock(&r->lock);
	while (r->head == r->tail && !r->done) {
		r->taker_waits = true;
		pthread_cond_wait(&r->filled, &r->lock);
	}
	bool got = r->head != r->tail;
	if (got) {
		*row = r->slots[r->head % GK_JSONL_SLOTS];
		r->head++;
		if (r->putter_waits && GK_JSONL_SLOTS - (r->tail - r->head) >= HANDOVER) {
			r->putter_waits = false;
			pthread_cond_signal(&r->emptied);
		}
	}
	pthread_mutex_unlock(&r->lock);
	return got;
}

void gk_jsonl_reader_stop(struct gk_jsonl_reader *r)
{
	if (!r->in)
		return;
	pthread_mutex_lock(&r->lock);
	r->stop = true;
	pthread_cond_signal(&r->emptied);
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->thread, NULL);
	for (; r->head != r->tail; r->head++) {
		struct gk_jsonl_row *row = &r->slots[r->head % GK_JSONL_SLOTS];
		json_decref(row->obj);
		if (row->made)
			r->release(row->made);
	}
	pthread_cond_destroy(&r->emptied);
	pthread_cond_destroy(&r->filled);
	pthread_mutex_destroy(&r->lock);
	r->in = NULL;
}
