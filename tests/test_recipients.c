/*
 * test_recipients.c - the one e-mail check and the one recipient
 * validation (libkpi/audience/recipients.c): every form of address, and
 * each step's messages, worded as kpi.ini's parser, the packs and the
 * distribution print them.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

static void test_email_forms(void **state)
{
    (void)state;
    assert_int_equal(kpi_email_check("anne@example.dk"), KPI_EMAIL_PLAIN);
    assert_int_equal(kpi_email_check("a.b+c@sub.example.dk"), KPI_EMAIL_PLAIN);
    /* Not an address at all: kpi.ini refuses these. */
    assert_int_equal(kpi_email_check(NULL), KPI_EMAIL_INVALID);
    assert_int_equal(kpi_email_check(""), KPI_EMAIL_INVALID);
    assert_int_equal(kpi_email_check("anne"), KPI_EMAIL_INVALID);
    assert_int_equal(kpi_email_check("@example.dk"), KPI_EMAIL_INVALID);
    assert_int_equal(kpi_email_check("anne@"), KPI_EMAIL_INVALID);
    assert_int_equal(kpi_email_check("a@b@c"), KPI_EMAIL_INVALID);
    assert_int_equal(kpi_email_check("anne @example.dk"), KPI_EMAIL_INVALID);
    assert_int_equal(kpi_email_check("anne@example.dk\t"), KPI_EMAIL_INVALID);
    assert_int_equal(kpi_email_check("Anne <anne@example.dk>"),
                     KPI_EMAIL_INVALID);
    /* Addresses kpi.ini takes but a mail cannot carry as they are. */
    assert_int_equal(kpi_email_check("anne@.example.dk"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("anne@example.dk."), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("anne@example..dk"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("s\xC3\xB8ren@example.dk"),
                     KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("anne\"x@example.dk"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("anne@example.dk,bo"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("a\x01@example.dk"), KPI_EMAIL_UNUSUAL);
    /* RFC 5322 §3.4.1 addr-spec: the local part a dot-atom (issue 20:
     * ".." was left to the server before, and it refused at send time,
     * so now kpi refuses it before the first message). */
    assert_int_equal(kpi_email_check("a..b@example.dk"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check(".a@example.dk"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("a.@example.dk"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("o'neil{x}@example.dk"), KPI_EMAIL_PLAIN);
    /* The domain: labels of letters, digits and inner hyphens, 1-63
     * characters each (RFC 1035 §2.3.1, RFC 5321 §4.1.2). */
    assert_int_equal(kpi_email_check("henrik.lund@-"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("a@-x.dk"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("a@x-.dk"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("a@x_y.dk"), KPI_EMAIL_UNUSUAL);
    assert_int_equal(kpi_email_check("a@x-y.dk"), KPI_EMAIL_PLAIN);
    assert_int_equal(kpi_email_check("a@localhost"), KPI_EMAIL_PLAIN);
    assert_int_equal(kpi_email_check("a@[127.0.0.1]"), KPI_EMAIL_UNUSUAL);
    char label[80];
    /* 63 characters is the longest label, 64 one too many. */
    snprintf(
        label, sizeof label, "a@%.63s.dk",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    assert_int_equal(kpi_email_check(label), KPI_EMAIL_PLAIN);
    snprintf(
        label, sizeof label, "a@%.64s.dk",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    assert_int_equal(kpi_email_check(label), KPI_EMAIL_UNUSUAL);
}

/* Collects the problems as "LINE: KEY: MESSAGE" lines. */
typedef struct collected {
    char text[2048];
} collected;

static void collect(void *ctx, unsigned long line, const char *key,
                    const char *message)
{
    collected *c = ctx;
    size_t n = strlen(c->text);
    snprintf(c->text + n, sizeof c->text - n, "%lu: %s: %s\n", line,
             key ? key : "-", message);
}

static kpi_recipient_info recipient(const char *group, const char *team,
                                    const char *caseworker)
{
    kpi_recipient_info r = {.key = "anne",
                            .name = "Anne",
                            .group = group,
                            .email = "anne@example.dk",
                            .team = team,
                            .caseworker = caseworker,
                            .line = 7};
    return r;
}

static void test_declared(void **state)
{
    (void)state;
    collected c = {""};
    kpi_recipient_info r = recipient("", "", "");
    /* The section as kpi.ini's header wrote it. */
    assert_int_equal(kpi_recipient_check(NULL, &r, "Recipient  anne",
                                         KPI_RECIPIENT_DECLARED, collect, &c),
                     KPI_ERR_INPUT);
    assert_string_equal(c.text,
                        "7: group: [Recipient  anne] needs a group (fagudvalg, "
                        "direktion, fagchef, afdelingsleder or "
                        "sagsbehandler)\n");
    c.text[0] = '\0';
    r = recipient("afdelingsleder", "", "");
    assert_int_equal(kpi_recipient_check(NULL, &r, NULL, KPI_RECIPIENT_DECLARED,
                                         collect, &c),
                     KPI_ERR_INPUT);
    assert_string_equal(c.text, "7: team: [recipient anne] is an "
                                "afdelingsleder and needs a team\n");
    c.text[0] = '\0';
    r = recipient("sagsbehandler", "", "");
    kpi_recipient_check(NULL, &r, NULL, KPI_RECIPIENT_DECLARED, collect, &c);
    assert_string_equal(c.text, "7: caseworker: [recipient anne] is a "
                                "sagsbehandler and needs a caseworker\n");
    c.text[0] = '\0';
    r = recipient("borgmester", "", "");
    kpi_recipient_check(NULL, &r, NULL, KPI_RECIPIENT_DECLARED, collect, &c);
    assert_string_equal(c.text, "7: group: [recipient anne]: unknown group "
                                "'borgmester'\n");
    c.text[0] = '\0';
    r = recipient("fagchef", "", "");
    assert_int_equal(kpi_recipient_check(NULL, &r, NULL, KPI_RECIPIENT_DECLARED,
                                         collect, &c),
                     KPI_OK);
    assert_string_equal(c.text, "");
}

/* role = oekonomichef is a direktion member's (issue 14 item 5); on
 * another group, or any other role, it is an error at the section. */
static void test_role(void **state)
{
    (void)state;
    static const struct {
        const char *group, *role;
        kpi_status want;
        const char *text;
    } cases[] = {
        {"direktion", "oekonomichef", KPI_OK, ""},
        {"direktion", "", KPI_OK, ""}, /* none, as kpi.ini's parser gives it */
        {"fagchef", "oekonomichef", KPI_ERR_INPUT,
         "7: role: [recipient anne]: role oekonomichef is a direktion "
         "member's (group is fagchef)\n"},
        {"direktion", "borgmester", KPI_ERR_INPUT,
         "7: role: [recipient anne]: unknown role 'borgmester': the one role "
         "is oekonomichef (the finance director's pack, group direktion)\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        collected c = {""};
        kpi_recipient_info r = recipient(cases[i].group, "", "");
        r.role = cases[i].role;
        assert_int_equal(kpi_recipient_check(NULL, &r, NULL,
                                             KPI_RECIPIENT_DECLARED, collect,
                                             &c),
                         cases[i].want);
        assert_string_equal(c.text, cases[i].text);
    }
}

static void test_pack(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    support_add_measure(ds, &(support_measure){.type = "opholdssted",
                                               .start = "2026-01-01",
                                               .price = "1.000,00",
                                               .team = "Team Øst",
                                               .caseworker = "Bo"});
    collected c = {""};
    kpi_recipient_info r = recipient("fagchef", "Team Øst", "Bo");
    /* A team or caseworker on another group would be ignored. */
    assert_int_equal(
        kpi_recipient_check(ds, &r, NULL, KPI_RECIPIENT_PACK, collect, &c),
        KPI_ERR_INPUT);
    assert_string_equal(c.text,
                        "7: team: [recipient anne]: only an afdelingsleder "
                        "has a team (group is fagchef)\n"
                        "7: caseworker: [recipient anne]: only a "
                        "sagsbehandler has a caseworker (group is "
                        "fagchef)\n");
    /* A team the data does not know gives an empty pack: refused. */
    c.text[0] = '\0';
    r = recipient("afdelingsleder", "Team Vest", "");
    kpi_recipient_check(ds, &r, NULL, KPI_RECIPIENT_PACK, collect, &c);
    assert_string_equal(c.text, "7: team: [recipient anne]: no case or "
                                "measure has team 'Team Vest'\n");
    c.text[0] = '\0';
    r = recipient("sagsbehandler", "", "Ib");
    kpi_recipient_check(ds, &r, NULL, KPI_RECIPIENT_PACK, collect, &c);
    assert_string_equal(c.text, "7: caseworker: [recipient anne]: no case or "
                                "measure has caseworker 'Ib'\n");
    /* A pack needs what the section declares, too. */
    c.text[0] = '\0';
    r = recipient("afdelingsleder", "", "");
    assert_int_equal(
        kpi_recipient_check(ds, &r, NULL, KPI_RECIPIENT_PACK, collect, &c),
        KPI_ERR_INPUT);
    assert_string_equal(c.text, "7: team: [recipient anne] is an "
                                "afdelingsleder and needs a team\n");
    c.text[0] = '\0';
    r = recipient("afdelingsleder", "Team Øst", "");
    assert_int_equal(
        kpi_recipient_check(ds, &r, NULL, KPI_RECIPIENT_PACK, collect, &c),
        KPI_OK);
    assert_int_equal(
        kpi_recipient_check(NULL, &r, NULL, KPI_RECIPIENT_PACK, collect, &c),
        KPI_ERR_ARG);
    assert_string_equal(c.text, "");
    kpi_dataset_free(ds);
}

static void test_mail(void **state)
{
    (void)state;
    collected c = {""};
    kpi_recipient_info r = recipient("fagchef", "", "");
    r.key = "an\tne";
    r.email = "";
    assert_int_equal(
        kpi_recipient_check(NULL, &r, NULL, KPI_RECIPIENT_MAIL, collect, &c),
        KPI_ERR_INPUT);
    assert_string_equal(c.text,
                        "7: -: [recipient an\tne]: the key may not hold a tab "
                        "or other control character\n"
                        "7: email: [recipient an\tne] needs the e-mail address "
                        "to send the pack to (email = ...)\n");
    c.text[0] = '\0';
    r = recipient("", "", ""); /* MAIL alone does not need a group */
    r.email = "anne@example..dk";
    kpi_recipient_check(NULL, &r, NULL, KPI_RECIPIENT_MAIL, collect, &c);
    assert_string_equal(c.text,
                        "7: email: [recipient anne]: 'anne@example..dk' is "
                        "not a plain e-mail address (name@example.dk)\n");
    /* A name with a line break would end up in To: (issue 20). */
    c.text[0] = '\0';
    r = recipient("", "", "");
    r.name = "Henrik\rLund";
    kpi_status st =
        kpi_recipient_check(NULL, &r, NULL, KPI_RECIPIENT_MAIL, collect, &c);
    assert_string_equal(c.text, "7: name: [recipient anne]: the name may not "
                                "hold a line break, tab or other control "
                                "character\n");
    assert_int_equal(st, KPI_ERR_INPUT);
    assert_int_equal(
        kpi_recipient_check(NULL, NULL, NULL, KPI_RECIPIENT_MAIL, collect, &c),
        KPI_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_email_forms),
        cmocka_unit_test(test_declared),
        cmocka_unit_test(test_role),
        cmocka_unit_test(test_pack),
        cmocka_unit_test(test_mail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
