/*
 * args.c - the one argument parser of the kpi command, and its usage
 * errors.
 *
 * Options may come before or after DATASET; "--" ends the options. A
 * value follows its option ("--month 2026-10", "-o DIR") or is joined to
 * it ("--month=2026-10", "-oDIR"). The commands' usage errors keep the
 * words each had before they shared this parser (cli_style in cli.h).
 */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

static const struct {
    const char *long_name; /* "--NAME" */
    char short_name;       /* "-X", or 0 */
    bool flag;             /* takes no value */
    const char *shown;     /* how messages name it */
} options[OPT_COUNT] = {
    [OPT_MONTH] = {"month", 0, false, "--month"},
    [OPT_OUTPUT] = {"output", 'o', false, "-o"},
    [OPT_OUTBOX] = {"outbox", 0, false, "--outbox"},
    [OPT_SEND] = {"send", 0, true, "--send"},
    [OPT_RESEND] = {"resend", 0, true, "--resend"},
    [OPT_JOBS] = {"jobs", 'j', false, "-j"},
    [OPT_VERBOSE] = {"verbose", 0, true, "--verbose"},
    [OPT_RESEND_UNCERTAIN] = {"resend-uncertain", 0, true,
                              "--resend-uncertain"},
    [OPT_DRY_RUN] = {"dry-run", 0, true, "--dry-run"},
    [OPT_LEVEL] = {"level", 0, false, "--level"},
    [OPT_NO_HISTORY] = {"no-history", 0, true, "--no-history"},
    [OPT_FIGURE] = {"figure", 0, false, "--figure"},
};

int cli_usage(const cli_command *c, const char *fmt, ...)
{
    cli_style style = c ? c->style : CLI_STYLE_MAIN;
    if (style == CLI_STYLE_REPORT)
        fprintf(stderr, "kpi %s: ", c->name);
    else
        fputs("kpi: ", stderr);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (style == CLI_STYLE_REPORT)
        fprintf(stderr, "\ntry 'kpi %s --help'\n", c->name);
    else if (style == CLI_STYLE_MAIN)
        fputs("\ntry 'kpi --help'\n", stderr);
    else
        fputc('\n', stderr);
    return CLI_EXIT_USAGE;
}

int cli_month(const cli_command *c, const char *text, kpi_month *m)
{
    if (kpi_month_parse(text, m) == KPI_OK)
        return CLI_EXIT_OK;
    if (c && c->style == CLI_STYLE_REPORT)
        return cli_usage(c,
                         "bad month (expected YYYY-MM, for example "
                         "2026-10): '%s'",
                         text);
    return cli_usage(c, "bad month '%s': expected YYYY-MM, for example 2026-10",
                     text);
}

/* An argument that is neither an option nor an operand the command
 * takes. */
static int unknown(const cli_command *c, const char *arg, bool operand)
{
    switch (c->style) {
    case CLI_STYLE_MAIN:
        return operand
                   ? cli_usage(c, "unexpected argument '%s' for '%s'", arg,
                               c->name)
                   : cli_usage(c, "unknown option '%s' for '%s'", arg, c->name);
    case CLI_STYLE_REPORT:
        return cli_usage(
            c, operand ? "unexpected argument '%s'" : "unknown option '%s'",
            arg);
    case CLI_STYLE_BRIEF:
        return cli_usage(c, "unknown argument '%s' for '%s'", arg, c->name);
    }
    return CLI_EXIT_USAGE;
}

/* A value that is missing (at the end), given twice or empty. */
enum bad_value { VALUE_MISSING, VALUE_TWICE, VALUE_EMPTY };

static int bad_value(const cli_command *c, int id, enum bad_value why)
{
    const char *o = options[id].shown;
    if (c->style == CLI_STYLE_REPORT)
        return cli_usage(c,
                         why == VALUE_MISSING ? "this option needs a value: "
                                                "'%s'"
                         : why == VALUE_TWICE
                             ? "option given more than once: '%s'"
                             : "empty value for '%s'",
                         o);
    if (why == VALUE_TWICE)
        return cli_usage(c, "%s given more than once", o);
    if (why == VALUE_EMPTY && c->style == CLI_STYLE_MAIN)
        return cli_usage(c, "%s needs a value, not an empty string", o);
    return cli_usage(c, "%s needs a value", o);
}

/* A required operand or option that is not there. */
static int missing(const cli_command *c, int id)
{
    const char *hint = id == OPT_MONTH ? "YYYY-MM" : c->output_hint;
    if (id < 0 && c->style == CLI_STYLE_REPORT)
        return cli_usage(c, "needs a DATASET folder");
    if (id < 0)
        return cli_usage(c, "'%s' needs a DATASET folder", c->name);
    if (c->style == CLI_STYLE_REPORT)
        return cli_usage(c, "needs %s %s", options[id].shown, hint);
    return cli_usage(c, "'%s' needs %s %s", c->name, options[id].shown, hint);
}

/* The option arg names among c's, or -1; *value gets a joined value. */
static int match(const cli_command *c, const char *arg, const char **value)
{
    *value = NULL;
    for (int id = 0; id < OPT_COUNT; id++) {
        if (!(c->options & OPT(id)))
            continue;
        const char *name = options[id].long_name;
        size_t n = strlen(name);
        if (strncmp(arg, "--", 2) == 0 && strncmp(arg + 2, name, n) == 0) {
            if (arg[2 + n] == '\0')
                return id;
            if (arg[2 + n] == '=' && !options[id].flag) {
                *value = arg + 3 + n;
                return id;
            }
        } else if (options[id].short_name && arg[0] == '-' &&
                   arg[1] == options[id].short_name) {
            /* The report's own parser read "-o=DIR" as DIR. */
            if (arg[2] == '=' && c->style == CLI_STYLE_REPORT)
                *value = arg + 3;
            else if (arg[2] != '\0')
                *value = arg + 2;
            return id;
        }
    }
    return -1;
}

int cli_parse(const cli_command *c, int argc, char **argv, cli_args *a)
{
    memset(a, 0, sizeof *a);
    int operands = 0;
    bool options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done && c->style != CLI_STYLE_BRIEF &&
            strcmp(arg, "--") == 0) {
            options_done = true;
            continue;
        }
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            if (operands >= c->operands)
                return unknown(c, arg, true);
            a->dataset = arg;
            operands++;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            a->help = true;
            return CLI_EXIT_OK; /* help wins over anything after it */
        }
        const char *value;
        int id = match(c, arg, &value);
        if (id < 0)
            return unknown(c, arg, false);
        if (options[id].flag) {
            a->opt[id] = arg;
            continue;
        }
        if (!value && i + 1 < argc)
            value = argv[++i];
        else if (!value && c->style == CLI_STYLE_BRIEF)
            value = "";
        else if (!value)
            return bad_value(c, id, VALUE_MISSING);
        if (a->opt[id])
            return bad_value(c, id, VALUE_TWICE);
        if (*value == '\0')
            return bad_value(c, id, VALUE_EMPTY);
        a->opt[id] = value;
    }
    if (operands < c->operands)
        return missing(c, -1);
    for (int id = 0; id < OPT_COUNT; id++)
        if ((c->required & OPT(id)) && !a->opt[id])
            return missing(c, id);
    return CLI_EXIT_OK;
}
