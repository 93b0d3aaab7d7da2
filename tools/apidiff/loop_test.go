package main

import (
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// The accept loop, as a property: for generated packages and random API
// edits, over 1-3 contexts and both modes, check reports the edit in the
// right section with the right exit status, the update command the check
// prints makes the check pass, and running that command again changes no
// byte. The feature sets are real: every generated package is compiled by
// the go command and printed by featgen.

var (
	loopSeed  = flag.Uint64("loop.seed", 1, "seed of TestAcceptLoop's generated cases")
	loopCases = flag.Int("loop.cases", 240, "number of TestAcceptLoop cases")
)

// loopContexts are contexts whose packages the go command can build here.
var loopContexts = []struct{ name, goos, goarch string }{
	{"linux-amd64", "linux", "amd64"},
	{"windows-amd64", "windows", "amd64"},
	{"darwin-arm64", "darwin", "arm64"},
}

// decl is one generated declaration.
type decl struct {
	kind        int // see src
	id          int
	variant     int  // 0 or 1: "change" flips it
	deprecated  bool // has a "// Deprecated:" paragraph
	windowsOnly bool // declared in a _windows.go file
}

const numKinds = 8

func (d decl) src() string {
	var b strings.Builder
	if d.deprecated {
		b.WriteString("// Deprecated: generated.\n")
	}
	types := []string{"int", "string"}
	t := types[d.variant]
	switch d.kind {
	case 0:
		fmt.Fprintf(&b, "func F%d(%s) error { return nil }\n", d.id, t)
	case 1:
		fmt.Fprintf(&b, "const C%d = %d\n", d.id, 40+d.variant)
	case 2:
		fmt.Fprintf(&b, "type T%d struct{ X %s }\n\nfunc (T%d) M%d() {}\n", d.id, t, d.id, d.id)
	case 3:
		fmt.Fprintf(&b, "var V%d %s\n", d.id, t)
	case 4:
		results := []string{"T", "[]T"}
		fmt.Fprintf(&b, "func G%d[T any](x T) %s { panic(0) }\n", d.id, results[d.variant])
	case 5:
		fields := []string{"V T", "V map[T]bool"}
		fmt.Fprintf(&b, "type L%d[T comparable] struct{ %s }\n", d.id, fields[d.variant])
	case 6:
		// Constants with "#": an approval is only " #<digits>" at the end of a line.
		values := []string{`"# 12"`, `"#"`}
		fmt.Fprintf(&b, "const H%d = %s\n", d.id, values[d.variant])
	case 7:
		fmt.Fprintf(&b, "type I%d interface{ N%d(%s) }\n", d.id, d.id, t)
	}
	return b.String()
}

// pkgSource returns the files of a package of decls.
func pkgSource(name string, decls []decl) map[string]string {
	files := map[string]string{name + ".go": "package " + name + "\n"}
	for _, d := range decls {
		file := name + ".go"
		if d.windowsOnly {
			file = name + "_windows.go"
			if files[file] == "" {
				files[file] = "package " + name + "\n"
			}
		}
		files[file] += "\n" + d.src()
	}
	return files
}

// verdictHeading is the section of the text report (by verdict) that shows each kind of
// difference of the lines.
var verdictHeading = map[string]string{"Removed": "Breaking", "Changed": "Breaking", "Added": "Compatible",
	"Deprecated": "No change for clients", "No longer deprecated": "No change for clients"}

// Edit kinds and the report section each must show.
const (
	editAdd        = "add"
	editRemove     = "remove"
	editChange     = "change"
	editDeprecate  = "deprecate"
	editUndeprec   = "undeprecate"
	editToWindows  = "move to windows only"
	editAddHash    = "add a constant with #"
	editAddGeneric = "add a generic type"
)

var editKinds = []string{editAdd, editRemove, editChange, editDeprecate, editUndeprec, editToWindows, editAddHash, editAddGeneric}

type loopCase struct {
	n        int
	mode     string // "snapshot" or "go"
	contexts []string
	edit     string
	before   []decl
	after    []decl
	section  string // the report section that must show the edit; "" for no difference
}

func (c *loopCase) pkg() string { return fmt.Sprintf("c%d", c.n) }

func (c *loopCase) String() string {
	return fmt.Sprintf("case %d (%s mode, %s, edit %q)", c.n, c.mode, strings.Join(c.contexts, " "), c.edit)
}

func (c *loopCase) visible(d decl) bool {
	return !d.windowsOnly || slices.Contains(c.contexts, "windows-amd64")
}

// genCase makes a package and one edit of it. The expected section follows
// from the edit alone, not from the code under test.
func genCase(r *rand.Rand, n int) *loopCase {
	c := &loopCase{n: n, mode: []string{"snapshot", "go"}[r.IntN(2)]}
	for _, ctx := range loopContexts {
		if r.IntN(2) == 0 {
			c.contexts = append(c.contexts, ctx.name)
		}
	}
	if len(c.contexts) == 0 {
		c.contexts = []string{loopContexts[r.IntN(len(loopContexts))].name}
	}
	allWindows := r.IntN(10) == 0 // a package with API on Windows only
	for i := range 2 + r.IntN(4) {
		c.before = append(c.before, decl{kind: r.IntN(numKinds), id: i, variant: r.IntN(2),
			deprecated: r.IntN(4) == 0, windowsOnly: allWindows || r.IntN(8) == 0})
	}
	c.edit = editKinds[r.IntN(len(editKinds))]
	c.after = slices.Clone(c.before)
	target := r.IntN(len(c.before))
	t := c.before[target]
	visible := c.visible(t)
	newDecl := decl{kind: r.IntN(numKinds), id: 100, variant: r.IntN(2)}
	switch c.edit {
	case editAdd, editAddHash, editAddGeneric:
		if c.edit == editAddHash {
			newDecl.kind = 6
		} else if c.edit == editAddGeneric {
			newDecl.kind = 5
		}
		c.after = append(c.after, newDecl)
		c.section, visible = "Added", true
	case editRemove:
		c.after = slices.Delete(c.after, target, target+1)
		c.section = "Removed"
	case editChange:
		c.after[target].variant = 1 - t.variant
		c.section = "Changed"
	case editDeprecate:
		if t.deprecated {
			c.edit, c.after[target].deprecated, c.section = editUndeprec, false, "No longer deprecated"
		} else {
			c.after[target].deprecated, c.section = true, "Deprecated"
		}
	case editUndeprec:
		c.before[target].deprecated = true
		c.after[target].deprecated, c.section = false, "No longer deprecated"
	case editToWindows:
		if t.windowsOnly {
			c.edit, c.after[target].variant, c.section = editChange, 1-t.variant, "Changed"
			break
		}
		c.after[target].windowsOnly = true
		visible = true
		c.section = "Removed"
		if len(c.contexts) == 1 && c.contexts[0] == "windows-amd64" {
			c.section = "" // nothing changes on Windows
		}
	}
	if !visible {
		c.section = "" // the edit is in a context that is not checked
	}
	return c
}

// writeModule writes one module with a package per case.
func writeModule(t *testing.T, dir string, cases []*loopCase, after bool) {
	t.Helper()
	files := map[string]string{"go.mod": "module example.com/loop\n\ngo 1.23\n"}
	for _, c := range cases {
		decls := c.before
		if after {
			decls = c.after
		}
		for name, text := range pkgSource(c.pkg(), decls) {
			files[c.pkg()+"/"+name] = text
		}
	}
	testbin.WriteTree(t, dir, files)
}

// moduleFeatures runs featgen over the module for each context and returns
// the features by context and package name.
func moduleFeatures(t *testing.T, featgen, dir string) map[string]map[string][]string {
	t.Helper()
	out := make(map[string]map[string][]string)
	for _, ctx := range loopContexts {
		cmd := exec.Command(featgen, "-goos", ctx.goos, "-goarch", ctx.goarch, "./...")
		cmd.Dir = dir
		data, err := cmd.Output()
		if err != nil {
			var stderr string
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("featgen %s: %v\n%s", ctx.name, err, stderr)
		}
		byPkg := make(map[string][]string)
		for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			path, _, _ := strings.Cut(strings.TrimPrefix(l, "pkg "), ", ")
			name := strings.TrimPrefix(path, "example.com/loop/")
			byPkg[name] = append(byPkg[name], l)
		}
		out[ctx.name] = byPkg
	}
	return out
}

