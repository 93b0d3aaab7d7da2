package main

import (
	"fmt"

	"github.com/rules-go-api/rules_go_api/internal/contexts"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/pkgapi"
)

// listMode builds export data for the packages matching patterns with "go list -export" and
// prints the features of those with an API.
func listMode(cfg golist.Config, patterns []string) ([]string, error) {
	pkgs, err := golist.List(cfg, patterns)
	if err != nil {
		return nil, err
	}
	return pkgapi.Listed(pkgs)
}

// parseContexts parses -contexts: cmd/api context names, each once.
func parseContexts(dir, list string) ([]golist.Config, error) {
	var cfgs []golist.Config
	seen := make(map[string]bool)
	for _, name := range contexts.SplitList(list) {
		c, err := contexts.Parse(name)
		if err != nil {
			return nil, usageError{err.Error()}
		}
		if seen[name] {
			return nil, usageError{fmt.Sprintf("-contexts names %s twice", name)}
		}
		seen[name] = true
		cfgs = append(cfgs, golist.Config{Dir: dir, GOOS: c.GOOS, GOARCH: c.GOARCH, Cgo: c.Cgo})
	}
	if len(cfgs) == 0 {
		return nil, usageError{"-contexts names no context"}
	}
	return cfgs, nil
}
