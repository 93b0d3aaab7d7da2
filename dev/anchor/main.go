// Command anchor measures rules_go_api's compatibility verdict against the tools others use:
// golang.org/x/exp/apidiff (which gorelease and go-apidiff run) and github.com/bobg/modver. It
// writes the table in docs/verdict.md:
//
//	go -C dev/anchor run . -o ../../docs/verdict-anchors.md
//
// Two sets of changes are measured. The catalogue (tests/catalogue/testdata): each class's truth
// is its verdict file, which tests/catalogue proves by compiling clients. Real releases
// (pairs.txt: consecutive versions of modules from the module proxy): the truth is decided by
// compiling clients with the go command, as far as clients can be written. A pair may name a
// hand-written client (testdata/clients/NAME.go), written from the releases' source and not by
// rules_go_api: it must build against the old release and fail against the new, or the anchor
// stops, so a pair so marked is breaking whatever any tool says. Besides, every breaking change
// rules_go_api reports comes with a proof program, which counts when it compiles against the old
// release and fails against the new; and a client that uses every feature of each old package (a
// program per package, made of the expressions that the proofs of removals use) is compiled
// against the new release: a feature it cannot use any more is a break the verdict must have
// seen. A pair with no break so proven is compatible when the new release adds features, else
// none; those two rest on clients rules_go_api wrote, so the table's notes say for each pair which
// clients decided its truth.
//
// rules_go_api checks the build contexts a class names (tests/catalogue) or linux-amd64;
// apidiff and modver load packages for the host's build context (linux/amd64 here).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bobg/modver/v2"
	"golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"
)

var (
	out   = flag.String("o", "", "write the Markdown table to this file (default: standard output)")
	pairs = flag.String("pairs", "pairs.txt", "the real release pairs: lines \"MODULE OLD NEW [CLIENT]\"")
	only  = flag.String("only", "", "measure only the catalogue classes or modules whose name contains this")
)

// verdicts are the answers to one change: the truth and each tool's.
type verdicts struct {
	name, truth, ours, apidiff, modver string
	note                               string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("anchor: ")
	flag.Parse()
	root, err := filepath.Abs("../..")
	check(err)
	tmp, err := os.MkdirTemp("", "anchor")
	check(err)
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "bin")
	for _, tool := range []string{"featgen", "apidiff"} {
		run(root, nil, "go", "build", "-o", filepath.Join(bin, tool), "./tools/"+tool)
	}
	t := &tools{featgen: filepath.Join(bin, "featgen"), apidiff: filepath.Join(bin, "apidiff"), tmp: tmp}

	var cat, real []verdicts
	classes, err := os.ReadDir(filepath.Join(root, "tests/catalogue/testdata"))
	check(err)
	for _, c := range classes {
		if !strings.Contains(c.Name(), *only) {
			continue
		}
		cat = append(cat, t.class(filepath.Join(root, "tests/catalogue/testdata", c.Name())))
		log.Printf("%s: %+v", c.Name(), cat[len(cat)-1])
	}
	data, err := os.ReadFile(*pairs)
	check(err)
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || len(f) > 4 || strings.HasPrefix(line, "#") || !strings.Contains(f[0], *only) {
			continue
		}
		client := ""
		if len(f) == 4 {
			client = f[3]
		}
		real = append(real, t.release(f[0], f[1], f[2], client))
		log.Printf("%s: %+v", f[0], real[len(real)-1])
	}
	var b bytes.Buffer
	b.WriteString(header)
	table(&b, "Catalogue (tests/catalogue): one change per class", cat)
	table(&b, "Real releases (pairs.txt): consecutive versions", real)
	if *out == "" {
		os.Stdout.Write(b.Bytes())
		return
	}
	check(os.WriteFile(*out, b.Bytes(), 0o644))
}

