/* Catalogue items (主动公开目录): one piece of proactively disclosed
 * information with the metadata the catalogue shows above its body —
 * 索引号, 信息分类, 体裁, 发布机构, 成文日期, 发布日期, 标题, 文号, 时效 —
 * and the code lists those fields draw on (the files in data/catalogue/). */
#ifndef GK_CORE_ITEM_H
#define GK_CORE_ITEM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/attachment.h"
#include "core/index_no.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* DRAFT: being written, not public, no 索引号 yet; PUBLISHED: public, with
 * its 索引号; WITHDRAWN: taken down, its 索引号 never reused. */
#define GK_ITEM_STATUS_LIST(X)                      \
	X(GK_ITEM_DRAFT, "draft", "草稿")           \
	X(GK_ITEM_PUBLISHED, "published", "已发布") \
	X(GK_ITEM_WITHDRAWN, "withdrawn", "已撤回")
GK_ENUM_DECLARE(gk_item_status, GK_ITEM_STATUS, GK_ITEM_STATUS_LIST);

/* 时效: in force, ended by its own terms, or ended by another document. */
#define GK_VALIDITY_LIST(X)              \
	X(GK_VALID, "valid", "有效")     \
	X(GK_EXPIRED, "expired", "失效") \
	X(GK_REPEALED, "repealed", "废止")
GK_ENUM_DECLARE(gk_validity, GK_VALIDITY, GK_VALIDITY_LIST);

/* Normative documents (the annual report's Table 1 counts them). */
#define GK_NORMATIVE_LIST(X)            \
	X(GK_NORM_NONE, "", "")         \
	X(GK_NORM_RULE, "rule", "规章") \
	X(GK_NORM_DOCUMENT, "normative", "行政规范性文件")
GK_ENUM_DECLARE(gk_normative, GK_NORMATIVE, GK_NORMATIVE_LIST);

/* Where an item was published (发布渠道: the annual report counts items by
 * outlet). An item's outlets are a set: bit 1 << GK_OUTLET_… */
#define GK_OUTLET_LIST(X)                           \
	X(GK_OUTLET_WEBSITE, "website", "政府网站") \
	X(GK_OUTLET_GAZETTE, "gazette", "政府公报") \
	X(GK_OUTLET_WEIBO, "weibo", "微博")         \
	X(GK_OUTLET_WECHAT, "wechat", "微信")       \
	X(GK_OUTLET_OTHER, "other", "其他")
GK_ENUM_DECLARE(gk_outlet, GK_OUTLET, GK_OUTLET_LIST);
#define GK_OUTLETS_ALL ((1u << GK_OUTLET_COUNT) - 1)

#define GK_ITEM_TITLE_MAX   300       /* characters */
#define GK_ITEM_SUMMARY_MAX 600       /* characters */
#define GK_ITEM_BODY_MAX    (1 << 20) /* bytes of sanitised HTML */

struct gk_item {
	int64_t id;
	int64_t agency_id;
	enum gk_item_status status;
	int revision;                /* 1 for a new item, +1 per saved change */
	char index_no[GK_INDEX_MAX]; /* "" until published */
	char title[1024];
	char topic[16];     /* 主题分类 code: "10" or "10.3" */
	char genre[32];     /* 体裁 code: "notice", "interpretation" … */
	char column[32];    /* 专题专栏 code or "" */
	char doc_no[128];   /* normalised 文号 or "" */
	char written[11];   /* 成文日期 YYYY-MM-DD or "" */
	char published[17]; /* 发布日期 "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" */
	enum gk_validity validity;
	char effective[11];    /* 生效日期 or "" */
	char ended[11];        /* 失效/废止日期 or "" */
	char repealed_by[128]; /* 废止文号 or "" */
	enum gk_normative normative;
	unsigned outlets;            /* set of 1 << enum gk_outlet */
	char keywords[256];          /* 主题词, space separated */
	char summary[2048];          /* 内容概述 */
	char interp_kind[16];        /* for 政策解读: dept, expert, graphic, video, interview */
	int64_t interprets_id;       /* for 政策解读: the policy it explains, or 0 */
	char *body;                  /* sanitised HTML; owned, may be NULL */
	char *attachments;           /* links: lines "名称|URL"; owned, may be NULL */
	struct gk_attachment *files; /* stored files (gk_store_item_get); owned, may be NULL */
	size_t nfiles;
	/* files to store with the next save or publish (borrowed; the store
	 * clears these once it has tried) */
	const struct gk_upload *uploads;
	size_t nuploads;
	size_t nduplicates; /* of those, how many the item had already (same bytes): not
			       stored again, counted here so the user is told */

	/* filled when loaded from the store */
	char agency_code[40];
	char agency_name[160];
	char interprets_title[1024];
	char interprets_index[GK_INDEX_MAX];
	int64_t updated_at; /* unix seconds */
};

