// Command apidiff merges the per-context feature sets that featgen prints,
// checks them against checked-in API files under the rules of Go's API
// checker (cmd/api), and updates the API files when a change is accepted.
// Its commands, check, merge, update and release (which compares a module with
// a published version of itself, docs/release.md), and their flags are in the
// usage text (apidiff help) and docs/cli.md.
//
// PATH is either one snapshot file holding the whole API, or a directory laid
// out like Go's api/: release files *.txt, pending features in next/*.txt,
// exceptions in except.txt. CONTEXT is a cmd/api context name such as
// linux-amd64 or linux-amd64-cgo; FILE is featgen output for that context,
// or, without CONTEXT=, the output of "featgen -contexts", which holds several.
//
// Exit status: 0 clean, 1 differences or problems in the API files (release: a
// version too small for the changes), 2 usage or I/O errors.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/rules-go-api/rules_go_api/internal/workdir"
)

// exitError carries an exit status; its message, if any, goes to stderr.
type exitError struct {
	code      int
	msg       string
	showUsage bool
}

func (e *exitError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...), showUsage: true}
}

// argErrorf is an error in the arguments that needs no usage text: exit 2.
func argErrorf(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

func ioError(err error) error { return &exitError{code: 2, msg: err.Error()} }

func failf(format string, args ...any) error {
	return &exitError{code: 1, msg: fmt.Sprintf(format, args...)}
}

const usage = `usage:
  apidiff check  -api PATH -features CONTEXT=FILE|FILE ... [-mode auto|snapshot|go] [-format text|cmdapi|json]
                 [-update-hint CMD] [-approval go|all|none] [-proposal N] [-label L] [-api-name NAME]
                 [-json-out FILE] [-junit-out FILE]
  apidiff check  -baseline CONTEXT=FILE|FILE ... -features CONTEXT=FILE|FILE ... [-baseline-name NAME]
                 [-format text|cmdapi|json] [-label L] [-json-out FILE] [-junit-out FILE]
  apidiff merge  [-facts] [-o OUT] CONTEXT=FILE ...
  apidiff update -api PATH -features CONTEXT=FILE|FILE ... [-mode auto|snapshot|go] [-next NAME] [-proposal N] [-except]
                 [-approval go|all|none] [-update-hint CMD]
  apidiff release [-base VERSION|latest] [-version VERSION] [-contexts CONTEXT,...] [-format text|json]
                 [-json-out FILE] [-junit-out FILE] [PATTERN...]
(-next and -except are about Go-style directories; a snapshot file takes every change and ignores them)`

func main() {
	// As the executable of a go_api_test or an update target (see launch.go).
	if rpath := os.Getenv(launchEnv); rpath != "" {
		os.Exit(launch(os.Args[0], rpath, os.Args[1:], os.Stdout, os.Stderr))
	}
	// Under bazel run, relative paths are relative to where the user ran it.
	if err := workdir.Enter(); err != nil {
		fmt.Fprintf(os.Stderr, "apidiff: %v\n", err)
		os.Exit(2)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "check":
		err = check(args[1:], stdout)
	case "merge":
		err = merge(args[1:], stdout)
	case "update":
		err = update(args[1:], stdout)
	case "release":
		err = release(args[1:], stdout)
	case "help", "-h", "-help", "--help":
		fmt.Fprintln(stdout, usage)
		return 0
	default:
		err = usageErrorf("unknown command %q", args[0])
	}
	if err == nil {
		return 0
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		ee = &exitError{code: 2, msg: err.Error()}
	}
	if ee.msg != "" {
		fmt.Fprintf(stderr, "apidiff: %s\n", ee.msg)
	}
	if ee.showUsage {
		fmt.Fprintln(stderr, usage)
	}
	return ee.code
}
