/* Rules on shares and rates stated against a count nearby: "在…的N条信息中，…a条，占x%",
 * "…a条，占总体的x%", "受理N件，办结M件，办结率x%". */
#include <math.h>
#include <string.h>

#include "core/report/rules.h"

/* True if PCT, printed with DEC decimals, is PART/WHOLE×100 rounded or truncated. */
static bool share_matches(double pct, int dec, double part, double whole)
{
	if (whole <= 0)
		return false;
	double x = part / whole * 100.0, scale = pow(10.0, dec);
	double rounded = floor(x * scale + 0.5 + 1e-9) / scale;
	double truncated = floor(x * scale + 1e-9) / scale;
	return fabs(pct - rounded) < 1e-7 || fabs(pct - truncated) < 1e-7;
}

static bool starts(const char *t, size_t a, size_t b, const char *w)
{
	size_t n = strlen(w);
	return b >= a + n && memcmp(t + a, w, n) == 0;
}

/* A past blanks and line breaks ("占 32%", a line wrapped after "，"). */
static size_t skip_blanks(const char *t, size_t a, size_t b)
{
	while (a < b && (t[a] == ' ' || t[a] == '\n' || t[a] == '\t'))
		a++;
	return a;
}

/* True if figure FI is a share already covered by a located group. */
static bool in_group(const struct gk_report *r, int fi)
{
	for (int gi = 0; gi < r->ngroups; gi++)
		for (int i = 0; i < r->groups[gi].nparts; i++)
			if (r->groups[gi].shares[i] == fi)
				return true;
	return false;
}

/* The share figure right after count FI ("a条，占x%", "a条，占总体的x%"), or -1;
 * *OF_WHOLE tells whether it names the whole (总体/总数/全部). */
static int share_after(const struct gk_report *r, int fi, bool *of_whole)
{
	const struct gk_report_figure *F = r->figures;
	if (fi + 1 >= r->nfigures || !F[fi + 1].percent || F[fi + 1].approx ||
	    F[fi + 1].sentence != F[fi].sentence)
		return -1;
	const char *t = r->text.text;
	size_t a = skip_blanks(t, F[fi].tend, F[fi + 1].tstart), b = F[fi + 1].tstart;
	if (starts(t, a, b, "，"))
		a += 3;
	else if (starts(t, a, b, ","))
		a++;
	a = skip_blanks(t, a, b);
	if (!starts(t, a, b, "占"))
		return -1;
	a = skip_blanks(t, a + 3, b);
	static const char *const wholes[] = {"总体的", "总数的", "全部的", "总量的", "总数", "比"};
	*of_whole = false;
	for (size_t i = 0; i < sizeof wholes / sizeof wholes[0]; i++)
		if (starts(t, a, b, wholes[i])) {
			a += strlen(wholes[i]);
			*of_whole = i < 4;
			break;
		}
	a = skip_blanks(t, a, b);
	return a == b ? fi + 1 : -1;
}

/* True if count FI opens an enumeration over it: "在…的N条政府信息中，". */
static bool opens_base(const struct gk_report *r, int fi)
{
	const struct gk_report_figure *F = &r->figures[fi];
	const struct gk_report_sentence *s = &r->sentences[F->sentence];
	const char *t = r->text.text;
	const char *in = memmem(t + s->tstart, F->tstart - s->tstart, "在", 3);
	if (!in)
		return false;
	size_t lim = F->tend + 45 < s->tend ? F->tend + 45 : s->tend;
	const char *comma = memmem(t + F->tend, lim - F->tend, "，", 3);
	const char *ascii = memchr(t + F->tend, ',', lim - F->tend); /* "申请中," */
	if (ascii && (!comma || ascii < comma))
		comma = ascii;
	if (!comma)
		comma = t + lim;
	return comma - (t + F->tend) >= 3 && memcmp(comma - 3, "中", 3) == 0;
}