// header starts the table's file: what was measured and how.
const header = `# The verdict against golang.org/x/exp/apidiff and modver

Written by ` + "`go -C dev/anchor run . -o ../../docs/verdict-anchors.md`" + ` (see [verdict.md](verdict.md)).
The tools are the versions dev/anchor/go.mod pins: golang.org/x/exp/apidiff at its newest pseudo-version
the module proxy served on this machine, and github.com/bobg/modver v2.6.0 (the proxy here refuses
v2.7 and newer). A tool's answer is mapped to a verdict: apidiff's incompatible changes to breaking,
compatible ones to compatible, none to none; modver's Major to breaking, Minor to compatible,
Patchlevel and None to none. rules_go_api checks the build contexts a class names (else
linux-amd64); apidiff and modver load the packages of the host's build context (linux/amd64).
A wrong answer is in bold with ✗.

The truth of a real release pair is decided by compiling clients with the go command, and its
notes say which: a hand-written client (dev/anchor/testdata/clients, written from the two
releases' source, not by rules_go_api) that builds against the old release and fails against the
new, with the compiler's first error; the breaking changes whose proof programs (rules_go_api's)
build against the old release and fail against the new; and a client of every old feature (made
of rules_go_api's removal proofs) built against the new release. Breaking is so proven; compatible
and none mean that no client found a break, and rest on the clients rules_go_api wrote.

`

// table writes one table of verdicts with the count each tool got right.
func table(b *bytes.Buffer, title string, vs []verdicts) {
	fmt.Fprintf(b, "### %s\n\n| change | truth | rules_go_api | apidiff | modver | notes |\n|---|---|---|---|---|---|\n", title)
	right := make([]int, 3)
	mark := func(i int, got, truth string) string {
		if got == truth {
			right[i]++
			return got
		}
		return "**" + got + "** ✗"
	}
	for _, v := range vs {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", v.name, v.truth,
			mark(0, v.ours, v.truth), mark(1, v.apidiff, v.truth), mark(2, v.modver, v.truth), v.note)
	}
	fmt.Fprintf(b, "| **right** | | **%d of %d** | **%d of %d** | **%d of %d** | |\n\n", right[0], len(vs), right[1], len(vs), right[2], len(vs))
}

type tools struct{ featgen, apidiff, tmp string }

// class measures one catalogue class.
func (t *tools) class(dir string) verdicts {
	v := verdicts{name: filepath.Base(dir)}
	truth, err := os.ReadFile(filepath.Join(dir, "verdict"))
	check(err)
	v.truth = strings.TrimSpace(string(truth))
	ctxs := []string{"linux-amd64"}
	if data, err := os.ReadFile(filepath.Join(dir, "contexts")); err == nil {
		ctxs = strings.Fields(string(data))
	}
	old, cur := t.catalogueModule(dir, "old"), t.catalogueModule(dir, "new")
	r := t.ours(old, cur, ctxs)
	v.ours = r.Verdict
	v.apidiff, v.modver = others(old, cur, "example.com/cat")
	if len(ctxs) > 1 {
		v.note = "contexts " + strings.Join(ctxs, ", ")
	}
	return v
}

// catalogueModule writes the version of a class as module example.com/cat.
func (t *tools) catalogueModule(dir, version string) string {
	mod, err := os.MkdirTemp(t.tmp, "cat")
	check(err)
	check(os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/cat\n\ngo 1.23\n"), 0o644))
	src := filepath.Join(dir, version)
	check(filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if filepath.Dir(rel) == "." {
			rel = filepath.Join("p", rel)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		check(os.MkdirAll(filepath.Join(mod, filepath.Dir(rel)), 0o755))
		return os.WriteFile(filepath.Join(mod, rel), data, 0o644)
	}))
	return mod
}

// report is the part of apidiff check's JSON report the anchor reads.
type report struct {
	Verdict string `json:"verdict"`
	Added   []string
	Changes []struct {
		Package, Class, Verdict, Proof string
		Lines                          []string
	} `json:"changes"`
}

