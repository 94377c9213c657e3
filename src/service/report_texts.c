/* Saving the yearly report's staff-written sections (see report_texts.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/utf8.h"
#include "service/report_texts.h"

bool gk_svc_report_texts_writable(struct gk_svc *svc, int64_t agency_id)
{
	if (!svc->actor)
		return true;
	return (svc->actor->roles & (GK_ROLE_EDITOR | GK_ROLE_ADMIN)) &&
	       gk_svc_in_scope(svc, agency_id);
}

enum gk_err gk_report_year_check(int year, struct gk_error *err)
{
	if (year < GK_REPORT_YEAR_MIN || year > GK_REPORT_YEAR_MAX)
		return gk_fail(err, GK_EINVAL, "“年度”须在%d至%d之间", GK_REPORT_YEAR_MIN,
			       GK_REPORT_YEAR_MAX);
	return GK_OK;
}

/* BODY without carriage returns (a browser's textarea sends "\r\n"), malloc'd. */
static char *normalised(const char *body)
{
	size_t n = strlen(body);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	for (const char *p = body; *p; p++)
		if (*p != '\r')
			*o++ = *p;
		else if (p[1] != '\n')
			*o++ = '\n';
	*o = '\0';
	return out;
}

struct version {
	int revision;
	char *body; /* of that revision, or NULL if none */
};

static int find_version(const struct gk_report_version *t, void *ctx)
{
	struct version *v = ctx;
	if (t->revision != v->revision)
		return 0;
	v->body = strdup(t->body);
	return 1;
}

static enum gk_err save_one(struct gk_svc *svc, int64_t agency_id, int year,
			    struct gk_report_text_input *in, struct gk_error *err)
{
	const char *code = gk_report_section_code(in->section);
	const char *label = gk_report_section_label(in->section);
	in->saved = false;
	in->revision = in->expected;
	if (!code[0])
		return gk_fail(err, GK_EINVAL, "“栏目”不是年度报告中由工作人员撰写的部分");
	if (in->expected < 0)
		return gk_fail(err, GK_EINVAL, "“%s”的版本号有误", label);
	const char *raw = in->body ? in->body : "";
	if (!gk_utf8_valid(raw, strlen(raw)))
		return gk_fail(err, GK_EINVAL, "“%s”含有无效字符", label);
	char *body = normalised(raw);
	if (!body)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	enum gk_err rc = GK_OK;
	size_t chars = gk_utf8_count(body, strlen(body));
	if (chars > GK_REPORT_TEXT_MAX) {
		rc = gk_fail(err, GK_EINVAL, "“%s”不能超过%d字（现为%zu字）", label,
			     GK_REPORT_TEXT_MAX, chars);
		goto out;
	}
	/* unchanged from what the editor began with: nothing to save, and no
	 * conflict with whoever saved this section meanwhile */
	struct version v = {in->expected, NULL};
	if (in->expected > 0) {
		rc = gk_store_report_text_history(svc->store, agency_id, year, code, find_version,
						  &v, err);
		if (rc)
			goto out;
	}
	bool same = in->expected > 0 ? v.body && strcmp(v.body, body) == 0 : body[0] == '\0';
	free(v.body);
	if (same)
		goto out;
	rc = gk_store_report_text_save(svc->store, agency_id, year, code, in->expected, body,
				       gk_svc_actor_id(svc), &in->revision, err);
	if (rc)
		goto out;
	in->saved = true;
	char detail[64];
	snprintf(detail, sizeof detail, "%d %s r%d", year, code, in->revision);
	rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), agency_id, "save", "report_text",
			    agency_id, detail, err);
out:
	free(body);
	return rc;
}

enum gk_err gk_svc_report_texts_save(struct gk_svc *svc, int64_t agency_id, int year,
				     struct gk_report_text_input *in, size_t n,
				     struct gk_error *err)
{
	enum gk_err rc = gk_report_year_check(year, err);
	if (rc)
		return rc;
	if (!gk_svc_report_texts_writable(svc, agency_id))
		return gk_fail(
			err, GK_EFORBIDDEN,
			"只有本机构（或其上级机构）的信息发布员或管理员可以编写该机构的年度报告");
	bool own;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++)
		rc = save_one(svc, agency_id, year, &in[i], err);
	if (rc)
		for (size_t i = 0; i < n; i++) {
			in[i].saved = false;
			in[i].revision = in[i].expected;
		}
	return gk_svc_end(svc, own, rc, err);
}