static void report_share(struct gk_check *c, const struct gk_report_rule *rule, int base, int part,
			 int share)
{
	struct gk_report *r = c->r;
	const struct gk_report_figure *F = r->figures;
	const struct gk_report_sentence *s = &r->sentences[F[share].sentence];
	const struct gk_report_sentence *bs = &r->sentences[F[base].sentence];
	struct gk_report_finding *f =
		gk_check_add(c, r, rule->severity, rule->id,
			     bs->tstart < s->tstart ? bs->tstart : s->tstart, s->tend);
	if (!f)
		return;
	double exact = F[part].value / F[base].value * 100;
	int dec = F[share].decimals;
	f->message =
		gk_check_printf(c, "百分比与所称总数不符：%.0f÷%.0f=%.*f%%，而报告写作%.*f%%",
				F[part].value, F[base].value, dec + 2, exact, dec, F[share].value);
	gk_check_sides(c, f, gk_check_printf(c, "%s所占百分比", F[part].label), F[share].value,
		       gk_check_printf(c, "%s÷%s×100", F[part].label, F[base].label), exact,
		       dec + 2);
	gk_check_figure(c, f, r, share);
	gk_check_figure(c, f, r, part);
	gk_check_figure(c, f, r, base);
}

static bool plain_count(const struct gk_report_figure *f)
{
	return f->source == GK_FIG_TEXT && !f->percent && !f->approx && f->value > 0;
}

/* "在…的N条信息中，A a条，占x%；B b条，占y%。": each share against N, up to the
 * end of the enumeration (the first "。"). The base is stated: 错误. */
void gk_check_share_of_base(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_figure *F = r->figures;
	const char *t = r->text.text;
	for (int bi = 0; bi < r->nfigures && !c->oom; bi++) {
		if (!plain_count(&F[bi]) || !opens_base(r, bi))
			continue;
		for (int fi = bi + 1; fi < r->nfigures; fi++) {
			const struct gk_report_sentence *prev = &r->sentences[F[fi - 1].sentence];
			if (F[fi].sentence != F[fi - 1].sentence &&
			    (prev->tend < 3 || memcmp(t + prev->tend - 3, "。", 3) == 0 ||
			     F[fi].source != GK_FIG_TEXT))
				break;
			/* after a nested 其中 a share may be of a part, not of N */
			if (memmem(t + F[bi].tend, F[fi].tstart - F[bi].tend, "其中", 6))
				break;
			bool whole;
			int si;
			if (!plain_count(&F[fi]) || strcmp(F[fi].unit, F[bi].unit) != 0 ||
			    (si = share_after(r, fi, &whole)) < 0 || in_group(r, si))
				continue;
			if (!share_matches(F[si].value, F[si].decimals, F[fi].value, F[bi].value))
				report_share(c, rule, bi, fi, si);
		}
	}
}

/* "…a条，占总体的x%" with no enumeration base: some count of the same unit in
 * the paragraph before it must give the share. Which one is a reading: 疑问. */
void gk_check_share_of_whole(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_figure *F = r->figures;
	for (int fi = 0; fi < r->nfigures && !c->oom; fi++) {
		bool whole;
		int si;
		if (!plain_count(&F[fi]) || (si = share_after(r, fi, &whole)) < 0 || !whole ||
		    in_group(r, si))
			continue;
		int para = r->sentences[F[fi].sentence].paragraph, best = -1;
		bool ok = false;
		for (int k = fi - 1; k >= 0 && !ok; k--) {
			if (r->sentences[F[k].sentence].paragraph != para)
				break;
			if (!plain_count(&F[k]) || strcmp(F[k].unit, F[fi].unit) != 0 ||
			    F[k].value <= F[fi].value)
				continue;
			ok = share_matches(F[si].value, F[si].decimals, F[fi].value, F[k].value);
			if (best < 0)
				best = k;
		}
		if (!ok && best >= 0)
			report_share(c, rule, best, fi, si);
	}
}

/* "受理N件，办结M件，办结率x%" in one sentence: the rate against M÷N. A carry-over
 * not mentioned could reconcile them: 疑问. */
