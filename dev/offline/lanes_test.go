package offline

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestTable checks the repository's table against the files it names and go.mod.
func TestTable(t *testing.T) {
	table, err := ReadTable("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range table.Lanes {
		if _, err := os.Stat(filepath.Join("../..", "dev/offline", l.Script)); err != nil {
			t.Errorf("lane %s: %v", l.Name, err)
		}
	}
	// Every mode users are told is supported is tested on some lane: the WORKSPACE tests skip on a
	// lane without WORKSPACE mode, so a table that dropped the mode everywhere would test it nowhere.
	for _, s := range table.Supported {
		for _, mode := range s.Modes {
			tested := false
			for _, l := range table.Lanes {
				tested = tested || l.HasMode(mode)
			}
			if !tested {
				t.Errorf("Bazel %s is supported in %s mode, and no lane tests that mode", s.Series, mode)
			}
		}
	}
	// go.mod pins the Gazelle the Gazelle extension is built and tested against: the default lane's.
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*github.com/bazelbuild/bazel-gazelle (v\S+)`).FindSubmatch(gomod)
	if m == nil {
		t.Fatal("go.mod does not require github.com/bazelbuild/bazel-gazelle")
	}
	if def := table.Lanes[0]; string(m[1]) != def.Gazelle {
		t.Errorf("go.mod requires Gazelle %s, the default lane %s runs %s: keep them the same", m[1], def.Name, def.Gazelle)
	}
}

const sample = `
# a comment
supported 7.x bzlmod,workspace
supported 8.x bzlmod
lane 7 7.7.1 debian-rootfs:sid:bazel-bootstrap lane7.sh bzlmod,workspace v0.65.0 v0.53.0
lane 9 9.0.2 debian-rootfs:sid:bazel-bootstrap lane9.sh bzlmod v0.70.0 v0.60.0
flag 7.7 --a
flag 7.7 --b
flag 9.0 --c
exempt 7.7 workspace --b
`

func TestParseTable(t *testing.T) {
	table, err := ParseTable(sample)
	if err != nil {
		t.Fatal(err)
	}
	if table.MinMajor() != 7 {
		t.Errorf("MinMajor %d", table.MinMajor())
	}
	if l, ok := table.Lane("9"); !ok || l.Series() != "9.0" || l.HasMode(Workspace) {
		t.Errorf("lane 9: %+v %v", l, ok)
	}
	if l, ok := table.LaneOfVersion("7.7.2"); !ok || l.Name != "7" {
		t.Errorf("LaneOfVersion(7.7.2) = %+v, %v", l, ok)
	}
	for _, c := range []struct {
		version, mode, from string
		flags               []string
	}{
		{"7.7.1", Bzlmod, "7.7", []string{"--a", "--b"}},
		{"7.7.1", Workspace, "7.7", []string{"--a"}},
		{"8.4.2", Bzlmod, "7.7", []string{"--a", "--b"}},
		{"9.0.0", Bzlmod, "9.0", []string{"--c"}},
		{"10.1.0", Bzlmod, "9.0", []string{"--c"}},
	} {
		flags, from, ok := table.Flags(c.version, c.mode)
		if !ok || from != c.from || !slices.Equal(flags, c.flags) {
			t.Errorf("Flags(%s, %s) = %v from %s (%v), want %v from %s", c.version, c.mode, flags, from, ok, c.flags, c.from)
		}
	}
	if flags, from, ok := table.Flags("7.6.0", Bzlmod); !ok || from != "7.7" || len(flags) != 2 {
		t.Errorf("Flags(7.6.0) = %v from %s (%v), want the oldest list, 7.7's", flags, from, ok)
	}
}

func TestParseTableErrors(t *testing.T) {
	base := "supported 7.x bzlmod\nflag 7.7 --a\n"
	lane := "lane 7 7.7.1 debian-rootfs:sid:bazel-bootstrap lane7.sh bzlmod v0.65.0 v0.53.0\n"
	for text, want := range map[string]string{
		base:                    "no lane",
		lane + "flag 7.7 --a\n": "no supported series",
		base + lane + lane:      "named twice",
		base + strings.Replace(lane, "bzlmod", "workspace", 1): "every lane runs the bzlmod tests",
		base + strings.Replace(lane, "7.7.1", "7.7", 1):        "not X.Y.Z",
		base + strings.Replace(lane, "v0.65.0", "0.65.0", 1):   "vX.Y.Z",
		base + strings.Replace(lane, "7.7.1", "7.8.0", 1):      "no flag list for Bazel 7.8",
		base + lane + "exempt 7.7 workspace --b\n":             "not a flag of 7.7",
		base + lane + "exempt 7.7 bzlmod,workspace --a\n":      "not one mode",
		base + lane + "flag 7.7 --a\n":                         "listed twice",
		base + lane + "lanes 7\n":                              "unknown record",
		base + lane + "flag 7.7\n":                             "has 1 fields, want 2",
	} {
		_, err := ParseTable(text)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseTable(%q) = %v, want an error containing %q", text, err, want)
		}
	}
}
