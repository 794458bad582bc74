// aibom's optional native file reader (Node-API, plain C, POSIX). One call reads many small files of one
// folder: openat() relative to the folder, read() until the end or the limit, close(). The JavaScript path
// (readSmallView in src/walk/fs-file.ts) does the same with three calls into Node per file; this saves those
// calls and the kernel's path walk from the root for every file. A reader thread per JavaScript thread lists and
// reads folders ahead of the walk (prefetch*). Nothing here interprets the bytes beyond running the detectors'
// keyword automaton over them (a table lookup per byte), and any file it cannot read is left to the JavaScript
// path, which reports the error. Built by scripts/build-native.mjs at install time; loaded by
// src/walk/native-read.ts, which falls back to JavaScript when it is missing.
//
// readSmallFiles(dir, names, start, limit, buf, out) -> index of the first name not handled
//   dir    folder path (string)
//   names  file names in the folder (array of strings)
//   start  first index of names to read
//   limit  per-file limit in bytes: a file of `limit` bytes or more is reported as large
//   buf    Buffer receiving the files' bytes back to back
//   out    Int32Array (names.length): per file its byte count, or
//            -1  cannot be read here (the caller retries it the ordinary way and reports the error)
//            -2  the file has at least `limit` bytes
// Stops early (returning the index) when buf cannot hold `limit` more bytes.
//
// readDir(dir) -> [names, kinds]
//   names  the folder's entries (without . and ..) joined by NUL characters, sorted by their bytes (the caller
//          re-sorts in its own string order, which differs only for characters beyond U+FFFF)
//   kinds  Uint8Array, one per entry: 1 regular file, 2 folder, 3 symbolic link, 4 unknown (the file system
//          did not say: the caller asks lstat), 0 anything else
//   Throws an Error with the errno name in `code` (ENOENT, EACCES...) when the folder cannot be read.
//
// prefetchFilter(exts, names, prefixes, suffixes) -> filter
//   which regular files prefetchStart reads: those whose lowercased extension ('.py', '' without one) or name is
//   listed, or whose lowercased name starts with a listed prefix or ends with a listed suffix (lowercasing is
//   ASCII only)
// prefetchKeywords(delta, accept, fold, [all, nonAscii, start, startAccept]) -> keywords
//   the detectors' keyword automaton (KeywordSet in detectors/shadow-ai/keyword-set.ts), copied: with it,
//   prefetchTake also gives each file's keyword bits, as KeywordSet.scanBytes() finds them
// prefetchStart(dir, fileLimit, maxBytes[, filter[, keywords]]) -> id
//   queues the folder for this thread's reader thread (started on first use, stopped with the thread), which
//   lists it as readDir() does and reads its regular files below fileLimit bytes (maxBytes in all; with a filter,
//   only those it selects), so that the walk can list and read the next folders while JavaScript scans this one
// prefetchTake(id) -> [names, kinds, sizes, data, masks?]
//   reads the folder itself when the reader thread has not started on it, else waits for it; then hands it over
//   (the id is forgotten). names and kinds as readDir();
//   sizes is an Int32Array (one per entry): the byte count of a regular file read whole into data (back to back,
//   in entry order), or
//            -1  could not be opened or read there (the caller reads it the ordinary way and reports the error)
//            -2  the file has at least fileLimit bytes (not kept)
//            -3  not read (not a regular file, not selected by the filter, or maxBytes were used up)
//   masks (with keywords): an Int32Array, per file read its keyword bits (0 for the others)
//   Throws as readDir() does when the folder cannot be read.
// prefetchStats() -> [byReader, byTaker]
//   how many folders the reader thread read, and how many prefetchTake read itself (tests)
// prefetchDrop(id)
//   the caller will not take the folder (its walk stopped early): it is freed
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <node_api.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NAME_MAX_BYTES 4096

static napi_value fail(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

/* a JavaScript string into buf (cap bytes, NUL-terminated): its length, or -1 when it is not a string or does
 * not fit */
static long get_string(napi_env env, napi_value v, char *buf, size_t cap) {
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, buf, cap, &len) != napi_ok || len >= cap - 1) return -1;
  return (long)len;
}

/* reads the file `name` of the folder dfd into buf (at most limit bytes): 0 when read whole (*got bytes), 1 when
 * it has at least `limit` bytes, -1 when it cannot be opened or read. As in readSmallView: a first read shorter
 * than 64 KiB is the whole file (a regular file reads short only at its end), so a small file costs openat, read,
 * close; after a longer read, reading goes on to the end. */
static int read_one(int dfd, const char *name, char *buf, size_t limit, size_t *got_out) {
  int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return -1;
  size_t got = 0;
  int bad = 0;
  while (got < limit) {
    ssize_t n = read(fd, buf + got, limit - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      bad = 1;
      break;
    }
    if (n == 0) break;
    got += (size_t)n;
    if (got == (size_t)n && n < 65536) break;
  }
  close(fd);
  if (bad) return -1;
  *got_out = got;
  return got >= limit ? 1 : 0;
}