void gk_check_rate_count(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_figure *F = r->figures;
	const char *t = r->text.text;
	for (int si = 0; si < r->nsentences && !c->oom; si++) {
		const struct gk_report_sentence *s = &r->sentences[si];
		int got = -1, done = -1;
		for (int i = s->first; i < s->first + s->count; i++) {
			const struct gk_report_figure *f = &F[i];
			if (f->source != GK_FIG_TEXT || f->approx)
				continue;
			if (!f->percent && f->label && strstr(f->label, "受理") && got < 0)
				got = i;
			else if (!f->percent && f->label && strstr(f->label, "办结") && done < 0)
				done = i;
			else if (f->percent && got >= 0 && done >= 0 && F[got].value > 0 &&
				 ((f->tstart >= 9 && memmem(t + f->tstart - 9, 9, "办结率", 9)) ||
				  (f->label && strstr(f->label, "办结率"))) &&
				 !share_matches(f->value, f->decimals, F[done].value,
						F[got].value)) {
				struct gk_report_finding *x = gk_check_add(
					c, r, rule->severity, rule->id, s->tstart, s->tend);
				if (!x)
					return;
				double exact = F[done].value / F[got].value * 100;
				x->message = gk_check_printf(
					c,
					"办结率与件数不符：办结%.0f÷受理%.0f=%.1f%%，而报告写作%.*f%%",
					F[done].value, F[got].value, exact, f->decimals, f->value);
				gk_check_sides(c, x, "办结", F[done].value, "受理", F[got].value,
					       0);
				gk_check_figure(c, x, r, got);
				gk_check_figure(c, x, r, done);
				gk_check_figure(c, x, r, i);
				break;
			}
		}
	}
}

/* True if a located group already sums to figure FI. */
static bool group_total(const struct gk_report *r, int fi)
{
	for (int gi = 0; gi < r->ngroups; gi++)
		if (r->groups[gi].total == fi && r->groups[gi].nparts >= 2)
			return true;
	return false;
}

/* "在已经答复的N件申请中，A a件，B b件…。": the parts cannot add up to more than N,
 * their shares not to more than 100%. A nested "其中" list would count twice:
 * such enumerations are left alone. */
/* True if count FI ends its sentence and the next one opens with 其中: "…N条。其中，". */
static bool ends_before_list(const struct gk_report *r, int fi)
{
	const struct gk_report_figure *F = &r->figures[fi];
	const struct gk_report_sentence *s = &r->sentences[F->sentence];
	const char *t = r->text.text;
	if (F->tend + 3 != s->tend || memcmp(t + F->tend, "。", 3) != 0 ||
	    F->sentence + 1 >= r->nsentences)
		return false;
	const struct gk_report_sentence *n = s + 1;
	size_t a = n->tstart;
	while (a < n->tend && (t[a] == ' ' || t[a] == '\n'))
		a++;
	return n->paragraph == s->paragraph && starts(t, a, n->tend, "其中");
}

/* Parts listed over several sentences, each "A a条，占x%": FI must be one. */
static bool shared_part(const struct gk_report *r, int fi, int base)
{
	bool whole;
	return plain_count(&r->figures[fi]) &&
	       strcmp(r->figures[fi].unit, r->figures[base].unit) == 0 &&
	       share_after(r, fi, &whole) >= 0;
}

