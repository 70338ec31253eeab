/* config_internal.h: what config.c (kit.yaml's schema and languages) and
 * vars.c (its vars, organization and taxonomies: the organization's own
 * facts) share. Private to src/kit/. */
#ifndef KITGEN_KIT_CONFIG_INTERNAL_H
#define KITGEN_KIT_CONFIG_INTERNAL_H

#include "kitgen/kit/kit.h"
#include "kitgen/kit/yaml.h"

/* Schema readers (kg_schema_read_fn) for kit.yaml's keys; target is the
 * kg_config. */
int config_read_vars(void *target, const kg_yaml *node, const char *file, kg_diags *diags);
int config_read_organization(void *target, const kg_yaml *node, const char *file, kg_diags *diags);
int config_read_audiences(void *target, const kg_yaml *node, const char *file, kg_diags *diags);
int config_read_strategies(void *target, const kg_yaml *node, const char *file, kg_diags *diags);
/* license.c: `license:` checked against the SPDX identifiers kitgen
 * knows (after the typed read), and `colors:`. */
int config_check_license(void *target, const kg_yaml *node, const char *file, kg_diags *diags);
int config_read_colors(void *target, const kg_yaml *node, const char *file, kg_diags *diags);
/* A language's vars: map (names of the kit's vars to values) into lang. */
int config_read_language_vars(kg_language *lang, const kg_yaml *node, const char *file, kg_diags *diags);
/* After every key is read: the organization's vars added, defaults for
 * the taxonomies, every var and language override checked. 0 or -1. */
int config_finish_vars(kg_config *cfg, const char *file, kg_diags *diags);
/* Frees what vars.c read (vars, organization, taxonomies, languages' vars). */
void config_release_vars(kg_config *cfg);

#endif
