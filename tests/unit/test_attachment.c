/* Unit tests for attachments: the rules of core/attachment.c (safe names,
 * the media-type allow-list, inline display, sizes, digests) and the stored
 * files of store/file_store.c — items (uploads with a save, deduplication,
 * removal as a revision, rollback) and application steps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "service/applications.h"
#include "service/items.h"
#include "tempdb.h"

#include "core/application.h"
#include "core/attachment.h"
#include "core/item.h"
#include "lib/date.h"
#include "store/store.h"

/* --- names, types, sizes ------------------------------------------------------ */

static void names_lose_paths_and_dangerous_characters(void **state)
{
	char out[GK_ATTACHMENT_NAME_MAX * 4 + 1];
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"报告.pdf", "报告.pdf"},
		{"../../etc/passwd", "passwd"},
		{"C:\\Users\\张三\\申请书.docx", "申请书.docx"},
		{"a\"b<c>d|e?f*g:h.txt", "a_b_c_d_e_f_g_h.txt"},
		{"new\nline\r.pdf", "new_line_.pdf"},
		{"invoice\xe2\x80\xae"
		 "fdp.exe",
		 "invoice_fdp.exe"}, /* U+202E */
		{"..", "附件"},
		{"../", "附件"},
		{"", "附件"},
		{"  .hidden", "hidden"},
		{"name. . ", "name"},
		{"tab\there.csv", "tab_here.csv"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		gk_attachment_name(cases[i].in, out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
	gk_attachment_name(NULL, out, sizeof out);
	assert_string_equal(out, "附件");
}

static void long_names_keep_their_extension(void **state)
{
	char in[1200], out[GK_ATTACHMENT_NAME_MAX * 4 + 1];
	(void)state;
	size_t o = 0;
	for (int i = 0; i < 200; i++, o += 3)
		memcpy(in + o, "长", 3);
	memcpy(in + o, ".pdf", 5);
	gk_attachment_name(in, out, sizeof out);
	size_t len = strlen(out);
	assert_true(len > 4 && strcmp(out + len - 4, ".pdf") == 0);
	/* 116 characters of 3 bytes and ".pdf" */
	assert_int_equal(len, 116 * 3 + 4);
	/* a small buffer truncates safely */
	char small[8];
	gk_attachment_name("长长长长长.pdf", small, sizeof small);
	assert_true(strlen(small) < sizeof small);
}

static void media_types_come_from_an_allow_list(void **state)
{
	(void)state;
	assert_string_equal(gk_attachment_media_type("a.PDF"), "application/pdf");
	assert_string_equal(gk_attachment_media_type("表.xlsx"),
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_string_equal(gk_attachment_media_type("x.ofd"), "application/ofd");
	assert_string_equal(gk_attachment_media_type("photo.JPeG"), "image/jpeg");
	assert_string_equal(gk_attachment_media_type("data.csv"), "text/csv");
	for (const char *bad[] = {"x.html", "x.htm", "x.svg", "x.exe", "x.js", "noext", "x.",
				  "x.pdf.html", NULL},
			**p = bad;
	     *p; p++)
		assert_string_equal(gk_attachment_media_type(*p), "application/octet-stream");
	assert_string_equal(gk_attachment_type_label("application/pdf"), "PDF");
	assert_string_equal(gk_attachment_type_label("application/octet-stream"), "文件");
}

static void only_real_pdfs_and_images_show_inline(void **state)
{
	(void)state;
	assert_true(gk_attachment_inline("application/pdf", "%PDF-1.7\n", 9));
	assert_false(gk_attachment_inline("application/pdf", "<html>", 6));
	assert_true(gk_attachment_inline("image/png", "\x89PNG\r\n\x1a\nrest", 12));
	assert_false(gk_attachment_inline("image/png", "<svg>", 5));
	assert_true(gk_attachment_inline("image/gif", "GIF89a", 6));
	assert_true(gk_attachment_inline("image/jpeg", "\xff\xd8\xff\xe0", 4));
	assert_false(gk_attachment_inline("image/jpeg", "\xff\xd8", 2));
	assert_false(gk_attachment_inline("application/zip", "PK\x03\x04", 4));
	assert_false(gk_attachment_inline("application/octet-stream", "%PDF-", 5));
	assert_false(gk_attachment_inline("text/html", "%PDF-", 5));
}

static void sizes_digests_and_checks(void **state)
{
	char text[32], sha[65];
	struct gk_error err = {0};
	(void)state;
	gk_attachment_size_text(830, text, sizeof text);
	assert_string_equal(text, "830 字节");
	gk_attachment_size_text(12800, text, sizeof text);
	assert_string_equal(text, "12.5 KB");
	gk_attachment_size_text(3355443, text, sizeof text);
	assert_string_equal(text, "3.2 MB");
	gk_attachment_sha256("abc", 3, sha);
	assert_string_equal(sha,
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	struct gk_upload up = {"a.pdf", "application/pdf", "x", 1};
	assert_int_equal(gk_upload_check(&up, &err), GK_OK);
	up.len = 0;
	assert_int_equal(gk_upload_check(&up, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "空文件"));
	up.len = GK_ATTACHMENT_MAX_BYTES + 1; /* not read: only the length is checked */
	assert_int_equal(gk_upload_check(&up, &err), GK_ETOOBIG);
	up.len = 1;
	up.name = "";
	assert_int_equal(gk_upload_check(&up, &err), GK_EINVAL);
}

/* --- the store ------------------------------------------------------------------- */

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_calendar *cal;
	int64_t office, dept;
	struct gk_user handler, reviewer;
};

static int64_t add_agency(struct gk_store *s, const char *code, const char *name, int64_t parent,
			  enum gk_agency_kind kind, bool supervises)
{
	struct gk_agency a = {.kind = kind, .parent_id = parent, .supervises = supervises};
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "%s", name);
	return gk_store_agency_add(s, &a, NULL) ? 0 : a.id;
}

static int add_user(struct gk_store *s, struct gk_user *u, const char *login, int64_t agency,
		    unsigned roles)
{
	memset(u, 0, sizeof *u);
	snprintf(u->login, sizeof u->login, "%s", login);
	snprintf(u->display_name, sizeof u->display_name, "%s", login);
	u->agency_id = agency;
	u->roles = roles;
	snprintf(u->password_hash, sizeof u->password_hash, "%s", gk_password_dummy());
	return gk_store_user_add(s, u, NULL) ? -1 : 0;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (tempdb_open(&f->db, &f->s))
		return -1;
	int64_t city =
		add_agency(f->s, "035200001", "大同市人民政府", 0, GK_AGENCY_GOVERNMENT, false);
	f->office =
		add_agency(f->s, "035200000", "大同市人民政府办公厅", city, GK_AGENCY_OFFICE, true);
	f->dept = add_agency(f->s, "035205000", "大同市环境保护局", city, GK_AGENCY_DEPARTMENT,
			     false);
	if (!city || !f->office || !f->dept ||
	    add_user(f->s, &f->handler, "handler", f->office, GK_ROLE_HANDLER) ||
	    add_user(f->s, &f->reviewer, "reviewer", f->office, GK_ROLE_REVIEWER))
		return -1;
	f->cal = gk_calendar_new_builtin(NULL);
	*state = f;
	return f->cal ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	gk_calendar_free(f->cal);
	tempdb_remove(&f->db, f->s);
	free(f);
	return 0;
}

static struct gk_item item(int64_t agency, const char *title)
{
	struct gk_item it = {.agency_id = agency, .outlets = 1u << GK_OUTLET_WEBSITE};
	snprintf(it.title, sizeof it.title, "%s", title);
	snprintf(it.topic, sizeof it.topic, "10.3");
	snprintf(it.genre, sizeof it.genre, "notice");
	snprintf(it.published, sizeof it.published, "2018-05-02 09:30");
	return it;
}

static const char pdf[] = "%PDF-1.4 a small test file";
static const char png[] = "\x89PNG\r\n\x1a\n not an image really";

static int has_text(const struct gk_item_revision *rev, void *ctx)
{
	const char **want = ctx;
	if (rev->snapshot && strstr(rev->snapshot, *want))
		*want = NULL;
	return 0;
}

static void item_files_are_saved_with_the_item(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_upload ups[] = {
		{"方案.pdf", "application/pdf", pdf, sizeof pdf - 1},
		{"图.png", "image/png", png, sizeof png - 1},
		{"again.pdf", "application/pdf", pdf, sizeof pdf - 1}, /* the same bytes: skipped */
	};
	struct gk_item it = item(f->office, "带附件的信息");
	it.uploads = ups;
	it.nuploads = 3;
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, f->handler.id), &it, &err), GK_OK);
	assert_null(it.uploads);
	assert_int_equal(it.nfiles, 2);
	assert_string_equal(it.files[0].name, "方案.pdf");
	assert_int_equal(it.files[0].size, (int64_t)sizeof pdf - 1);
	char sha[65];
	gk_attachment_sha256(pdf, sizeof pdf - 1, sha);
	assert_string_equal(it.files[0].sha256, sha);

	struct gk_item got;
	assert_int_equal(gk_store_item_get(f->s, it.id, &got, &err), GK_OK);
	assert_int_equal(got.nfiles, 2);
	assert_string_equal(got.files[1].media_type, "image/png");

	struct gk_buf data;
	struct gk_attachment a;
	gk_buf_init(&data, 1 << 20);
	assert_int_equal(gk_store_item_file_get(f->s, it.id, got.files[0].id, &a, &data, &err),
			 GK_OK);
	assert_int_equal(data.len, sizeof pdf - 1);
	assert_memory_equal(data.data, pdf, data.len);
	assert_string_equal(a.name, "方案.pdf");
	/* metadata only */
	assert_int_equal(gk_store_item_file_get(f->s, it.id, got.files[1].id, &a, NULL, &err),
			 GK_OK);
	assert_int_equal(a.size, (int64_t)sizeof png - 1);
	/* a file only under its own item; a small buffer refuses the bytes */
	assert_int_equal(gk_store_item_file_get(f->s, it.id + 1, got.files[0].id, &a, NULL, &err),
			 GK_ENOTFOUND);
	struct gk_buf tiny;
	gk_buf_init(&tiny, 4);
	assert_int_equal(gk_store_item_file_get(f->s, it.id, got.files[0].id, &a, &tiny, &err),
			 GK_ETOOBIG);
	gk_buf_release(&tiny);

	/* the revision snapshot names the files */
	const char *want = "\"sha256\":\"";
	gk_store_item_revisions(f->s, it.id, has_text, &want, NULL);
	assert_null(want);
	/* JSON: files as {name, size, type, url, sha256}; import skips them */
	json_t *o = gk_item_to_json(&got, true);
	json_t *first = json_array_get(json_object_get(o, "attachments"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "type")), "application/pdf");
	char url[64];
	snprintf(url, sizeof url, "/items/%lld/files/%lld", (long long)it.id,
		 (long long)got.files[0].id);
	assert_string_equal(json_string_value(json_object_get(first, "url")), url);
	struct gk_item back = {0};
	char interprets[GK_INDEX_MAX];
	assert_int_equal(gk_item_from_json(o, &back, interprets, &err), GK_OK);
	assert_null(back.attachments);
	json_decref(o);
	gk_item_release(&back);
	gk_buf_release(&data);
	gk_item_release(&got);
	gk_item_release(&it);
}

