package main

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/pkgapi"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
	"github.com/rules-go-api/rules_go_api/internal/worker"
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
	for range b.N {
		lines, err := exportMode(exportConfig{importPath: p.ImportPath, file: p.Export, srcs: srcs})
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
	for range b.N {
		lines, err := pkgapi.Listed(pkgs)
		if err != nil || len(lines) < 10000 {
			b.Fatalf("%d lines, %v", len(lines), err)
		}
	}
}

// BenchmarkSmallPackageProcess and BenchmarkSmallPackageWorker compare the
// two ways Bazel can run featgen on a small package: a process per action,
// or requests to one persistent worker. Neither includes Bazel's own
// per-spawn costs (sandbox, scheduling), which a worker also avoids.
func BenchmarkSmallPackageProcess(b *testing.B) {
	args := smallPackageArgs(b)
	bin := featgenBinary(b)
	b.ResetTimer()
	for range b.N {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			b.Fatalf("featgen: %v\n%s", err, out)
		}
	}
}

func BenchmarkSmallPackageWorker(b *testing.B) {
	args := smallPackageArgs(b)
	cmd := exec.Command(featgenBinary(b), worker.Flag)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		stdin.Close()
		cmd.Wait()
	}()
	responses := bufio.NewReader(stdout)
	request := workRequest(args...)
	b.ResetTimer()
	for range b.N {
		if _, err := stdin.Write(request); err != nil {
			b.Fatal(err)
		}
		resp, err := worker.ReadResponse(responses)
		if err != nil || resp.ExitCode != 0 {
			b.Fatalf("response %+v, %v", resp, err)
		}
	}
}

// smallPackageArgs returns the aspect's arguments for a testdata package.
func smallPackageArgs(b *testing.B) []string {
	return []string{
		"-importpath", "example.com/featgentest/deprec",
		"-export", testbin.Export(b, "testdata/mod", "./deprec"),
		"-src", "testdata/mod/deprec/deprec.go",
		"-o", filepath.Join(b.TempDir(), "features.txt"),
	}
}
