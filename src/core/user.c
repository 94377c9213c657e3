/* Roles, account validation and password hashing. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/user.h"
#include "lib/enumtab.h"
#include "lib/utf8.h"

#define ROLE_ROW_(name, bit, code, label) {name, code, label},
static const struct {
	enum gk_role role;
	const char *code, *label;
} roles[GK_ROLE_COUNT] = {GK_ROLE_LIST(ROLE_ROW_)};
#undef ROLE_ROW_
#define ROLE_CODE_(name, bit, code, label) code,
const char *const gk_role_codes[] = {GK_ROLE_LIST(ROLE_CODE_) NULL};
#undef ROLE_CODE_
/* "admin, editor, handler, reviewer" for messages (after the first ", ") */
#define ROLE_CODE_TEXT_(name, bit, code, label) ", " code
static const char role_codes_text[] = GK_ROLE_LIST(ROLE_CODE_TEXT_);
#define ROLE_CODES_TEXT (role_codes_text + 2)

/* The place of ROLE in the list, or -1 if it is not a single role. */
static int role_index(enum gk_role role)
{
	for (int i = 0; i < GK_ROLE_COUNT; i++)
		if (roles[i].role == role)
			return i;
	return -1;
}

const char *gk_role_code(enum gk_role role)
{
	int i = role_index(role);
	return i < 0 ? "?" : roles[i].code;
}

const char *gk_role_label(enum gk_role role)
{
	int i = role_index(role);
	return i < 0 ? "?" : roles[i].label;
}

enum gk_err gk_role_parse(const char *s, unsigned *out, struct gk_error *err)
{
	unsigned set = 0;
	const char *p = s ? s : "";
	while (*p) {
		size_t n = strcspn(p, ",");
		int i;
		for (i = 0; i < GK_ROLE_COUNT; i++)
			if (strlen(roles[i].code) == n && strncmp(p, roles[i].code, n) == 0)
				break;
		if (i == GK_ROLE_COUNT)
			return gk_fail(err, GK_EINVAL, "没有角色“%.*s”（可选角色：%s）",
				       (int)(n > 40 ? 40 : n), p, ROLE_CODES_TEXT);
		set |= (unsigned)roles[i].role;
		p += n;
		if (*p == ',')
			p++;
	}
	if (!set)
		return gk_fail(err, GK_EINVAL, "请至少选择一个“角色”");
	*out = set;
	return GK_OK;
}

char *gk_role_format(unsigned set, char *out, size_t size)
{
	size_t len = 0;
	if (size)
		out[0] = '\0';
	for (int i = 0; i < GK_ROLE_COUNT; i++) {
		if (!(set & (unsigned)roles[i].role))
			continue;
		int n = snprintf(out + len, size - len, "%s%s", len ? "," : "", roles[i].code);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
	return out;
}

enum gk_err gk_user_validate(const struct gk_user *u, struct gk_error *err)
{
	size_t n = strlen(u->login);
	if (n < 3 || n > 32 || strspn(u->login, "abcdefghijklmnopqrstuvwxyz0123456789._-") != n)
		return gk_fail(err, GK_EINVAL, "“账号”“%s”须为3至32个小写字母、数字或“.”“_”“-”",
			       u->login);
	if (!u->display_name[0])
		return gk_fail(err, GK_EINVAL, "请填写“姓名”");
	if (!gk_utf8_valid(u->display_name, strlen(u->display_name)))
		return gk_fail(err, GK_EINVAL, "“姓名”不是有效的UTF-8文字");
	if (!u->roles || (u->roles & ~(unsigned)GK_ROLE_ALL))
		return gk_fail(err, GK_EINVAL, "“角色”只能从以下选择：%s", ROLE_CODES_TEXT);
	if (u->agency_id <= 0)
		return gk_fail(err, GK_EINVAL, "请选择“机构”");
	return GK_OK;
}

enum gk_err gk_password_check(const char *password, struct gk_error *err)
{
	return gk_password_policy_check(password, NULL, err);
}

enum gk_err gk_crypto_init(struct gk_error *err)
{
	if (sodium_init() < 0)
		return gk_fail(err, GK_EINTERNAL, "cannot initialise libsodium");
	return GK_OK;
}

enum gk_err gk_password_hash(const char *password, char out[GK_PASSWORD_HASH_SIZE],
			     struct gk_error *err)
{
	_Static_assert(GK_PASSWORD_HASH_SIZE == crypto_pwhash_STRBYTES, "hash size");
	if (crypto_pwhash_str_alg(
		    out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		    crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return gk_fail(err, GK_ENOMEM, "cannot hash password (out of memory)");
	return GK_OK;
}

bool gk_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static char dummy_hash[GK_PASSWORD_HASH_SIZE];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[33];
	gk_password_random(pw, 32);
	gk_password_hash(pw, dummy_hash, NULL);
}

const char *gk_password_dummy(void)
{
	pthread_once(&dummy_once, make_dummy);
	return dummy_hash;
}

void gk_password_random(char *out, size_t len)
{
	/* no 0/O, 1/l/I: passwords are read off a screen and typed */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (size_t i = 0; i < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[len] = '\0';
}

bool gk_user_can_act_in(const struct gk_user *u, int64_t agency_id,
			bool (*within)(void *ctx, int64_t agency, int64_t ancestor), void *ctx)
{
	if (u->disabled)
		return false;
	if (u->city_wide)
		return true;
	return within(ctx, agency_id, u->agency_id);
}
