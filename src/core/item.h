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
#include "lib/error.h"

enum gk_item_status {
	GK_ITEM_DRAFT,     /* being written; not public, no 索引号 yet */
	GK_ITEM_PUBLISHED, /* public, with its 索引号 */
	GK_ITEM_WITHDRAWN, /* taken down; its 索引号 is never reused */
};

enum gk_validity {
	GK_VALID,    /* 有效 */
	GK_EXPIRED,  /* 失效: ended by its own terms */
	GK_REPEALED, /* 废止: ended by another document */
};

enum gk_normative {
	GK_NORM_NONE,
	GK_NORM_RULE,     /* 规章 */
	GK_NORM_DOCUMENT, /* 行政规范性文件 */
};

enum gk_item_channel {
	GK_CH_WEBSITE = 1 << 0, /* 政府网站 */
	GK_CH_GAZETTE = 1 << 1, /* 政府公报 */
	GK_CH_WEIBO = 1 << 2,   /* 微博 */
	GK_CH_WECHAT = 1 << 3,  /* 微信 */
	GK_CH_OTHER = 1 << 4,   /* 其他 */
};
#define GK_CH_ALL 31

#define GK_ITEM_TITLE_MAX 300     /* characters */
#define GK_ITEM_SUMMARY_MAX 600   /* characters */
#define GK_ITEM_BODY_MAX (1 << 20) /* bytes of sanitised HTML */

struct gk_item {
	int64_t id;
	int64_t agency_id;
	enum gk_item_status status;
	int revision;                /* 1 for a new item, +1 per saved change */
	char index_no[GK_INDEX_MAX]; /* "" until published */
	char title[1024];
	char topic[16];              /* 主题分类 code: "10" or "10.3" */
	char genre[32];              /* 体裁 code: "notice", "interpretation" … */
	char column[32];             /* 专题专栏 code or "" */
	char doc_no[128];            /* normalised 文号 or "" */
	char written[11];            /* 成文日期 YYYY-MM-DD or "" */
	char published[17];          /* 发布日期 "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" */
	enum gk_validity validity;
	char effective[11];          /* 生效日期 or "" */
	char ended[11];              /* 失效/废止日期 or "" */
	char repealed_by[128];       /* 废止文号 or "" */
	enum gk_normative normative;
	unsigned channels;           /* set of enum gk_item_channel */
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

	/* filled when loaded from the store */
	char agency_code[40];
	char agency_name[160];
	char interprets_title[1024];
	char interprets_index[GK_INDEX_MAX];
	int64_t updated_at;          /* unix seconds */
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

const char *gk_validity_name(enum gk_validity v);   /* valid, expired, repealed */
const char *gk_validity_label(enum gk_validity v);  /* 有效, 失效, 废止 */
bool gk_validity_parse(const char *s, enum gk_validity *out); /* name or label */
const char *gk_normative_name(enum gk_normative v);  /* "", rule, normative */
const char *gk_normative_label(enum gk_normative v); /* "", 规章, 行政规范性文件 */
bool gk_normative_parse(const char *s, enum gk_normative *out);
const char *gk_status_name(enum gk_item_status s);   /* draft, published, withdrawn */
const char *gk_status_label(enum gk_item_status s);  /* 草稿, 已发布, 已撤回 */
bool gk_status_parse(const char *s, enum gk_item_status *out);
/* Interpretation kinds: dept 部门解读, expert 专家解读, graphic 图文解读,
 * video 视频解读, interview 在线访谈. Label "" for unknown. */
const char *gk_interp_label(const char *kind);
extern const struct gk_code gk_interp_kinds[];
#define GK_NINTERP_KINDS 5
/* Channels: the bit's name (website, gazette, weibo, wechat, other) and label. */
extern const struct gk_code gk_channel_codes[]; /* index i is bit 1<<i */
#define GK_NCHANNELS 5
/* Parses names or labels separated by commas, spaces or 、 into a set. */
enum gk_err gk_channels_parse(const char *s, unsigned *out, struct gk_error *err);

/* --- JSON (the API, export, import and revision snapshots) -------------- */

/* The item as the API shows it: index_no, doc_no, agency {code, name},
 * published, title, validity … Body and attachments only when WITH_BODY:
 * links as {name, url}, stored files as {name, size, type, url, sha256}
 * with url "/items/ID/files/FILE".
 * Returns a new reference, or NULL when out of memory. */
json_t *gk_item_to_json(const struct gk_item *it, bool with_body);
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