// ours runs featgen over both versions and apidiff update (old) and check (new).
func (t *tools) ours(old, cur string, ctxs []string) report {
	api := filepath.Join(t.tmp, fmt.Sprintf("api-%d.txt", len(ctxs)))
	os.Remove(api)
	os.Remove(strings.TrimSuffix(api, ".txt") + ".facts")
	of, nf := filepath.Join(t.tmp, "old.features"), filepath.Join(t.tmp, "new.features")
	run(old, nil, t.featgen, "-contexts", strings.Join(ctxs, ","), "-o", of, "./...")
	run(cur, nil, t.featgen, "-contexts", strings.Join(ctxs, ","), "-o", nf, "./...")
	run("", nil, t.apidiff, "update", "-api", api, "-features", of)
	cmd := exec.Command(t.apidiff, "check", "-api", api, "-features", nf, "-format", "json")
	data, _ := cmd.Output()
	var r report
	if err := json.Unmarshal(data, &r); err != nil {
		log.Fatalf("apidiff check: %v\n%s", err, data)
	}
	return r
}

// others returns apidiff's and modver's verdicts on the modules in the directories old and cur.
func others(old, cur, modPath string) (apidiffVerdict, modverVerdict string) {
	load := func(dir string) []*packages.Package {
		cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")}
		pkgs, err := packages.Load(cfg, "./...")
		check(err)
		var keep []*packages.Package
		for _, p := range pkgs {
			if len(p.Errors) > 0 {
				log.Fatalf("%s: %v", p.PkgPath, p.Errors[0])
			}
			if !isInternal(p.PkgPath) && p.Name != "main" {
				keep = append(keep, p)
			}
		}
		return keep
	}
	module := func(pkgs []*packages.Package) *apidiff.Module {
		m := &apidiff.Module{Path: modPath}
		for _, p := range pkgs {
			m.Packages = append(m.Packages, p.Types)
		}
		return m
	}
	o, n := load(old), load(cur)
	rep := apidiff.ModuleChanges(module(o), module(n))
	apidiffVerdict = "none"
	for _, c := range rep.Changes {
		if !c.Compatible {
			apidiffVerdict = "breaking"
			break
		}
		apidiffVerdict = "compatible"
	}
	res := modver.Compare(o, n)
	modverVerdict = map[modver.ResultCode]string{modver.Major: "breaking", modver.Minor: "compatible",
		modver.Patchlevel: "none", modver.None: "none"}[res.Code()]
	return apidiffVerdict, modverVerdict
}

func isInternal(path string) bool {
	return slices.Contains(strings.Split(path, "/"), "internal")
}

// release measures one pair of real releases; client, if not empty, names a hand-written client
// in testdata/clients that must build against the old release and fail against the new.
func (t *tools) release(mod, oldV, newV, client string) verdicts {
	v := verdicts{name: mod + " " + oldV + " → " + newV}
	old, cur := t.download(mod, oldV), t.download(mod, newV)
	handBreak := ""
	if client != "" {
		src, err := os.ReadFile(filepath.Join("testdata/clients", client))
		check(err)
		if msg := compileErrors(old, string(src)); msg != "" {
			log.Fatalf("%s: client %s does not build against %s:\n%s", mod, client, oldV, firstLines(msg, 10))
		}
		msg := compileErrors(cur, string(src))
		if msg == "" {
			log.Fatalf("%s: client %s builds against %s: it proves no break", mod, client, newV)
		}
		handBreak = firstError(msg)
	}
	r := t.ours(old, cur, []string{"linux-amd64"})
	v.ours = r.Verdict
	v.apidiff, v.modver = others(old, cur, mod)

	// The truth, by compiling: our proofs, and a client of every old feature of each package.
	proven, disproven := 0, 0
	for _, c := range r.Changes {
		if c.Verdict != "breaking" || c.Proof == "" {
			continue
		}
		if compiles(old, c.Proof) && !compiles(cur, c.Proof) {
			proven++
		} else {
			disproven++
		}
	}
	used, unused, invalid := t.everyFeature(old, cur)
	switch {
	case handBreak != "" || proven > 0 || unused > 0:
		v.truth = "breaking"
	case len(r.Added) > 0:
		v.truth = "compatible"
	default:
		v.truth = "none"
	}
	if handBreak != "" {
		v.note = fmt.Sprintf("hand-written client %s builds against the old release and fails against the new: `%s`; ", client, handBreak)
	}
	v.note += fmt.Sprintf("%d breaking changes of rules_go_api's proven by compiling its proofs", proven)
	if disproven > 0 {
		v.note += fmt.Sprintf(", %d proofs that did not hold", disproven)
	}
	v.note += fmt.Sprintf("; a client of %d old features: %d fail against the new release", used, unused)
	if invalid > 0 {
		v.note += fmt.Sprintf(" (%d removal proofs that do not compile against the old release left out)", invalid)
	}
	return v
}

