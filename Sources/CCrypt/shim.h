// libcrypt for yescrypt password hashes, and the kernel's random source that seeds them.
#include <crypt.h>
#include <sys/random.h>