static int newest_action(const struct gk_item_revision *rev, void *ctx)
{
	snprintf(ctx, 32, "%s", rev->action);
	return 1;
}

static void removal_is_a_revision_and_bytes_are_shared(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_upload up = {"共用.pdf", "application/pdf", pdf, sizeof pdf - 1};
	struct gk_item a = item(f->office, "甲"), b = item(f->office, "乙");
	a.uploads = b.uploads = &up;
	a.nuploads = b.nuploads = 1;
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &a, NULL, &err), GK_OK);
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &b, NULL, &err), GK_OK);
	assert_int_equal(a.nfiles, 1);
	assert_int_equal(b.nfiles, 1);
	int64_t fa = a.files[0].id, fb = b.files[0].id;
	assert_true(fa != fb);

	/* a stale revision is refused and changes nothing */
	int rev = a.revision;
	a.revision = rev - 1 > 0 ? rev - 1 : rev + 1;
	assert_int_equal(gk_svc_item_file_remove(svc_on(f->s, 0), &a, fa, &err), GK_ECONFLICT);
	assert_int_equal(a.nfiles, 1);
	a.revision = rev;
	assert_int_equal(gk_svc_item_file_remove(svc_on(f->s, 0), &a, fb, &err), GK_ENOTFOUND);
	assert_int_equal(gk_svc_item_file_remove(svc_on(f->s, 0), &a, fa, &err), GK_OK);
	assert_int_equal(a.revision, rev + 1);
	assert_int_equal(a.nfiles, 0);
	struct gk_attachment att;
	assert_int_equal(gk_store_item_file_get(f->s, a.id, fa, &att, NULL, &err), GK_ENOTFOUND);
	char action[32] = "";
	gk_store_item_revisions(f->s, a.id, newest_action, action, NULL);
	assert_string_equal(action, "remove_attachment");
	/* the other item's copy (the same bytes) is still there */
	struct gk_buf data;
	gk_buf_init(&data, 1 << 20);
	assert_int_equal(gk_store_item_file_get(f->s, b.id, fb, &att, &data, &err), GK_OK);
	assert_memory_equal(data.data, pdf, sizeof pdf - 1);
	gk_buf_release(&data);
	/* and once gone from both, attaching it again stores it afresh */
	assert_int_equal(gk_svc_item_file_remove(svc_on(f->s, 0), &b, fb, &err), GK_OK);
	b.uploads = &up;
	b.nuploads = 1;
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &b, NULL, &err), GK_OK);
	assert_int_equal(b.nfiles, 1);
	gk_buf_init(&data, 1 << 20);
	assert_int_equal(gk_store_item_file_get(f->s, b.id, b.files[0].id, &att, &data, &err),
			 GK_OK);
	assert_int_equal(data.len, sizeof pdf - 1);
	gk_buf_release(&data);
	gk_item_release(&a);
	gk_item_release(&b);
}

