/* Catalogue items: validation, labels, code lists and JSON. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/docno.h"
#include "core/item.h"
#include "core/richtext.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/embed.h"
#include "lib/utf8.h"

/* --- code lists from data/catalogue ----------------------------------- */

struct list {
	const char *path;
	struct gk_code *items;
	size_t n;
};

static struct list lists[] = {
	{"data/catalogue/topics.txt", NULL, 0},
	{"data/catalogue/genres.txt", NULL, 0},
	{"data/catalogue/columns.txt", NULL, 0},
};
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

/* Parses "CODE<TAB>LABEL" lines; '#' starts a comment line. The strings
 * point into one copy of the file, kept for the life of the process. */
static void load_list(struct list *l)
{
	const struct gk_embedded *f = gk_embed_find(l->path);
	if (!f)
		return;
	char *text = malloc(f->size + 1);
	size_t lines = 1;
	for (size_t i = 0; i < f->size; i++)
		lines += f->data[i] == '\n';
	l->items = calloc(lines, sizeof *l->items);
	if (!text || !l->items) {
		free(text);
		free(l->items);
		l->items = NULL;
		return;
	}
	memcpy(text, f->data, f->size);
	text[f->size] = '\0';
	for (char *line = text; line && *line;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *tab = strchr(line, '\t');
		if (line[0] != '#' && tab) {
			*tab = '\0';
			l->items[l->n].code = line;
			l->items[l->n].label = tab + 1;
			l->n++;
		}
		line = next;
	}
}

static void load_lists(void)
{
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		load_list(&lists[i]);
}

static const struct gk_code *get_list(int which, size_t *n)
{
	pthread_once(&lists_once, load_lists);
	*n = lists[which].n;
	return lists[which].items;
}

const struct gk_code *gk_topics(size_t *n)
{
	return get_list(0, n);
}

const struct gk_code *gk_genres(size_t *n)
{
	return get_list(1, n);
}

const struct gk_code *gk_columns(size_t *n)
{
	return get_list(2, n);
}

const struct gk_code *gk_code_find(const struct gk_code *list, size_t n, const char *s)
{
	if (!s || !*s)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].code, s) == 0)
			return &list[i];
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].label, s) == 0)
			return &list[i];
	return NULL;
}

static const char *label_in(const struct gk_code *list, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(list[i].code, code) == 0)
			return list[i].label;
	return "";
}

const char *gk_topic_label(const char *code)
{
	size_t n;
	const struct gk_code *l = gk_topics(&n);
	return label_in(l, n, code);
}

const char *gk_genre_label(const char *code)
{
	size_t n;
	const struct gk_code *l = gk_genres(&n);
	return label_in(l, n, code);
}

const char *gk_column_label(const char *code)
{
	size_t n;
	const struct gk_code *l = gk_columns(&n);
	return label_in(l, n, code);
}

void gk_topic_path(const char *code, char *out, size_t n)
{
	char top[16];
	size_t t = strcspn(code, ".");
	if (!code[t] || t >= sizeof top) {
		snprintf(out, n, "%s", gk_topic_label(code));
		return;
	}
	memcpy(top, code, t);
	top[t] = '\0';
	snprintf(out, n, "%s / %s", gk_topic_label(top), gk_topic_label(code));
}

/* --- small enumerations ---------------------------------------------------- */

GK_ENUM_DEFINE(gk_item_status, GK_ITEM_STATUS_LIST)
GK_ENUM_DEFINE(gk_validity, GK_VALIDITY_LIST)
GK_ENUM_DEFINE(gk_normative, GK_NORMATIVE_LIST)
GK_ENUM_DEFINE(gk_outlet, GK_OUTLET_LIST)

GK_ENUM_DEFINE(gk_interp_kind, GK_INTERP_KIND_LIST)

const char *gk_interp_label(const char *code)
{
	for (int i = 0; code && i < GK_INTERP_KIND_COUNT; i++)
		if (strcmp(code, gk_interp_kind_codes[i]) == 0)
			return gk_interp_kind_label((enum gk_interp_kind)i);
	return "";
}