static napi_value read_small_files(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 6) return fail(env, "readSmallFiles: six arguments expected");

  char dir[NAME_MAX_BYTES];
  if (get_string(env, argv[0], dir, sizeof dir) < 0) return fail(env, "readSmallFiles: dir must be a string (shorter than 4 KiB)");

  uint32_t count = 0;
  if (napi_get_array_length(env, argv[1], &count) != napi_ok) return fail(env, "readSmallFiles: names must be an array");

  uint32_t start = 0, limit = 0;
  if (napi_get_value_uint32(env, argv[2], &start) != napi_ok) return fail(env, "readSmallFiles: start must be a number");
  if (napi_get_value_uint32(env, argv[3], &limit) != napi_ok || limit == 0) return fail(env, "readSmallFiles: limit must be a positive number");

  char *buf = NULL;
  size_t buf_len = 0;
  if (napi_get_buffer_info(env, argv[4], (void **)&buf, &buf_len) != napi_ok) return fail(env, "readSmallFiles: buf must be a Buffer");

  napi_typedarray_type type;
  size_t out_len = 0;
  void *out_data = NULL;
  if (napi_get_typedarray_info(env, argv[5], &type, &out_len, &out_data, NULL, NULL) != napi_ok || type != napi_int32_array || out_len < count)
    return fail(env, "readSmallFiles: out must be an Int32Array as long as names");
  int32_t *out = (int32_t *)out_data;

  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  uint32_t i = start;
  size_t used = 0;
  char name[NAME_MAX_BYTES];
  for (; i < count; i++) {
    if (buf_len - used < (size_t)limit) break;
    out[i] = -1;
    if (dfd < 0) continue;
    napi_value v;
    if (napi_get_element(env, argv[1], i, &v) != napi_ok) continue;
    long name_len = get_string(env, v, name, sizeof name);
    if (name_len <= 0 || memchr(name, '/', (size_t)name_len) != NULL) continue;
    size_t got = 0;
    int r = read_one(dfd, name, buf + used, limit, &got);
    if (r < 0) continue;
    if (r > 0) {
      out[i] = -2;
      continue;
    }
    out[i] = (int32_t)got;
    used += got;
  }
  if (dfd >= 0) close(dfd);
  napi_value ret;
  napi_create_uint32(env, i, &ret);
  return ret;
}

static const char *errno_code(int e) {
  switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOMEM: return "ENOMEM";
    default: return "EIO";
  }
}

static napi_value throw_errno(napi_env env, int e, const char *dir) {
  char msg[NAME_MAX_BYTES + 128];
  snprintf(msg, sizeof msg, "%s: %s, scandir '%s'", errno_code(e), strerror(e), dir);
  napi_value code, text, err;
  napi_create_string_utf8(env, errno_code(e), NAPI_AUTO_LENGTH, &code);
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &text);
  napi_create_error(env, code, text, &err);
  napi_throw(env, err);
  return NULL;
}

struct grow {
  char *data;
  size_t len, cap;
};

static int grow_add(struct grow *g, const void *src, size_t n) {
  if (g->len + n > g->cap) {
    size_t cap = g->cap ? g->cap : 4096;
    while (cap < g->len + n) cap *= 2;
    char *d = realloc(g->data, cap);
    if (!d) return -1;
    g->data = d;
    g->cap = cap;
  }
  memcpy(g->data + g->len, src, n);
  g->len += n;
  return 0;
}

struct entry {
  size_t off;
  unsigned char kind;
};

// qsort has no context argument in C99: readDir runs on one thread at a time per call, but worker threads may
// call it at once, so the base pointer is thread-local
static _Thread_local const char *sort_base;

static int by_name(const void *a, const void *b) {
  return strcmp(sort_base + ((const struct entry *)a)->off, sort_base + ((const struct entry *)b)->off);
}

/* a folder's listing, built without Node-API (so it can run on a pool thread) */
struct listing {
  char *joined; /* names joined by NUL, sorted by bytes */
  size_t joined_len;
  unsigned char *kinds;
  size_t count;
};

static void listing_free(struct listing *l) {
  free(l->joined);
  free(l->kinds);
  l->joined = NULL;
  l->kinds = NULL;
}

/* lists dir (without . and ..) into *out; 0 or an errno value. With dfd_out, the folder stays open and its
 * descriptor is handed over (the caller closes it). */
