// Package contexts holds the facts about build contexts and package paths
// that every part of rules_go_api must agree on: which context names exist
// (cmd/api's GOOS-GOARCH[-cgo]), which of them rules_go can build, and which
// import paths are internal. apidiff and the Gazelle extension use this
// package; the Starlark rules use rules/private/contexts_table.bzl, which is
// generated from it (go run ./dev/gen, whose test fails when it is stale).
package contexts

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Port is one GOOS-GOARCH pair.
type Port struct {
	// Name is "GOOS-GOARCH".
	Name string
	// Cgo reports whether Go supports cgo there, so that Name+"-cgo" is a context.
	Cgo bool
	// Bazel reports whether rules_go defines a platform for the port
	// (@io_bazel_rules_go//go/toolchain:GOOS_GOARCH), and BazelCgo one with
	// cgo (GOOS_GOARCH_cgo). Rules check only such contexts.
	Bazel, BazelCgo bool
	// Removed marks a port Go no longer supports: API files may still
	// mention it, and its lines are never reported missing.
	Removed bool
}

// Ports are the ports of Go 1.26 (go tool dist list), the ports Go's API
// files still mention (freebsd-riscv64, and darwin-386, which was removed),
// and what rules_go (v0.50.1 to the newest) can build of them. Sorted by name.
var Ports = []Port{
	{Name: "aix-ppc64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "android-386", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "android-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "android-arm", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "android-arm64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "darwin-386", Cgo: true, Removed: true},
	{Name: "darwin-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "darwin-arm64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "dragonfly-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "freebsd-386", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "freebsd-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "freebsd-arm", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "freebsd-arm64", Cgo: true, Bazel: true},
	{Name: "freebsd-riscv64", Cgo: true},
	{Name: "illumos-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "ios-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "ios-arm64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "js-wasm", Bazel: true},
	{Name: "linux-386", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-arm", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-arm64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-loong64", Cgo: true},
	{Name: "linux-mips", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-mips64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-mips64le", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-mipsle", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-ppc64", Bazel: true},
	{Name: "linux-ppc64le", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-riscv64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "linux-s390x", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "netbsd-386", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "netbsd-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "netbsd-arm", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "netbsd-arm64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "openbsd-386", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "openbsd-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "openbsd-arm", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "openbsd-arm64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "openbsd-ppc64"},
	{Name: "openbsd-riscv64", Cgo: true},
	{Name: "plan9-386", Bazel: true},
	{Name: "plan9-amd64", Bazel: true},
	{Name: "plan9-arm", Bazel: true},
	{Name: "solaris-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "wasip1-wasm", Bazel: true},
	{Name: "windows-386", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "windows-amd64", Cgo: true, Bazel: true, BazelCgo: true},
	{Name: "windows-arm64", Cgo: true, Bazel: true, BazelCgo: true},
}

// Context is a parsed context name.
type Context struct {
	Name         string // "linux-amd64-cgo"
	GOOS, GOARCH string
	Cgo          bool
	Port         Port
}

// Name returns the name of the context GOOS-GOARCH, with "-cgo" when cgo is on.
func Name(goos, goarch string, cgo bool) string {
	if cgo {
		return goos + "-" + goarch + "-cgo"
	}
	return goos + "-" + goarch
}

// FeatgenFlags returns the flags that make featgen's list mode build the context:
// -goos G -goarch A, and -cgo.
func (c Context) FeatgenFlags() []string {
	flags := []string{"-goos", c.GOOS, "-goarch", c.GOARCH}
	if c.Cgo {
		flags = append(flags, "-cgo")
	}
	return flags
}

// CmdAPI are the contexts Go's own API check walks (the contexts list of cmd/api's tests), in
// its order.
var CmdAPI = []string{
	"linux-386-cgo", "linux-386", "linux-amd64-cgo", "linux-amd64", "linux-arm-cgo", "linux-arm",
	"darwin-amd64-cgo", "darwin-amd64", "darwin-arm64-cgo", "darwin-arm64",
	"windows-amd64", "windows-386",
	"freebsd-386-cgo", "freebsd-386", "freebsd-amd64-cgo", "freebsd-amd64", "freebsd-arm-cgo", "freebsd-arm",
	"freebsd-arm64-cgo", "freebsd-arm64", "freebsd-riscv64-cgo", "freebsd-riscv64",
	"netbsd-386-cgo", "netbsd-386", "netbsd-amd64-cgo", "netbsd-amd64", "netbsd-arm-cgo", "netbsd-arm",
	"netbsd-arm64-cgo", "netbsd-arm64",
	"openbsd-386-cgo", "openbsd-386", "openbsd-amd64-cgo", "openbsd-amd64",
}

// Names returns every context name: each port, and each port with "-cgo"
// where Go supports cgo. With bazel set, only those rules_go can build.
func Names(bazel bool) []string {
	var names []string
	for _, p := range Ports {
		if bazel && !p.Bazel {
			continue
		}
		names = append(names, p.Name)
		if (bazel && p.BazelCgo) || (!bazel && p.Cgo) {
			names = append(names, p.Name+"-cgo")
		}
	}
	slices.Sort(names)
	return names
}

// Parse parses a context name. An unknown name is an error that suggests
// the nearest known names.
func Parse(name string) (Context, error) { return parse(name, false) }

// ParseBazel is Parse for contexts a Bazel build checks: it also requires a
// rules_go platform for the context.
func ParseBazel(name string) (Context, error) { return parse(name, true) }

func parse(name string, bazel bool) (Context, error) {
	port, cgo := strings.CutSuffix(name, "-cgo")
	i := slices.IndexFunc(Ports, func(p Port) bool { return p.Name == port })
	if i >= 0 && cgo && !Ports[i].Cgo {
		return Context{}, fmt.Errorf("context %q: Go has no cgo on %s; check %s", name, port, port)
	}
	if i < 0 {
		return Context{}, fmt.Errorf("unknown context %q%s: want GOOS-GOARCH or GOOS-GOARCH-cgo, as in linux-amd64 or linux-amd64-cgo",
			name, suggestion(name, Names(false)))
	}
	p := Ports[i]
	if bazel && (!p.Bazel || (cgo && !p.BazelCgo)) {
		if cgo && p.Bazel {
			return Context{}, fmt.Errorf("context %q: rules_go has no cgo platform for %s; check %s", name, port, port)
		}
		return Context{}, fmt.Errorf("context %q: rules_go has no platform for %s%s", name, port, suggestion(name, Names(true)))
	}
	goos, goarch, _ := strings.Cut(port, "-")
	return Context{Name: Name(goos, goarch, cgo), GOOS: goos, GOARCH: goarch, Cgo: cgo, Port: p}, nil
}

// suggestion returns " (did you mean X?)" for the known names nearest to
// name, if any is close: at most two single-character edits away.
func suggestion(name string, known []string) string {
	best, bestDist := []string(nil), 3
	for _, k := range known {
		switch d := editDistance(name, k); {
		case d < bestDist:
			best, bestDist = []string{k}, d
		case d == bestDist:
			best = append(best, k)
		}
	}
	if len(best) == 0 {
		return ""
	}
	return " (did you mean " + strings.Join(best, " or ") + "?)"
}

// editDistance is the Levenshtein distance between a and b, bytewise.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// IsRemovedPort reports whether ctx (with or without "-cgo") belongs to a
// port Go no longer supports.
func IsRemovedPort(ctx string) bool {
	port, _ := strings.CutSuffix(ctx, "-cgo")
	i := slices.IndexFunc(Ports, func(p Port) bool { return p.Name == port })
	return i >= 0 && Ports[i].Removed
}

// SplitList splits a list of context names written by a user: names are
// separated by commas, spaces or tabs.
func SplitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// internalPath is the rule of the go command (and cmd/api) for internal
// packages: a path element named "internal".
var internalPath = regexp.MustCompile(`(^|/)internal($|/)`)

// IsInternal reports whether importPath is an internal package, which only
// its parent tree may import and which therefore has no public API.
func IsInternal(importPath string) bool { return internalPath.MatchString(importPath) }

// IsPublicPath reports whether a package with this import path can have an API that importers
// outside its module see, as cmd/api selects packages: not internal, not vendored into the
// standard library (vendor/...), not unsafe. Every part of rules_go_api decides it here (the
// rules through context_names.bzl's is_public_path, which the tests compare with this); whether a
// package is a command (package main), which has no API either, each part learns its own way.
func IsPublicPath(importPath string) bool {
	return importPath != "unsafe" && !strings.HasPrefix(importPath, "vendor/") && !IsInternal(importPath)
}
