package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/rules-go-api/rules_go_api/internal/golist"
)

// stdContext is one build context whose std features featgen can produce here.
type stdContext struct {
	name string
	args []string
}

func (c stdContext) goos() string   { return c.args[1] }
func (c stdContext) goarch() string { return c.args[3] }

// buildableContexts are cmd/api's contexts that build on this machine: every pure-Go context
// (cross-compiled) and the host's cgo context. Other cgo contexts need another OS's C compiler.
func buildableContexts() []stdContext {
	pure := []string{
		"linux-386", "linux-amd64", "linux-arm", "darwin-amd64", "darwin-arm64", "windows-amd64", "windows-386",
		"freebsd-386", "freebsd-amd64", "freebsd-arm", "freebsd-arm64", "freebsd-riscv64",
		"netbsd-386", "netbsd-amd64", "netbsd-arm", "netbsd-arm64", "openbsd-386", "openbsd-amd64",
	}
	var cs []stdContext
	for _, name := range pure {
		goos, goarch, _ := strings.Cut(name, "-")
		cs = append(cs, stdContext{name, []string{"-goos", goos, "-goarch", goarch}})
	}
	host := runtime.GOOS + "-" + runtime.GOARCH + "-cgo"
	cs = append(cs, stdContext{host, []string{"-goos", runtime.GOOS, "-goarch", runtime.GOARCH, "-cgo"}})
	return cs
}

// cmdAPIContexts is the number of contexts `go test cmd/api -check` walks (its contexts list in
// Go 1.26's src/cmd/api/main_test.go).
const cmdAPIContexts = 34

func benchStd(root string, runs int, cold bool) error {
	tmp, err := os.MkdirTemp("", "bench-std")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	featgen, apidiff, err := buildTools(root, tmp)
	if err != nil {
		return err
	}
	gorootOut, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return err
	}
	apiDir := filepath.Join(strings.TrimSpace(string(gorootOut)), "api")
	contexts := buildableContexts()

	// check runs apidiff over the features files of all contexts.
	check := func() error {
		args := []string{"check", "-format=json", "-api", apiDir}
		for _, c := range contexts {
			args = append(args, "-features", c.name+"="+filepath.Join(tmp, c.name+".txt"))
		}
		out, err := exec.Command(apidiff, args...).Output()
		var r struct {
			OK         bool     `json:"ok"`
			Checked    []string `json:"checked_contexts"`
			NotChecked []string `json:"not_checked_contexts"`
		}
		if jerr := json.Unmarshal(out, &r); jerr != nil || err != nil || !r.OK {
			return fmt.Errorf("apidiff check of std failed (%v, %v):\n%s", err, jerr, lastLines(string(out), 30))
		}
		return nil
	}
	// ours generates every context's features (two at a time, as many as there are CPUs here) and
	// checks them against $GOROOT/api.
	ours := func(env []string) error {
		err := inParallel(len(contexts), func(i int) error {
			c := contexts[i]
			return run(tmp, env, featgen, append(append([]string{}, c.args...), "-o", filepath.Join(tmp, c.name+".txt"), "std")...)
		})
		if err != nil {
			return err
		}
		return check()
	}

	// As featgen's main does, trade memory for less garbage collection.
	debug.SetGCPercent(400)
	// given reads export data that already exists (listed once, untimed), as featgen does inside
	// Bazel: featgen's library over every context, then the apidiff command.
	listed := make([][]*golist.Package, len(contexts))
	for i, c := range contexts {
		cfg := golist.Config{GOOS: c.goos(), GOARCH: c.goarch(), Cgo: strings.HasSuffix(c.name, "-cgo")}
		if listed[i], err = golist.List(cfg, []string{"std"}); err != nil {
			return err
		}
	}
	given := func() error {
		err := inParallel(len(contexts), func(i int) error {
			lines, err := golist.Features(listed[i])
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(tmp, contexts[i].name+".txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
		})
		if err != nil {
			return err
		}
		return check()
	}
	cmdAPI := func() error {
		return run(root, nil, "go", "test", "cmd/api", "-run", "TestCheck", "-check", "-count=1")
	}

	fmt.Printf("\n== std: go test cmd/api -check vs featgen+apidiff (%d contexts: %d pure Go + host cgo), warm export data\n",
		len(contexts), len(contexts)-1)
	fmt.Println("warming: building export data for every context, and cmd/api's test binary")
	if err := ours(nil); err != nil {
		return err
	}
	if err := cmdAPI(); err != nil {
		return err
	}
	var a, b, c []time.Duration
	for i := range runs {
		da, err := timed(cmdAPI)
		if err != nil {
			return err
		}
		db, err := timed(func() error { return ours(nil) })
		if err != nil {
			return err
		}
		dc, err := timed(given)
		if err != nil {
			return err
		}
		a, b, c = append(a, da), append(b, db), append(c, dc)
		fmt.Printf("run %d: cmd/api %s; featgen+apidiff commands (with go list) %s; export data given %s\n",
			i+1, secs(da), secs(db), secs(dc))
	}
	ma, mb, mc := median(a), median(b), median(c)
	fmt.Printf("median, whole runs: cmd/api %s (%d contexts); featgen+apidiff commands %s, export data given %s (%d contexts)\n",
		secs(ma), cmdAPIContexts, secs(mb), secs(mc), len(contexts))
	// The two sides do not check the same contexts: cmd/api walks all of its contexts, the other
	// side the ones that build here. Ratios are per context, which is what a comparison of the same
	// work needs (cmd/api's time divided by its contexts, ours by ours).
	pa := ma.Seconds() / cmdAPIContexts
	pb, pc := mb.Seconds()/float64(len(contexts)), mc.Seconds()/float64(len(contexts))
	fmt.Printf("per context: cmd/api %.3f s; featgen+apidiff commands %.3f s (%.1fx); export data given %.3f s (%.1fx)\n",
		pa, pb, pa/pb, pc, pa/pc)

	// The cost inside featgen alone, without go list: the Go benchmark of featgen measures it per
	// context; here the share of go list (staleness checks) is shown by one context.
	one := contexts[1] // linux-amd64
	d, err := timed(func() error {
		return run(tmp, nil, featgen, append(append([]string{}, one.args...), "-o", filepath.Join(tmp, "one.txt"), "std")...)
	})
	if err != nil {
		return err
	}
	fmt.Printf("one context (%s), warm, featgen including go list: %s\n", one.name, secs(d))

	if cold {
		cache, err := os.MkdirTemp("", "bench-gocache")
		if err != nil {
			return err
		}
		defer os.RemoveAll(cache)
		d, err := timed(func() error {
			return run(tmp, []string{"GOCACHE=" + cache}, featgen, append(append([]string{}, one.args...), "-o", filepath.Join(tmp, "cold.txt"), "std")...)
		})
		if err != nil {
			return err
		}
		fmt.Printf("cold: one context (%s) with an empty Go build cache (compiling std's export data): %s; "+
			"cmd/api needs no export data, so with none built yet the whole std check costs about %d such builds\n",
			one.name, secs(d), len(contexts))
	}
	return nil
}

// inParallel runs f(0), ..., f(n-1), as many at a time as there are CPUs, and returns the first
// error in index order.
func inParallel(n int, f func(i int) error) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	sem := make(chan struct{}, runtime.NumCPU())
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = f(i)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
