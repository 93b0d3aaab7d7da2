package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// reportSource names the generated block of docs/rules.md that quotes apireport's output.
const reportSource = "a real run of featgen, apidiff and apireport (dev/gen/report.go)"

// The example module: two packages, each its own check, before and after a change. lib's Parse
// gains a variadic parameter (breaking: a function value of the old type no longer fits); util
// gains Clamp everywhere and ConsoleWidth on Windows only.
var (
	reportModule = map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n",
		"lib/lib.go": `// Package lib parses.
package lib

// Parse parses s.
func Parse(s string) error { return nil }
`,
		"util/util.go": `// Package util helps.
package util

// Max returns the larger of a and b.
func Max(a, b int) int { return max(a, b) }
`,
	}
	reportChange = map[string]string{
		"lib/lib.go": `// Package lib parses.
package lib

// Option configures Parse.
type Option func()

// Parse parses s.
func Parse(s string, opts ...Option) error { return nil }
`,
		"util/util.go": `// Package util helps.
package util

// Max returns the larger of a and b.
func Max(a, b int) int { return max(a, b) }

// Clamp returns x limited to [lo, hi].
func Clamp(x, lo, hi int) int { return min(max(x, lo), hi) }
`,
		"util/util_windows.go": `package util

// ConsoleWidth returns the width of the console.
func ConsoleWidth() int { return 80 }
`,
	}
	reportContexts = "linux-amd64,windows-amd64"
)

// reportExample runs what a CI job runs on a pull request, without Bazel, and returns apireport's
// Markdown: featgen over each package of the example module, apidiff update to record the API,
// the change, featgen again, apidiff check with the flags each Bazel check passes (-label,
// -update-hint, -api-name, -json-out), and apireport over the JSON reports.
func reportExample(root string) (string, error) {
	tmp, err := os.MkdirTemp("", "gen-report")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	bin := make(map[string]string)
	for _, name := range []string{"featgen", "apidiff", "apireport"} {
		bin[name] = filepath.Join(tmp, "bin", name)
		if _, err := command(root, "go", "build", "-o", bin[name], "./tools/"+name); err != nil {
			return "", err
		}
	}
	mod := filepath.Join(tmp, "m")
	if err := writeFiles(mod, reportModule); err != nil {
		return "", err
	}
	pkgs := []string{"lib", "util"}
	features := func(pkg string) (string, error) {
		out := filepath.Join(tmp, pkg+".features.txt")
		_, err := command(mod, bin["featgen"], "-contexts", reportContexts, "-o", out, "./"+pkg)
		return out, err
	}
	for _, pkg := range pkgs {
		f, err := features(pkg)
		if err != nil {
			return "", err
		}
		if _, err := command(mod, bin["apidiff"], "update", "-api", filepath.Join(mod, pkg, "api.txt"), "-features", f); err != nil {
			return "", err
		}
	}
	if err := writeFiles(mod, reportChange); err != nil {
		return "", err
	}
	var reports []string
	for _, pkg := range pkgs {
		f, err := features(pkg)
		if err != nil {
			return "", err
		}
		report := filepath.Join(tmp, pkg+".json")
		// The check fails (exit status 1): the API changed.
		command(mod, bin["apidiff"], "check", "-api", filepath.Join(mod, pkg, "api.txt"), "-api-name", pkg+"/api.txt", "-features", f,
			"-label", "//"+pkg+":api_check", "-update-hint", "bazel run //"+pkg+":api_check.update", "-json-out", report)
		if _, err := os.Stat(report); err != nil {
			return "", fmt.Errorf("apidiff check wrote no report: %v", err)
		}
		reports = append(reports, report)
	}
	return command(mod, bin["apireport"], reports...)
}

// reportBlock returns the generated block of docs/rules.md: apireport's output, fenced with four
// backticks, as it holds a fenced proof program.
func reportBlock(root string) (string, error) {
	md, err := reportExample(root)
	if err != nil {
		return "", err
	}
	return "\n````markdown\n" + md + "````\n\n", nil
}

// command runs name with args in dir and returns its standard output.
func command(dir, name string, args ...string) (string, error) {
	var out, errOut bytes.Buffer
	c := exec.Command(name, args...)
	c.Dir, c.Stdout, c.Stderr = dir, &out, &errOut
	c.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	if err := c.Run(); err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out.String(), errOut.String())
	}
	return out.String(), nil
}

// writeFiles writes files (slash-separated path relative to dir -> contents) under dir.
func writeFiles(dir string, files map[string]string) error {
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