// hintFlags extracts the flags of the accept command from a check's output
// ("UPDATE -- -except -proposal NUMBER"), with NUMBER filled in.
var hintLine = regexp.MustCompile(`(?m)^  UPDATE( -- (.*))?$`)

func hintFlags(t *testing.T, out string, number int) []string {
	t.Helper()
	m := hintLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no update command in the check's output:\n%s", out)
	}
	flags := strings.Fields(m[2])
	for i, f := range flags {
		if f == "NUMBER" {
			flags[i] = strconv.Itoa(number)
		}
	}
	return flags
}

// tree returns every file under dir with its contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			files[p] = string(data)
		}
		return nil
	})
	return files
}

func TestAcceptLoop(t *testing.T) {
	featgen, err := buildFeatgen()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(*loopSeed, 0))
	var cases []*loopCase
	for n := range *loopCases {
		cases = append(cases, genCase(r, n))
	}
	work := t.TempDir()
	writeModule(t, filepath.Join(work, "before"), cases, false)
	writeModule(t, filepath.Join(work, "after"), cases, true)
	before := moduleFeatures(t, featgen, filepath.Join(work, "before"))
	after := moduleFeatures(t, featgen, filepath.Join(work, "after"))

	sections := make(map[string]int)
	for _, c := range cases {
		sections[c.section]++
		t.Run(fmt.Sprint(c.n), func(t *testing.T) {
			t.Logf("%s (seed %d)\nbefore:\n%s\nafter:\n%s", c, *loopSeed, pkgSource(c.pkg(), c.before), pkgSource(c.pkg(), c.after))
			runLoop(t, c, before, after)
		})
	}
	t.Logf("sections: %v", sections)
}