enum gk_err gk_outlets_parse(const char *s, unsigned *out, struct gk_error *err)
{
	*out = 0;
	while (s && *s) {
		size_t skip = strspn(s, ", ;|");
		if (strncmp(s + skip, "、", 3) == 0 || strncmp(s + skip, "，", 3) == 0)
			skip += 3;
		if (skip) {
			s += skip;
			continue;
		}
		size_t n = 0;
		while (s[n] && !strchr(", ;|", s[n]) && strncmp(s + n, "、", 3) &&
		       strncmp(s + n, "，", 3))
			n++;
		char one[64];
		enum gk_outlet o;
		if (n < sizeof one) {
			memcpy(one, s, n);
			one[n] = '\0';
		}
		if (n >= sizeof one || !gk_outlet_parse(one, &o))
			return gk_fail(err, GK_EINVAL, "“发布渠道”：没有渠道“%.*s”",
				       (int)(n > 40 ? 40 : n), s);
		*out |= 1u << o;
		s += n;
	}
	return GK_OK;
}

char *gk_outlets_format(unsigned set, char *out, size_t n)
{
	size_t o = 0;
	if (n)
		out[0] = '\0';
	for (int i = 0; i < GK_OUTLET_COUNT && o < n; i++)
		if (set & (1u << i))
			o += (size_t)snprintf(out + o, n - o, "%s%s", o ? "," : "",
					      gk_outlet_code((enum gk_outlet)i));
	return out;
}

/* --- the item ------------------------------------------------------------ */

void gk_item_release(struct gk_item *it)
{
	free(it->body);
	free(it->attachments);
	free(it->files);
	it->body = NULL;
	it->attachments = NULL;
	it->files = NULL;
	it->nfiles = 0;
}

enum gk_err gk_item_set_body(struct gk_item *it, const char *src, struct gk_error *err)
{
	struct gk_buf b;
	gk_buf_init(&b, GK_ITEM_BODY_MAX);
	if (src)
		gk_richtext_sanitise(&b, src, strlen(src));
	if (b.failed) {
		gk_buf_release(&b);
		return gk_fail(err, GK_EINVAL, "“正文”过长（不能超过%d字节）", GK_ITEM_BODY_MAX);
	}
	char *s = gk_buf_detach(&b, NULL);
	if (!s)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	free(it->body);
	it->body = s;
	return GK_OK;
}

static bool url_ok(const char *u, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)u[i] <= ' ' || u[i] == '"' || u[i] == '<' || u[i] == '>' ||
		    u[i] == '\\' || (unsigned char)u[i] == 0x7f)
			return false;
	if (u[0] == '/' && (n == 1 || u[1] != '/'))
		return true;
	return (n > 7 && strncmp(u, "http://", 7) == 0) ||
	       (n > 8 && strncmp(u, "https://", 8) == 0);
}

enum gk_err gk_item_set_attachments(struct gk_item *it, const char *src, struct gk_error *err)
{
	struct gk_buf b;
	int lineno = 0;
	gk_buf_init(&b, 64 * 1024);
	for (const char *p = src ? src : ""; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
			len--;
		const char *bar = memchr(p, '|', len);
		if (len) {
			const char *name = p, *url = bar ? bar + 1 : p;
			size_t nlen = bar ? (size_t)(bar - p) : len, ulen = len - (size_t)(url - p);
			while (ulen && *url == ' ') {
				url++;
				ulen--;
			}
			while (nlen && name[nlen - 1] == ' ')
				nlen--;
			if (!url_ok(url, ulen)) {
				gk_buf_release(&b);
				return gk_fail(
					err, GK_EINVAL,
					"“附件”第%d行须写成“名称|地址”，地址为http(s)网址或路径",
					lineno);
			}
			if (!nlen) {
				name = url;
				nlen = ulen;
			}
			gk_buf_add(&b, name, nlen);
			gk_buf_putc(&b, '|');
			gk_buf_add(&b, url, ulen);
			gk_buf_putc(&b, '\n');
		}
		p = nl ? nl + 1 : p + strlen(p);
	}
	if (b.failed) {
		gk_buf_release(&b);
		return gk_fail(err, GK_EINVAL, "“附件”过长");
	}
	free(it->attachments);
	it->attachments = b.len ? gk_buf_detach(&b, NULL) : NULL;
	gk_buf_release(&b);
	return GK_OK;
}

