package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/rules-go-api/rules_go_api/internal/contexts"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/parallel"
	"github.com/rules-go-api/rules_go_api/internal/pkgapi"
)

// buildableContexts are cmd/api's contexts that build on this machine: every pure-Go context
// (cross-compiled) and the host's cgo context. Other cgo contexts need another OS's C compiler.
func buildableContexts() ([]contexts.Context, error) {
	var names []string
	for _, name := range contexts.CmdAPI {
		if !strings.HasSuffix(name, "-cgo") {
			names = append(names, name)
		}
	}
	var cs []contexts.Context
	for _, name := range append(names, contexts.Name(runtime.GOOS, runtime.GOARCH, true)) {
		c, err := contexts.Parse(name)
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// cmdAPIContexts is the number of contexts `go test cmd/api -check` walks.
var cmdAPIContexts = len(contexts.CmdAPI)

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
	ctxs, err := buildableContexts()
	if err != nil {
		return err
	}

	var names []string
	for _, c := range ctxs {
		names = append(names, c.Name)
	}
	// check runs apidiff over the given -features arguments.
	check := func(features ...string) error {
		args := []string{"check", "-format=json", "-api", apiDir}
		for _, f := range features {
			args = append(args, "-features", f)
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
		if len(r.Checked) != len(ctxs) {
			return fmt.Errorf("apidiff checked %d contexts, want %d: %v", len(r.Checked), len(ctxs), r.Checked)
		}
		return nil
	}
	perContextFiles := func() []string {
		var fs []string
		for _, c := range ctxs {
			fs = append(fs, c.Name+"="+filepath.Join(tmp, c.Name+".txt"))
		}
		return fs
	}
	// commands generates every context's features with one featgen command each (two at a time, as
	// many as there are CPUs here) and checks them against $GOROOT/api.
	commands := func() error {
		err := parallel.Each(len(ctxs), func(i int) error {
			c := ctxs[i]
			return run(tmp, nil, featgen, append(append([]string{}, c.FeatgenFlags()...), "-o", filepath.Join(tmp, c.Name+".txt"), "std")...)
		})
		if err != nil {
			return err
		}
		return check(perContextFiles()...)
	}
	// oneCommand generates every context's features with one featgen -contexts command.
	all := filepath.Join(tmp, "all.txt")
	oneCommand := func() error {
		if err := run(tmp, nil, featgen, "-contexts", strings.Join(names, ","), "-o", all, "std"); err != nil {
			return err
		}
		return check(all)
	}

	// As featgen's main does, trade memory for less garbage collection.
	debug.SetGCPercent(400)
	cfgs := make([]golist.Config, len(ctxs))
	for i, c := range ctxs {
		cfgs[i] = golist.Config{GOOS: c.GOOS, GOARCH: c.GOARCH, Cgo: c.Cgo}
	}
	// floor is what every way of getting the export data from the go command costs: go list
	// -export alone, for every context, as many at a time as there are CPUs (the go command
	// confirms that each package's export data is up to date, which builds nothing when it is).
	listed := make([][]*golist.Package, len(ctxs))
	floor := func() error {
		return parallel.Each(len(ctxs), func(i int) error {
			var err error
			listed[i], err = golist.List(cfgs[i], []string{"std"})
			return err
		})
	}
	// given reads export data that already exists (listed by floor), as featgen does inside
	// Bazel: featgen's library over every context, then the apidiff command.
	given := func() error {
		err := parallel.Each(len(ctxs), func(i int) error {
			lines, err := pkgapi.Listed(listed[i])
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(tmp, ctxs[i].Name+".txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
		})
		if err != nil {
			return err
		}
		return check(perContextFiles()...)
	}
	cmdAPI := func() error {
		return run(root, nil, "go", "test", "cmd/api", "-run", "TestCheck", "-check", "-count=1")
	}
	one := ctxs[slices.IndexFunc(ctxs, func(c contexts.Context) bool { return c.Name == "linux-amd64" })]
	oneContext := func() error {
		return run(tmp, nil, featgen, append(append([]string{}, one.FeatgenFlags()...), "-o", filepath.Join(tmp, "one.txt"), "std")...)
	}
	oneFloor := func() error {
		_, err := golist.List(cfgs[1], []string{"std"})
		return err
	}

	fmt.Printf("\n== std: go test cmd/api -check vs featgen+apidiff (%d contexts: %d pure Go + host cgo), warm export data\n",
		len(ctxs), len(ctxs)-1)
	fmt.Println("warming: building export data for every context, and cmd/api's test binary")
	if err := commands(); err != nil {
		return err
	}
	if err := cmdAPI(); err != nil {
		return err
	}
	sides := []struct {
		name     string
		contexts int
		f        func() error
		times    []time.Duration
		cpu      []time.Duration // CPU time, which on 2 cores bounds what running things at once can save
	}{
		{name: "go test cmd/api -check", contexts: cmdAPIContexts, f: cmdAPI},
		{name: "featgen -contexts (one command) + apidiff", contexts: len(ctxs), f: oneCommand},
		{name: "featgen per context (19 commands, 2 at a time) + apidiff", contexts: len(ctxs), f: commands},
		{name: "floor: go list -export alone, 2 at a time", contexts: len(ctxs), f: floor},
		{name: "export data given (as in Bazel) + apidiff", contexts: len(ctxs), f: given},
		{name: "one context (" + one.Name + "): featgen command", contexts: 1, f: oneContext},
		{name: "one context (" + one.Name + "): go list -export alone", contexts: 1, f: oneFloor},
	}
	for r := range runs {
		// Alternate: each run starts one side later, so no side always runs first.
		for k := range sides {
			s := &sides[(k+r)%len(sides)]
			cpu := cpuTime()
			d, err := timed(s.f)
			if err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
			s.times = append(s.times, d)
			s.cpu = append(s.cpu, cpuTime()-cpu)
		}
		fmt.Printf("run %d:", r+1)
		for _, s := range sides {
			fmt.Printf(" [%s] %s;", s.name, secs(s.times[r]))
		}
		fmt.Println()
	}
	// The two sides do not check the same contexts: cmd/api walks all of its contexts, ours the
	// ones that build here. Ratios are per context, which is what a comparison of the same work
	// needs (cmd/api's time divided by its contexts, ours by ours).
	base := median(sides[0].times).Seconds() / float64(sides[0].contexts)
	fmt.Printf("medians of %d runs, per context (cmd/api: %d contexts; the others: %d):\n", runs, cmdAPIContexts, len(ctxs))
	for _, s := range sides {
		m := median(s.times)
		per := m.Seconds() / float64(s.contexts)
		fmt.Printf("  %-58s %7s total  %.3f s/context  cmd/api is %.1fx this  (CPU %s)\n", s.name, secs(m), per, base/per, secs(median(s.cpu)))
	}
	newPer := median(sides[1].times).Seconds() / float64(len(ctxs))
	floorPer := median(sides[3].times).Seconds() / float64(len(ctxs))
	fmt.Printf("featgen -contexts + apidiff over the go list floor: %.2fx the floor's time\n", newPer/floorPer)

	if cold {
		cache, err := os.MkdirTemp("", "bench-gocache")
		if err != nil {
			return err
		}
		defer os.RemoveAll(cache)
		d, err := timed(func() error {
			return run(tmp, []string{"GOCACHE=" + cache}, featgen, append(append([]string{}, one.FeatgenFlags()...), "-o", filepath.Join(tmp, "cold.txt"), "std")...)
		})
		if err != nil {
			return err
		}
		fmt.Printf("cold: one context (%s) with an empty Go build cache (compiling std's export data): %s; "+
			"cmd/api needs no export data, so with none built yet the whole std check costs about %d such builds\n",
			one.Name, secs(d), len(ctxs))
	}
	return nil
}
