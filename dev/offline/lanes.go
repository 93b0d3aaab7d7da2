// Package offline reads the version table, dev/offline/lanes.txt: the Bazel lanes this project
// tests and the Bazel series it supports. The format is described in the file itself; the set-up
// scripts read it with awk, tests/bazel and dev/gen with this package.
package offline

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// TablePath is the table's path relative to the repository root.
const TablePath = "dev/offline/lanes.txt"

// Modes.
const (
	Bzlmod    = "bzlmod"
	Workspace = "workspace"
)

// Table is the version table.
type Table struct {
	Supported []Supported
	Lanes     []Lane // the first is the default lane
	flags     map[string][]flag
}

// Supported is a Bazel series users are told is supported.
type Supported struct {
	Series string // "7.x"
	Modes  []string
}

// Major is the series' major version.
func (s Supported) Major() int {
	n, _ := strconv.Atoi(strings.TrimSuffix(s.Series, ".x"))
	return n
}

// Lane is one Bazel the integration tests run on.
type Lane struct {
	Name    string   // RULES_GO_API_BAZEL's value
	Bazel   string   // the version measured on it, "7.7.1"
	Source  string   // where Bazel comes from, "debian-rootfs:sid:bazel-bootstrap"
	Script  string   // the set-up script in dev/offline, "lane7.sh"
	Modes   []string // Bzlmod, and Workspace if the WORKSPACE tests run on it
	RulesGo string   // "v0.65.0"
	Gazelle string   // "v0.53.0"
}

// Series is the lane's Bazel series, "7.7": its flag list's key.
func (l Lane) Series() string { return series(l.Bazel) }

// HasMode reports whether the lane's integration tests run in mode.
func (l Lane) HasMode(mode string) bool { return slices.Contains(l.Modes, mode) }

// SourceText describes the lane's source in words, for the docs: "Debian sid's `bazel-bootstrap`".
func (l Lane) SourceText() string {
	kind, rest, _ := strings.Cut(l.Source, ":")
	if kind == "debian-rootfs" {
		suite, pkg, _ := strings.Cut(rest, ":")
		return fmt.Sprintf("Debian %s's `%s`", suite, pkg)
	}
	return "`" + l.Source + "`"
}

type flag struct {
	name   string
	exempt []string // modes that run without it
}

// Lane returns the lane named name.
func (t *Table) Lane(name string) (Lane, bool) {
	for _, l := range t.Lanes {
		if l.Name == name {
			return l, true
		}
	}
	return Lane{}, false
}

// LaneOfVersion returns the lane whose Bazel is of the same series as version ("7.7.1").
func (t *Table) LaneOfVersion(version string) (Lane, bool) {
	for _, l := range t.Lanes {
		if l.Series() == series(version) {
			return l, true
		}
	}
	return Lane{}, false
}

// MinMajor is the oldest supported Bazel major version.
func (t *Table) MinMajor() int {
	oldest := 0
	for _, s := range t.Supported {
		if oldest == 0 || s.Major() < oldest {
			oldest = s.Major()
		}
	}
	return oldest
}

// Flags returns the flags the integration tests give a Bazel of version ("7.7.1") in mode, and the
// series of the list they come from: the version's own, or else the newest older one, or else (a
// Bazel older than every list) the oldest. ok is false only if the table has no flag list.
func (t *Table) Flags(version, mode string) (flags []string, from string, ok bool) {
	var older, oldest string
	for s := range t.flags {
		if compareSeries(s, series(version)) <= 0 && (older == "" || compareSeries(s, older) > 0) {
			older = s
		}
		if oldest == "" || compareSeries(s, oldest) < 0 {
			oldest = s
		}
	}
	from = older
	if from == "" {
		from = oldest
	}
	if from == "" {
		return nil, "", false
	}
	for _, f := range t.flags[from] {
		if !slices.Contains(f.exempt, mode) {
			flags = append(flags, f.name)
		}
	}
	return flags, from, true
}

// FlagCount returns the number of flags in series' list, and how many of them mode is exempt from.
func (t *Table) FlagCount(series, mode string) (all, exempt int) {
	for _, f := range t.flags[series] {
		all++
		if slices.Contains(f.exempt, mode) {
			exempt++
		}
	}
	return all, exempt
}

// ReadTable reads the table of the repository at root.
func ReadTable(root string) (*Table, error) {
	data, err := os.ReadFile(filepath.Join(root, TablePath))
	if err != nil {
		return nil, err
	}
	t, err := ParseTable(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", TablePath, err)
	}
	return t, nil
}