static enum gk_err check_text(const char *s, const char *field, size_t max_chars, bool required,
			      bool multiline, struct gk_error *err)
{
	size_t chars;
	bool controls;
	if (required && !s[strspn(s, " \t\r\n")])
		return gk_fail(err, GK_EINVAL, "请填写“%s”", field);
	if (!gk_utf8_scan(s, strlen(s), multiline, &chars, &controls))
		return gk_fail(err, GK_EINVAL, "“%s”不是有效的UTF-8文字", field);
	if (chars > max_chars)
		return gk_fail(err, GK_EINVAL, "“%s”不能超过%zu个字", field, max_chars);
	if (controls)
		return gk_fail(err, GK_EINVAL, "“%s”含有不允许的控制字符", field);
	return GK_OK;
}

static bool date_ok(const char *s)
{
	struct gk_date d;
	return !*s || gk_date_parse(s, &d);
}

/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM". */
static bool datetime_ok(const char *s)
{
	char day[11];
	struct gk_date d;
	size_t n = strlen(s);
	if (n != 10 && n != 16)
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!gk_date_parse(day, &d))
		return false;
	if (n == 10)
		return true;
	return s[10] == ' ' && s[11] >= '0' && s[11] <= '2' && s[12] >= '0' && s[12] <= '9' &&
	       s[13] == ':' && s[14] >= '0' && s[14] <= '5' && s[15] >= '0' && s[15] <= '9' &&
	       (s[11] - '0') * 10 + (s[12] - '0') < 24;
}

int gk_item_year(const struct gk_item *it)
{
	if (strlen(it->published) < 4)
		return 0;
	return atoi(it->published);
}

enum gk_err gk_item_validate(const struct gk_item *it, struct gk_error *err)
{
	enum gk_err rc;
	size_t n;
	const struct gk_code *topics = gk_topics(&n);
	if (!it->agency_id)
		return gk_fail(err, GK_EINVAL, "请选择“发布机构”");
	if ((rc = check_text(it->title, "标题", GK_ITEM_TITLE_MAX, true, false, err)) ||
	    (rc = check_text(it->summary, "摘要", GK_ITEM_SUMMARY_MAX, false, true, err)) ||
	    (rc = check_text(it->keywords, "主题词", 80, false, false, err)) ||
	    (rc = check_text(it->doc_no, "文号", 40, false, false, err)) ||
	    (rc = check_text(it->repealed_by, "废止文号", 40, false, false, err)) ||
	    (rc = check_text(it->index_no, "索引号", GK_INDEX_MAX - 1, false, false, err)))
		return rc;
	if (!gk_code_find(topics, n, it->topic) ||
	    strcmp(gk_code_find(topics, n, it->topic)->code, it->topic))
		return gk_fail(err, GK_EINVAL, "“主题分类”：没有代码“%.20s”", it->topic);
	if (!*gk_genre_label(it->genre))
		return gk_fail(err, GK_EINVAL, "“体裁”：没有代码“%.30s”", it->genre);
	if (it->column[0] && !*gk_column_label(it->column))
		return gk_fail(err, GK_EINVAL, "“专题专栏”：没有代码“%.30s”", it->column);
	if (it->index_no[0] && !gk_index_plausible(it->index_no))
		return gk_fail(err, GK_EINVAL, "“索引号”只能由不含空格的可打印ASCII字符组成");
	if (!date_ok(it->written))
		return gk_fail(err, GK_EINVAL, "“成文日期”须为日期，格式如2024-05-01");
	if (it->published[0] && !datetime_ok(it->published))
		return gk_fail(err, GK_EINVAL, "“发布日期”格式须如2024-05-01或2024-05-01 09:30");
	if (it->status == GK_ITEM_PUBLISHED && !it->published[0])
		return gk_fail(err, GK_EINVAL, "已发布的信息须有“发布日期”");
	if (!date_ok(it->effective))
		return gk_fail(err, GK_EINVAL, "“生效日期”须为日期，格式如2024-05-01");
	if (!date_ok(it->ended))
		return gk_fail(err, GK_EINVAL, "“废止/失效日期”须为日期，格式如2024-05-01");
	if ((unsigned)it->validity > GK_REPEALED || (unsigned)it->normative > GK_NORM_DOCUMENT ||
	    (unsigned)it->status > GK_ITEM_WITHDRAWN)
		return gk_fail(err, GK_EINVAL, "“时效”的值不在可选范围内");
	if (it->validity != GK_VALID && !it->ended[0])
		return gk_fail(err, GK_EINVAL, "失效或废止的信息须填写“废止/失效日期”");
	if (it->validity == GK_VALID && it->ended[0])
		return gk_fail(err, GK_EINVAL, "现行有效的信息不能有“废止/失效日期”");
	if (it->effective[0] && it->ended[0] && strcmp(it->effective, it->ended) > 0)
		return gk_fail(err, GK_EINVAL, "“废止/失效日期”不能早于“生效日期”");
	if (it->written[0] && it->published[0] && strncmp(it->written, it->published, 10) > 0)
		return gk_fail(err, GK_EINVAL, "“成文日期”不能晚于“发布日期”");
	if (it->outlets & ~GK_OUTLETS_ALL)
		return gk_fail(err, GK_EINVAL, "“发布渠道”的值不在可选范围内");
	if (it->interp_kind[0] && !*gk_interp_label(it->interp_kind))
		return gk_fail(err, GK_EINVAL, "“解读形式”的值不在可选范围内");
	if ((it->interp_kind[0] || it->interprets_id) && strcmp(it->genre, "interpretation") != 0)
		return gk_fail(
			err, GK_EINVAL,
			"只有体裁为“政策解读”的信息才能填写“所解读政策的索引号”和“解读形式”");
	if (it->interprets_id && it->interprets_id == it->id)
		return gk_fail(err, GK_EINVAL, "“所解读政策的索引号”不能是本条信息自己");
	if (it->body && strlen(it->body) > GK_ITEM_BODY_MAX)
		return gk_fail(err, GK_EINVAL, "“正文”过长");
	return GK_OK;
}

