// GNU extensions the tests' child-process helper needs, declared here rather than building the
// headers with _GNU_SOURCE, which would clash with the Glibc module's own copies.
#include <spawn.h>

extern int pipe2(int fds[2], int flags);
extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);
