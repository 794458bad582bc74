{
  "targets": [
    {
      "target_name": "aibom_fastread",
      "sources": ["fastread.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