/* --- JSON ------------------------------------------------------------------- */

static void set_str(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, json_string(v ? v : ""));
}

json_t *gk_item_to_json(const struct gk_item *it, bool with_body)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	char topic_path[256];
	gk_topic_path(it->topic, topic_path, sizeof topic_path);
	json_object_set_new(o, "id", json_integer(it->id));
	set_str(o, "index_no", it->index_no);
	set_str(o, "status", gk_item_status_code(it->status));
	json_object_set_new(
		o, "agency",
		json_pack("{s:s, s:s}", "code", it->agency_code, "name", it->agency_name));
	json_object_set_new(o, "topic",
			    json_pack("{s:s, s:s}", "code", it->topic, "label", topic_path));
	json_object_set_new(
		o, "genre",
		json_pack("{s:s, s:s}", "code", it->genre, "label", gk_genre_label(it->genre)));
	if (it->column[0])
		json_object_set_new(o, "column",
				    json_pack("{s:s, s:s}", "code", it->column, "label",
					      gk_column_label(it->column)));
	else
		json_object_set_new(o, "column", json_null());
	set_str(o, "title", it->title);
	set_str(o, "doc_no", it->doc_no);
	set_str(o, "written", it->written);
	set_str(o, "published", it->published);
	set_str(o, "validity", gk_validity_code(it->validity));
	set_str(o, "validity_label", gk_validity_label(it->validity));
	set_str(o, "effective", it->effective);
	set_str(o, "ended", it->ended);
	set_str(o, "repealed_by", it->repealed_by);
	set_str(o, "normative", gk_normative_code(it->normative));
	set_str(o, "disclosure", "主动公开");
	json_t *ch = json_array();
	for (int i = 0; i < GK_OUTLET_COUNT; i++)
		if (it->outlets & (1u << i))
			json_array_append_new(ch, json_string(gk_outlet_code((enum gk_outlet)i)));
	json_object_set_new(o, "channels", ch);
	set_str(o, "keywords", it->keywords);
	set_str(o, "summary", it->summary);
	if (it->interp_kind[0] || it->interprets_id) {
		set_str(o, "interp_kind", it->interp_kind);
		json_object_set_new(o, "interprets",
				    /* no 索引号: the policy is not published (store) */
				    it->interprets_id && it->interprets_index[0]
					    ? json_pack("{s:I, s:s, s:s}", "id",
							(json_int_t)it->interprets_id, "index_no",
							it->interprets_index, "title",
							it->interprets_title)
					    : json_null());
	}
	json_object_set_new(o, "revision", json_integer(it->revision));
	if (with_body) {
		set_str(o, "body", it->body);
		json_t *att = json_array();
		for (const char *p = it->attachments ? it->attachments : ""; *p;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			const char *bar = memchr(p, '|', len);
			if (bar)
				json_array_append_new(att,
						      json_pack("{s:s%, s:s%}", "name", p,
								(size_t)(bar - p), "url", bar + 1,
								len - (size_t)(bar - p) - 1));
			p += len + (nl ? 1 : 0);
		}
		for (size_t i = 0; i < it->nfiles; i++) {
			const struct gk_attachment *f = &it->files[i];
			char url[96];
			snprintf(url, sizeof url, "/items/%lld/files/%lld", (long long)it->id,
				 (long long)f->id);
			json_array_append_new(att, json_pack("{s:s, s:I, s:s, s:s, s:s}", "name",
							     f->name, "size", (json_int_t)f->size,
							     "type", f->media_type, "url", url,
							     "sha256", f->sha256));
		}
		json_object_set_new(o, "attachments", att);
	}
	return o;
}

