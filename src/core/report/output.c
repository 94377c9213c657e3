/* A check's findings for people and programs: severity words, the text of `gongkai check`, JSON. */
#include <math.h>

#include "core/report/output.h"

const char *gk_report_severity_name(enum gk_report_severity s)
{
	return s == GK_SEV_ERROR ? "error" : "warning";
}

const char *gk_report_severity_label(enum gk_report_severity s)
{
	return s == GK_SEV_ERROR ? "错误" : "疑问";
}

/* --- text and JSON -------------------------------------------------------- */

enum gk_err gk_report_result_text(const struct gk_report_result *res, const char *name,
				  struct gk_buf *out)
{
	if (!name)
		name = "report";
	for (int i = 0; i < res->nfindings; i++) {
		const struct gk_report_finding *f = &res->findings[i];
		gk_buf_printf(out, "%s%s:%d: %s: %s [%s]\n", name, f->file ? "（上年报告）" : "",
			      f->line, gk_report_severity_label(f->severity), f->message,
			      f->relation);
		if (f->left_label[0] || f->right_label[0])
			gk_buf_printf(out, "    %s = %.*f\n    %s = %.*f\n", f->left_label,
				      f->decimals, f->left, f->right_label, f->decimals, f->right);
		gk_buf_printf(out, "    > %s\n", f->quote);
	}
	if (res->nfindings)
		gk_buf_printf(out, "%s: 发现%d处问题（错误%d处，疑问%d处）\n", name, res->nfindings,
			      res->nerrors, res->nwarnings);
	else if (res->nfigures == 0)
		gk_buf_printf(out, "%s: 未读到任何数字，未作检查\n", name);
	else
		gk_buf_printf(out, "%s: 未发现问题（读取数字%d个%s）\n", name, res->nfigures,
			      res->ntables ? "，含统计表" : "");
	return out->failed ? (enum gk_err)out->failed : GK_OK;
}

static json_t *jnum(double v)
{
	if (fabs(v - round(v)) < 1e-9 && fabs(v) < 9e15)
		return json_integer((json_int_t)llround(v));
	return json_real(v);
}

json_t *gk_report_result_json(const struct gk_report_result *res, const char *name)
{
	json_t *root = json_object();
	json_t *list = json_array();
	if (!root || !list) {
		json_decref(root);
		json_decref(list);
		return NULL;
	}
	int bad = 0;
	if (name)
		bad |= json_object_set_new(root, "file", json_string(name));
	bad |= json_object_set_new(root, "year", res->year ? json_integer(res->year) : json_null());
	bad |= json_object_set_new(root, "encoding", json_string(res->encoding));
	bad |= json_object_set_new(root, "format", json_string(res->format));
	bad |= json_object_set_new(root, "figures", json_integer(res->nfigures));
	bad |= json_object_set_new(root, "tables", json_integer(res->ntables));
	bad |= json_object_set_new(root, "errors", json_integer(res->nerrors));
	bad |= json_object_set_new(root, "warnings", json_integer(res->nwarnings));
	for (int i = 0; i < res->nfindings && !bad; i++) {
		const struct gk_report_finding *f = &res->findings[i];
		json_t *figs = json_array();
		for (int k = 0; figs && k < f->nfigures; k++) {
			const struct gk_report_finding_figure *g = &f->figures[k];
			bad |= json_array_append_new(
				figs, json_pack("{s:s, s:o, s:s, s:i, s:I, s:I}", "label", g->label,
						"value", jnum(g->value), "unit", g->unit, "line",
						g->line, "start", (json_int_t)g->start, "end",
						(json_int_t)g->end));
		}
		json_t *o = json_pack(
			"{s:s, s:s, s:s, s:s, s:i, s:I, s:I, s:s, s:{s:s, s:o}, s:{s:s, s:o}, s:o}",
			"severity", gk_report_severity_name(f->severity), "severity_label",
			gk_report_severity_label(f->severity), "relation", f->relation, "message",
			f->message, "line", f->line, "start", (json_int_t)f->start, "end",
			(json_int_t)f->end, "quote", f->quote, "left", "label", f->left_label,
			"value", jnum(f->left), "right", "label", f->right_label, "value",
			jnum(f->right), "figures", figs ? figs : json_array());
		if (o && f->file)
			json_object_set_new(o, "report", json_string("previous"));
		bad |= !o || json_array_append_new(list, o);
	}
	bad |= json_object_set_new(root, "findings", list);
	if (bad) {
		json_decref(root);
		return NULL;
	}
	return root;
}