static int list_dir(const char *dir, struct listing *out, int *dfd_out) {
  memset(out, 0, sizeof *out);
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return errno;
  int dup_fd = dfd_out ? fcntl(dfd, F_DUPFD_CLOEXEC, 0) : -1;
  if (dfd_out && dup_fd < 0) {
    int e = errno;
    close(dfd);
    return e;
  }
  DIR *d = fdopendir(dfd); /* owns dfd from here */
  if (!d) {
    int e = errno;
    close(dfd);
    if (dup_fd >= 0) close(dup_fd);
    return e;
  }
  /* every name NUL-terminated in one block; entries hold offsets into it (the block moves as it grows) */
  struct grow names = {0}, ents = {0};
  int err = 0;
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(d);
    if (!e) {
      err = errno;
      break;
    }
    const char *n = e->d_name;
    if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0))) continue;
    struct entry en;
    en.off = names.len;
    en.kind = e->d_type == DT_REG ? 1 : e->d_type == DT_DIR ? 2 : e->d_type == DT_LNK ? 3 : e->d_type == DT_UNKNOWN ? 4 : 0;
    if (grow_add(&names, n, strlen(n) + 1) != 0 || grow_add(&ents, &en, sizeof en) != 0) {
      err = ENOMEM;
      break;
    }
  }
  closedir(d);
  size_t count = ents.len / sizeof(struct entry);
  struct entry *list = (struct entry *)ents.data;
  if (err == 0 && count > 0) {
    sort_base = names.data;
    qsort(list, count, sizeof(struct entry), by_name);
    out->joined = malloc(names.len);
    out->kinds = malloc(count);
    if (!out->joined || !out->kinds) err = ENOMEM;
    for (size_t i = 0; err == 0 && i < count; i++) {
      const char *n = names.data + list[i].off;
      size_t l = strlen(n);
      if (i > 0) out->joined[out->joined_len++] = 0;
      memcpy(out->joined + out->joined_len, n, l);
      out->joined_len += l;
      out->kinds[i] = list[i].kind;
    }
    // the last name is NUL-terminated too (the reader thread opens the names in place); the byte is there, since
    // the block holds a NUL after every name and the joined names one fewer
    if (err == 0) out->joined[out->joined_len] = 0;
    out->count = count;
  }
  free(names.data);
  free(ents.data);
  if (err != 0) {
    listing_free(out);
    if (dup_fd >= 0) close(dup_fd);
    return err;
  }
  if (dfd_out) *dfd_out = dup_fd;
  return 0;
}

/* [names, kinds] for JavaScript; NULL (with an exception pending) when out of memory */
static napi_value listing_to_js(napi_env env, const struct listing *l, const char *who) {
  napi_value result, str, types;
  void *types_data = NULL;
  napi_status st = napi_create_string_utf8(env, l->joined ? l->joined : "", l->joined_len, &str);
  if (st == napi_ok) st = napi_create_buffer_copy(env, l->count, l->kinds ? (const void *)l->kinds : (const void *)"", &types_data, &types);
  if (st != napi_ok) return fail(env, who);
  napi_create_array_with_length(env, 2, &result);
  napi_set_element(env, result, 0, str);
  napi_set_element(env, result, 1, types);
  return result;
}

static napi_value read_dir(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return fail(env, "readDir: a folder path expected");
  char dir[NAME_MAX_BYTES];
  napi_valuetype t;
  if (napi_typeof(env, argv[0], &t) != napi_ok || t != napi_string) return fail(env, "readDir: dir must be a string");
  if (get_string(env, argv[0], dir, sizeof dir) < 0) return throw_errno(env, ENAMETOOLONG, dir);
  struct listing l;
  int err = list_dir(dir, &l, NULL);
  if (err != 0) return throw_errno(env, err, dir);
  napi_value result = listing_to_js(env, &l, "readDir: out of memory");
  listing_free(&l);
  return result;
}

/* Reading ahead. Each thread (Node-API environment) that asks gets one reader thread of its own; the walk queues
 * folders (prefetchStart) and takes their listings and bytes (prefetchTake) in any order. No libuv work items:
 * the pool's shared lock made each queued item cost the JavaScript thread ~0.1 ms on a busy machine.
 *
 * Handles shared by JavaScript (an external) and the jobs that use them (a filter, a keyword automaton) count
 * their users under one lock and are freed with the last. */
static pthread_mutex_t refs_mu = PTHREAD_MUTEX_INITIALIZER;

static void take_ref(int *refs) {
  pthread_mutex_lock(&refs_mu);
  ++*refs;
  pthread_mutex_unlock(&refs_mu);
}

/* true when that was the last user */
static int drop_ref(int *refs) {
  pthread_mutex_lock(&refs_mu);
  int left = --*refs;
  pthread_mutex_unlock(&refs_mu);
  return left == 0;
}

/* which regular files a reader thread reads: those whose lowercased extension (from the last dot not at the start,
 * with the dot; "" without one) or name is listed, or whose name starts with a listed prefix or ends with a listed
 * suffix. Names are lowercased in ASCII only: a file the caller would want but this does not list is read by the
 * caller itself. */
struct filter {
  int refs;
  size_t n_exts, n_names, n_prefixes, n_suffixes;
  char **exts, **names, **prefixes, **suffixes;
  /* per entry of the sorted exts, its index in the array the caller gave (a file's class) */
  int32_t *ext_index;
};

static void filter_free_strings(char **list, size_t n) {
  if (!list) return;
  for (size_t i = 0; i < n; i++) free(list[i]);
  free(list);
}

