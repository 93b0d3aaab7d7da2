// Command bench measures rules_go_api against Go's own API check and measures its Bazel
// incrementality on generated monorepos. Each comparison runs its two sides alternately in one
// invocation, on one machine, and prints medians and ratios (these machines are noisy: compare
// ratios, not absolute times). See docs/performance.md.
//
//	go run ./dev/bench [-parts std,bazel,verdict] [-runs 3] [-n 100,1000] [-bazel-runs 3] [-verdict-n 500,4000] [-baseline DIR] [-cold]
//
// Part std: `go test cmd/api -run TestCheck -check` versus featgen + apidiff producing and checking
// the standard library's features for every context that can be built here, with warm export data
// (the situation inside Bazel, where the compiler has written export data anyway). -cold also
// measures one context with an empty Go build cache, the cost of building export data.
//
// Part verdict: `apidiff check` of a difference of many declarations (N exported types removed
// for each -verdict-n, and 10,000 functions changed): the verdict, its proofs and their
// type-checks; with -baseline, that checkout's apidiff on the same files, alternating.
//
// Part bazel: generates a monorepo of N packages (types, methods, generics, constants, deps between
// packages) with an api_check per package, and measures with real Bazel: a clean build with and
// without the API checks, a no-op `bazel test --config=api //...`, and the actions and tests that
// re-run after a body-only change and after an API change in one leaf package. -baseline DIR, a
// checkout of another rules_go_api version, adds clean builds with that version's checks, in the
// same rotation.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	parts := flag.String("parts", "std,bazel", "comma-separated parts to run: std, bazel, verdict")
	runs := flag.Int("runs", 3, "runs of each side of the std comparison")
	sizes := flag.String("n", "100,1000", "comma-separated monorepo sizes for part bazel")
	bazelRuns := flag.Int("bazel-runs", 1, "clean builds of each kind per size")
	cold := flag.Bool("cold", false, "part std: also measure one context with an empty Go build cache")
	baseline := flag.String("baseline", "", "parts bazel and verdict: another rules_go_api checkout whose checks are measured too, alternating")
	verdictSizes := flag.String("verdict-n", "500,1000,2000,4000", "part verdict: numbers of exported types removed")
	flag.Parse()

	root, err := repoRoot()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("machine: %s\n", machine())
	for _, part := range strings.Split(*parts, ",") {
		switch part {
		case "std":
			if err := benchStd(root, *runs, *cold); err != nil {
				log.Fatal(err)
			}
		case "verdict":
			var ns []int
			for _, s := range strings.Split(*verdictSizes, ",") {
				n, err := strconv.Atoi(s)
				if err != nil || n < 1 {
					log.Fatalf("bad -verdict-n %q", s)
				}
				ns = append(ns, n)
			}
			if err := benchVerdict(root, *baseline, ns, *runs); err != nil {
				log.Fatal(err)
			}
		case "bazel":
			for _, s := range strings.Split(*sizes, ",") {
				n, err := strconv.Atoi(s)
				if err != nil || n < 2 {
					log.Fatalf("bad size %q", s)
				}
				if err := benchBazel(root, *baseline, n, *bazelRuns); err != nil {
					log.Fatal(err)
				}
			}
		default:
			log.Fatalf("unknown part %q", part)
		}
	}
}

// repoRoot finds the checkout from the working directory.
func repoRoot() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("run bench inside the rules_go_api module: %v", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func machine() string {
	cpus := "?"
	if out, err := exec.Command("nproc").Output(); err == nil {
		cpus = strings.TrimSpace(string(out))
	}
	goVersion, _ := exec.Command("go", "env", "GOVERSION").Output()
	return fmt.Sprintf("%s CPUs, %s", cpus, strings.TrimSpace(string(goVersion)))
}

// timed runs f and returns its wall time.
func timed(f func() error) (time.Duration, error) {
	start := time.Now()
	err := f()
	return time.Since(start), err
}

// cpuTime is the CPU time (user and system) this process and its waited-for descendants have
// used so far: the go commands, featgen and apidiff processes a side runs, and the in-process work.
func cpuTime() time.Duration {
	var self, children syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) != nil || syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children) != nil {
		return 0
	}
	tv := func(t syscall.Timeval) time.Duration { return time.Duration(t.Nano()) }
	return tv(self.Utime) + tv(self.Stime) + tv(children.Utime) + tv(children.Stime)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

// run runs a command, returning its combined output in the error.
func run(dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, lastLines(string(out), 40))
	}
	return nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// buildTools builds featgen and apidiff into dir.
func buildTools(root, dir string) (featgen, apidiff string, err error) {
	featgen, apidiff = filepath.Join(dir, "featgen"), filepath.Join(dir, "apidiff")
	if err := run(root, nil, "go", "build", "-o", featgen, "./tools/featgen"); err != nil {
		return "", "", err
	}
	if err := run(root, nil, "go", "build", "-o", apidiff, "./tools/apidiff"); err != nil {
		return "", "", err
	}
	return featgen, apidiff, nil
}
