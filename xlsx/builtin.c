/* builtin.c - the templates compiled into the library (embed.cmake). */
#include "book.h"

#include <stdio.h>
#include <string.h>

struct kpi_book_builtin {
    const char *name;
    const char *text;
    size_t len;
};
/* Defined in the generated templates_data.c. */
extern const struct kpi_book_builtin kpi_book_builtins[];

const char *kpi_book_template_builtin_name(size_t i)
{
    for (size_t k = 0; kpi_book_builtins[k].name; k++)
        if (k == i)
            return kpi_book_builtins[k].name;
    return NULL;
}

bool kpi_xlsx_book_builtin_text(const char *name, const char **text,
                                size_t *len)
{
    for (size_t k = 0; kpi_book_builtins[k].name; k++) {
        if (strcmp(kpi_book_builtins[k].name, name) != 0)
            continue;
        *text = kpi_book_builtins[k].text;
        *len = kpi_book_builtins[k].len;
        return true;
    }
    return false;
}

kpi_status kpi_book_template_builtin(const char *name, kpi_book_template **out,
                                     char *err, size_t err_size)
{
    if (!name || !out)
        return KPI_ERR_ARG;
    *out = NULL;
    const char *text;
    size_t len;
    if (!kpi_xlsx_book_builtin_text(name, &text, &len)) {
        if (err && err_size)
            snprintf(err, err_size, "no built-in template '%s'", name);
        return KPI_ERR_ARG;
    }
    char label[128];
    snprintf(label, sizeof label, "templates/%s.ini", name);
    book_chain chain = {name, NULL};
    return kpi_xlsx_book_template_parse(text, len, label, &chain, out, err,
                                        err_size);
}