static void filter_unref(struct filter *f) {
  if (!f || !drop_ref(&f->refs)) return;
  filter_free_strings(f->exts, f->n_exts);
  filter_free_strings(f->names, f->n_names);
  filter_free_strings(f->prefixes, f->n_prefixes);
  filter_free_strings(f->suffixes, f->n_suffixes);
  free(f->ext_index);
  free(f);
}

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int filter_has(char **list, size_t n, const char *key) {
  return n > 0 && bsearch(&key, list, n, sizeof(char *), by_string) != NULL;
}

/* filter_class(): no extension, name, prefix or suffix of the filter matches the name (the file is not read) */
#define CLASS_NONE (-2)
/* filter_class(): a name, prefix or suffix matches, or the name is not plain ASCII or too long to tell: the caller
 * judges the file by its name */
#define CLASS_SPECIAL (-1)

/* The class of a regular file's name: CLASS_NONE, CLASS_SPECIAL, or, when its extension alone matches, that
 * extension's index in the list prefetchFilter() was given. *read: whether the filter selects the file for reading
 * (something matches, lowercased in ASCII only; a file left out is read by the caller when it wants it). */
static int32_t filter_class(const struct filter *f, const char *name, int *read) {
  char lower[NAME_MAX_BYTES];
  size_t len = strlen(name);
  *read = 1;
  if (len >= sizeof lower) return CLASS_SPECIAL; /* cannot tell: read it */
  const char *dot = NULL;
  int ascii = 1;
  for (size_t i = 0; i <= len; i++) {
    char c = name[i];
    if ((unsigned char)c >= 0x80) ascii = 0;
    lower[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    if (c == '.' && i > 0) dot = lower + i;
  }
  int special = filter_has(f->names, f->n_names, lower);
  for (size_t i = 0; i < f->n_prefixes && !special; i++)
    if (strncmp(lower, f->prefixes[i], strlen(f->prefixes[i])) == 0) special = 1;
  for (size_t i = 0; i < f->n_suffixes && !special; i++) {
    size_t n = strlen(f->suffixes[i]);
    if (n <= len && memcmp(lower + len - n, f->suffixes[i], n) == 0) special = 1;
  }
  const char *key = dot ? dot : "";
  char **hit = f->n_exts > 0 ? bsearch(&key, f->exts, f->n_exts, sizeof(char *), by_string) : NULL;
  *read = special || hit != NULL;
  /* JavaScript lowercases beyond ASCII too: a name that is not plain ASCII is always judged by the caller */
  if (special || !ascii) return CLASS_SPECIAL;
  return hit ? f->ext_index[hit - f->exts] : CLASS_NONE;
}

struct indexed {
  char *s;
  int32_t at;
};

static int by_indexed(const void *a, const void *b) {
  return strcmp(((const struct indexed *)a)->s, ((const struct indexed *)b)->s);
}

/* a JavaScript array of strings into a sorted list of malloc'd copies, and when index_out is given, per sorted
 * entry its index in the array; -1 on a bad argument or no memory */
static int strings_of(napi_env env, napi_value arr, char ***out, size_t *n_out, int32_t **index_out) {
  uint32_t n = 0;
  *out = NULL;
  *n_out = 0;
  if (index_out) *index_out = NULL;
  if (napi_get_array_length(env, arr, &n) != napi_ok) return -1;
  struct indexed *items = calloc(n ? n : 1, sizeof *items);
  char **list = calloc(n ? n : 1, sizeof(char *));
  int32_t *index = index_out ? calloc(n ? n : 1, sizeof(int32_t)) : NULL;
  if (!items || !list || (index_out && !index)) {
    free(items);
    free(list);
    free(index);
    return -1;
  }
  char buf[NAME_MAX_BYTES];
  for (uint32_t i = 0; i < n; i++) {
    napi_value v;
    long len;
    if (napi_get_element(env, arr, i, &v) != napi_ok || (len = get_string(env, v, buf, sizeof buf)) < 0 || !(items[i].s = strdup(buf))) {
      for (uint32_t k = 0; k < i; k++) free(items[k].s);
      free(items);
      free(list);
      free(index);
      return -1;
    }
    items[i].at = (int32_t)i;
  }
  qsort(items, n, sizeof *items, by_indexed);
  for (uint32_t i = 0; i < n; i++) {
    list[i] = items[i].s;
    if (index) index[i] = items[i].at;
  }
  free(items);
  *out = list;
  *n_out = n;
  if (index_out) *index_out = index;
  return 0;
}

/* externals are tagged, so that a filter is never taken for a keyword automaton or the other way round */
static const napi_type_tag FILTER_TAG = {0x6169626f6d66696cULL, 0x7465722d76310001ULL};
static const napi_type_tag KEYWORDS_TAG = {0x6169626f6d6b6579ULL, 0x776f7264732d7631ULL};

/* the pointer of an external made here with `tag`, or NULL */
static void *tagged_external(napi_env env, napi_value v, const napi_type_tag *tag) {
  napi_valuetype t;
  bool ok = false;
  void *p = NULL;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_external) return NULL;
  if (napi_check_object_type_tag(env, v, tag, &ok) != napi_ok || !ok) return NULL;
  if (napi_get_value_external(env, v, &p) != napi_ok) return NULL;
  return p;
}

