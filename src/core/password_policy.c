/* The staff password rules (see password_policy.h). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/password_policy.h"
#include "lib/utf8.h"

const char gk_password_policy_hint[] =
	"至少10个字符；不能全是空格，不能是重复或连续的字符、键盘上相邻的按键、常见密码，"
	"也不能包含账号名";

/* Words people choose for passwords, in lower case (look-alike digits are
 * undone on both sides before comparing, so "passw0rd" is "password").
 * Written for this project: English words, pinyin, dates and digit
 * patterns common in Chinese offices, and the product's own names. */
static const char *const common_words[] = {
	"password", "passwd",     "pass",      "pwd",           "secret",     "letmein",
	"welcome",  "login",      "admin",     "administrator", "root",       "toor",
	"super",    "superuser",  "system",    "sysadmin",      "manager",    "master",
	"guest",    "user",       "test",      "tester",        "default",    "changeme",
	"change",   "access",     "private",   "public",        "server",     "database",
	"oracle",   "mysql",      "computer",  "internet",      "network",    "office",
	"windows",  "linux",      "ubuntu",    "apple",         "google",     "baidu",
	"weixin",   "wechat",     "taobao",    "alibaba",       "huawei",     "xiaomi",
	"iloveyou", "love",       "lover",     "loveme",        "baby",       "angel",
	"honey",    "sweet",      "kiss",      "hello",         "goodluck",   "lucky",
	"happy",    "smile",      "sunshine",  "summer",        "winter",     "spring",
	"autumn",   "flower",     "princess",  "prince",        "queen",      "king",
	"dragon",   "tiger",      "monkey",    "shadow",        "ninja",      "batman",
	"superman", "spiderman",  "starwars",  "pokemon",       "killer",     "hunter",
	"soccer",   "football",   "baseball",  "basketball",    "hockey",     "golf",
	"tennis",   "jordan",     "michael",   "charlie",       "thomas",     "jessica",
	"ashley",   "daniel",     "andrew",    "freedom",       "whatever",   "nothing",
	"trustno",  "qwerty",     "azerty",    "asdf",          "zxcv",       "abc",
	"abcd",     "aaaa",       "xxxx",      "blue",          "red",        "green",
	"black",    "white",      "orange",    "banana",        "cookie",     "chocolate",
	"coffee",   "pepper",     "cheese",    "mustang",       "ferrari",    "porsche",
	"harley",   "matrix",     "silver",    "golden",        "diamond",    "money",
	"dollar",   "rich",       "power",     "energy",        "victory",    "woaini",
	"woai",     "aini",       "wohenaini", "laopo",         "laogong",    "baobei",
	"qinai",    "xiaobao",    "zhongguo",  "china",         "chinese",    "beijing",
	"shanghai", "guangzhou",  "shenzhen",  "tianjin",       "chongqing",  "shanxi",
	"datong",   "taiyuan",    "zhengfu",   "gongkai",       "xinxi",      "xinxigongkai",
	"gov",      "government", "zhengwu",   "bangong",       "bangongshi", "danwei",
	"gongzuo",  "renmin",     "dangyuan",  "zhonghua",      "aiguo",      "wangluo",
	"mima",     "mimamima",   "zhanghao",  "yonghu",        "guanli",     "guanliyuan",
	"ceshi",    "kaixin",     "xingfu",    "pingan",        "fuqi",       "tiantian",
	"xiaoming", "xiaohong",   "zhangsan",  "lisi",          "wangwu",     "zhangwei",
	"wangfang", "liwei",      "wangjing",  "liuyang",       "123456",     "1234567",
	"12345678", "123456789",  "123123",    "123321",        "654321",     "111111",
	"000000",   "666666",     "888888",    "999999",        "112233",     "121212",
	"131313",   "147258",     "159357",    "159753",        "246810",     "520520",
	"5201314",  "1314520",    "1314",      "520",           "2008",       "2020",
	"2021",     "2022",       "2023",      "2024",          "2025",       "2026",
	"2027",     "1949",       "19491001",  "0101",          "1111",       "0000",
	"8888",     "6666",       "1qaz",      "2wsx",          "zaq1",       "qazwsx",
	"abcabc",   "abc123",     "a1b2c3",    "iloveu",        "p@ss",       "q1w2e3",
	"1q2w3e",   "aa123456",
};

