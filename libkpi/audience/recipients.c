/*
 * recipients.c - the one validation of a [recipient KEY] section and the
 * one e-mail check (kpi.h: kpi_recipient_check, kpi_email_check).
 *
 * kpi.ini's parser, the packs and the distribution each need part of it
 * at a different moment: the parser what the section must say, the packs
 * that the team or caseworker fits the group and the data, the mails a
 * key and an address that can be sent. Each step's messages are written
 * here once, so the same problem is worded the same way wherever it is
 * found.
 */
#include "base/internal.h"

#include <stdio.h>

/* RFC 5322 §3.2.3 atext. */
static bool is_atext(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* A dot-atom (RFC 5322 §3.2.3): atext runs joined by single dots. */
static bool dot_atom(const char *s, size_t n)
{
    if (n == 0 || s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.' ? s[i + 1] == '.' : !is_atext((unsigned char)s[i]))
            return false;
    return true;
}

/* A domain of labels (RFC 1035 §2.3.1, RFC 5321 §4.1.2 Domain): letters,
 * digits and hyphens, neither first nor last in a label, 1-63
 * characters each, at most 253 in all. */
static bool domain_of_labels(const char *d)
{
    size_t n = strlen(d);
    if (n == 0 || n > 253)
        return false;
    size_t len = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = (unsigned char)d[i];
        if (c == '.' || c == '\0') {
            if (len == 0 || len > 63 || d[i - 1] == '-')
                return false;
            len = 0;
            continue;
        }
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                  (c >= '0' && c <= '9') || (c == '-' && len > 0);
        if (!ok)
            return false;
        len++;
    }
    return true;
}

kpi_email_form kpi_email_check(const char *address)
{
    if (!address)
        return KPI_EMAIL_INVALID;
    const char *at = strchr(address, '@');
    if (!at || at == address || !at[1] || strchr(at + 1, '@'))
        return KPI_EMAIL_INVALID;
    for (const char *p = address; *p; p++)
        if (*p == ' ' || *p == '\t')
            return KPI_EMAIL_INVALID;
    /* An address in the sense of kpi.ini. Plain when it can go into a
     * header and an SMTP envelope as it is (no quoting, comments or
     * encoding): an RFC 5322 addr-spec whose local part is a dot-atom
     * and whose domain is made of host-name labels, so that
     * "henrik.lund@-" is refused before anything is sent rather than by
     * the server. */
    if (!dot_atom(address, (size_t)(at - address)) || !domain_of_labels(at + 1))
        return KPI_EMAIL_UNUSUAL;
    return KPI_EMAIL_PLAIN;
}

typedef struct checker {
    const kpi_recipient_info *r;
    kpi_recipient_problem_fn problem;
    void *ctx;
    kpi_status status;
} checker;

/* Formats one message and hands it on. Messages quote values of any
 * length from kpi.ini, so the buffer is sized to fit. */
static void say(checker *c, const char *key, const char *fmt, ...)
    KPI_PRINTF(3, 4);
static void say(checker *c, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n >= 0 ? kpi_xmalloc(NULL, (size_t)n + 1) : NULL;
    if (!msg) {
        c->status = KPI_ERR_NOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    c->problem(c->ctx, c->r->line, key, msg);
    kpi_xfree(NULL, msg);
    if (c->status == KPI_OK)
        c->status = KPI_ERR_INPUT;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 32 || *s == 127)
            return true;
    return false;
}

static bool in_list(const char *v, size_t n,
                    const char *(*get)(const kpi_dataset *, size_t),
                    const kpi_dataset *ds)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(get(ds, i), v) == 0)
            return true;
    return false;
}

/* DECLARED: false when the group is missing or unknown (nothing else can
 * be checked then). */
