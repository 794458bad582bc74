// aibom's optional native file reader (Node-API, plain C, POSIX). One call reads many small files of one
// folder: openat() relative to the folder, read() until the end or the limit, close(). The JavaScript path
// (readSmallView in src/walk/fs-file.ts) does the same with three calls into Node per file; this saves those
// calls and the kernel's path walk from the root for every file. Nothing here interprets the bytes, and any
// file it cannot read is left to the JavaScript path, which reports the error. Built by scripts/build-native.mjs
// at install time; loaded by src/walk/native-read.ts, which falls back to JavaScript when it is missing.
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
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <node_api.h>
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
    int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) continue;
    // as in readSmallView: a first read shorter than 64 KiB is the whole file (a regular file reads short only
    // at its end), so a small file costs openat, read, close; after a longer read, reading goes on to the end
    size_t got = 0;
    int bad = 0;
    while (got < limit) {
      ssize_t n = read(fd, buf + used + got, limit - got);
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
    if (bad) continue;
    if (got >= limit) {
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

static napi_value read_dir(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return fail(env, "readDir: a folder path expected");
  char dir[NAME_MAX_BYTES];
  napi_valuetype t;
  if (napi_typeof(env, argv[0], &t) != napi_ok || t != napi_string) return fail(env, "readDir: dir must be a string");
  if (get_string(env, argv[0], dir, sizeof dir) < 0) return throw_errno(env, ENAMETOOLONG, dir);

  DIR *d = opendir(dir);
  if (!d) return throw_errno(env, errno, dir);
  // every name NUL-terminated in one block; entries hold offsets into it (the block moves as it grows)
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
  char *joined = NULL;
  unsigned char *kinds = NULL;
  size_t joined_len = 0;
  if (err == 0 && count > 0) {
    sort_base = names.data;
    qsort(list, count, sizeof(struct entry), by_name);
    joined = malloc(names.len);
    kinds = malloc(count);
    if (!joined || !kinds) err = ENOMEM;
    for (size_t i = 0; err == 0 && i < count; i++) {
      const char *n = names.data + list[i].off;
      size_t l = strlen(n);
      if (i > 0) joined[joined_len++] = 0;
      memcpy(joined + joined_len, n, l);
      joined_len += l;
      kinds[i] = list[i].kind;
    }
  }
  free(names.data);
  free(ents.data);
  if (err != 0) {
    free(joined);
    free(kinds);
    return throw_errno(env, err, dir);
  }
  napi_value result, str, types;
  void *types_data = NULL;
  napi_status st = napi_create_string_utf8(env, joined ? joined : "", joined_len, &str);
  if (st == napi_ok) st = napi_create_buffer_copy(env, count, kinds ? (const void *)kinds : (const void *)"", &types_data, &types);
  free(joined);
  free(kinds);
  if (st != napi_ok) return fail(env, "readDir: out of memory");
  napi_create_array_with_length(env, 2, &result);
  napi_set_element(env, result, 0, str);
  napi_set_element(env, result, 1, types);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "readSmallFiles", NAPI_AUTO_LENGTH, read_small_files, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "readSmallFiles", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "readDir", NAPI_AUTO_LENGTH, read_dir, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "readDir", fn) != napi_ok) return NULL;
  return exports;
}