var (
	bazelVersion  = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)
	bazelSeries   = regexp.MustCompile(`^[0-9]+\.[0-9]+$`)
	supportSeries = regexp.MustCompile(`^[0-9]+\.x$`)
	moduleVersion = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`)
	laneName      = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	scriptName    = regexp.MustCompile(`^[A-Za-z0-9_.-]+\.sh$`)
)

// ParseTable parses the table's text and checks it.
func ParseTable(text string) (*Table, error) {
	t := &Table{flags: make(map[string][]flag)}
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if err := t.add(f); err != nil {
			return nil, fmt.Errorf("line %d: %v", i+1, err)
		}
	}
	if len(t.Supported) == 0 {
		return nil, fmt.Errorf("no supported series")
	}
	if len(t.Lanes) == 0 {
		return nil, fmt.Errorf("no lane")
	}
	for _, l := range t.Lanes {
		if len(t.flags[l.Series()]) == 0 {
			return nil, fmt.Errorf("lane %s: no flag list for Bazel %s", l.Name, l.Series())
		}
	}
	return t, nil
}

func (t *Table) add(f []string) error {
	want := map[string]int{"supported": 3, "lane": 8, "flag": 3, "exempt": 4}[f[0]]
	if want == 0 {
		return fmt.Errorf("unknown record %q", f[0])
	}
	if len(f) != want {
		return fmt.Errorf("%s has %d fields, want %d", f[0], len(f)-1, want-1)
	}
	switch f[0] {
	case "supported":
		if !supportSeries.MatchString(f[1]) {
			return fmt.Errorf("supported series %q is not MAJOR.x", f[1])
		}
		modes, err := parseModes(f[2])
		if err != nil {
			return err
		}
		t.Supported = append(t.Supported, Supported{Series: f[1], Modes: modes})
	case "lane":
		l := Lane{Name: f[1], Bazel: f[2], Source: f[3], Script: f[4], RulesGo: f[6], Gazelle: f[7]}
		var err error
		if l.Modes, err = parseModes(f[5]); err != nil {
			return err
		}
		switch {
		case !laneName.MatchString(l.Name):
			return fmt.Errorf("lane name %q", l.Name)
		case func() bool { _, dup := t.Lane(l.Name); return dup }():
			return fmt.Errorf("lane %s is named twice", l.Name)
		case !bazelVersion.MatchString(l.Bazel):
			return fmt.Errorf("lane %s: Bazel version %q is not X.Y.Z", l.Name, l.Bazel)
		case !scriptName.MatchString(l.Script):
			return fmt.Errorf("lane %s: script %q is not a file name ending in .sh", l.Name, l.Script)
		case !l.HasMode(Bzlmod):
			return fmt.Errorf("lane %s: every lane runs the bzlmod tests", l.Name)
		case !moduleVersion.MatchString(l.RulesGo) || !moduleVersion.MatchString(l.Gazelle):
			return fmt.Errorf("lane %s: rules_go and Gazelle versions are vX.Y.Z", l.Name)
		}
		t.Lanes = append(t.Lanes, l)
	case "flag":
		if !bazelSeries.MatchString(f[1]) {
			return fmt.Errorf("flag series %q is not MAJOR.MINOR", f[1])
		}
		if !strings.HasPrefix(f[2], "--") {
			return fmt.Errorf("flag %q", f[2])
		}
		for _, g := range t.flags[f[1]] {
			if g.name == f[2] {
				return fmt.Errorf("flag %s listed twice for %s", f[2], f[1])
			}
		}
		t.flags[f[1]] = append(t.flags[f[1]], flag{name: f[2]})
	case "exempt":
		if _, err := parseModes(f[2]); err != nil || strings.Contains(f[2], ",") {
			return fmt.Errorf("exempt: %q is not one mode", f[2])
		}
		list := t.flags[f[1]]
		i := slices.IndexFunc(list, func(g flag) bool { return g.name == f[3] })
		if i < 0 {
			return fmt.Errorf("exempt: %s is not a flag of %s (list it first)", f[3], f[1])
		}
		list[i].exempt = append(list[i].exempt, f[2])
	}
	return nil
}

func parseModes(s string) ([]string, error) {
	modes := strings.Split(s, ",")
	for _, m := range modes {
		if m != Bzlmod && m != Workspace {
			return nil, fmt.Errorf("mode %q is neither %s nor %s", m, Bzlmod, Workspace)
		}
	}
	return modes, nil
}

// series returns the major.minor of a Bazel version ("7.7.1" -> "7.7").
func series(version string) string {
	parts := strings.SplitN(version, ".", 3)
	if len(parts) < 2 {
		return version
	}
	return parts[0] + "." + parts[1]
}

// compareSeries compares two major.minor series numerically.
func compareSeries(a, b string) int {
	num := func(s string) (int, int) {
		major, minor, _ := strings.Cut(s, ".")
		x, _ := strconv.Atoi(major)
		y, _ := strconv.Atoi(minor)
		return x, y
	}
	am, an := num(a)
	bm, bn := num(b)
	if am != bm {
		return am - bm
	}
	return an - bn
}
