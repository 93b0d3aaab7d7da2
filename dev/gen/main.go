// Command gen writes the files of rules_go_api that are generated from others, so that each fact
// is stated once:
//
//   - rules/private/contexts_table.bzl, the Starlark copy of internal/contexts' table of ports;
//   - the reference blocks of docs/rules.md, from the doc strings of the public macros, aspect and
//     provider that rules/defs.bzl exports;
//   - the synopses of docs/cli.md, from the usage text featgen and apidiff print;
//   - the example of apireport's output in docs/rules.md, from a real run of featgen, apidiff and
//     apireport over a small module before and after a change (report.go).
//   - the table of the verdict's classes in docs/verdict.md, from internal/clients' (verdict.go);
//   - from the version table, dev/offline/lanes.txt (lanes.go): .bcr/presubmit.yml's list of Bazel
//     versions, the lanes' rows and the supported versions in docs/compat.md, and what README.md says
//     is tested and supported.
//
// Run it from the repository root after changing either source:
//
//	go run ./dev/gen
//
// With -check it writes nothing and fails, naming the files, if any is out of date (its test
// does that).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// output is one generated file.
type output struct {
	path     string                            // relative to the repository root
	generate func(root string) ([]byte, error) // its contents
}

var outputs = []output{
	{"rules/private/contexts_table.bzl", func(string) ([]byte, error) { return contextsTable(), nil }},
	{"docs/rules.md", rulesDoc},
	{"docs/cli.md", cliDoc},
	{".bcr/presubmit.yml", presubmit},
	{"docs/compat.md", compatDoc},
	{"README.md", readme},
	{"docs/verdict.md", verdictDoc},
}

func main() {
	check := flag.Bool("check", false, "write nothing; fail if a generated file is out of date")
	root := flag.String("C", ".", "the repository root")
	flag.Parse()
	stale, err := run(*root, *check)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	if len(stale) > 0 {
		fmt.Fprintf(os.Stderr, "gen: out of date: %v: run go run ./dev/gen\n", stale)
		os.Exit(1)
	}
}

// run generates every output under root. With check set it writes nothing and returns the
// outputs whose files differ; otherwise it rewrites those.
func run(root string, check bool) (stale []string, err error) {
	for _, o := range outputs {
		want, err := o.generate(root)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", o.path, err)
		}
		path := filepath.Join(root, o.path)
		got, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if bytes.Equal(got, want) {
			continue
		}
		if check {
			stale = append(stale, o.path)
			continue
		}
		if err := os.WriteFile(path, want, 0o644); err != nil {
			return nil, err
		}
	}
	return stale, nil
}
