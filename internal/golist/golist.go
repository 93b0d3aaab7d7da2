// Package golist lists Go packages and their export data with "go list -export" for one build
// context, and says which have an API the way cmd/api selects them (internal/pkgapi prints them).
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
)

// Config is a build context.
type Config struct {
	Dir          string // directory to run go list in; "" for the current one
	GOOS, GOARCH string // "" for the go command's default
	Cgo          bool
	// Env holds environment variables set after those List sets, which they override: apidiff
	// release lists a copy of a published version with GOFLAGS=-mod=mod and GOWORK=off.
	Env []string
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

// HasAPI reports whether a listed package's API is checked, as cmd/api selects packages: one
// the patterns matched (not a dependency only), not a command, and with a public import path.
func (p *Package) HasAPI() bool {
	return !p.DepOnly && p.Name != "main" && contexts.IsPublicPath(p.ImportPath)
}

// String names the context as cmd/api does: GOOS-GOARCH, with "-cgo" when cgo is on.
func (c Config) String() string {
	goos, goarch := c.GOOS, c.GOARCH
	if goos == "" {
		goos = "default GOOS"
	}
	if goarch == "" {
		goarch = "default GOARCH"
	}
	return contexts.Name(goos, goarch, c.Cgo)
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
	cmd.Env = append(cmd.Env, cfg.Env...)
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
