/* codes.c - the export's codes of the dataset's enumerations (target
 * group, provider kind, category). A file of its own: the figures and
 * rules that write codes need nothing else of the dataset's life cycle.
 * No figure writes a provider kind's code today; the tests' fixtures
 * (tests/support.c) parse one with it, so the spelling stays here. */
#include "input/dataset.h"

const char *kpi_target_group_code(kpi_target_group g)
{
    switch (g) {
    case KPI_TARGET_HANDICAP:
        return "handicap";
    case KPI_TARGET_SOCIAL:
        return "social";
    }
    return "";
}

const char *kpi_provider_kind_code(kpi_provider_kind k)
{
    switch (k) {
    case KPI_PROVIDER_OWN:
        return "own";
    case KPI_PROVIDER_MUNICIPAL:
        return "municipal";
    case KPI_PROVIDER_REGIONAL:
        return "regional";
    case KPI_PROVIDER_PRIVATE:
        return "private";
    }
    return "";
}

const char *kpi_category_code(kpi_category c)
{
    switch (c) {
    case KPI_CATEGORY_PLACEMENT:
        return "placement";
    case KPI_CATEGORY_PREVENTIVE:
        return "preventive";
    }
    return "";
}
