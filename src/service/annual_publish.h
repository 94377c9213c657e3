/* Publishing a yearly report (政府信息公开工作年度报告): the catalogue item
 * that carries it — 体裁 年度报告 (genre annual_report), 主题 政务公开, its
 * own 索引号, like the seed's header — and its documents (the PDF agencies
 * publish, the tables as XLSX) as the item's files. */
#ifndef GK_SERVICE_ANNUAL_PUBLISH_H
#define GK_SERVICE_ANNUAL_PUBLISH_H

#include <stddef.h>
#include <stdint.h>

#include "core/attachment.h"
#include "core/report/annual.h"
#include "service/service.h"

/* Publishes A, the report of AGENCY_ID (A->rollup: over its subtree) built
 * by gk_svc_annual_build, with BODY_HTML (the report as HTML, sanitised
 * here) as the item's text and DOCS as its files. Publishing the same
 * agency, year and scope again makes a new revision of the same item, its
 * files replaced. Editors and administrators of the agency's subtree (and
 * the command line). *ITEM_ID (may be NULL) gets the item's id. */
enum gk_err gk_svc_annual_publish(struct gk_svc *svc, int64_t agency_id, const struct gk_annual *a,
				  const char *body_html, const struct gk_upload *docs, size_t ndocs,
				  int64_t *item_id, struct gk_error *err);

#endif
