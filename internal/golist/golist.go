// Package golist lists Go packages and their export data with "go list -export" for one build
// context, and prints the API features of those that have an API, the way cmd/api selects them.
package golist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/contexts"
	"github.com/rules-go-api/rules_go_api/internal/deprecated"
	"github.com/rules-go-api/rules_go_api/internal/exportdata"
	"github.com/rules-go-api/rules_go_api/internal/features"
)

// Config is a build context.
type Config struct {
	Dir          string // directory to run go list in; "" for the current one
	GOOS, GOARCH string // "" for the go command's default
	Cgo          bool
}

// Package is the part of "go list -json" output that is used.
type Package struct {
	ImportPath string
	Name       string
	Dir        string
	Export     string
	DepOnly    bool
	Standard   bool
	GoFiles    []string
	CgoFiles   []string
	Incomplete bool
	Error      *struct{ Err string }
	DepsErrors []*struct{ Err string }
}

// isAPI reports whether a matched package's API is checked: cmd/api skips
// internal and vendored packages and unsafe, and commands have no API.
func isAPI(p *Package) bool {
	return !p.DepOnly && p.Name != "main" && p.ImportPath != "unsafe" &&
		!strings.HasPrefix(p.ImportPath, "vendor/") && !contexts.IsInternal(p.ImportPath)
}

// Features returns the sorted features of the packages among pkgs that have an API (not
// dependencies only, not internal, vendored, main or unsafe), reading all export data through one
// importer. A package that failed to build is an error; one without Go files for the context is
// skipped, like cmd/api skips it.
func Features(pkgs []*Package) ([]string, error) {
	files := make(map[string]string)
	var walk []*Package
	for _, p := range pkgs {
		if p.Export != "" {
			files[p.ImportPath] = p.Export
		}
		if !isAPI(p) {
			continue
		}
		if p.Error != nil {
			return nil, fmt.Errorf("go list: package %s: %s", p.ImportPath, strings.TrimSpace(p.Error.Err))
		}
		if len(p.DepsErrors) > 0 {
			return nil, fmt.Errorf("go list: package %s: dependency: %s", p.ImportPath, strings.TrimSpace(p.DepsErrors[0].Err))
		}
		if p.Export == "" {
			if len(p.GoFiles)+len(p.CgoFiles) > 0 || p.Incomplete {
				return nil, fmt.Errorf("go list: package %s was not compiled (see the errors of its dependencies)", p.ImportPath)
			}
			continue // no Go files for this context, like cmd/api's NoGoError
		}
		walk = append(walk, p)
	}
	imp := exportdata.NewImporter(files)
	var lines []string
	for _, p := range walk {
		pkg, err := imp.Import(p.ImportPath)
		if err != nil {
			return nil, err
		}
		var srcs []string
		for _, f := range slices.Concat(p.GoFiles, p.CgoFiles) {
			srcs = append(srcs, filepath.Join(p.Dir, f))
		}
		// go list just compiled these files: no need to parse those without deprecations.
		dep, err := deprecated.ParseCompiledFiles(srcs)
		if err != nil {
			return nil, err
		}
		lines = append(lines, features.Package(imp.Fset, pkg, dep)...)
	}
	slices.Sort(lines)
	return slices.Compact(lines), nil
}

// List runs "go list -e -deps -export -json" for one build context, which builds the export data
// of every listed package. GOFLAGS and GOEXPERIMENT are cleared, in the environment and in the go
// env file (go env -w), so that they cannot change the API that is printed; the env file's other
// settings (GOPROXY, GOPRIVATE, ...) still apply. A pattern that matches no package is an error.
func List(cfg Config, patterns []string) ([]*Package, error) {
	args := []string{"list", "-e", "-deps", "-export",
		"-json=ImportPath,Name,Dir,Export,DepOnly,Standard,GoFiles,CgoFiles,Incomplete,Error,DepsErrors"}
	args = append(args, "--")
	args = append(args, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = cfg.Dir
	cgo := "0"
	if cfg.Cgo {
		cgo = "1"
	}
	cmd.Env = append(Environ(), "GOFLAGS=", "GOEXPERIMENT=", "CGO_ENABLED="+cgo)
	if cfg.GOOS != "" {
		cmd.Env = append(cmd.Env, "GOOS="+cfg.GOOS)
	}
	if cfg.GOARCH != "" {
		cmd.Env = append(cmd.Env, "GOARCH="+cfg.GOARCH)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	msg := strings.Join(strings.Fields(strings.ReplaceAll(strings.TrimSpace(stderr.String()), "\n", "; ")), " ")
	if err != nil {
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("go list %s: %s", strings.Join(patterns, " "), msg)
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "matched no packages") {
			return nil, fmt.Errorf("go list: %s", strings.TrimPrefix(strings.TrimSpace(l), "go: "))
		}
	}
	var pkgs []*Package
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(Package)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("decoding go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if !slices.ContainsFunc(pkgs, func(p *Package) bool { return !p.DepOnly }) {
		return nil, fmt.Errorf("go list: %s matched no packages", strings.Join(patterns, " "))
	}
	return pkgs, nil
}

// Environ returns the environment for the go command with the user's go env file read here
// instead of by the go command (GOENV=off), without GOFLAGS and GOEXPERIMENT: the file's values
// apply only where the environment does not set a variable, as the go command applies them.
func Environ() []string {
	env := os.Environ()
	file := os.Getenv("GOENV")
	if file == "" {
		if dir, err := os.UserConfigDir(); err == nil {
			file = filepath.Join(dir, "go", "env")
		}
	}
	if file != "" && file != "off" {
		if data, err := os.ReadFile(file); err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				key, value, ok := strings.Cut(strings.TrimSpace(line), "=")
				if !ok || key == "GOFLAGS" || key == "GOEXPERIMENT" || os.Getenv(key) != "" {
					continue
				}
				env = append(env, key+"="+value)
			}
		}
	}
	return append(env, "GOENV=off")
}
