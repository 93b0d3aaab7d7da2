package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// A verdict scenario is a package's old and new source: a difference of many declarations.
type verdictScenario struct {
	name     string
	old, new string
}

// verdictScenarios are N exported types removed (each a struct with a field, a method and a
// constructor: four declarations), for each size, and 10,000 functions whose parameter type
// changed.
func verdictScenarios(sizes []int) []verdictScenario {
	var out []verdictScenario
	for _, n := range sizes {
		var old strings.Builder
		old.WriteString("package p\n\ntype Keep struct{ X int }\n")
		for i := range n {
			fmt.Fprintf(&old, "\ntype T%05d struct{ X int }\n\nfunc (T%05d) M() {}\n\nfunc NewT%05d() *T%05d { return nil }\n", i, i, i, i)
		}
		out = append(out, verdictScenario{fmt.Sprintf("remove %d types", n), old.String(), "package p\n\ntype Keep struct{ X int }\n"})
	}
	var old, new strings.Builder
	old.WriteString("package p\n")
	new.WriteString("package p\n")
	for i := range 10000 {
		fmt.Fprintf(&old, "\nfunc F%05d(int) {}\n", i)
		fmt.Fprintf(&new, "\nfunc F%05d(int64) {}\n", i)
	}
	out = append(out, verdictScenario{"change 10000 funcs", old.String(), new.String()})
	return out
}

// benchVerdict times `apidiff check` on each scenario: the verdict, its proofs and their
// type-checks, from features made beforehand. With a baseline checkout, its apidiff checks the
// same files, alternating with this one's.
func benchVerdict(root, baseline string, sizes []int, runs int) error {
	tmp, err := os.MkdirTemp("", "bench-verdict")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	featgen, apidiff, err := buildTools(root, tmp)
	if err != nil {
		return err
	}
	sides := []struct{ name, apidiff string }{{"this", apidiff}}
	if baseline != "" {
		dir := filepath.Join(tmp, "baseline")
		os.MkdirAll(dir, 0o755)
		_, base, err := buildTools(baseline, dir)
		if err != nil {
			return err
		}
		sides = append(sides, struct{ name, apidiff string }{"baseline", base})
	}
	fmt.Printf("\nverdict: apidiff check of a difference of many declarations, linux-amd64, %d runs each, alternating\n", runs)
	for i, sc := range verdictScenarios(sizes) {
		dir := filepath.Join(tmp, fmt.Sprint(i))
		features := make(map[string]string)
		for version, src := range map[string]string{"old": sc.old, "new": sc.new} {
			mod := filepath.Join(dir, version)
			if err := writeFile(filepath.Join(mod, "go.mod"), "module example.com/m\n\ngo 1.23\n"); err != nil {
				return err
			}
			if err := writeFile(filepath.Join(mod, "p", "p.go"), src); err != nil {
				return err
			}
			features[version] = filepath.Join(dir, version+".txt")
			if err := run(mod, nil, featgen, "-goos", "linux", "-goarch", "amd64", "-o", features[version], "./..."); err != nil {
				return err
			}
		}
		api := filepath.Join(dir, "api.txt")
		if err := run("", nil, apidiff, "update", "-api", api, "-features", "linux-amd64="+features["old"]); err != nil {
			return err
		}
		times := make([][]time.Duration, len(sides))
		var summary []string
		for range runs {
			for s, side := range sides {
				start := time.Now()
				out, _ := exec.Command(side.apidiff, "check", "-format", "json", "-api", api, "-features", "linux-amd64="+features["new"]).Output()
				times[s] = append(times[s], time.Since(start))
				var r struct {
					Verdict  string `json:"verdict"`
					Unproven int    `json:"unproven"`
					Changes  []struct {
						Verdict string `json:"verdict"`
						Proof   string `json:"proof"`
					} `json:"changes"`
				}
				if err := json.Unmarshal(out, &r); err != nil {
					return fmt.Errorf("%s: %s: apidiff check printed no report: %v", sc.name, side.name, err)
				}
				breaking, proofs := 0, 0
				for _, c := range r.Changes {
					if c.Verdict == "breaking" {
						breaking++
						if c.Proof != "" {
							proofs++
						}
					}
				}
				if len(summary) < len(sides) {
					summary = append(summary, fmt.Sprintf("%s: %s, %d breaking changes, %d with a verified proof, %d unproven",
						side.name, r.Verdict, breaking, proofs, r.Unproven))
				}
			}
		}
		line := fmt.Sprintf("  %-20s", sc.name)
		for s, side := range sides {
			line += fmt.Sprintf("  %s %s", side.name, secs(median(times[s])))
		}
		if len(sides) == 2 {
			line += fmt.Sprintf("  (this/baseline %.2f)", median(times[0]).Seconds()/median(times[1]).Seconds())
		}
		fmt.Println(line)
		for _, s := range summary {
			fmt.Println("    " + s)
		}
	}
	return nil
}