func runLoop(t *testing.T, c *loopCase, before, after map[string]map[string][]string) {
	dir := t.TempDir()
	api := filepath.Join(dir, "api.txt")
	if c.mode == "go" {
		api = filepath.Join(dir, "api")
	}
	features := func(sets map[string]map[string][]string) []string {
		m := make(map[string][]string)
		for _, ctx := range c.contexts {
			m[ctx] = sets[ctx][c.pkg()]
		}
		return writeSets(t, m)
	}
	common := []string{"-api", api, "-mode", c.mode}
	checkArgs := func(feats []string) []string {
		return slices.Concat([]string{"check"}, common, []string{"-update-hint", "UPDATE"}, feats)
	}
	accept := func(feats []string, out string) {
		t.Helper()
		args := slices.Concat([]string{"update"}, common, feats, hintFlags(t, out, 1000+c.n))
		if code, out, errOut := apidiff(args...); code != 0 {
			t.Fatalf("%q: exit %d\n%s%s", args, code, out, errOut)
		}
	}

	// From nothing: the check says how to create the API files.
	beforeFeats := features(before)
	code, out, errOut := apidiff(checkArgs(beforeFeats)...)
	if code == 0 && len(tree(t, dir)) == 0 && c.mode == "snapshot" {
		t.Fatalf("check of a missing snapshot passed:\n%s", out)
	}
	if code != 0 {
		accept(beforeFeats, out+errOut)
	}
	if code, out, errOut := apidiff(checkArgs(beforeFeats)...); code != 0 {
		t.Fatalf("check after creating the API files: exit %d\n%s%s", code, out, errOut)
	}

	// The edit: reported in the right section.
	afterFeats := features(after)
	code, out, errOut = apidiff(checkArgs(afterFeats)...)
	switch {
	case c.section == "" && code != 0:
		t.Fatalf("no difference expected, got exit %d\n%s%s", code, out, errOut)
	case c.section != "" && (code != 1 || !strings.Contains(out, "\n"+verdictHeading[c.section]+" (")):
		t.Fatalf("want exit 1 and section %q, got exit %d\n%s%s", c.section, code, out, errOut)
	}
	if c.section == "" {
		return
	}
	for _, s := range []string{"Breaking", "Compatible", "No change for clients"} {
		if s != verdictHeading[c.section] && strings.Contains(out, "\n"+s+" (") && !(c.edit == editToWindows && s == "Compatible") {
			t.Errorf("section %q shown too:\n%s", s, out)
		}
	}

	// Accepting with the printed command makes the check pass, and a second run changes nothing.
	accept(afterFeats, out)
	if code, out, errOut := apidiff(checkArgs(afterFeats)...); code != 0 {
		t.Fatalf("check after update: exit %d\n%s%s", code, out, errOut)
	}
	files := tree(t, dir)
	args := slices.Concat([]string{"update"}, common, afterFeats, []string{"-proposal", "1", "-except"})
	if c.mode == "snapshot" {
		args = slices.Concat([]string{"update"}, common, afterFeats)
	}
	if code, out, errOut := apidiff(args...); code != 0 {
		t.Fatalf("second update: exit %d\n%s%s", code, out, errOut)
	}
	if again := tree(t, dir); !maps.Equal(files, again) {
		t.Errorf("second update changed the files:\nbefore %q\nafter  %q", files, again)
	}
}