// firstError returns the compiler's first error in a build's output, without the client's
// directory, made fit for a Markdown table cell.
func firstError(msg string) string {
	for _, line := range strings.Split(msg, "\n") {
		if i := strings.Index(line, "main.go:"); i >= 0 {
			line = line[i:]
			if len(line) > 140 {
				line = line[:140] + "…"
			}
			return strings.NewReplacer("|", "\\|", "`", "'").Replace(line)
		}
	}
	return ""
}

// download fetches a module version from the module proxy into a writable directory.
func (t *tools) download(mod, version string) string {
	data := run("", nil, "go", "mod", "download", "-json", mod+"@"+version)
	var info struct{ Dir, Error string }
	check(json.Unmarshal(data, &info))
	if info.Error != "" {
		log.Fatalf("%s@%s: %s", mod, version, info.Error)
	}
	dir, err := os.MkdirTemp(t.tmp, "mod")
	check(err)
	run("", nil, "cp", "-r", info.Dir+"/.", dir)
	run("", nil, "chmod", "-R", "u+w", dir)
	// A test-only dependency of a module can be one the proxy does not serve; tests are no API.
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, "_test.go") {
			os.Remove(path)
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); os.IsNotExist(err) {
		// A release from before modules: the module path is its import path.
		check(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+mod+"\n\ngo 1.16\n"), 0o644))
	}
	run(dir, nil, "go", "mod", "tidy", "-e")
	return dir
}

// everyFeature compiles, against the new release, a client per old package that uses every
// feature of it that a removal proof can use, and returns how many features the clients use and
// how many of those uses no longer compile.
func (t *tools) everyFeature(old, cur string) (used, broken, invalid int) {
	of := filepath.Join(t.tmp, "every.features")
	run(old, nil, t.featgen, "-contexts", "linux-amd64", "-o", of, "./...")
	api := filepath.Join(t.tmp, "every.txt")
	os.Remove(api)
	os.Remove(filepath.Join(t.tmp, "every.facts"))
	run("", nil, t.apidiff, "update", "-api", api, "-features", of)
	// Against features of no package, every old feature is removed, each with its proof.
	none := filepath.Join(t.tmp, "none.features")
	check(os.WriteFile(none, []byte("# context linux-amd64\npkg anchor.invalid/none, func X()\n"), 0o644))
	data, _ := exec.Command(t.apidiff, "check", "-api", api, "-features", none, "-format", "json").Output()
	var r report
	check(json.Unmarshal(data, &r))
	byPkg := make(map[string][]string)
	for _, c := range r.Changes {
		if c.Proof != "" && c.Package != "anchor.invalid/none" {
			byPkg[c.Package] = append(byPkg[c.Package], c.Proof)
		}
	}
	for _, pkg := range slices.Sorted(func(yield func(string) bool) {
		for k := range byPkg {
			if !yield(k) {
				return
			}
		}
	}) {
		// A proof that does not compile against the old release (a false proof of rules_go_api's)
		// is left out, with a note, and the client is compiled again without it.
		proofs := byPkg[pkg]
		client, owner := combine(proofs)
		for try := 0; ; try++ {
			msg := compileErrors(old, client)
			if msg == "" {
				break
			}
			bad := make(map[int]bool)
			for _, m := range errLine.FindAllStringSubmatch(msg, -1) {
				n, _ := strconv.Atoi(m[1])
				if i := owner(n); i >= 0 {
					bad[i] = true
				}
			}
			if len(bad) == 0 || try == 5 {
				log.Printf("%s: the client of every feature does not compile against the old release; skipped:\n%s", pkg, firstLines(msg, 5))
				proofs = nil
				break
			}
			var keep []string
			for i, src := range proofs {
				if bad[i] {
					log.Printf("%s: a removal proof does not compile against the old release; left out:\n%s", pkg, firstLines(src, 12))
					invalid++
				} else {
					keep = append(keep, src)
				}
			}
			proofs = keep
			client, owner = combine(proofs)
		}
		if len(proofs) == 0 {
			continue
		}
		used += len(proofs)
		if msg := compileErrors(cur, client); msg != "" {
			n := strings.Count(msg, ".go:")
			log.Printf("%s: %d uses of old features fail against the new release:\n%s", pkg, n, firstLines(msg, 10))
			broken += n
		}
	}
	return used, broken, invalid
}