/* `p` as a JavaScript handle tagged `tag`, which `fin` frees when it is collected; NULL (with an exception pending)
 * when it cannot be made, and the caller still owns `p` */
static napi_value tagged_handle(napi_env env, void *p, napi_finalize fin, const napi_type_tag *tag, const char *who) {
  napi_value handle;
  if (napi_create_external(env, p, fin, NULL, &handle) != napi_ok) {
    fail(env, who);
    return NULL;
  }
  napi_type_tag_object(env, handle, tag);
  return handle;
}

static void filter_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  filter_unref(data);
}

/* prefetchFilter(exts, names, prefixes, suffixes) -> a handle for prefetchStart: read only the files these select,
 * and class each regular file (prefetchTake's classes: an index into exts, CLASS_SPECIAL or CLASS_NONE) */
static napi_value prefetch_filter(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 4) return fail(env, "prefetchFilter: four arrays expected");
  struct filter *f = calloc(1, sizeof *f);
  if (!f) return fail(env, "prefetchFilter: out of memory");
  f->refs = 1;
  if (strings_of(env, argv[0], &f->exts, &f->n_exts, &f->ext_index) != 0 || strings_of(env, argv[1], &f->names, &f->n_names, NULL) != 0 ||
      strings_of(env, argv[2], &f->prefixes, &f->n_prefixes, NULL) != 0 || strings_of(env, argv[3], &f->suffixes, &f->n_suffixes, NULL) != 0) {
    filter_unref(f);
    return fail(env, "prefetchFilter: exts, names, prefixes and suffixes must be arrays of strings");
  }
  napi_value handle = tagged_handle(env, f, filter_finalize, &FILTER_TAG, "prefetchFilter: out of memory");
  if (!handle) filter_unref(f);
  return handle;
}

/* The keyword automaton of the detectors' content pre-check (detectors/shadow-ai/keyword-set.ts, scanBytes()):
 * a dense DFA over 128 ASCII classes. The reader thread runs it over every file it reads, so that JavaScript
 * gets each file's keyword bits with its bytes. */
struct keywords {
  int refs;
  int32_t *delta, *accept;
  uint8_t fold[128];
  int32_t all, non_ascii, start, start_accept;
};

static void keywords_unref(struct keywords *k) {
  if (!k || !drop_ref(&k->refs)) return;
  free(k->delta);
  free(k->accept);
  free(k);
}

static void keywords_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  keywords_unref(data);
}

/* as KeywordSet.scanBytes() */
static int32_t keywords_scan(const struct keywords *k, const unsigned char *p, size_t n) {
  int32_t s = k->start, found = k->start_accept;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (c >= 128) {
      found |= k->non_ascii;
      s = 0;
      continue;
    }
    s = k->delta[(size_t)s * 128 + k->fold[c]];
    int32_t a = k->accept[s];
    if (a != 0) {
      found |= a;
      if (found == k->all) break;
    }
  }
  return found;
}

static int typed_array(napi_env env, napi_value v, napi_typedarray_type want, void **data, size_t *len) {
  napi_typedarray_type type;
  return napi_get_typedarray_info(env, v, &type, len, data, NULL, NULL) == napi_ok && type == want ? 0 : -1;
}

/* prefetchKeywords(delta, accept, fold, [all, nonAscii, start, startAccept]) -> a handle for prefetchStart */
static napi_value prefetch_keywords(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 4) return fail(env, "prefetchKeywords: four arguments expected");
  void *delta = NULL, *accept = NULL, *fold = NULL, *nums = NULL;
  size_t n_delta = 0, n_accept = 0, n_fold = 0, n_nums = 0;
  if (typed_array(env, argv[0], napi_int32_array, &delta, &n_delta) || typed_array(env, argv[1], napi_int32_array, &accept, &n_accept) ||
      typed_array(env, argv[2], napi_uint8_array, &fold, &n_fold) || typed_array(env, argv[3], napi_int32_array, &nums, &n_nums))
    return fail(env, "prefetchKeywords: delta, accept and numbers must be Int32Arrays, fold a Uint8Array");
  if (n_accept == 0 || n_accept > 0x7fffffff / 128 || n_delta != n_accept * 128 || n_fold != 128 || n_nums != 4) return fail(env, "prefetchKeywords: the tables do not fit together");
  const int32_t *d = delta, *num = nums;
  const uint8_t *f = fold;
  // every transition, the fold and the start state must stay in the table: the reader thread trusts them
  for (size_t i = 0; i < n_delta; i++)
    if (d[i] < 0 || (size_t)d[i] >= n_accept) return fail(env, "prefetchKeywords: a transition leaves the table");
  for (size_t i = 0; i < 128; i++)
    if (f[i] >= 128) return fail(env, "prefetchKeywords: a folded character is not ASCII");
  if (num[2] < 0 || (size_t)num[2] >= n_accept) return fail(env, "prefetchKeywords: the start state is not in the table");
  struct keywords *k = calloc(1, sizeof *k);
  if (!k) return fail(env, "prefetchKeywords: out of memory");
  k->refs = 1;
  k->delta = malloc(n_delta * sizeof(int32_t));
  k->accept = malloc(n_accept * sizeof(int32_t));
  if (!k->delta || !k->accept) {
    keywords_unref(k);
    return fail(env, "prefetchKeywords: out of memory");
  }
  memcpy(k->delta, delta, n_delta * sizeof(int32_t));
  memcpy(k->accept, accept, n_accept * sizeof(int32_t));
  memcpy(k->fold, fold, 128);
  k->all = num[0];
  k->non_ascii = num[1];
  k->start = num[2];
  k->start_accept = num[3];
  napi_value handle = tagged_handle(env, k, keywords_finalize, &KEYWORDS_TAG, "prefetchKeywords: out of memory");
  if (!handle) keywords_unref(k);
  return handle;
}

