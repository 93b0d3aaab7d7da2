// Package bazel_test drives real Bazel, real rules_go and real Gazelle on copies of the example
// workspaces. Bazel comes from dev/offline/bazel, which installs and sets up whatever the machine
// lacks; there is no fake Bazel, and no test here skips (but the WORKSPACE tests on a lane that
// the version table, dev/offline/lanes.txt, does not test WORKSPACE mode on): if Bazel cannot be
// had, the tests fail with the set-up's message saying how to get it.
package bazel_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rules-go-api/rules_go_api/dev/offline"
	"github.com/rules-go-api/rules_go_api/internal/execlog"
)

// repoRoot is the checkout under test.
var repoRoot = func() string {
	abs, err := filepath.Abs("../..")
	if err != nil {
		panic(err)
	}
	return abs
}()

var (
	setupOnce sync.Once
	setup     bazelSetup
	setupErr  error
)

// bazelSetup is what dev/offline/setup.sh prepared for this test binary's lane
// (RULES_GO_API_BAZEL), with what the version table says about it.
type bazelSetup struct {
	launcher string // the executable that runs this lane's Bazel with its flags
	version  string // what `bazel --version` printed, e.g. "bazel 7.7.1"
	// modes are the modes the lane's integration tests run in (offline.Bzlmod, offline.Workspace):
	// its row's, or both for a Bazel on PATH that is no lane's.
	modes []string
	// flags are, by mode, the flags every build, test and run gets: the table's list for this
	// Bazel's series (or another, offline.Table.Flags says which), less the mode's exemptions.
	flags map[string][]string
}

// bazelVersion reads `bazel --version`'s answer: "bazel 7.7.1" -> 7, "7.7.1".
var bazelVersion = regexp.MustCompile(`^bazel (\d+)\.(\d+)\.(\d+)`)

// bazelLane runs the set-up once per test binary and returns it.
func bazelLane(t *testing.T) bazelSetup {
	t.Helper()
	setupOnce.Do(func() {
		cmd := exec.Command(filepath.Join(repoRoot, "dev", "offline", "setup.sh"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			setupErr = fmt.Errorf("dev/offline/setup.sh failed (%v); Bazel is required for these tests:\n%s", err, stderr.String())
			return
		}
		setup.launcher = strings.TrimSpace(string(out))
		// `bazel version` says "Version information not available" on Debian's builds;
		// --version always answers.
		version, err := exec.Command(setup.launcher, "--version").Output()
		if err != nil {
			setupErr = fmt.Errorf("%s --version: %v", setup.launcher, err)
			return
		}
		setup.version = strings.TrimSpace(string(version))
		setupErr = setup.readTable()
		if setupErr != nil {
			return
		}
		fmt.Fprintf(os.Stderr, "tests/bazel: %s (%s)\n", setup.version, strings.Join(setup.modes, ", "))
	})
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return setup
}

// readTable sets the lane's modes and flags from the version table (dev/offline/lanes.txt).
func (s *bazelSetup) readTable() error {
	table, err := offline.ReadTable(repoRoot)
	if err != nil {
		return err
	}
	m := bazelVersion.FindStringSubmatch(s.version)
	if m == nil {
		return fmt.Errorf("%s --version answered %q, not bazel X.Y.Z", s.launcher, s.version)
	}
	if major, _ := strconv.Atoi(m[1]); major < table.MinMajor() {
		return fmt.Errorf("%s is %q: these tests need Bazel %d or newer (%s)", s.launcher, s.version, table.MinMajor(), offline.TablePath)
	}
	version := fmt.Sprintf("%s.%s.%s", m[1], m[2], m[3])
	lane, ok := table.LaneOfVersion(version)
	if name := os.Getenv("RULES_GO_API_BAZEL"); name != "" {
		if lane, ok = table.Lane(name); !ok {
			return fmt.Errorf("RULES_GO_API_BAZEL=%s is not a lane of %s", name, offline.TablePath)
		}
	}
	s.modes = []string{offline.Bzlmod, offline.Workspace}
	if ok {
		s.modes = lane.Modes
	}
	s.flags = make(map[string][]string)
	for _, mode := range []string{offline.Bzlmod, offline.Workspace} {
		flags, from, ok := table.Flags(version, mode)
		if !ok {
			return fmt.Errorf("%s has no flag list", offline.TablePath)
		}
		if mode == offline.Bzlmod && !strings.HasPrefix(version, from+".") {
			fmt.Fprintf(os.Stderr, "tests/bazel: %s has no flag list for Bazel %s: using %s's\n", offline.TablePath, version, from)
		}
		s.flags[mode] = flags
	}
	return nil
}

// usedWorkspaces are the directories Bazel ran in: TestMain shuts their servers down, which would
// otherwise stay up for hours (Bazel's idle timeout) after the tests end.
var usedWorkspaces sync.Map

func TestMain(m *testing.M) {
	code := m.Run()
	usedWorkspaces.Range(func(dir, _ any) bool {
		cmd := exec.Command(setup.launcher, "shutdown")
		cmd.Dir = dir.(string)
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "bazel shutdown in %s: %v\n%s", dir, err, out)
		}
		return true
	})
	os.Exit(code)
}

