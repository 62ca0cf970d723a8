// Linux readiness calls the Glibc module does not expose: epoll, eventfd and accept4.
#include <sys/epoll.h>
#include <sys/eventfd.h>

// accept4 is a GNU extension; declaring it here avoids building the whole socket header with
// _GNU_SOURCE, which would clash with the Glibc module's own copy.
extern int accept4(int fd, void *address, unsigned int *length, int flags);
