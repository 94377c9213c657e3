/* Fuzz target: JSON request bodies of the API and import rows. The body
 * goes the way the router takes it (valid UTF-8, jansson with duplicate
 * keys refused, an object), then to what reads such objects: an item
 * (gk_item_from_json: the API's and the import's items, body sanitised),
 * a record of each kind (the field check, then each field filled and
 * checked against an empty database), and the year figures' values.
 * Properties: no crash or sanitizer report; a refusal says why in valid
 * UTF-8 (it goes into a JSON answer); what is accepted writes back as JSON. */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_check.h"

#include "core/item.h"
#include "lib/utf8.h"
#include "service/records.h"
#include "service/service.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char json_body_dir[64];
static char json_body_path[96];
static struct gk_store *json_body_store;

static void json_body_cleanup(void)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char p[128];
	gk_store_free(json_body_store);
	json_body_store = NULL;
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", json_body_path, suffix[i]);
		unlink(p);
	}
	rmdir(json_body_dir);
}

/* One empty database for every input: records name agencies and cases. */
static struct gk_store *json_body_db(void)
{
	if (json_body_store)
		return json_body_store;
	snprintf(json_body_dir, sizeof json_body_dir, "/tmp/gk-fuzz-XXXXXX");
	FUZZ_CHECK(mkdtemp(json_body_dir) != NULL, "a temporary folder");
	snprintf(json_body_path, sizeof json_body_path, "%s/f.db", json_body_dir);
	FUZZ_CHECK(gk_store_open(json_body_path, GK_STORE_CREATE, &json_body_store, NULL) == GK_OK,
		   "a database");
	atexit(json_body_cleanup);
	return json_body_store;
}

static void json_body_item(json_t *obj)
{
	struct gk_item it;
	char interprets[GK_INDEX_MAX];
	struct gk_error err = {0};
	memset(&it, 0, sizeof it);
	interprets[0] = '\0';
	if (gk_item_from_json(obj, &it, interprets, &err) == GK_OK) {
		FUZZ_CHECK(strlen(interprets) < GK_INDEX_MAX, "the 索引号 fits");
		FUZZ_CHECK(!it.body || gk_utf8_valid(it.body, strlen(it.body)),
			   "the body is valid UTF-8");
		json_t *back = gk_item_to_json(&it, true);
		FUZZ_CHECK(back != NULL, "an item accepted writes back as JSON");
		json_decref(back);
	} else {
		FUZZ_CHECK(err.detail[0] != '\0', "a refused item says why");
		FUZZ_CHECK(gk_utf8_valid(err.detail, strlen(err.detail)),
			   "the reason is valid UTF-8 (it goes into JSON)");
	}
	gk_item_release(&it);
}

static void json_body_records(json_t *obj)
{
	static const char *const none[] = {"csrf",        "id",         "type",
					   "agency_name", "created_by", "updated_by",
					   "created_at",  "updated_at", NULL};
	struct gk_svc svc;
	gk_svc_init(&svc, json_body_db(), NULL, NULL, "fuzz");
	static const enum gk_record_kind kinds[] = {GK_REC_DISPUTE, GK_REC_COMPLAINT,
						    GK_REC_RESPONSE};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		struct gk_error err = {0};
		struct gk_record *rec = calloc(1, sizeof *rec);
		struct gk_json_fields *j = calloc(1, sizeof *j);
		FUZZ_CHECK(rec && j, "memory");
		j->obj = obj;
		gk_record_init(rec, kinds[k], svc.today);
		enum gk_err rc = gk_record_json_check(kinds[k], obj, none, &err);
		if (!rc)
			rc = gk_svc_record_fill(&svc, rec, gk_json_field_get, j, &err);
		if (rc) {
			FUZZ_CHECK(err.detail[0] != '\0', "a refused record says why");
			FUZZ_CHECK(gk_utf8_valid(err.detail, strlen(err.detail)),
				   "the reason is valid UTF-8 (it goes into JSON)");
		} else {
			json_t *back = gk_record_to_json(rec);
			FUZZ_CHECK(back != NULL, "a record read writes back as JSON");
			json_decref(back);
		}
		free(j);
		free(rec);
	}
}

/* The year figures' body: {"agency": …, "year": …, "figures": {code: value}} */
static void json_body_figures(json_t *obj)
{
	json_t *figures = json_object_get(obj, "figures");
	const char *key;
	json_t *value;
	json_object_foreach(figures, key, value) {
		enum gk_year_figure f;
		if (!gk_year_figure_parse(key, &f) || !json_is_string(value))
			continue;
		int64_t v = 0;
		struct gk_error err = {0};
		if (gk_figure_parse(f, json_string_value(value), &v, &err) == GK_OK) {
			char out[64];
			gk_figure_format(f, v, out, sizeof out);
		} else {
			FUZZ_CHECK(err.detail[0] != '\0', "a refused figure says why");
			FUZZ_CHECK(gk_utf8_valid(err.detail, strlen(err.detail)),
				   "the reason is valid UTF-8 (it goes into JSON)");
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!gk_utf8_valid((const char *)data, size))
		return 0;
	json_error_t jerr;
	json_t *obj = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj)
		return 0;
	if (json_is_object(obj)) {
		json_body_item(obj);
		json_body_records(obj);
		json_body_figures(obj);
	}
	json_decref(obj);
	return 0;
}