static bool check_declared(checker *c, const char *section, kpi_group *g)
{
    const kpi_recipient_info *r = c->r;
    char fallback[256];
    if (!section) {
        snprintf(fallback, sizeof fallback, "recipient %s", r->key);
        section = fallback;
    }
    if (!*r->group) {
        say(c, "group",
            "[%s] needs a group (fagudvalg, direktion, fagchef, "
            "afdelingsleder or sagsbehandler)",
            section);
        return false;
    }
    if (kpi_group_parse(r->group, g) != KPI_OK) {
        say(c, "group", "[%s]: unknown group '%s'", section, r->group);
        return false;
    }
    if (r->role && *r->role && strcmp(r->role, KPI_ROLE_OEKONOMICHEF) != 0)
        say(c, "role",
            "[%s]: unknown role '%s': the one role is oekonomichef (the "
            "finance director's pack, group direktion)",
            section, r->role);
    else if (r->role && *r->role && *g != KPI_GROUP_DIREKTION)
        say(c, "role",
            "[%s]: role oekonomichef is a direktion member's (group is %s)",
            section, r->group);
    if (*g == KPI_GROUP_AFDELINGSLEDER && !*r->team)
        say(c, "team", "[%s] is an afdelingsleder and needs a team", section);
    else if (*g == KPI_GROUP_SAGSBEHANDLER && !*r->caseworker)
        say(c, "caseworker", "[%s] is a sagsbehandler and needs a caseworker",
            section);
    return true;
}

static void check_pack(checker *c, const kpi_dataset *ds, kpi_group g)
{
    const kpi_recipient_info *r = c->r;
    kpi_status before = c->status;
    if (g != KPI_GROUP_AFDELINGSLEDER && *r->team)
        say(c, "team",
            "[recipient %s]: only an afdelingsleder has a team (group is %s)",
            r->key, r->group);
    if (g != KPI_GROUP_SAGSBEHANDLER && *r->caseworker)
        say(c, "caseworker",
            "[recipient %s]: only a sagsbehandler has a caseworker (group is "
            "%s)",
            r->key, r->group);
    if (c->status != before)
        return;
    if (*r->team &&
        !in_list(r->team, kpi_dataset_team_count(ds), kpi_dataset_team, ds))
        say(c, "team", "[recipient %s]: no case or measure has team '%s'",
            r->key, r->team);
    if (c->status != before)
        return;
    if (*r->caseworker &&
        !in_list(r->caseworker, kpi_dataset_caseworker_count(ds),
                 kpi_dataset_caseworker, ds))
        say(c, "caseworker",
            "[recipient %s]: no case or measure has caseworker '%s'", r->key,
            r->caseworker);
}

static void check_mail(checker *c)
{
    const kpi_recipient_info *r = c->r;
    if (has_control(r->key))
        say(c, NULL,
            "[recipient %s]: the key may not hold a tab or other control "
            "character",
            r->key);
    /* The name goes into the To: header's display name. */
    if (has_control(r->name))
        say(c, "name",
            "[recipient %s]: the name may not hold a line break, tab or "
            "other control character",
            r->key);
    if (!*r->email)
        say(c, "email",
            "[recipient %s] needs the e-mail address to send the pack to "
            "(email = ...)",
            r->key);
    else if (kpi_email_check(r->email) != KPI_EMAIL_PLAIN)
        say(c, "email",
            "[recipient %s]: '%s' is not a plain e-mail address "
            "(name@example.dk)",
            r->key, r->email);
}

kpi_status kpi_recipient_check(const kpi_dataset *dataset,
                               const kpi_recipient_info *r, const char *section,
                               unsigned checks,
                               kpi_recipient_problem_fn problem, void *ctx)
{
    if (!r || !problem || ((checks & KPI_RECIPIENT_PACK) && !dataset))
        return KPI_ERR_ARG;
    checker c = {r, problem, ctx, KPI_OK};
    /* A pack cannot be made without what the section must declare. */
    if (checks & (KPI_RECIPIENT_DECLARED | KPI_RECIPIENT_PACK)) {
        kpi_group g;
        if (!check_declared(&c, section, &g))
            return c.status;
        if (checks & KPI_RECIPIENT_PACK && c.status == KPI_OK)
            check_pack(&c, dataset, g);
    }
    if (checks & KPI_RECIPIENT_MAIL)
        check_mail(&c);
    return c.status;
}