void gk_check_base_parts(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_figure *F = r->figures;
	const char *t = r->text.text;
	for (int bi = 0; bi < r->nfigures && !c->oom; bi++) {
		if (!plain_count(&F[bi]) || group_total(r, bi))
			continue;
		bool across = false;
		if (!opens_base(r, bi)) {
			if (!ends_before_list(r, bi))
				continue;
			across = true;
		}
		if (across) {
			/* each sentence after the base must give one part with its share */
			int parts[GK_CHECK_MAX_FIGS], np = 0;
			double sum = 0;
			int last = F[bi].sentence;
			for (int fi = bi + 1; fi < r->nfigures && np < GK_CHECK_MAX_FIGS; fi++) {
				if (F[fi].percent)
					continue;
				if (F[fi].sentence != last + 1 && F[fi].sentence != last)
					break;
				if (!shared_part(r, fi, bi))
					break;
				if (r->sentences[F[fi].sentence].paragraph !=
				    r->sentences[F[bi].sentence].paragraph)
					break;
				last = F[fi].sentence;
				parts[np++] = fi;
				sum += F[fi].value;
			}
			if (np < 2 || sum <= F[bi].value + GK_CHECK_EPS)
				continue;
			size_t qa = r->sentences[F[bi].sentence].tstart;
			size_t qb = r->sentences[last].tend;
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, qa, qb);
			if (!f)
				return;
			f->message = gk_check_printf(c, "各分项之和%s=%.0f，超过所称总数%.0f",
						     gk_check_join_values(c, r, parts, np), sum,
						     F[bi].value);
			gk_check_sides(c, f, gk_check_join_labels(c, r, parts, np), sum,
				       F[bi].label, F[bi].value, 0);
			gk_check_figure(c, f, r, bi);
			for (int i = 0; i < np; i++)
				gk_check_figure(c, f, r, parts[i]);
			continue;
		}
		int parts[GK_CHECK_MAX_FIGS], shares[GK_CHECK_MAX_FIGS], np = 0, ns = 0;
		double sum = 0, pct = 0;
		int maxdec = 0;
		bool nested = false;
		size_t end = r->sentences[F[bi].sentence].tend;
		for (int fi = bi + 1; fi < r->nfigures && np < GK_CHECK_MAX_FIGS; fi++) {
			const struct gk_report_sentence *prev = &r->sentences[F[fi - 1].sentence];
			if (F[fi].sentence != F[fi - 1].sentence &&
			    (prev->tend < 3 || memcmp(t + prev->tend - 3, "。", 3) == 0 ||
			     F[fi].source != GK_FIG_TEXT))
				break;
			end = r->sentences[F[fi].sentence].tend;
			if (F[fi].approx) {
				nested = true;
				break;
			}
			if (F[fi].percent) {
				shares[ns++] = fi;
				pct += F[fi].value;
				if (F[fi].decimals > maxdec)
					maxdec = F[fi].decimals;
			} else if (strcmp(F[fi].unit, F[bi].unit) == 0) {
				parts[np++] = fi;
				sum += F[fi].value;
			}
		}
		size_t a = F[bi].tend;
		if (nested || np < 2 || memmem(t + a, end - a, "其中", 6) ||
		    memmem(t + a, end - a, "包括", 6) || memmem(t + a, end - a, "含", 3))
			continue;
		const struct gk_report_sentence *bs = &r->sentences[F[bi].sentence];
		if (sum > F[bi].value + GK_CHECK_EPS) {
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, bs->tstart, end);
			if (!f)
				return;
			f->message = gk_check_printf(c, "各分项之和%s=%.0f，超过所称总数%.0f",
						     gk_check_join_values(c, r, parts, np), sum,
						     F[bi].value);
			gk_check_sides(c, f, gk_check_join_labels(c, r, parts, np), sum,
				       F[bi].label, F[bi].value, 0);
			gk_check_figure(c, f, r, bi);
			for (int i = 0; i < np; i++)
				gk_check_figure(c, f, r, parts[i]);
		}
		double tol = ns * pow(10.0, -maxdec) + GK_CHECK_EPS;
		if (ns >= 2 && pct > 100 + tol) {
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, bs->tstart, end);
			if (!f)
				return;
			f->message =
				gk_check_printf(c, "各分项占比之和为%.*f%%，超过100%%：%s", maxdec,
						pct, gk_check_join_values(c, r, shares, ns));
			gk_check_sides(c, f, "各项占比之和", pct, "整体", 100, maxdec);
			for (int i = 0; i < ns; i++)
				gk_check_figure(c, f, r, shares[i]);
		}
	}
}

/* "特向社会公布2022年度…报告" in a report on another year. Which year is meant
 * is a reading (the title or the announcement may be the slip): 疑问. */
void gk_check_announced_year(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	if (!r->year)
		return;
	const char *t = r->text.text;
	for (int si = 0; si < r->nsentences && !c->oom; si++) {
		const struct gk_report_sentence *s = &r->sentences[si];
		const char *p = t + s->tstart, *e = t + s->tend;
		while ((p = memmem(p, (size_t)(e - p), "公布", 6)) != NULL) {
			const char *y = p + 6;
			while (y < e && *y == ' ')
				y++;
			p += 6;
			const char *yn = y + 4; /* "2020年", "2020 年" */
			while (yn < e && *yn == ' ')
				yn++;
			if (e - y < 7 || e - yn < 3 || memcmp(yn, "年", 3) != 0)
				continue;
			int year = 0;
			for (int k = 0; k < 4 && year >= 0; k++)
				year = y[k] >= '0' && y[k] <= '9' ? year * 10 + (y[k] - '0') : -1;
			if (year < 1990 || year == r->year ||
			    !memmem(y, (size_t)(e - y), "报告", 6))
				continue;
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, s->tstart, s->tend);
			if (!f)
				return;
			f->message = gk_check_printf(
				c, "报告称公布%d年度的报告，而所报告的年份为%d年", year, r->year);
			gk_check_sides(c, f, "所称年度", year, "报告年份", r->year, 0);
			break;
		}
	}
}
