/* gongkai agency add|list: the agency tree. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "service/agencies.h"
#include "store/store.h"

static int list(const char *db)
{
	struct gk_error err = {0};
	struct gk_store *s;
	struct gk_agency_list l;
	if (gk_store_open(db, GK_STORE_OPEN, &s, &err))
		return gk_cli_fail(&err);
	enum gk_err rc = gk_store_agency_list(s, &l, &err);
	gk_store_free(s);
	if (rc)
		return gk_cli_fail(&err);
	for (size_t i = 0; i < l.count; i++)
		printf("%-18s %*s%s%s\n", l.items[i].code, l.items[i].depth * 2, "",
		       l.items[i].name, l.items[i].supervises ? "  [city disclosure office]" : "");
	gk_agency_list_release(&l);
	return 0;
}

static int run(int argc, char **argv)
{
	// clang-format off
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'},     {"code", required_argument, 0, 'c'},
		{"name", required_argument, 0, 'n'},   {"parent", required_argument, 0, 'P'},
		{"kind", required_argument, 0, 'k'},   {"supervises", no_argument, 0, 's'},
		{"address", required_argument, 0, 'A'}, {"postcode", required_argument, 0, 'z'},
		{"phone", required_argument, 0, 't'},  {"fax", required_argument, 0, 'f'},
		{"email", required_argument, 0, 'e'},  {"hours", required_argument, 0, 'o'},
		{"website", required_argument, 0, 'w'}, GK_CLI_HELP_OPTION,
		{0, 0, 0, 0}};
	// clang-format on
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			fputs(gk_cmd_agency.usage, stdout);
			return 0;
		}
		return gk_cli_usage(&gk_cmd_agency, "say add or list");
	}
	const char *sub = argv[1];
	if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0)
		return gk_cli_usage(&gk_cmd_agency, "unknown subcommand '%s'", sub);
	argc--;
	argv++;
	optind = 1;
	struct gk_agency a = {.kind = GK_AGENCY_DEPARTMENT};
	struct gk_error err = {0};
	const char *db = NULL, *parent = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		enum gk_err rc = GK_OK;
		switch (opt) {
		case 'd':
			db = optarg;
			continue;
		case 'P':
			parent = optarg;
			continue;
		case 's':
			a.supervises = true;
			continue;
		case 'k':
			if (!gk_agency_kind_parse(optarg, &a.kind))
				return gk_cli_usage(
					&gk_cmd_agency,
					"--kind must be government, office, department or other");
			continue;
		case 'c':
			rc = gk_field_set(a.code, sizeof a.code, optarg, "code", &err);
			break;
		case 'n':
			rc = gk_field_set(a.name, sizeof a.name, optarg, "name", &err);
			break;
		case 'A':
			rc = gk_field_set(a.address, sizeof a.address, optarg, "address", &err);
			break;
		case 'z':
			rc = gk_field_set(a.postcode, sizeof a.postcode, optarg, "postcode", &err);
			break;
		case 't':
			rc = gk_field_set(a.phone, sizeof a.phone, optarg, "phone", &err);
			break;
		case 'f':
			rc = gk_field_set(a.fax, sizeof a.fax, optarg, "fax", &err);
			break;
		case 'e':
			rc = gk_field_set(a.email, sizeof a.email, optarg, "email", &err);
			break;
		case 'o':
			rc = gk_field_set(a.office_hours, sizeof a.office_hours, optarg, "hours",
					  &err);
			break;
		case 'w':
			rc = gk_field_set(a.website, sizeof a.website, optarg, "website", &err);
			break;
		default: {
			int code = gk_cli_common_opt(&gk_cmd_agency, opt);
			if (code >= 0)
				return code;
			continue;
		}
		}
		if (rc)
			return gk_cli_fail(&err);
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_agency, "unexpected argument '%s'", argv[optind]);
	if (!db)
		return gk_cli_usage(&gk_cmd_agency, "--db is required");
	if (strcmp(sub, "list") == 0)
		return list(db);
	if (!a.code[0] || !a.name[0])
		return gk_cli_usage(&gk_cmd_agency, "add needs --code and --name");
	struct gk_store *s;
	if (gk_store_open(db, GK_STORE_OPEN, &s, &err))
		return gk_cli_fail(&err);
	struct gk_svc svc;
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	enum gk_err rc = gk_svc_agency_add(&svc, &a, parent, &err);
	gk_store_free(s);
	if (rc)
		return gk_cli_fail(&err);
	printf("added agency %s %s\n", a.code, a.name);
	return 0;
}

const struct gk_command gk_cmd_agency = {
	"agency",
	run,
	"add and list agencies",
	"usage: gongkai agency list --db DB\n"
	"       gongkai agency add --db DB --code CODE --name NAME [--parent CODE]\n"
	"                          [--kind government|office|department|other] [--supervises]\n"
	"                          [--address A] [--postcode P] [--phone T] [--fax F]\n"
	"                          [--email E] [--hours H] [--website URL]\n\n"
	"The first agency added is the root (the city government); every other needs\n"
	"--parent. --supervises marks the city's disclosure office, whose staff see all.\n",
};