// errLine finds the lines of the client's compile errors.
var errLine = regexp.MustCompile(`main\.go:(\d+):`)

// combine merges proof programs (package main, each importing the package as p) into one, and
// returns which proof a line of it comes from (-1: none).
func combine(proofs []string) (string, func(line int) int) {
	fset := token.NewFileSet()
	imports := make(map[string]string)
	var decls []string
	var from []int
	seen := make(map[string]bool)
	for i, src := range proofs {
		f, err := parser.ParseFile(fset, "proof.go", src, 0)
		if err != nil {
			continue
		}
		for _, imp := range f.Imports {
			name := ""
			if imp.Name != nil {
				name = imp.Name.Name
			}
			imports[imp.Path.Value] = name
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
				continue
			}
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "main" {
				continue
			}
			var b bytes.Buffer
			printer.Fprint(&b, fset, d)
			if !seen[b.String()] {
				seen[b.String()] = true
				decls = append(decls, b.String())
				from = append(from, i)
			}
		}
	}
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n")
	for _, path := range slices.Sorted(func(yield func(string) bool) {
		for k := range imports {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "\t%s %s\n", imports[path], path)
	}
	b.WriteString(")\n")
	type span struct{ first, last, proof int }
	var spans []span
	for i, d := range decls {
		b.WriteString("\n")
		first := strings.Count(b.String(), "\n") + 1
		b.WriteString(d + "\n")
		spans = append(spans, span{first, first + strings.Count(d, "\n"), from[i]})
	}
	b.WriteString("\nfunc main() {}\n")
	return b.String(), func(line int) int {
		for _, s := range spans {
			if s.first <= line && line <= s.last {
				return s.proof
			}
		}
		return -1
	}
}

// compiles reports whether a client program compiles in the module at dir.
func compiles(dir, src string) bool { return compileErrors(dir, src) == "" }

// compileErrors builds a client program in the module at dir and returns the compiler's errors.
func compileErrors(dir, src string) string {
	client := filepath.Join(dir, "anchorclient")
	check(os.MkdirAll(client, 0o755))
	defer os.RemoveAll(client)
	check(os.WriteFile(filepath.Join(client, "main.go"), []byte(src), 0o644))
	cmd := exec.Command("go", "build", "-gcflags=-e", "-o", os.DevNull, "./anchorclient")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return ""
	}
	if !strings.Contains(string(out), ".go:") {
		log.Fatalf("go build in %s: %v\n%s", dir, err, out)
	}
	return string(out)
}

func firstLines(s string, n int) string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() && len(out) < n {
		out = append(out, "  "+sc.Text())
	}
	return strings.Join(out, "\n")
}

// run runs a command in dir and returns its standard output; it stops the program if it fails.
func run(dir string, env []string, name string, args ...string) []byte {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, stderr.String())
	}
	return out
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
