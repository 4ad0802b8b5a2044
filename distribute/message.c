/*
 * message.c - one pack's message (message.h): the pack rendered and read
 * back, the Danish text (text.c) and the MIME message around them
 * (mail.c), with a Message-ID and a boundary that are the same on every
 * run of the same input.
 */
#include "message.h"

#include "kpi/atomic.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XLSX_TYPE                                                              \
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

time_t kpi_message_outbox_date(kpi_month m)
{
    return (time_t)(kpi_month_last_day(m) + 1) * 86400;
}

static const char *domain_of(const char *addr)
{
    const char *at = strchr(addr, '@');
    return at ? at + 1 : addr;
}

/* A Message-ID the same for every run of one month, recipient and
 * address, so a duplicate (the one crash window) is recognisable:
 * "kpi.2026-10.leder_oest.5f0c...@example.dk". The key is kept only in
 * its safe characters; the hash keeps different keys apart. */
static char *make_message_id(const kpi_dataset *ds, kpi_month m,
                             const kpi_pack *p, const char *from)
{
    char month[8];
    kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_CODE, month,
                      sizeof month);
    uint64_t h = KPI_MAIL_HASH_SEED;
    const char *parts[] = {kpi_dataset_municipality(ds), month, p->key,
                           p->email};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        h = kpi_mail_hash(parts[i] ? parts[i] : "",
                          strlen(parts[i] ? parts[i] : "") + 1, h);
    char safe[25]; /* with the domain, keeps the line short */
    size_t n = 0;
    for (const char *k = p->key ? p->key : ""; *k && n + 1 < sizeof safe; k++)
        if ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
            (*k >= '0' && *k <= '9') || *k == '-' || *k == '_')
            safe[n++] = *k;
    safe[n] = '\0';
    const char *domain = domain_of(from);
    size_t len = strlen(domain) + n + 64;
    char *id = malloc(len);
    if (id)
        snprintf(id, len, "kpi.%s.%s%s%016" PRIx64 "@%s", month, safe,
                 n ? "." : "", h, domain);
    return id;
}

/* Reads a whole file. */
static int read_file(const char *path, kpi_mail_buf *out)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return errno;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        kpi_mail_buf_add(out, chunk, n);
    int err = ferror(fp) ? EIO : out->failed ? ENOMEM : 0;
    fclose(fp);
    return err;
}

/* Renders the pack to path and reads it back into msg->xlsx; opens v. */
static kpi_status render_pack(const message_run *r, const kpi_pack *p,
                              const char *path, kpi_pack_view *v, message *msg)
{
    char err[512] = "";
    kpi_status s = kpi_pack_view_open(&r->src, p, v);
    if (s == KPI_OK)
        s = path ? kpi_pack_write(v, path, err, sizeof err) : KPI_ERR_NOMEM;
    if (s != KPI_OK) {
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "[recipient %s]: cannot build the pack '%s': %s",
                           p->key, p->file_name, *err ? err : kpi_strerror(s));
        return s == KPI_ERR_INPUT || s == KPI_ERR_NOMEM ? s : KPI_ERR_IO;
    }
    int e = read_file(path, &msg->xlsx);
    if (e) {
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "cannot read back '%s': %s", path, strerror(e));
        return KPI_ERR_IO;
    }
    return KPI_OK;
}

/* The MIME message of pack p with its text and the pack attached. */
static void compose(const message_run *r, const kpi_pack *p,
                    const char *subject, const char *body, message *msg)
{
    char date_text[32];
    kpi_mail_date(r->date, date_text);
    char boundary[48];
    snprintf(boundary, sizeof boundary, "=_kpi_%016" PRIx64,
             kpi_mail_hash(msg->message_id, strlen(msg->message_id),
                           KPI_MAIL_HASH_SEED));
    kpi_mail_message mm = {
        .from = r->from,
        .from_name = kpi_dataset_municipality(r->src.dataset),
        .to = p->email,
        .to_name = p->name,
        .subject = subject,
        .date = date_text,
        .message_id = msg->message_id,
        .boundary = boundary,
        .body = body,
        .attachment_name = p->file_name,
        .attachment_type = XLSX_TYPE,
        .attachment = msg->xlsx.data,
        .attachment_len = msg->xlsx.len,
    };
    kpi_mail_compose(&msg->eml, &mm);
}

kpi_status kpi_message_build(const message_run *r, message *msg)
{
    const kpi_pack *p = msg->pack;
    kpi_pack_view v;
    char *path = kpi_file_path(r->stage, p->file_name);
    char *subject = NULL, *body = NULL;
    kpi_status s = render_pack(r, p, path, &v, msg);
    if (s == KPI_OK) {
        s = kpi_mail_text(&v, &subject, &body);
        msg->message_id =
            make_message_id(r->src.dataset, r->src.month, p, r->from);
        if (s == KPI_OK && msg->message_id)
            compose(r, p, subject, body, msg);
        if (s != KPI_OK || !msg->message_id || msg->eml.failed) {
            kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                               "out of memory");
            s = KPI_ERR_NOMEM;
        }
    }
    kpi_pack_view_close(&v);
    if (path)
        unlink(path); /* the outbox writes its own copy */
    free(path);
    free(subject);
    free(body);
    return s;
}

void kpi_message_free(message *msg)
{
    free(msg->message_id);
    msg->message_id = NULL;
    kpi_mail_buf_free(&msg->eml);
    kpi_mail_buf_free(&msg->xlsx);
}
