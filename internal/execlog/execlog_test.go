package execlog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The log below has the layout of Bazel 4.2.3's --execution_log_json_file
// (pretty-printed objects, one after another), trimmed to a few fields; its last
// spawns are as Bazel 7.7.1 writes a cache hit ("cacheHit") and a worker's spawn with its times.
const log = `{
  "commandArgs": ["external/go_sdk/builder", "compilepkg"],
  "mnemonic": "GoCompilePkg",
  "runner": "processwrapper-sandbox",
  "remoteCacheHit": false
}{
  "commandArgs": ["featgen", "@bazel-out/k8-fastbuild/bin/greeting.go_api.txt-0.params"],
  "mnemonic": "GoApiFeatures",
  "runner": "worker"
}{
  "mnemonic": "GoStdlib",
  "remoteCacheHit": true
}{
  "mnemonic": "GoStdlib",
  "runner": "disk cache hit",
  "cacheHit": true
}{
  "mnemonic": "GoApiFeatures",
  "runner": "worker",
  "targetLabel": "//backoff:backoff",
  "metrics": {"totalTime": "0.120s", "queueTime": "0.041s", "executionWallTime": "0.055s", "startTime": "2026-12-04T16:33:51.763Z"}
}
`

func TestRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "exec.json")
	if err := os.WriteFile(path, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	spawns, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(spawns) != 5 {
		t.Fatalf("got %d spawns, want 5: %+v", len(spawns), spawns)
	}
	if s := spawns[0]; s.Mnemonic != "GoCompilePkg" || s.RemoteCacheHit || s.Runner != "processwrapper-sandbox" || len(s.CommandArgs) != 2 {
		t.Errorf("spawn 1: %+v", s)
	}
	if s := spawns[1]; s.Mnemonic != "GoApiFeatures" || s.Runner != "worker" {
		t.Errorf("spawn 2: %+v", s)
	}
	if s := spawns[2]; s.Mnemonic != "GoStdlib" || !s.RemoteCacheHit {
		t.Errorf("spawn 3: %+v", s)
	}
	if s := spawns[3]; s.Mnemonic != "GoStdlib" || !s.RemoteCacheHit {
		t.Errorf("spawn 4 (Bazel 7's cacheHit): %+v", s)
	}
	if s := spawns[4]; s.TargetLabel != "//backoff:backoff" || s.Time() != 79*time.Millisecond || spawns[0].Time() != 0 {
		t.Errorf("spawn 5 (Bazel 7's metrics): %+v, time %v (want 0.120s total less 0.041s queued), spawn 1's (no times) %v", s, s.Time(), spawns[0].Time())
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing log: no error")
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"mnemonic": "A"}{"mnemonic": `), 0o644)
	if _, err := Read(bad); err == nil || !strings.Contains(err.Error(), "spawn 2") {
		t.Errorf("truncated log: got %v, want an error naming spawn 2", err)
	}
}