struct job {
  struct job *next;
  const struct filter *filter; /* NULL: every regular file */
  const struct keywords *keywords; /* NULL: no keyword bits */
  int32_t *masks;
  int32_t *classes; /* with a filter: per entry, filter_class() of a regular file, CLASS_SPECIAL for others */
  uint32_t id;
  int state; /* 0 queued, 1 being read, 2 done */
  int dropped;
  char dir[NAME_MAX_BYTES];
  size_t file_limit, max_bytes;
  int err;
  struct listing list;
  int32_t *sizes;
  char *data;
  size_t data_len;
};

/* folders waiting for the reader thread when prefetchStart wakes it */
#define WAKE_AT 2

struct reader {
  pthread_t thread;
  int started, stop;
  pthread_mutex_t mu;
  pthread_cond_t work, done;
  struct job *jobs; /* queued, being read and done-but-not-taken, in the order queued */
  uint32_t next_id;
  uint32_t by_reader, by_taker; /* folders read by the reader thread / by prefetchTake itself */
};

static void job_free(struct job *j) {
  filter_unref((struct filter *)j->filter);
  keywords_unref((struct keywords *)j->keywords);
  free(j->masks);
  free(j->classes);
  listing_free(&j->list);
  free(j->sizes);
  free(j->data);
  free(j);
}

static void job_read(struct job *j) {
  int dfd = -1;
  j->err = list_dir(j->dir, &j->list, &dfd);
  if (j->err != 0) return;
  size_t count = j->list.count;
  j->sizes = malloc((count ? count : 1) * sizeof(int32_t));
  j->data = malloc(j->max_bytes ? j->max_bytes : 1);
  if (j->keywords) j->masks = calloc(count ? count : 1, sizeof(int32_t));
  if (j->filter) j->classes = malloc((count ? count : 1) * sizeof(int32_t));
  if (!j->sizes || !j->data || (j->keywords && !j->masks) || (j->filter && !j->classes)) {
    j->err = ENOMEM;
    close(dfd);
    return;
  }
  const char *name = j->list.joined;
  for (size_t i = 0; i < count; i++) {
    const char *next = name + strlen(name) + 1;
    j->sizes[i] = -3;
    int wanted = 1;
    if (j->classes) j->classes[i] = j->list.kinds[i] == 1 ? filter_class(j->filter, name, &wanted) : CLASS_SPECIAL;
    if (j->list.kinds[i] == 1 && wanted && j->max_bytes - j->data_len >= j->file_limit) {
      size_t got = 0;
      int r = read_one(dfd, name, j->data + j->data_len, j->file_limit, &got);
      if (r < 0) j->sizes[i] = -1;
      else if (r > 0) j->sizes[i] = -2;
      else {
        j->sizes[i] = (int32_t)got;
        if (j->keywords) j->masks[i] = keywords_scan(j->keywords, (const unsigned char *)j->data + j->data_len, got);
        j->data_len += got;
      }
    }
    name = next;
  }
  close(dfd);
}

static void unlink_job(struct reader *r, struct job *j) {
  for (struct job **at = &r->jobs; *at; at = &(*at)->next) {
    if (*at == j) {
      *at = j->next;
      return;
    }
  }
}

static void *reader_main(void *arg) {
  struct reader *r = arg;
  pthread_mutex_lock(&r->mu);
  for (;;) {
    struct job *j = NULL;
    while (!r->stop) {
      for (j = r->jobs; j && j->state != 0; j = j->next) {
      }
      if (j) break;
      pthread_cond_wait(&r->work, &r->mu);
    }
    if (r->stop) break;
    j->state = 1;
    pthread_mutex_unlock(&r->mu);
    job_read(j);
    pthread_mutex_lock(&r->mu);
    j->state = 2;
    r->by_reader++;
    if (j->dropped) {
      unlink_job(r, j);
      job_free(j);
    }
    pthread_cond_broadcast(&r->done);
  }
  pthread_mutex_unlock(&r->mu);
  return NULL;
}

/* the environment is going away (thread or process end): stop the reader, free what was never taken */
static void reader_cleanup(void *arg) {
  struct reader *r = arg;
  if (r->started) {
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    pthread_cond_broadcast(&r->work);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->thread, NULL);
  }
  while (r->jobs) {
    struct job *j = r->jobs;
    r->jobs = j->next;
    job_free(j);
  }
  pthread_mutex_destroy(&r->mu);
  pthread_cond_destroy(&r->work);
  pthread_cond_destroy(&r->done);
  free(r);
}

