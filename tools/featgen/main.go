// Command featgen prints the API features of compiled Go packages in the
// format of Go's API checker (cmd/api), one feature per line, sorted, with no
// build-context suffix.
//
// It has two modes. The first, used by the Bazel aspect, reads one package's
// export data and its source files (for "// Deprecated:" comments only):
//
//	featgen -importpath P [-importmap M] -export FILE.x [-src F.go ...] [-goos G -goarch A] [-o OUT]
//
// The second builds export data with the go command and prints the features
// of every package a pattern matches, except internal, vendored, main and
// unsafe packages, for one build context:
//
//	featgen [-C DIR] [-goos G] [-goarch A] [-cgo] PATTERN...
//
// For example, "featgen -goos windows -goarch amd64 std" prints what
// $GOROOT/api says about the standard library for windows-amd64. With
// -contexts it does that for several contexts at once, sharing the work they
// have in common, and prints each context's features after a line
// "# context NAME"; apidiff takes that output as "-features FILE":
//
//	featgen [-C DIR] -contexts linux-amd64,windows-amd64,linux-amd64-cgo [-o OUT] PATTERN...
//
// Arguments may also be read from a file named by an argument "@FILE", one
// per line, as Bazel passes long argument lists. Started with
// --persistent_worker, featgen is a Bazel persistent worker and reads such
// argument lists as requests on standard input (see internal/worker).
//
// Exit status: 0 on success, 1 on bad input (missing or corrupt export data,
// unparsable sources, a failed go list), 2 on a usage error.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/atomicfile"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/pkgapi"
	"github.com/rules-go-api/rules_go_api/internal/workdir"
	"github.com/rules-go-api/rules_go_api/internal/worker"
)

// usage is the synopsis printed after a usage error; the package comment explains each form.
const usage = `usage: featgen -importpath P [-importmap M] -export FILE.x [-src F.go ...] [-goos G -goarch A] [-o OUT]
       featgen [-C DIR] [-goos G] [-goarch A] [-cgo] [-o OUT] PATTERN...
       featgen [-C DIR] -contexts CONTEXT,... [-o OUT] PATTERN...`

// usageError is an error in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	args := os.Args[1:]
	// Under bazel run, relative paths (-o, -C, packages) are relative to where the user ran it.
	if err := workdir.Enter(); err != nil {
		fmt.Fprintf(os.Stderr, "featgen: %v\n", err)
		os.Exit(2)
	}
	isWorker := worker.IsWorker(args)
	// featgen allocates a lot while decoding export data and keeps little: trade memory for
	// less garbage collection, unless the user set GOGC. Not in a persistent worker, which
	// lives on between requests (and there are several of them).
	if os.Getenv("GOGC") == "" && !isWorker {
		debug.SetGCPercent(400)
	}
	if isChild() {
		limitMemory()
		// Corrupt data can make the decoder recurse without end; fail at a stack far smaller than
		// the default 1 GB (the deepest real export data needs a few kilobytes).
		debug.SetMaxStack(maxStack)
	}
	switch {
	case isWorker:
		// A Bazel persistent worker: standard output carries the protocol, so each request's
		// messages go into its response and -o is required. The parent hands each request to a
		// child worker (see guard.go), which runs it.
		var err error
		if isChild() {
			err = worker.Serve(os.Stdin, os.Stdout, func(args []string, output io.Writer) int {
				return runCommand(args, nil, output)
			})
		} else {
			g := new(guardedWorker)
			err = worker.Serve(os.Stdin, os.Stdout, g.handle)
			g.close()
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "featgen: persistent worker: %v\n", err)
			os.Exit(1)
		}
	case !isChild() && wantsExportMode(args):
		os.Exit(runGuarded(args, os.Stdout, os.Stderr))
	default:
		os.Exit(runCommand(args, os.Stdout, os.Stderr))
	}
}

// wantsExportMode reports whether the command line, with its @FILE
// arguments read, asks for export mode.
func wantsExportMode(args []string) bool {
	expanded, err := expandParamFiles(args)
	return err == nil && isExportMode(expanded)
}

