/* Response helpers every handler uses: headers, JSON, redirects and the
 * error page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/html.h"
#include "lib/log.h"
#include "web/layout.h"
#include "web/request.h"

void gk_req_header(struct gk_request *r, const char *name, const char *value)
{
	if (r->nheaders < GK_MAX_HEADERS) {
		r->header_names[r->nheaders] = name;
		r->header_values[r->nheaders] = value;
		r->nheaders++;
	}
}

bool gk_req_is_api(const struct gk_request *r)
{
	/* the gateways' callbacks (/hooks/) are machines too: JSON errors */
	return r->path &&
	       (strncmp(r->path, "/api/", 5) == 0 || strncmp(r->path, "/hooks/", 7) == 0);
}

void gk_respond_json(struct gk_request *r, int status, json_t *body)
{
	gk_buf_reset(&r->out);
	r->status = status;
	r->response_type = "application/json; charset=utf-8";
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	if (text) {
		gk_buf_puts(&r->out, text);
		gk_buf_putc(&r->out, '\n');
		free(text);
	} else {
		r->status = 500;
		gk_buf_puts(&r->out, "{\"error\":\"服务器内部错误\",\"code\":\"internal_error\","
				     "\"status\":500}\n");
	}
	json_decref(body);
}

void gk_respond_redirect(struct gk_request *r, const char *location)
{
	gk_buf_reset(&r->out);
	r->status = 303;
	r->response_type = "text/plain; charset=utf-8";
	gk_req_header(r, "Location", location);
	gk_buf_puts(&r->out, "see other\n");
}

void gk_respond_stream(struct gk_request *r, const char *type, gk_stream_fn *next, void *ctx)
{
	r->status = 200;
	r->response_type = type;
	r->stream = next;
	r->stream_ctx = ctx;
}

static const char *method_name(const struct gk_request *r)
{
	switch (r->method) {
	case GK_POST:
		return "POST";
	case GK_PUT:
		return "PUT";
	case GK_DELETE:
		return "DELETE";
	case GK_HEAD:
		return "HEAD";
	default:
		return "GET";
	}
}

const char *gk_req_error_text(struct gk_request *r, enum gk_err code, const char *detail)
{
	if (gk_err_is_server(code)) {
		/* the detail is for whoever runs the server, never for the visitor */
		gk_error("%s %s: %s: %s", method_name(r), r->path ? r->path : "?",
			 gk_err_message(code), detail && *detail ? detail : "(no detail)");
		return gk_err_public(code);
	}
	return detail && *detail ? detail : gk_err_public(code);
}

const char *gk_req_error(struct gk_request *r, const struct gk_error *err)
{
	return gk_req_error_text(r, err->code ? err->code : GK_EINTERNAL, err->detail);
}

bool gk_req_failed(struct gk_request *r, enum gk_err rc, const struct gk_error *err)
{
	if (!gk_err_is_server(rc))
		return false;
	if (!r->failure.code) {
		r->failure.code = rc;
		snprintf(r->failure.detail, sizeof r->failure.detail, "%s", err ? err->detail : "");
	}
	return true;
}

void gk_respond_error(struct gk_request *r, enum gk_err code, const char *detail)
{
	int status = gk_err_http_status(code);
	detail = gk_req_error_text(r, code, detail);
	r->stream = NULL;
	if (gk_req_is_api(r)) {
		gk_respond_json(r, status,
				json_pack("{s:s, s:s, s:i}", "error", detail, "code",
					  gk_err_name(code), "status", status));
		return;
	}
	gk_buf_reset(&r->out);
	r->page_open = false;
	static const struct {
		int status;
		const char *title;
	} titles[] = {
		{400, "请求有误"},     {401, "请先登录"},         {403, "无权访问"},
		{404, "页面不存在"},   {405, "不支持的请求方法"}, {409, "数据冲突"},
		{413, "提交内容过大"}, {429, "尝试次数过多"},     {500, "服务器内部错误"},
		{503, "服务器繁忙"},   {507, "存储空间不足"},
	};
	const char *title = "出错了";
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (titles[i].status == status)
			title = titles[i].title;
	gk_page_begin(r, status, title);
	gk_html_raw(&r->out, "<p class=\"error-detail\">");
	gk_html_text(&r->out, detail);
	gk_html_raw(&r->out, "</p>\n<p><a href=\"/\">返回首页</a></p>\n");
	gk_page_end(r);
}