/* Keyboard and character orders a run follows, either way. */
static const char *const orders[] = {
	"abcdefghijklmnopqrstuvwxyz",
	"01234567890",
	"`1234567890-=",
	"qwertyuiop[]\\",
	"asdfghjkl;'",
	"zxcvbnm,./",
	"!@#$%^&*()_+",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/-['=]",
	"qazwsxedcrfvtgbyhnujmikolp",
	"zaq1xsw2cde3vfr4bgt5nhy6mju7",
};

#define MAX_CHARS 256

/* Lower-case ASCII; other characters as they are. */
static uint32_t lower(uint32_t c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Lower case with look-alike digits and signs read as letters. */
static uint32_t plain(uint32_t c)
{
	static const char from[] = "@4381!0$57", to[] = "aaebiiosst";
	c = lower(c);
	if (c < 128 && c) {
		const char *p = strchr(from, (int)c);
		if (p)
			return (uint32_t)(unsigned char)to[p - from];
	}
	return c;
}

static bool next_in_order(uint32_t a, uint32_t b)
{
	if (a == b)
		return true;
	if (a >= 128 || b >= 128)
		return false;
	for (size_t i = 0; i < sizeof orders / sizeof *orders; i++) {
		const char *o = orders[i];
		for (size_t k = 0; o[k] && o[k + 1]; k++)
			if (((uint32_t)o[k] == a && (uint32_t)o[k + 1] == b) ||
			    ((uint32_t)o[k] == b && (uint32_t)o[k + 1] == a))
				return true;
	}
	return false;
}

/* Decodes S into CP (lower case) and PL (plain); returns the count, or
 * -1 if it does not fit. */
static int decode(const char *s, uint32_t *cp, uint32_t *pl)
{
	size_t len = strlen(s), at = 0;
	int n = 0;
	while (at < len) {
		size_t k;
		long c = gk_utf8_decode((const unsigned char *)s + at, len - at, &k);
		if (c < 0 || n == MAX_CHARS)
			return -1;
		cp[n] = lower((uint32_t)c);
		pl[n] = plain((uint32_t)c);
		n++;
		at += k;
	}
	return n;
}

static bool is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
	       c == 0x3000 /* ideographic space */ || c == 0xa0 || (c >= 0x2000 && c <= 0x200b);
}

/* The length of the longest common word at PL[at..n), 0 if none. */
static int common_at(const uint32_t *pl, int at, int n)
{
	int best = 0;
	for (size_t i = 0; i < sizeof common_words / sizeof *common_words; i++) {
		const char *w = common_words[i];
		int k = 0;
		while (w[k] && at + k < n && plain((uint32_t)(unsigned char)w[k]) == pl[at + k])
			k++;
		if (!w[k] && k > best)
			best = k;
	}
	return best;
}

/* The length of the longest piece (4 or more characters, or the whole
 * login if shorter) of the login LG[0..lg) at PL[at..n), 0 if none. */
static int login_at(const uint32_t *pl, int at, int n, const uint32_t *lg, int lg_n)
{
	int best = 0;
	int least = lg_n < 4 ? lg_n : 4;
	for (int from = 0; from < lg_n; from++) {
		int k = 0;
		while (from + k < lg_n && at + k < n && lg[from + k] == pl[at + k])
			k++;
		if (k >= least && k > best)
			best = k;
	}
	return best;
}

/* True if CP[0..n) is one piece said again and again ("abcabcabc"). */
static bool repeats(const uint32_t *cp, int n)
{
	for (int p = 1; p <= n / 2; p++) {
		if (n % p)
			continue;
		int i = p;
		while (i < n && cp[i] == cp[i - p])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static bool contains(const uint32_t *hay, int n, const uint32_t *needle, int m)
{
	for (int i = 0; m && i + m <= n; i++)
		if (!memcmp(hay + i, needle, (size_t)m * sizeof *hay))
			return true;
	return false;
}

enum gk_err gk_password_policy_check(const char *password, const char *login, struct gk_error *err)
{
	uint32_t cp[MAX_CHARS], pl[MAX_CHARS], lg[MAX_CHARS], lg_cp[MAX_CHARS], rev[MAX_CHARS];
	size_t bytes = password ? strlen(password) : 0;
	if (!bytes)
		return gk_fail(err, GK_EINVAL, "请填写“密码”");
	if (bytes > GK_PASSWORD_MAX)
		return gk_fail(err, GK_EINVAL, "“密码”不能超过%d字节", GK_PASSWORD_MAX);
	if (!gk_utf8_valid(password, bytes))
		return gk_fail(err, GK_EINVAL, "“密码”不是有效的UTF-8文字");
	int n = decode(password, cp, pl);
	if (n < 0)
		return gk_fail(err, GK_EINVAL, "“密码”不能超过%d字节", GK_PASSWORD_MAX);
	if (n < GK_PASSWORD_MIN)
		return gk_fail(err, GK_EINVAL, "“密码”至少需要%d个字符（现在只有%d个）",
			       GK_PASSWORD_MIN, n);
	int blanks = 0;
	for (int i = 0; i < n; i++)
		blanks += is_blank(cp[i]);
	if (blanks == n)
		return gk_fail(err, GK_EINVAL, "“密码”不能全是空格");

	int lg_n = login && *login ? decode(login, lg_cp, lg) : 0;
	if (lg_n < 0)
		lg_n = 0;
	/* the whole login, either way round, is never allowed */
	for (int i = 0; i < lg_n; i++)
		rev[i] = lg[lg_n - 1 - i];
	if (lg_n >= 3 && (contains(pl, n, lg, lg_n) || contains(pl, n, rev, lg_n)))
		return gk_fail(err, GK_EINVAL, "“密码”不能包含账号名");

	int distinct = 0;
	for (int i = 0; i < n && distinct < 4; i++) {
		int j = 0;
		while (j < i && cp[j] != cp[i])
			j++;
		distinct += j == i;
	}
	if (distinct < 4 || repeats(cp, n))
		return gk_fail(err, GK_EINVAL, "“密码”不能由重复的字符或片段组成");

	int pieces = 0;
	bool by_word = false, by_login = false;
	for (int at = 0; at < n;) {
		int k = lg_n >= 3 ? login_at(pl, at, n, lg, lg_n) : 0;
		if (k) {
			by_login = true;
			at += k;
			continue;
		}
		pieces++;
		int run = 1;
		while (at + run < n && next_in_order(cp[at + run - 1], cp[at + run]))
			run++;
		k = common_at(pl, at, n);
		if (k >= 3 && k > run) {
			by_word = true;
			at += k;
		} else {
			at += run >= 3 ? run : 1;
		}
	}
	if (pieces >= GK_PASSWORD_MIN_PIECES)
		return GK_OK;
	if (by_login)
		return gk_fail(err, GK_EINVAL, "“密码”不能由账号名变化而来");
	if (by_word)
		return gk_fail(err, GK_EINVAL,
			       "“密码”是常见密码或只在常见密码上稍加改动，容易被猜到");
	return gk_fail(err, GK_EINVAL,
		       "“密码”太有规律（连续或重复的字母、数字，或键盘上相邻的按键），容易被猜到");
}