// TestAcceptLoopStd runs the loop over the standard library against a copy
// of Go's own API files, for two of the contexts they mention (so update
// must write context lines for just those two), with features removed and
// added.
func TestAcceptLoopStd(t *testing.T) {
	sets := stdSets(t)
	dir := filepath.Join(t.TempDir(), "api")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(testbin.GOROOT(t), "api"))); err != nil {
		t.Fatal(err)
	}
	const gone, windowsGone = "pkg fmt, func Println(...interface{}) (int, error)", "pkg syscall, const APPLICATION_ERROR ideal-int"
	edited := map[string][]string{}
	for _, ctx := range []string{"linux-amd64", "windows-amd64"} {
		lines := slices.DeleteFunc(slices.Clone(sets[ctx]), func(l string) bool {
			return l == gone || (ctx == "windows-amd64" && l == windowsGone)
		})
		lines = append(lines, "pkg fmt, func Hello() string", "pkg fmt, const Hash = \"# 12\"", "pkg fmt, const Hash ideal-string")
		if ctx == "linux-amd64" {
			lines = append(lines, "pkg os, func OnlyOnLinux()")
		}
		slices.Sort(lines)
		edited[ctx] = lines
	}
	if !slices.Contains(sets["windows-amd64"], windowsGone) {
		t.Fatalf("std has no %q on windows-amd64", windowsGone)
	}
	feats := writeSets(t, edited)
	check := slices.Concat([]string{"check", "-mode", "go", "-api", dir, "-update-hint", "UPDATE"}, feats)
	code, out, errOut := apidiff(check...)
	for _, want := range []string{
		"Breaking (", "- func Println(...interface{}) (int, error)", "- const APPLICATION_ERROR ideal-int  (windows-amd64)",
		"Compatible (", "+ const Hash = \"# 12\"", "+ func OnlyOnLinux()  (linux-amd64)",
	} {
		if code != 1 || !strings.Contains(out, want) {
			t.Fatalf("exit %d, report lacks %q:\n%s%s", code, want, out, errOut)
		}
	}
	update := slices.Concat([]string{"update", "-mode", "go", "-api", dir}, feats, hintFlags(t, out, 4711))
	if code, out, errOut := apidiff(update...); code != 0 {
		t.Fatalf("%q: exit %d\n%s%s", update, code, out, errOut)
	}
	next, _ := os.ReadFile(filepath.Join(dir, "next", "4711.txt"))
	want := "pkg fmt (linux-amd64), const Hash = \"# 12\" #4711\n"
	if !strings.Contains(string(next), want) || strings.Contains(string(next), "pkg fmt, func Hello") {
		t.Errorf("next/4711.txt: the additions of two of 34 contexts must carry their contexts:\n%s", next)
	}
	if code, out, errOut := apidiff(check...); code != 0 {
		t.Fatalf("check after update: exit %d\n%s%s", code, out, errOut)
	}
	files := tree(t, dir)
	if code, out, errOut := apidiff(update...); code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("second update: exit %d\n%s%s", code, out, errOut)
	}
	if !maps.Equal(files, tree(t, dir)) {
		t.Error("the second update changed the API files")
	}
}