// runCommand runs one featgen command line and returns its exit status,
// printing any error to stderr. With a nil stdout, -o is required.
func runCommand(args []string, stdout, stderr io.Writer) int {
	err := run(args, stdout)
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "featgen: %v\n", err)
	var uerr usageError
	if errors.As(err, &uerr) {
		fmt.Fprintln(stderr, usage)
		if isChild() {
			return childUsageExit
		}
		return 2
	}
	return 1
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, " ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func run(args []string, stdout io.Writer) error {
	args, err := expandParamFiles(args)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("featgen", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		importPath = fs.String("importpath", "", "import path of the package whose export data is -export")
		importMap  = fs.String("importmap", "", "the package path the export data records, if not -importpath (rules_go's importmap)")
		exportFile = fs.String("export", "", "export data file (.x) of the package")
		srcs       stringList
		out        = fs.String("o", "-", "output file; - for standard output")
		dir        = fs.String("C", "", "run go list in this directory")
		goos       = fs.String("goos", "", "GOOS of the build context (default: the go command's)")
		goarch     = fs.String("goarch", "", "GOARCH of the build context (default: the go command's)")
		cgo        = fs.Bool("cgo", false, "build with CGO_ENABLED=1 (default CGO_ENABLED=0)")
		ctxList    = fs.String("contexts", "", "build contexts to print, such as linux-amd64,windows-amd64,linux-amd64-cgo, into one file")
	)
	fs.Var(&srcs, "src", "Go source file of the package, for deprecations (repeatable)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if stdout == nil && (*out == "-" || *out == "") {
		return usageError{"-o is required in persistent worker mode"}
	}

	var lines []string
	switch {
	case *importPath != "" || *exportFile != "":
		if *importPath == "" || *exportFile == "" {
			return usageError{"-importpath and -export go together"}
		}
		if fs.NArg() > 0 || *dir != "" || *cgo || *ctxList != "" {
			return usageError{"-importpath/-export mode takes no patterns, -C, -cgo or -contexts"}
		}
		lines, err = exportMode(exportConfig{
			importPath: *importPath, importMap: *importMap, file: *exportFile, srcs: srcs, goos: *goos, goarch: *goarch,
		})
	default:
		if fs.NArg() == 0 {
			return usageError{"no package pattern and no -importpath/-export"}
		}
		if len(srcs) > 0 || *importMap != "" {
			return usageError{"-src and -importmap need -importpath and -export"}
		}
		if *ctxList != "" {
			if *goos != "" || *goarch != "" || *cgo {
				return usageError{"-contexts names GOOS, GOARCH and cgo: it takes no -goos, -goarch or -cgo"}
			}
			var cfgs []golist.Config
			cfgs, err = parseContexts(*dir, *ctxList)
			if err != nil {
				return err
			}
			lines, err = pkgapi.ContextLines(cfgs, fs.Args())
			break
		}
		lines, err = listMode(golist.Config{Dir: *dir, GOOS: *goos, GOARCH: *goarch, Cgo: *cgo}, fs.Args())
	}
	if err != nil {
		return err
	}
	return writeLines(*out, stdout, lines)
}

// writeLines writes the features, one per line, to stdout or atomically to
// a file (see internal/atomicfile), so a failure never leaves partial output.
func writeLines(path string, stdout io.Writer, lines []string) error {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	if path == "-" || path == "" {
		_, err := io.WriteString(stdout, b.String())
		return err
	}
	return atomicfile.WriteFile(path, []byte(b.String()))
}

// expandParamFiles replaces each "@FILE" argument by the lines of FILE.
func expandParamFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if !strings.HasPrefix(a, "@") {
			out = append(out, a)
			continue
		}
		f, err := os.Open(a[1:])
		if err != nil {
			return nil, fmt.Errorf("reading parameter file: %w", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			out = append(out, sc.Text())
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("reading parameter file %s: %w", a[1:], err)
		}
	}
	return out, nil
}