static void a_failed_save_stores_no_file(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_upload ok = {"a.pdf", "application/pdf", pdf, sizeof pdf - 1};
	struct gk_upload empty = {"b.pdf", "application/pdf", "", 0};
	struct gk_upload ups[] = {ok, empty};
	struct gk_item it = item(f->office, "失败");
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &it, NULL, &err), GK_OK);
	int rev = it.revision;
	it.uploads = ups;
	it.nuploads = 2;
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &it, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "空文件"));
	assert_int_equal(it.revision, rev);
	assert_int_equal(it.nfiles, 0);
	struct gk_item got;
	assert_int_equal(gk_store_item_get(f->s, it.id, &got, &err), GK_OK);
	assert_int_equal(got.nfiles, 0);
	assert_int_equal(got.revision, rev);
	gk_item_release(&got);
	gk_item_release(&it);
}

struct collected {
	struct gk_attachment a[8];
	int n;
};

static int collect(const struct gk_attachment *a, void *ctx)
{
	struct collected *c = ctx;
	if (c->n < 8)
		c->a[c->n++] = *a;
	return 0;
}

struct events {
	int64_t ids[16];
	char actions[16][32];
	int n;
};

static int collect_event(const struct gk_app_event *ev, void *ctx)
{
	struct events *e = ctx;
	if (e->n < 16) {
		e->ids[e->n] = ev->id;
		snprintf(e->actions[e->n], sizeof e->actions[0], "%s", ev->action);
		e->n++;
	}
	return 0;
}

