package main

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReadProfileBazel7 reads a trace profile Bazel 7.7.1 wrote (trimmed to the events the
// benchmark reads; unterminated, as Bazel 7 leaves it, and with its last event cut short): the
// toolchain actions, the tools' build (go_api_tools's action, a compile and a link of the tools'
// packages in the rules_go_api~ repository) and featgen. The expected sums are the events'
// durations added by hand.
func TestReadProfileBazel7(t *testing.T) {
	p, err := readProfile("testdata/profile-bazel7.json")
	if err != nil {
		t.Fatal(err)
	}
	ms := func(us int64) time.Duration { return time.Duration(us) * time.Microsecond }
	want := profile{
		toolchain:           ms(52910112 + 110169154 + 111237458 + 57989171),
		tools:               ms(53660003 + 561488 + 396854 + 534211),
		featgen:             ms(150575 + 53501 + 105473 + 24273 + 37205 + 93357),
		toolsOnCriticalPath: 0,
	}
	if p != want {
		t.Errorf("readProfile = %+v, want %+v", p, want)
	}
}

// TestReadSpawns sums the spawns' times of an execution log as Bazel 7.7.1 writes it (trimmed),
// and the checks' own by kind; a cache hit counts nothing.
func TestReadSpawns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "exec.json")
	log := `{"mnemonic": "GoApiFeatures", "runner": "worker", "targetLabel": "//p0001:p0001", "metrics": {"totalTime": "0.100s"}}
{"mnemonic": "GoCompilePkg", "runner": "processwrapper-sandbox", "targetLabel": "@@rules_go_api+//tools/featgen:featgen_lib", "metrics": {"totalTime": "0.500s"}}
{"mnemonic": "GoCompilePkg", "runner": "processwrapper-sandbox", "targetLabel": "//p0001:p0001", "metrics": {"totalTime": "1s"}}
{"mnemonic": "TestRunner", "runner": "processwrapper-sandbox", "targetLabel": "//p0001:api_check", "metrics": {"totalTime": "0.200s"}}
{"mnemonic": "GoCompilePkg", "runner": "disk cache hit", "cacheHit": true, "targetLabel": "//p0002:p0002", "metrics": {"totalTime": "9s"}}
`
	if err := os.WriteFile(path, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := readSpawns(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Duration{"featgen": 100 * time.Millisecond, "tools": 500 * time.Millisecond, "tests": 200 * time.Millisecond}
	if s.all != 1800*time.Millisecond || !maps.Equal(s.checks, want) || s.count["GoCompilePkg"] != 2 {
		t.Errorf("readSpawns: all %v, checks %v, counts %v; want 1.8s, %v, 2 compiles", s.all, s.checks, s.count, want)
	}
}