static struct reader *reader_of(napi_env env) {
  struct reader *r = NULL;
  if (napi_get_instance_data(env, (void **)&r) == napi_ok && r) return r;
  r = calloc(1, sizeof *r);
  if (!r) return NULL;
  pthread_mutex_init(&r->mu, NULL);
  pthread_cond_init(&r->work, NULL);
  pthread_cond_init(&r->done, NULL);
  if (napi_set_instance_data(env, r, NULL, NULL) != napi_ok || napi_add_env_cleanup_hook(env, reader_cleanup, r) != napi_ok) {
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->work);
    pthread_cond_destroy(&r->done);
    free(r);
    return NULL;
  }
  return r;
}

static struct job *find_job(struct reader *r, uint32_t id) {
  for (struct job *j = r->jobs; j; j = j->next)
    if (j->id == id) return j;
  return NULL;
}

/* prefetchStart(dir, fileLimit, maxBytes[, filter[, keywords]]) -> id: queues the folder for the reader thread */
static napi_value prefetch_start(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3) return fail(env, "prefetchStart: three arguments expected");
  struct reader *r = reader_of(env);
  if (!r) return fail(env, "prefetchStart: out of memory");
  struct job *j = calloc(1, sizeof *j);
  if (!j) return fail(env, "prefetchStart: out of memory");
  uint32_t file_limit = 0, max_bytes = 0;
  napi_valuetype t;
  if (napi_typeof(env, argv[0], &t) != napi_ok || t != napi_string || get_string(env, argv[0], j->dir, sizeof j->dir) < 0) {
    free(j);
    return fail(env, "prefetchStart: dir must be a string (shorter than 4 KiB)");
  }
  if (napi_get_value_uint32(env, argv[1], &file_limit) != napi_ok || file_limit == 0 || napi_get_value_uint32(env, argv[2], &max_bytes) != napi_ok) {
    free(j);
    return fail(env, "prefetchStart: fileLimit and maxBytes must be numbers (fileLimit > 0)");
  }
  j->file_limit = file_limit;
  j->max_bytes = max_bytes;
  // optional: a filter (prefetchFilter) and a keyword automaton (prefetchKeywords); null or undefined for none
  void *filter = argc >= 4 ? tagged_external(env, argv[3], &FILTER_TAG) : NULL;
  void *keywords = argc >= 5 ? tagged_external(env, argv[4], &KEYWORDS_TAG) : NULL;
  for (size_t a = 3; a < argc && a < 5; a++) {
    napi_valuetype at;
    if (napi_typeof(env, argv[a], &at) == napi_ok && at != napi_null && at != napi_undefined && (a == 3 ? !filter : !keywords)) {
      free(j);
      return fail(env, a == 3 ? "prefetchStart: filter must come from prefetchFilter" : "prefetchStart: keywords must come from prefetchKeywords");
    }
  }
  if (filter) take_ref(&((struct filter *)filter)->refs);
  if (keywords) take_ref(&((struct keywords *)keywords)->refs);
  j->filter = filter;
  j->keywords = keywords;
  pthread_mutex_lock(&r->mu);
  if (!r->started) {
    if (pthread_create(&r->thread, NULL, reader_main, r) != 0) {
      pthread_mutex_unlock(&r->mu);
      job_free(j); // gives back the filter and keywords taken above
      return fail(env, "prefetchStart: cannot start the reader thread");
    }
    r->started = 1;
  }
  j->id = ++r->next_id;
  struct job **at = &r->jobs;
  int queued = 1;
  for (; *at; at = &(*at)->next)
    if ((*at)->state == 0) queued++;
  *at = j;
  // the reader is woken once two folders wait: waking it costs this thread a switch on a busy core, and a folder
  // it has not started is read by prefetchTake() itself
  if (queued >= WAKE_AT) pthread_cond_signal(&r->work);
  pthread_mutex_unlock(&r->mu);
  napi_value id;
  napi_create_uint32(env, j->id, &id);
  return id;
}

/* a copy of n int32 values as an Int32Array in *out; 0, or -1 with an exception pending */
static int int32_array(napi_env env, const int32_t *values, size_t n, napi_value *out) {
  napi_value ab;
  void *data = NULL;
  if (napi_create_arraybuffer(env, n * sizeof(int32_t), &data, &ab) != napi_ok || napi_create_typedarray(env, napi_int32_array, n, ab, 0, out) != napi_ok) {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (!pending) fail(env, "out of memory");
    return -1;
  }
  if (n) memcpy(data, values, n * sizeof(int32_t));
  return 0;
}

/* prefetchTake(id) -> [names, kinds, sizes, data, masks?, classes?]: reads the folder itself when the reader thread has not
 * started it, else waits for it; hands it over and forgets it; throws as readDir does when the folder could not
 * be read */
