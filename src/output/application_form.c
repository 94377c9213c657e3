/* The rows of the application form (政府信息公开申请表), blank or filled
 * in: what 条例第二十九条 asks, in the online form's words. */
#include "output/application_form.h"

#include <stdio.h>
#include <string.h>

GK_ENUM_DEFINE(gk_appform_kind, GK_APPFORM_KIND_LIST)
GK_ENUM_DEFINE(gk_appform_format, GK_APPFORM_FORMAT_LIST)

enum gk_appform_kind gk_appform_kind_of(enum gk_applicant_type type)
{
	return type == GK_APPLICANT_NATURAL_PERSON ? GK_APPFORM_PERSON : GK_APPFORM_ORGANISATION;
}

static const char *text_or_blank(const char *s)
{
	return s ? s : "";
}

static struct gk_appform_row *row(struct gk_appform_doc *d, const char *group, const char *label,
				  const char *value, int lines)
{
	if (d->nrows >= GK_APPFORM_MAX_ROWS)
		return &d->rows[GK_APPFORM_MAX_ROWS - 1]; /* never: the rows are ours */
	struct gk_appform_row *r = &d->rows[d->nrows++];
	*r = (struct gk_appform_row){group, label, text_or_blank(value), {{0}}, 0, lines};
	return r;
}

static void choice(struct gk_appform_row *r, const char *label, bool checked)
{
	if (r->nchoices < GK_APPFORM_MAX_CHOICES)
		r->choices[r->nchoices++] = (struct gk_appform_choice){label, checked};
}

static const char *label(enum gk_intake_field f)
{
	return gk_intake_field_label(f);
}

/* Appends "NAME：VALUE" to B, after "；" unless first; nothing if VALUE is empty. */
static void office_part(struct gk_buf *b, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	if (b->len)
		gk_buf_puts(b, "；");
	gk_buf_puts(b, name);
	gk_buf_puts(b, "：");
	gk_buf_puts(b, value);
}

static void office(struct gk_appform_doc *d, const struct gk_agency *a)
{
	struct gk_buf b;
	gk_buf_init(&b, sizeof d->office - 1);
	office_part(&b, "受理机构", a->name);
	office_part(&b, "通信地址", a->address);
	office_part(&b, "邮政编码", a->postcode);
	office_part(&b, "联系电话", a->phone);
	office_part(&b, "传真", a->fax);
	office_part(&b, "电子邮箱", a->email);
	office_part(&b, "办公时间", a->office_hours);
	/* a contact too long for the note is left out rather than cut */
	snprintf(d->office, sizeof d->office, "%s", b.failed ? "" : b.data);
	gk_buf_release(&b);
}

void gk_appform_build(const struct gk_application_form *f, struct gk_appform_doc *d)
{
	memset(d, 0, sizeof *d);
	const struct gk_intake *in = f->filled;
	const struct gk_applicant *a = in ? &in->applicant : NULL;
	bool person = f->kind == GK_APPFORM_PERSON;
	const char *agency = f->agency ? f->agency->name : "";
	snprintf(d->title, sizeof d->title, "%s政府信息公开申请表", agency);
	snprintf(d->subtitle, sizeof d->subtitle, "（%s）", gk_appform_kind_label(f->kind));
	snprintf(d->filename, sizeof d->filename, "%s%s", d->title, d->subtitle);

	static const char applicant[] = "申请人信息";
	struct gk_appform_row *r;
	if (person) {
		row(d, applicant, "姓名", a ? a->name : "", 1);
		r = row(d, applicant, label(GK_FIELD_ID_TYPE), NULL, 1);
		for (int t = GK_ID_ANY + 1; t < GK_ID_COUNT; t++)
			if (t != GK_ID_CREDIT_CODE)
				choice(r, gk_id_type_label((enum gk_id_type)t),
				       in && (int)in->id_type == t);
		row(d, applicant, label(GK_FIELD_ID_NUMBER), a ? a->id_number : "", 1);
	} else {
		row(d, applicant, "名称", a ? a->name : "", 1);
		r = row(d, applicant, label(GK_FIELD_APPLICANT_TYPE), NULL, 1);
		for (int t = GK_APPLICANT_NATURAL_PERSON + 1; t < GK_APPLICANT_COUNT; t++)
			choice(r, gk_applicant_type_label((enum gk_applicant_type)t),
			       in && (int)in->applicant_type == t);
		/* the number the online form takes as 证件号码: a credit code,
		   or another document's, which is then named */
		const char *number = a ? a->id_number : "";
		if (a && *number && in->id_type != GK_ID_CREDIT_CODE && in->id_type != GK_ID_ANY &&
		    (unsigned)in->id_type < GK_ID_COUNT) {
			snprintf(d->scratch[0], sizeof d->scratch[0], "%s（%s）", number,
				 gk_id_type_label(in->id_type));
			number = d->scratch[0];
		}
		row(d, applicant, "统一社会信用代码", number, 1);
		row(d, applicant, "法定代表人", "", 1);
		row(d, applicant, "联系人姓名", "", 1);
	}
	row(d, applicant, label(GK_FIELD_PHONE), a ? a->phone : "", 1);
	row(d, applicant, label(GK_FIELD_EMAIL), a ? a->email : "", 1);
	row(d, applicant, label(GK_FIELD_ADDRESS), a ? a->address : "", 1);
	row(d, applicant, "邮政编码", "", 1);

	static const char wanted[] = "所需信息情况";
	row(d, wanted, label(GK_FIELD_DESCRIPTION), in ? in->description : "", 6);
	row(d, wanted, label(GK_FIELD_DOC_NO), in ? in->doc_no : "", 1);
	row(d, wanted, "所需信息的用途（选填）", "", 2);

	static const char how[] = "获取信息方式";
	r = row(d, how, label(GK_FIELD_MEDIUM), NULL, 1);
	const char *medium = in && in->medium ? in->medium : "";
	choice(r, "纸质", strcmp(medium, "paper") == 0);
	choice(r, "电子", strcmp(medium, "electronic") == 0);
	r = row(d, how, label(GK_FIELD_DELIVERY), NULL, 1);
	for (int w = 0; w < GK_DELIVERY_COUNT; w++)
		choice(r, gk_delivery_label((enum gk_delivery)w), in && (int)in->delivery == w);

	row(d, NULL, "申请人签名或盖章", "", 2);
	row(d, NULL, "申请时间", "　　　　年　　月　　日", 1);

	d->notes_title = "填表说明";
	d->notes[d->nnotes++] =
		"本表依据《中华人民共和国政府信息公开条例》第二十九条制作。申请人可以当面提交，"
		"也可以通过信函、传真等书面形式提交。";
	d->notes[d->nnotes++] = person ? "请同时提供身份证明，如居民身份证等有效身份证件的复印件。"
				       : "请同时提供身份证明，如营业执照或者其他登记证书的复印件，"
					 "以及联系人身份证件的复印件。";
	d->notes[d->nnotes++] = "“所需政府信息的名称或内容描述”请写明政府信息的名称、文号，"
				"或者便于行政机关查询的其他特征性描述。";
	d->notes[d->nnotes++] =
		"申请内容不明确的，行政机关将一次性告知需要补正的事项和合理的补正期限"
		"（条例第三十条）。";
	d->notes[d->nnotes++] = "以邮寄方式提交的，以行政机关签收之日为收到申请之日；"
				"以平常信函等无需签收的方式邮寄的，以与申请人确认之日为收到申请之日"
				"（条例第三十一条）。";
	if (f->agency) {
		office(d, f->agency);
		if (d->office[0])
			d->notes[d->nnotes++] = d->office;
	}
}
