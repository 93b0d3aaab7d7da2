package main

import "github.com/rules-go-api/rules_go_api/internal/golist"

// listMode builds export data for the packages matching patterns with "go list -export" and
// prints the features of those with an API.
func listMode(cfg golist.Config, patterns []string) ([]string, error) {
	pkgs, err := golist.List(cfg, patterns)
	if err != nil {
		return nil, err
	}
	return golist.Features(pkgs)
}