static napi_value prefetch_take(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  uint32_t id = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 || napi_get_value_uint32(env, argv[0], &id) != napi_ok) return fail(env, "prefetchTake: an id expected");
  struct reader *r = reader_of(env);
  if (!r) return fail(env, "prefetchTake: out of memory");
  pthread_mutex_lock(&r->mu);
  struct job *j = find_job(r, id);
  if (j && j->state == 0) {
    // the reader thread has not got to it (it may be asleep, or far behind on a busy core): read it here rather
    // than wait
    j->state = 1;
    pthread_mutex_unlock(&r->mu);
    job_read(j);
    pthread_mutex_lock(&r->mu);
    j->state = 2;
    r->by_taker++;
  }
  while (j && j->state != 2) {
    // the reader thread is on this folder: rather than wait, read the folder queued last that nobody has started
    // (the reader goes through the queue from its front), and come back
    struct job *other = NULL;
    for (struct job *o = r->jobs; o; o = o->next)
      if (o->state == 0) other = o;
    if (other) {
      other->state = 1;
      pthread_mutex_unlock(&r->mu);
      job_read(other);
      pthread_mutex_lock(&r->mu);
      other->state = 2;
      r->by_taker++;
      if (other->dropped) {
        unlink_job(r, other);
        job_free(other);
      }
      pthread_cond_broadcast(&r->done);
    } else {
      pthread_cond_wait(&r->done, &r->mu);
    }
    j = find_job(r, id);
  }
  if (j) unlink_job(r, j);
  pthread_mutex_unlock(&r->mu);
  if (!j) return fail(env, "prefetchTake: unknown id (taken or dropped before)");
  napi_value result = NULL;
  if (j->err != 0) {
    throw_errno(env, j->err, j->dir);
  } else {
    napi_value pair = listing_to_js(env, &j->list, "prefetchTake: out of memory");
    napi_value sizes, data, masks, classes;
    void *data_data = NULL;
    if (pair != NULL && int32_array(env, j->sizes, j->list.count, &sizes) == 0 && (!j->masks || int32_array(env, j->masks, j->list.count, &masks) == 0) &&
        (!j->classes || int32_array(env, j->classes, j->list.count, &classes) == 0)) {
      if (napi_create_buffer_copy(env, j->data_len, j->data_len ? (const void *)j->data : (const void *)"", &data_data, &data) == napi_ok) {
        napi_value none;
        napi_get_undefined(env, &none);
        napi_set_element(env, pair, 2, sizes);
        napi_set_element(env, pair, 3, data);
        napi_set_element(env, pair, 4, j->masks ? masks : none);
        if (j->classes) napi_set_element(env, pair, 5, classes);
        result = pair;
      } else {
        fail(env, "prefetchTake: out of memory");
      }
    }
  }
  job_free(j);
  return result;
}

/* prefetchStats() -> [read by the reader thread, read by prefetchTake itself] since this thread began (tests) */
static napi_value prefetch_stats(napi_env env, napi_callback_info info) {
  (void)info;
  struct reader *r = reader_of(env);
  uint32_t a = 0, b = 0;
  if (r) {
    pthread_mutex_lock(&r->mu);
    a = r->by_reader;
    b = r->by_taker;
    pthread_mutex_unlock(&r->mu);
  }
  napi_value out, va, vb;
  napi_create_array_with_length(env, 2, &out);
  napi_create_uint32(env, a, &va);
  napi_create_uint32(env, b, &vb);
  napi_set_element(env, out, 0, va);
  napi_set_element(env, out, 1, vb);
  return out;
}

/* prefetchDrop(id): the walk will not take this folder (it stopped early); freed now or when read */
static napi_value prefetch_drop(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  uint32_t id = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 || napi_get_value_uint32(env, argv[0], &id) != napi_ok) return fail(env, "prefetchDrop: an id expected");
  struct reader *r = reader_of(env);
  if (!r) return NULL;
  pthread_mutex_lock(&r->mu);
  struct job *j = find_job(r, id);
  if (j && j->state == 1) j->dropped = 1;
  else if (j) {
    unlink_job(r, j);
    job_free(j);
  }
  pthread_mutex_unlock(&r->mu);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "readSmallFiles", NAPI_AUTO_LENGTH, read_small_files, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "readSmallFiles", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "readDir", NAPI_AUTO_LENGTH, read_dir, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "readDir", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "prefetchStart", NAPI_AUTO_LENGTH, prefetch_start, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "prefetchStart", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "prefetchTake", NAPI_AUTO_LENGTH, prefetch_take, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "prefetchTake", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "prefetchFilter", NAPI_AUTO_LENGTH, prefetch_filter, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "prefetchFilter", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "prefetchKeywords", NAPI_AUTO_LENGTH, prefetch_keywords, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "prefetchKeywords", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "prefetchStats", NAPI_AUTO_LENGTH, prefetch_stats, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "prefetchStats", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "prefetchDrop", NAPI_AUTO_LENGTH, prefetch_drop, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "prefetchDrop", fn) != napi_ok) return NULL;
  return exports;
}