// Workspace is a copy of an example workspace that tests may edit.
type Workspace struct {
	t   *testing.T
	Dir string
	// root is set for the repository's own workspace, which needs no
	// override to find rules_go_api.
	root bool
	// released is set for a workspace that gets rules_go_api from a release
	// archive (its WORKSPACE says how), not from this checkout.
	released bool
	// workspaceMode is set for a workspace set up in WORKSPACE mode (no MODULE.bazel), as
	// WORKSPACE users of Bazel 7 have it; the others use bzlmod.
	workspaceMode bool
}

// bzlmod reports whether the workspace uses MODULE.bazel rather than WORKSPACE.
func (w *Workspace) bzlmod() bool { return !w.workspaceMode }

// mode is the workspace's mode, as the version table names it.
func (w *Workspace) mode() string {
	if w.workspaceMode {
		return offline.Workspace
	}
	return offline.Bzlmod
}

// RootWorkspace is the checkout itself (its MODULE.bazel).
func RootWorkspace(t *testing.T) *Workspace {
	bazelLane(t)
	return &Workspace{t: t, Dir: repoRoot, root: true}
}

// cacheDir is where the harness keeps its state (see dev/offline/setup.sh).
func cacheDir() string {
	if d := os.Getenv("RULES_GO_API_CACHE"); d != "" {
		return d
	}
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		home, _ := os.UserHomeDir()
		base = filepath.Join(home, ".cache")
	}
	return filepath.Join(base, "rules_go_api")
}

// NewWorkspace copies examples/<example> (nothing for "") to a directory named after the test. The directory is
// the same on every run, so Bazel's output base (and its analysis cache) is reused between runs;
// its previous contents are replaced.
func NewWorkspace(t *testing.T, example string) *Workspace {
	t.Helper()
	bazelLane(t)
	name := regexp.MustCompile(`[^A-Za-z0-9_.-]+`).ReplaceAllString(t.Name(), "_")
	dir := filepath.Join(cacheDir(), "workspaces", name)
	if err := clearDir(dir); err != nil {
		t.Fatal(err)
	}
	if example == "" {
		return &Workspace{t: t, Dir: dir}
	}
	src := filepath.Join(repoRoot, "examples", example)
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.Type()&fs.ModeSymlink != 0 {
			return nil // bazel-* convenience links of a local run
		}
		target := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying example %s: %v", example, err)
	}
	return &Workspace{t: t, Dir: dir}
}

