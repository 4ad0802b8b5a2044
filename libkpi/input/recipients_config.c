/* recipients_config.c - kpi.ini's [recipient KEY] and [smtp] sections
 * through the public API, for the packs and the distribution. */
#include "input/dataset.h"

#include <string.h>

size_t kpi_dataset_recipient_count(const kpi_dataset *ds)
{
    return ds ? ds->config->n_recipients : 0;
}

bool kpi_dataset_recipient(const kpi_dataset *ds, size_t i,
                           kpi_recipient_info *out)
{
    if (!ds || !out || i >= ds->config->n_recipients)
        return false;
    const kpi_recipient *r = &ds->config->recipients[i];
    out->key = r->key;
    out->name = r->name;
    out->group = r->group;
    out->email = r->email;
    out->team = r->team;
    out->caseworker = r->caseworker;
    out->line = r->line;
    out->role = r->role;
    return true;
}

void kpi_dataset_smtp(const kpi_dataset *ds, kpi_smtp_info *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    out->host = out->from = out->user = out->ca_file = out->tls = "";
    if (!ds)
        return;
    const kpi_smtp *s = &ds->config->smtp;
    out->present = s->present;
    if (s->host)
        out->host = s->host;
    if (s->from)
        out->from = s->from;
    if (s->user)
        out->user = s->user;
    if (s->ca_file)
        out->ca_file = s->ca_file;
    if (s->tls)
        out->tls = s->tls;
    out->port = s->port;
    out->command_timeout = s->command_timeout;
    out->data_done_timeout = s->data_done_timeout;
    out->line = s->line;
}
