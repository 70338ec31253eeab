/* build.c: `kitgen build`. */
#include "cmd/commands.h"

#include <stdio.h>

int cmd_build(int argc, char **argv, const kg_global_options *global)
{
	(void)argc;
	(void)argv;
	(void)global;
	fputs("kitgen build: not yet\n", stderr);
	return 1;
}