// clearDir empties dir except for Bazel's convenience symlinks, creating it if needed.
func clearDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "bazel-") {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// NewWorkspaceMode copies examples/<example> as NewWorkspace does and sets it up as a WORKSPACE user
// of Bazel 7 has it: no MODULE.bazel, and the .bazelrc line docs/rules.md gives for WORKSPACE mode.
func NewWorkspaceMode(t *testing.T, example string) *Workspace {
	t.Helper()
	if lane := bazelLane(t); !slices.Contains(lane.modes, offline.Workspace) {
		t.Skipf("%s does not test WORKSPACE mode on %s", offline.TablePath, lane.version)
	}
	w := NewWorkspace(t, example)
	w.workspaceMode = true
	if err := os.Remove(filepath.Join(w.Dir, "MODULE.bazel")); err != nil {
		t.Fatalf("examples/%s has no MODULE.bazel to remove for WORKSPACE mode: %v", example, err)
	}
	bazelrc := ""
	if data, err := os.ReadFile(filepath.Join(w.Dir, ".bazelrc")); err == nil {
		bazelrc = string(data)
	}
	w.WriteFile(".bazelrc", bazelrc+workspaceModeBazelrc)
	return w
}

// workspaceModeBazelrc is what docs/rules.md tells WORKSPACE users of Bazel 7 to put in .bazelrc
// (TestWorkspaceModeDocs keeps the two the same).
const workspaceModeBazelrc = "common --enable_workspace --noenable_bzlmod\n"

// Result is the outcome of one Bazel command.
type Result struct {
	Args     []string
	Output   string // stdout and stderr, interleaved
	ExitCode int
}

// windowsRunfiles make every test and `bazel run` find its files as on Windows, whose default is no
// runfiles tree: only a manifest (--noenable_runfiles, --nobuild_runfile_links), and tests run
// outside the sandbox (which would stage a runfiles tree and hide a missing one). Compiles stay
// sandboxed. Not for the repository's own workspace: its Go unit tests are rules_go go_test
// targets, whose test runner changes into the package's runfiles directory and panics without
// one (rules_go v0.65's bzltestutil/chdir), which is rules_go's behaviour, not the checks'.
var windowsRunfiles = []string{"--noenable_runfiles", "--nobuild_runfile_links", "--strategy=TestRunner=local"}

// Bazel runs a Bazel command in the workspace, pointing it at this checkout of rules_go_api.
func (w *Workspace) Bazel(args ...string) Result {
	w.t.Helper()
	return w.BazelIn(".", args...)
}

// BazelIn runs a Bazel command as Bazel does from dir, a directory of the workspace.
func (w *Workspace) BazelIn(dir string, args ...string) Result {
	w.t.Helper()
	lane := bazelLane(w.t)
	var full []string
	if len(args) > 0 {
		full = append(full, args[0])
		switch args[0] {
		case "build", "test", "run":
			// The --incompatible_* flags of this Bazel (dev/offline/lanes.txt).
			full = append(full, lane.flags[w.mode()]...)
			if !w.root {
				full = append(full, windowsRunfiles...)
			}
		}
		if w.root && (args[0] == "build" || args[0] == "test" || args[0] == "run") {
			// No convenience symlinks in the checkout: a bazel-<name> link is a foreign
			// directory to the examples' and the tests' own runs.
			full = append(full, "--symlink_prefix=/")
		}
		switch args[0] {
		case "build", "test", "run", "query", "fetch", "cquery", "aquery", "mod":
			if w.root || w.released {
				break
			}
			if w.bzlmod() {
				full = append(full, "--override_module=rules_go_api="+repoRoot)
			} else {
				full = append(full, "--override_repository=rules_go_api="+repoRoot)
			}
		}
		full = append(full, args[1:]...)
	}
	usedWorkspaces.Store(w.Dir, true)
	cmd := exec.Command(lane.launcher, full...)
	cmd.Dir = filepath.Join(w.Dir, dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	r := Result{Args: args, Output: out.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.ExitCode = ee.ExitCode()
	} else if err != nil {
		w.t.Fatalf("running bazel (%s): %v", lane.launcher, err)
	}
	return r
}

// MustBazel runs a Bazel command that must succeed.
func (w *Workspace) MustBazel(args ...string) Result {
	w.t.Helper()
	r := w.Bazel(args...)
	if r.ExitCode != 0 {
		w.t.Fatalf("bazel %s: exit status %d\n%s", strings.Join(args, " "), r.ExitCode, r.Output)
	}
	return r
}

// processLine matches Bazel's summary of spawned processes, e.g.
// "INFO: 17 processes: 2 remote cache hit, 5 internal, 10 processwrapper-sandbox."
var processLine = regexp.MustCompile(`(?m)^INFO: (\d+) process(?:es)?(?:: (.*))?\.$`)

// ExecutedProcesses returns the number of processes Bazel ran that were neither internal nor
// cache hits, from the command's summary line.
func (r Result) ExecutedProcesses() (int, error) {
	m := processLine.FindStringSubmatch(r.Output)
	if m == nil {
		return 0, fmt.Errorf("no process summary in Bazel's output")
	}
	total, _ := strconv.Atoi(m[1])
	executed := total
	for _, part := range strings.Split(m[2], ", ") {
		fields := strings.Fields(part)
		if len(fields) < 2 {
			continue
		}
		n, _ := strconv.Atoi(fields[0])
		kind := strings.Join(fields[1:], " ")
		if kind == "internal" || strings.Contains(kind, "cache hit") {
			executed -= n
		}
	}
	return executed, nil
}

// SpawnsByMnemonic counts the spawns in an execution log (--execution_log_json_file) by
// mnemonic, whether they ran or came from a cache.
func SpawnsByMnemonic(t *testing.T, path string) map[string]int {
	t.Helper()
	spawns, err := execlog.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	counts := make(map[string]int)
	for _, s := range spawns {
		counts[s.Mnemonic]++
	}
	return counts
}

// WriteFile writes a file of the workspace.
func (w *Workspace) WriteFile(rel, content string) {
	w.t.Helper()
	path := filepath.Join(w.Dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// ReadFile reads a file of the workspace.
func (w *Workspace) ReadFile(rel string) string {
	w.t.Helper()
	data, err := os.ReadFile(filepath.Join(w.Dir, rel))
	if err != nil {
		w.t.Fatal(err)
	}
	return string(data)
}

// Edit replaces old by new in a file of the workspace; old must occur.
func (w *Workspace) Edit(rel, old, new string) {
	w.t.Helper()
	s := w.ReadFile(rel)
	if !strings.Contains(s, old) {
		w.t.Fatalf("%s does not contain %q", rel, old)
	}
	w.WriteFile(rel, strings.Replace(s, old, new, 1))
}