/* --- the revision snapshot ---------------------------------------------------- */

/* A JSON string as jansson writes it: quote, backslash and controls
 * escaped (\uXXXX in upper case), everything else as it is. */
static void snap_str(struct gk_buf *b, const char *s, size_t n, bool *bad)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!gk_utf8_valid(s, n))
		*bad = true;
	gk_buf_putc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		gk_buf_add(b, s + run, i - run);
		run = i + 1;
		char esc[7] = {'\\', 0};
		switch (c) {
		case '"':
		case '\\':
			esc[1] = (char)c;
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
		}
		gk_buf_add(b, esc, strlen(esc));
	}
	gk_buf_add(b, s + run, n - run);
	gk_buf_putc(b, '"');
}

/* ,"KEY":"VALUE" (the comma unless FIRST) */
static void snap_field(struct gk_buf *b, const char *key, const char *v, bool first, bool *bad)
{
	if (!first)
		gk_buf_putc(b, ',');
	gk_buf_putc(b, '"');
	gk_buf_puts(b, key);
	gk_buf_puts(b, "\":");
	v = v ? v : "";
	snap_str(b, v, strlen(v), bad);
}

/* ,"KEY":{"code":CODE,"label":LABEL} */
static void snap_code(struct gk_buf *b, const char *key, const char *code, const char *label,
		      bool *bad)
{
	gk_buf_puts(b, ",\"");
	gk_buf_puts(b, key);
	gk_buf_puts(b, "\":{");
	snap_field(b, "code", code, true, bad);
	snap_field(b, "label", label, false, bad);
	gk_buf_putc(b, '}');
}