/* Frees what the item owns (body, attachments, files); the struct can be reused. */
void gk_item_release(struct gk_item *it);
/* Replaces the body with the sanitised form of SRC (see core/richtext.h). */
enum gk_err gk_item_set_body(struct gk_item *it, const char *src, struct gk_error *err);
/* Replaces the attachment list, checking each line "名称|URL" (URL http(s)
 * or a path starting with /). */
enum gk_err gk_item_set_attachments(struct gk_item *it, const char *src, struct gk_error *err);

/* Checks every field; on error ERR names the field. Normalises nothing. */
enum gk_err gk_item_validate(const struct gk_item *it, struct gk_error *err);
/* The year of publication (from published), or 0. */
int gk_item_year(const struct gk_item *it);

/* --- code lists --------------------------------------------------------- */

struct gk_code {
	const char *code, *label;
};

/* The lists from data/catalogue: topics (two levels), genres, columns.
 * Loaded once, read-only afterwards; safe from any thread. */
const struct gk_code *gk_topics(size_t *n);
const struct gk_code *gk_genres(size_t *n);
const struct gk_code *gk_columns(size_t *n);
/* The entry whose code or label is S, or NULL. */
const struct gk_code *gk_code_find(const struct gk_code *list, size_t n, const char *s);
/* Labels, or "" for an unknown code. A sub-topic's label is its own;
 * gk_topic_path writes "城乡建设、环境保护 / 环境监测、保护与治理". */
const char *gk_topic_label(const char *code);
const char *gk_genre_label(const char *code);
const char *gk_column_label(const char *code);
void gk_topic_path(const char *code, char *out, size_t n);

/* The kinds of a 政策解读 (interp_kind); an item keeps the code. */
#define GK_INTERP_KIND_LIST(X)                      \
	X(GK_INTERP_DEPT, "dept", "部门解读")       \
	X(GK_INTERP_EXPERT, "expert", "专家解读")   \
	X(GK_INTERP_GRAPHIC, "graphic", "图文解读") \
	X(GK_INTERP_VIDEO, "video", "视频解读")     \
	X(GK_INTERP_INTERVIEW, "interview", "在线访谈")
GK_ENUM_DECLARE(gk_interp_kind, GK_INTERP_KIND, GK_INTERP_KIND_LIST);
/* The label of the kind whose code is CODE; "" for anything else (a label
 * included: an item keeps codes). */
const char *gk_interp_label(const char *code);
/* Parses outlet codes or labels separated by commas, spaces or 、 into a
 * set. GK_EINVAL names an unknown one. */
enum gk_err gk_outlets_parse(const char *s, unsigned *out, struct gk_error *err);
/* Writes the codes of SET joined by commas ("website,wechat") into OUT. */
char *gk_outlets_format(unsigned set, char *out, size_t n);

/* --- JSON (the API, export, import and revision snapshots) -------------- */

/* The item as the API shows it: index_no, doc_no, agency {code, name},
 * published, title, validity … Body and attachments only when WITH_BODY:
 * links as {name, url}, stored files as {name, size, type, url, sha256}
 * with url "/items/ID/files/FILE".
 * Returns a new reference, or NULL when out of memory. */
json_t *gk_item_to_json(const struct gk_item *it, bool with_body);
/* The revision snapshot of IT: gk_item_to_json(IT, true) without id and
 * revision, keys sorted, compact — byte for byte what json_dumps writes
 * with JSON_COMPACT | JSON_SORT_KEYS, so snapshots stored before compare
 * equal. Written directly, without building the object, unless a field is
 * not valid UTF-8 (then jansson's way, which leaves it out). A malloc'd
 * string, NULL only when out of memory. */
char *gk_item_snapshot(const struct gk_item *it);
/* What an import stores as the snapshot of an item it adds, instead of a
 * copy of the item: "the item row as it is now". The store builds the
 * snapshot from the row when one is read, and keeps it for good before the
 * row changes (item_store.c), so the catalogue's text is written once. */
#define GK_ITEM_SNAPSHOT_ROW "@row"
/* Reads the fields named as in the API from OBJ into IT (which the caller
 * zeroed). Codes may be given as codes or labels; agency as a code string
 * or {"code": …} into it->agency_code; interprets as a 索引号 into
 * INTERPRETS (GK_INDEX_MAX bytes). The body is sanitised, the 文号
 * normalised. Attachments with a sha256 (stored files of an export) are
 * skipped: their bytes do not travel. Unknown fields are ignored; a bad one
 * is GK_EINVAL naming it. */
enum gk_err gk_item_from_json(json_t *obj, struct gk_item *it, char *interprets,
			      struct gk_error *err);

#endif
