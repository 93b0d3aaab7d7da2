// Package bazel_test drives real Bazel, real rules_go and real Gazelle on copies of the example
// workspaces. Bazel comes from dev/offline/bazel, which installs and sets up whatever the machine
// lacks; there is no fake Bazel, and no test here skips: if Bazel cannot be had, the tests fail
// with the set-up's message saying how to get it.
package bazel_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

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
// (RULES_GO_API_BAZEL).
type bazelSetup struct {
	launcher string // the executable that runs this lane's Bazel with its flags
	version  string // what `bazel --version` printed, e.g. "bazel 7.7.1"
}

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
		if !regexp.MustCompile(`^bazel ([7-9]|[1-9][0-9])\.`).MatchString(setup.version) {
			setupErr = fmt.Errorf("%s is %q: these tests need Bazel 7 or newer", setup.launcher, setup.version)
			return
		}
		fmt.Fprintf(os.Stderr, "tests/bazel: %s\n", setup.version)
	})
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return setup
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

// incompatibleFlags are, for Bazel 7.7, every --incompatible_* flag it has and turns off, and
// the other changes of default that Bazel 8 made among its options (--nolegacy_external_runfiles;
// --noenable_workspace is in the set-up's rc file). So the rules are tested under every default
// that Bazel 8 and 9 flipped, whichever those are (docs/compat.md). Left out, and why:
// --incompatible_no_rule_outputs_param breaks Bazel 7.7's own cc_binary.bzl ("parameter 'outputs'
// is deprecated"); --incompatible_stop_exporting_language_modules makes rules_go v0.65's own
// go/platform/apple.bzl fail ("apple_common may only be used from ..."); two are deprecated no-ops
// (--incompatible_disable_native_apple_binary_rule,
// --incompatible_remote_build_event_upload_respect_no_cache); --incompatible_legacy_local_fallback
// is off by default already (its flip was to false). WORKSPACE mode leaves out the two that are
// about bzlmod or forbid WORKSPACE's own native repository rules (workspaceModeExempt).
var incompatibleFlags = []string{
	"--incompatible_auto_exec_groups",
	"--incompatible_check_testonly_for_output_files",
	"--incompatible_check_visibility_for_toolchains",
	"--incompatible_config_setting_private_default_visibility",
	"--incompatible_default_to_explicit_init_py",
	"--incompatible_disable_native_android_rules",
	"--incompatible_disable_native_repo_rules",
	"--incompatible_disable_non_executable_java_binary",
	"--incompatible_disable_starlark_host_transitions",
	"--incompatible_disable_target_provider_fields",
	"--incompatible_disallow_empty_glob",
	"--incompatible_disallow_sdk_frameworks_attributes",
	"--incompatible_disallow_struct_provider_syntax",
	"--incompatible_dont_use_javasourceinfoprovider",
	"--incompatible_enable_apple_toolchain_resolution",
	"--incompatible_enable_proto_toolchain_resolution",
	"--incompatible_modify_execution_info_additive",
	"--incompatible_no_implicit_file_export",
	"--incompatible_no_implicit_watch_label",
	"--incompatible_objc_alwayslink_by_default",
	"--incompatible_objc_provider_remove_linking_info",
	"--incompatible_python_disallow_native_rules",
	"--incompatible_remote_output_paths_relative_to_input_root",
	"--incompatible_strict_action_env",
	"--incompatible_struct_has_no_methods",
	"--incompatible_top_level_aspects_require_providers",
	"--incompatible_use_cc_configure_from_rules_cc",
	"--incompatible_use_plus_in_repo_names",
	"--nolegacy_external_runfiles",
}

// windowsRunfiles make every test and `bazel run` find its files as on Windows, whose default is no
// runfiles tree: only a manifest (--noenable_runfiles, --nobuild_runfile_links), and tests run
// outside the sandbox (which would stage a runfiles tree and hide a missing one). Compiles stay
// sandboxed. Not for the repository's own workspace: its Go unit tests are rules_go go_test
// targets, whose test runner changes into the package's runfiles directory and panics without
// one (rules_go v0.65's bzltestutil/chdir), which is rules_go's behaviour, not the checks'.
var windowsRunfiles = []string{"--noenable_runfiles", "--nobuild_runfile_links", "--strategy=TestRunner=local"}

// workspaceModeExempt are the incompatibleFlags a WORKSPACE-mode workspace runs without: WORKSPACE
// files declare repositories with native rules (local_repository), and repository names have no
// "+" without bzlmod.
var workspaceModeExempt = map[string]bool{
	"--incompatible_disable_native_repo_rules": true,
	"--incompatible_use_plus_in_repo_names":    true,
}

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
			for _, f := range incompatibleFlags {
				if !w.workspaceMode || !workspaceModeExempt[f] {
					full = append(full, f)
				}
			}
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