static char *snapshot_text(const struct gk_item *it)
{
	struct gk_buf b;
	bool bad = false;
	char topic_path[256];
	gk_buf_init(&b, 0);
	/* the keys in strcmp order */
	gk_buf_puts(&b, "{\"agency\":{");
	snap_field(&b, "code", it->agency_code, true, &bad);
	snap_field(&b, "name", it->agency_name, false, &bad);
	gk_buf_puts(&b, "},\"attachments\":[");
	bool first = true;
	for (const char *p = it->attachments ? it->attachments : ""; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *bar = memchr(p, '|', len);
		if (bar) {
			gk_buf_puts(&b, first ? "{\"name\":" : ",{\"name\":");
			snap_str(&b, p, (size_t)(bar - p), &bad);
			gk_buf_puts(&b, ",\"url\":");
			snap_str(&b, bar + 1, len - (size_t)(bar - p) - 1, &bad);
			gk_buf_putc(&b, '}');
			first = false;
		}
		p += len + (nl ? 1 : 0);
	}
	for (size_t i = 0; i < it->nfiles; i++) {
		const struct gk_attachment *f = &it->files[i];
		char url[96];
		snprintf(url, sizeof url, "/items/%lld/files/%lld", (long long)it->id,
			 (long long)f->id);
		gk_buf_puts(&b, first ? "{" : ",{");
		snap_field(&b, "name", f->name, true, &bad);
		snap_field(&b, "sha256", f->sha256, false, &bad);
		gk_buf_printf(&b, ",\"size\":%lld", (long long)f->size);
		snap_field(&b, "type", f->media_type, false, &bad);
		snap_field(&b, "url", url, false, &bad);
		gk_buf_putc(&b, '}');
		first = false;
	}
	gk_buf_putc(&b, ']');
	snap_field(&b, "body", it->body, false, &bad);
	gk_buf_puts(&b, ",\"channels\":[");
	first = true;
	for (int i = 0; i < GK_OUTLET_COUNT; i++)
		if (it->outlets & (1u << i)) {
			if (!first)
				gk_buf_putc(&b, ',');
			snap_str(&b, gk_outlet_code((enum gk_outlet)i),
				 strlen(gk_outlet_code((enum gk_outlet)i)), &bad);
			first = false;
		}
	gk_buf_putc(&b, ']');
	if (it->column[0])
		snap_code(&b, "column", it->column, gk_column_label(it->column), &bad);
	else
		gk_buf_puts(&b, ",\"column\":null");
	snap_field(&b, "disclosure", "主动公开", false, &bad);
	snap_field(&b, "doc_no", it->doc_no, false, &bad);
	snap_field(&b, "effective", it->effective, false, &bad);
	snap_field(&b, "ended", it->ended, false, &bad);
	snap_code(&b, "genre", it->genre, gk_genre_label(it->genre), &bad);
	snap_field(&b, "index_no", it->index_no, false, &bad);
	if (it->interp_kind[0] || it->interprets_id) {
		snap_field(&b, "interp_kind", it->interp_kind, false, &bad);
		if (it->interprets_id) {
			gk_buf_printf(&b, ",\"interprets\":{\"id\":%lld",
				      (long long)it->interprets_id);
			snap_field(&b, "index_no", it->interprets_index, false, &bad);
			snap_field(&b, "title", it->interprets_title, false, &bad);
			gk_buf_putc(&b, '}');
		} else {
			gk_buf_puts(&b, ",\"interprets\":null");
		}
	}
	snap_field(&b, "keywords", it->keywords, false, &bad);
	snap_field(&b, "normative", gk_normative_code(it->normative), false, &bad);
	snap_field(&b, "published", it->published, false, &bad);
	snap_field(&b, "repealed_by", it->repealed_by, false, &bad);
	snap_field(&b, "status", gk_item_status_code(it->status), false, &bad);
	snap_field(&b, "summary", it->summary, false, &bad);
	snap_field(&b, "title", it->title, false, &bad);
	gk_topic_path(it->topic, topic_path, sizeof topic_path);
	snap_code(&b, "topic", it->topic, topic_path, &bad);
	snap_field(&b, "validity", gk_validity_code(it->validity), false, &bad);
	snap_field(&b, "validity_label", gk_validity_label(it->validity), false, &bad);
	snap_field(&b, "written", it->written, false, &bad);
	gk_buf_putc(&b, '}');
	if (bad || b.failed) {
		gk_buf_release(&b);
		return NULL;
	}
	return gk_buf_detach(&b, NULL);
}

/* The slow way, for a field that is not UTF-8 (jansson leaves it out). */
static char *snapshot_by_jansson(const struct gk_item *it)
{
	json_t *o = gk_item_to_json(it, true);
	if (!o)
		return NULL;
	json_object_del(o, "id");
	json_object_del(o, "revision");
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

char *gk_item_snapshot(const struct gk_item *it)
{
	char *fast = snapshot_text(it);
	return fast ? fast : snapshot_by_jansson(it);
}

/* The string value of KEY, "" if absent or null; NULL if another type. */
static const char *get_str(json_t *obj, const char *key, bool *bad)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return "";
	if (json_is_string(v))
		return json_string_value(v);
	/* {"code": …} objects as the API writes them */
	if (json_is_object(v) && json_is_string(json_object_get(v, "code")))
		return json_string_value(json_object_get(v, "code"));
	*bad = true;
	return "";
}

