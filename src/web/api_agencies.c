/* GET /api/v1/agencies — the agency tree with each disclosure office's contact. */
#include "store/store.h"
#include "web/pages.h"

void gk_api_agencies(struct gk_request *r)
{
	struct gk_agency_list list;
	struct gk_error err = {0};
	if (gk_store_agency_list(r->store, &list, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < list.count; i++) {
		const struct gk_agency *a = &list.items[i];
		const char *parent = "";
		for (size_t j = 0; j < i; j++)
			if (list.items[j].id == a->parent_id)
				parent = list.items[j].code;
		json_array_append_new(
			items,
			json_pack(
				"{s:s, s:s, s:s, s:s, s:b, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s}}",
				"code", a->code, "name", a->name, "parent", parent, "kind",
				gk_agency_kind_code(a->kind), "supervises", a->supervises,
				"contact", "address", a->address, "postcode", a->postcode, "phone",
				a->phone, "fax", a->fax, "email", a->email, "office_hours",
				a->office_hours, "website", a->website));
	}
	json_int_t total = (json_int_t)list.count;
	gk_agency_list_release(&list);
	gk_respond_json(r, 200, json_pack("{s:I, s:o}", "total", total, "agencies", items));
}
