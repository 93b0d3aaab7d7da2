package main

import (
	"fmt"
	"strconv"
	"strings"
)

// semVersion is a module version: vMAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], as the go command
// writes them (https://semver.org with a leading v; Go accepts no shorthand such as v1.2 in a
// go.mod, nor here).
type semVersion struct {
	major, minor, patch int
	pre                 []string // the pre-release's dot-separated identifiers; nil for a release
	text                string
}

// parseVersion parses a module version; the error says what is wrong in one line.
func parseVersion(s string) (semVersion, error) {
	v := semVersion{text: s}
	bad := func(why string) (semVersion, error) {
		return semVersion{}, fmt.Errorf("%q is not a version (%s): want vMAJOR.MINOR.PATCH, such as v1.4.2 or v0.3.0-rc.1", s, why)
	}
	if !strings.HasPrefix(s, "v") {
		return bad("no leading v")
	}
	rest := s[1:]
	if i := strings.IndexByte(rest, '+'); i >= 0 {
		if rest[i+1:] == "incompatible" {
			return bad("+incompatible versions are not supported")
		}
		if !validIdents(rest[i+1:], false) {
			return bad("bad build metadata")
		}
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '-'); i >= 0 {
		if !validIdents(rest[i+1:], true) {
			return bad("bad pre-release")
		}
		v.pre = strings.Split(rest[i+1:], ".")
		rest = rest[:i]
	}
	parts := strings.Split(rest, ".")
	if len(parts) != 3 {
		return bad("not three numbers")
	}
	nums := []*int{&v.major, &v.minor, &v.patch}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || p == "" || (len(p) > 1 && p[0] == '0') || strings.ContainsAny(p, "+-") {
			return bad(fmt.Sprintf("%q is not a number", p))
		}
		*nums[i] = n
	}
	return v, nil
}

// validIdents reports whether s is a dot-separated list of semver identifiers; numeric ones of a
// pre-release have no leading zero.
func validIdents(s string, pre bool) bool {
	if s == "" {
		return false
	}
	for _, id := range strings.Split(s, ".") {
		if id == "" || strings.Trim(id, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") != "" {
			return false
		}
		if pre && len(id) > 1 && id[0] == '0' && strings.Trim(id, "0123456789") == "" {
			return false
		}
	}
	return true
}

func (v semVersion) String() string { return v.text }

// isRelease reports whether v is a release, not a pre-release (pseudo-versions are pre-releases).
func (v semVersion) isRelease() bool { return v.pre == nil }

// compareVersions orders versions by semver precedence (build metadata ignored).
func compareVersions(a, b semVersion) int {
	for _, d := range []int{a.major - b.major, a.minor - b.minor, a.patch - b.patch} {
		if d != 0 {
			return sign(d)
		}
	}
	switch {
	case a.pre == nil && b.pre == nil:
		return 0
	case a.pre == nil:
		return 1
	case b.pre == nil:
		return -1
	}
	for i := 0; i < len(a.pre) && i < len(b.pre); i++ {
		x, y := a.pre[i], b.pre[i]
		xn, xerr := strconv.Atoi(x)
		yn, yerr := strconv.Atoi(y)
		switch {
		case xerr == nil && yerr == nil:
			if xn != yn {
				return sign(xn - yn)
			}
		case xerr == nil:
			return -1 // numeric identifiers sort before alphanumeric ones
		case yerr == nil:
			return 1
		case x != y:
			return strings.Compare(x, y)
		}
	}
	return sign(len(a.pre) - len(b.pre))
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// pathMajor returns the major version a module path allows and its prefix without the major
// version suffix: "/vN" (N ≥ 2) allows vN only; gopkg.in's ".vN" vN only; no suffix v0 and v1
// (major -1).
func pathMajor(path string) (prefix string, major int) {
	if strings.HasPrefix(path, "gopkg.in/") {
		if i := strings.LastIndex(path, ".v"); i >= 0 {
			if n, err := strconv.Atoi(path[i+2:]); err == nil && n >= 0 {
				return path[:i], n
			}
		}
		return path, -1
	}
	if i := strings.LastIndex(path, "/v"); i >= 0 {
		s := path[i+2:]
		if n, err := strconv.Atoi(s); err == nil && n >= 2 && s[0] != '0' {
			return path[:i], n
		}
	}
	return path, -1
}

// versionFitsPath reports why v cannot be a version of the module path, or "" when it can.
func versionFitsPath(path string, v semVersion) string {
	prefix, major := pathMajor(path)
	switch {
	case major < 0 && v.major > 1:
		return fmt.Sprintf("%s is not a version of %s, whose versions are v0 and v1: a v%d is the module %s/v%d (a new module path)", v, path, v.major, prefix, v.major)
	case major >= 0 && v.major != major:
		return fmt.Sprintf("%s is not a version of %s, whose versions are v%d: a v%d is the module %s", v, path, major, v.major, withMajor(path, prefix, v.major))
	}
	return ""
}

// withMajor returns the module path of major version n of the module whose path without its
// major version suffix is prefix.
func withMajor(path, prefix string, n int) string {
	if strings.HasPrefix(path, "gopkg.in/") {
		return fmt.Sprintf("%s.v%d", prefix, n)
	}
	if n < 2 {
		return prefix
	}
	return fmt.Sprintf("%s/v%d", prefix, n)
}

// step is a version step, in the order of what it allows.
type step int

const (
	stepPatch step = iota
	stepMinor
	stepMajor
)

func (s step) String() string { return [...]string{"patch", "minor", "major"}[s] }

// stepBetween returns the step from base to v (v greater than base): the first of major, minor,
// patch that grew.
func stepBetween(base, v semVersion) step {
	switch {
	case v.major > base.major:
		return stepMajor
	case v.minor > base.minor:
		return stepMinor
	}
	return stepPatch
}

// next returns the smallest version the step allows after base: for a pre-release base, its
// release (pre-releases promise nothing, semver item 9).
func next(base semVersion, s step) semVersion {
	n := semVersion{major: base.major, minor: base.minor, patch: base.patch}
	switch {
	case !base.isRelease():
	case s == stepMajor:
		n.major, n.minor, n.patch = base.major+1, 0, 0
	case s == stepMinor:
		n.minor, n.patch = base.minor+1, 0
	default:
		n.patch++
	}
	n.text = fmt.Sprintf("v%d.%d.%d", n.major, n.minor, n.patch)
	return n
}