static enum gk_err copy_field(char *dst, size_t size, json_t *obj, const char *key,
			      struct gk_error *err)
{
	bool bad = false;
	const char *v = get_str(obj, key, &bad);
	if (bad)
		return gk_fail(err, GK_EINVAL, "字段“%s”须为字符串", key);
	if (strlen(v) >= size)
		return gk_fail(err, GK_EINVAL, "字段“%s”过长", key);
	memcpy(dst, v, strlen(v) + 1);
	return GK_OK;
}

enum gk_err gk_item_from_json(json_t *obj, struct gk_item *it, char *interprets,
			      struct gk_error *err)
{
	enum gk_err rc;
	bool bad = false;
	size_t n;
	const char *v;
	if (!json_is_object(obj))
		return gk_fail(err, GK_EINVAL, "每条信息须为一个JSON对象");
	if ((rc = copy_field(it->agency_code, sizeof it->agency_code, obj, "agency", err)) ||
	    (rc = copy_field(it->index_no, sizeof it->index_no, obj, "index_no", err)) ||
	    (rc = copy_field(it->title, sizeof it->title, obj, "title", err)) ||
	    (rc = copy_field(it->written, sizeof it->written, obj, "written", err)) ||
	    (rc = copy_field(it->published, sizeof it->published, obj, "published", err)) ||
	    (rc = copy_field(it->effective, sizeof it->effective, obj, "effective", err)) ||
	    (rc = copy_field(it->ended, sizeof it->ended, obj, "ended", err)) ||
	    (rc = copy_field(it->keywords, sizeof it->keywords, obj, "keywords", err)) ||
	    (rc = copy_field(it->summary, sizeof it->summary, obj, "summary", err)) ||
	    (rc = copy_field(it->interp_kind, sizeof it->interp_kind, obj, "interp_kind", err)))
		return rc;
	if (!it->agency_code[0])
		return gk_fail(err, GK_EINVAL, "请选择“发布机构”");
	/* topic: a code, a label, or "top / sub" as the API shows it */
	v = get_str(obj, "topic", &bad);
	const struct gk_code *topics = gk_topics(&n), *c = gk_code_find(topics, n, v);
	if (!c && strstr(v, " / ")) {
		const char *sub = strstr(v, " / ") + 3;
		size_t toplen = (size_t)(strstr(v, " / ") - v);
		/* the sub-topic under the named top: labels like 其他 repeat */
		const char *top_code = NULL;
		for (size_t i = 0; i < n; i++)
			if (!strchr(topics[i].code, '.') && strlen(topics[i].label) == toplen &&
			    !strncmp(topics[i].label, v, toplen))
				top_code = topics[i].code;
		for (size_t i = 0; top_code && i < n; i++) {
			size_t tl = strlen(top_code);
			if (!strncmp(topics[i].code, top_code, tl) && topics[i].code[tl] == '.' &&
			    !strcmp(topics[i].label, sub))
				c = &topics[i];
		}
	}
	if (bad || !c)
		return gk_fail(err, GK_EINVAL, "“主题分类”：“%.40s”不在主题分类表中", v);
	snprintf(it->topic, sizeof it->topic, "%s", c->code);
	v = get_str(obj, "genre", &bad);
	const struct gk_code *genres = gk_genres(&n);
	c = gk_code_find(genres, n, v);
	if (bad || !c)
		return gk_fail(err, GK_EINVAL, "“体裁”：“%.40s”不在体裁表中", v);
	snprintf(it->genre, sizeof it->genre, "%s", c->code);
	v = get_str(obj, "column", &bad);
	if (*v) {
		const struct gk_code *columns = gk_columns(&n);
		c = gk_code_find(columns, n, v);
		if (!c)
			return gk_fail(err, GK_EINVAL, "“专题专栏”：“%.40s”不在专题专栏表中", v);
		snprintf(it->column, sizeof it->column, "%s", c->code);
	}
	if (bad)
		return gk_fail(err, GK_EINVAL, "“专题专栏”须为字符串");
	struct gk_error why = {0};
	v = get_str(obj, "doc_no", &bad);
	if (bad || gk_docno_normalise(v, it->doc_no, sizeof it->doc_no, &why))
		return gk_fail(err, GK_EINVAL, "“文号”：%s", bad ? "须为字符串" : why.detail);
	v = get_str(obj, "repealed_by", &bad);
	if (bad || gk_docno_normalise(v, it->repealed_by, sizeof it->repealed_by, &why))
		return gk_fail(err, GK_EINVAL, "“废止文号”：%s", bad ? "须为字符串" : why.detail);
	v = get_str(obj, "validity", &bad);
	if (strcmp(v, "现行有效") == 0) /* the report's words for in force */
		v = "valid";
	if (*v && !gk_validity_parse(v, &it->validity))
		return gk_fail(err, GK_EINVAL,
			       "“时效”须为有效、失效或废止（valid、expired、repealed）");
	v = get_str(obj, "normative", &bad);
	if (strcmp(v, "规范性文件") == 0) /* the common short name */
		v = "normative";
	if (*v && !gk_normative_parse(v, &it->normative))
		return gk_fail(err, GK_EINVAL,
			       "“文件性质”须为规章、规范性文件或不填（rule、normative）");
	v = get_str(obj, "status", &bad);
	it->status = GK_ITEM_PUBLISHED;
	if (*v && !gk_item_status_parse(v, &it->status))
		return gk_fail(err, GK_EINVAL,
			       "“状态”须为草稿、已发布或已撤回（draft、published、withdrawn）");
	json_t *ch = json_object_get(obj, "channels");
	if (json_is_array(ch)) {
		size_t i;
		json_t *e;
		json_array_foreach(ch, i, e) {
			unsigned one;
			if (!json_is_string(e) || gk_outlets_parse(json_string_value(e), &one, err))
				return gk_fail(err, GK_EINVAL, "“发布渠道”的值不在可选范围内");
			it->outlets |= one;
		}
	} else if (json_is_string(ch)) {
		if ((rc = gk_outlets_parse(json_string_value(ch), &it->outlets, err)))
			return rc;
	} else if (ch && !json_is_null(ch)) {
		return gk_fail(err, GK_EINVAL, "“发布渠道”须为列表");
	}
	if (interprets) {
		interprets[0] = '\0';
		json_t *ip = json_object_get(obj, "interprets");
		if (json_is_object(ip))
			ip = json_object_get(ip, "index_no");
		if (json_is_string(ip))
			snprintf(interprets, GK_INDEX_MAX, "%s", json_string_value(ip));
		else if (ip && !json_is_null(ip))
			return gk_fail(err, GK_EINVAL,
				       "“所解读政策的索引号”须为字符串形式的索引号");
	}
	v = get_str(obj, "body", &bad);
	if (bad)
		return gk_fail(err, GK_EINVAL, "“正文”须为字符串");
	if ((rc = gk_item_set_body(it, v, err)))
		return rc;
	json_t *att = json_object_get(obj, "attachments");
	if (json_is_array(att)) {
		struct gk_buf b;
		size_t i;
		json_t *e;
		gk_buf_init(&b, 64 * 1024);
		json_array_foreach(att, i, e) {
			if (json_object_get(e, "sha256"))
				continue; /* a stored file of an export: its bytes do not travel */
			const char *name = json_string_value(json_object_get(e, "name"));
			const char *url = json_string_value(json_object_get(e, "url"));
			if (!url || strchr(url, '\n') ||
			    (name && (strchr(name, '\n') || strchr(name, '|')))) {
				gk_buf_release(&b);
				return gk_fail(err, GK_EINVAL,
					       "“附件”的每一项都须有名称（name）和地址（url）");
			}
			gk_buf_puts(&b, name ? name : "");
			gk_buf_putc(&b, '|');
			gk_buf_puts(&b, url);
			gk_buf_putc(&b, '\n');
		}
		rc = gk_item_set_attachments(it, b.data, err);
		gk_buf_release(&b);
		if (rc)
			return rc;
	} else if (json_is_string(att)) {
		if ((rc = gk_item_set_attachments(it, json_string_value(att), err)))
			return rc;
	}
	return GK_OK;
}
