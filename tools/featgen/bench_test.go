package main

import (
	"path/filepath"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/golist"
)

// BenchmarkNetHTTP measures featgen's per-package cost as the Bazel aspect
// pays it: read one package's export data and sources, print its features.
func BenchmarkNetHTTP(b *testing.B) {
	pkgs, err := golist.List(golist.Config{}, []string{"net/http"})
	if err != nil {
		b.Fatal(err)
	}
	p := pkgs[len(pkgs)-1]
	if p.ImportPath != "net/http" {
		b.Fatalf("last package listed is %s", p.ImportPath)
	}
	var srcs []string
	for _, f := range p.GoFiles {
		srcs = append(srcs, filepath.Join(p.Dir, f))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		lines, err := exportMode(p.ImportPath, p.Export, srcs)
		if err != nil || len(lines) < 500 {
			b.Fatalf("%d lines, %v", len(lines), err)
		}
	}
}

// BenchmarkStdOneContext measures the whole standard library for the host
// context given its export data (go list runs once, outside the timer):
// one shared importer, all packages, deprecations from sources.
func BenchmarkStdOneContext(b *testing.B) {
	pkgs, err := golist.List(golist.Config{}, []string{"std"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		lines, err := golist.Features(pkgs)
		if err != nil || len(lines) < 10000 {
			b.Fatalf("%d lines, %v", len(lines), err)
		}
	}
}