static long day(const char *s)
{
	struct gk_date d;
	assert_true(gk_date_parse(s, &d));
	return gk_date_to_days(d);
}

static void application_steps_keep_their_files(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	static struct gk_application app;
	struct gk_upload scan = {"申请书.pdf", "application/pdf", pdf, sizeof pdf - 1};
	struct gk_upload note = {"批办单.png", "image/png", png, sizeof png - 1};
	struct gk_intake in;
	memset(&in, 0, sizeof in);
	in.agency_id = f->office;
	in.kind = GK_INTAKE_STAFF;
	in.facts.channel = GK_CHANNEL_IN_PERSON;
	in.facts.submitted = day("2024-09-27");
	in.facts.signed_for = in.facts.confirmed = GK_NO_DAY;
	in.applicant_type = GK_APPLICANT_NATURAL_PERSON;
	snprintf(in.applicant.name, sizeof in.applicant.name, "单元测试");
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "123");
	in.description = "某文件";
	in.delivery = GK_DELIVERY_PICKUP;
	in.upload = &scan;
	assert_int_equal(
		gk_svc_application_create(svc_at(f->s, f->cal, &f->handler, -1), &in, &app, &err),
		GK_OK);

	struct gk_step_input st;
	memset(&st, 0, sizeof st);
	st.action = GK_ACTION_ASSIGN;
	st.day = day("2024-09-30");
	st.outcome = -1;
	st.until = st.notice_received = GK_NO_DAY;
	st.handler_id = f->handler.id;
	st.upload = &note;
	long today = day("2024-12-31");
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &f->reviewer, today), app.id,
						&st, &app, &err),
			 GK_OK);
	/* an illegal step with a file stores neither */
	st.action = GK_ACTION_ARCHIVE;
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &f->handler, today), app.id,
						&st, &app, &err),
			 GK_ECONFLICT);
	/* an empty file is refused before anything happens */
	struct gk_upload empty = {"x.pdf", "application/pdf", "", 0};
	st.action = GK_ACTION_WITHDRAW;
	st.upload = &empty;
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &f->handler, today), app.id,
						&st, &app, &err),
			 GK_EINVAL);
	assert_int_equal(app.state, GK_STATE_ASSIGNED);

	struct collected c = {0};
	struct events e = {0};
	assert_int_equal(gk_store_app_attachments(f->s, app.id, collect, &c, &err), GK_OK);
	assert_int_equal(gk_store_app_events(f->s, app.id, collect_event, &e, &err), GK_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.a[0].name, "申请书.pdf");
	assert_string_equal(c.a[1].name, "批办单.png");
	for (int i = 0; i < 2; i++) {
		const char *want = i == 0 ? "create" : "assign";
		int found = 0;
		for (int k = 0; k < e.n; k++)
			if (e.ids[k] == c.a[i].event_id)
				found = strcmp(e.actions[k], want) == 0;
		assert_true(found);
	}
	struct gk_buf data;
	struct gk_attachment a;
	gk_buf_init(&data, 1 << 20);
	assert_int_equal(gk_store_app_attachment_get(f->s, app.id, c.a[1].id, &a, &data, &err),
			 GK_OK);
	assert_int_equal(data.len, sizeof png - 1);
	assert_memory_equal(data.data, png, data.len);
	assert_int_equal(gk_store_app_attachment_get(f->s, app.id + 1, c.a[1].id, &a, NULL, &err),
			 GK_ENOTFOUND);
	gk_buf_release(&data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_lose_paths_and_dangerous_characters),
		cmocka_unit_test(long_names_keep_their_extension),
		cmocka_unit_test(media_types_come_from_an_allow_list),
		cmocka_unit_test(only_real_pdfs_and_images_show_inline),
		cmocka_unit_test(sizes_digests_and_checks),
		cmocka_unit_test_setup_teardown(item_files_are_saved_with_the_item, setup,
						teardown),
		cmocka_unit_test_setup_teardown(removal_is_a_revision_and_bytes_are_shared, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_failed_save_stores_no_file, setup, teardown),
		cmocka_unit_test_setup_teardown(application_steps_keep_their_files, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
