package bazel_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rules-go-api/rules_go_api/internal/execlog"
)

// nginxBinary returns Debian's nginx, installing the nginx-light package (which has the WebDAV
// module) when the machine has none, as dev/offline/setup.sh installs Bazel: as root, with apt.
func nginxBinary(t *testing.T) string {
	t.Helper()
	if path, err := exec.LookPath("nginx"); err == nil {
		return path
	}
	if os.Geteuid() != 0 {
		t.Fatal("nginx is required for the remote cache test: apt-get install nginx-light (as root)")
	}
	cmd := exec.Command("apt-get", "install", "-y", "--no-install-recommends", "nginx-light")
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("installing nginx-light: %v\n%s", err, out)
	}
	path, err := exec.LookPath("nginx")
	if err != nil {
		t.Fatalf("nginx-light installed, but no nginx on PATH: %v", err)
	}
	return path
}

// startHTTPCache starts nginx as Bazel's HTTP remote cache (GET, and PUT through WebDAV) on a free
// port of 127.0.0.1, storing under a temporary directory, and stops it when the test ends.
func startHTTPCache(t *testing.T) string {
	t.Helper()
	nginx := nginxBinary(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	prefix := t.TempDir()
	for _, d := range []string{"cache", "tmp"} {
		if err := os.MkdirAll(filepath.Join(prefix, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	conf := fmt.Sprintf(`daemon off;
user root;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events {}
http {
    access_log off;
    client_body_temp_path %[1]s/tmp;
    proxy_temp_path %[1]s/tmp;
    fastcgi_temp_path %[1]s/tmp;
    uwsgi_temp_path %[1]s/tmp;
    scgi_temp_path %[1]s/tmp;
    server {
        listen %[2]s;
        root %[1]s/cache;
        client_max_body_size 0;
        log_not_found off;
        location / {
            dav_methods PUT;
            create_full_put_path on;
            dav_access user:rw group:r all:r;
        }
    }
}
`, prefix, addr)
	confPath := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nginx, "-p", prefix, "-c", confPath)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(prefix, "error.log"))
			t.Fatalf("nginx did not start listening on %s:\n%s", addr, log)
		}
	}
	return "http://" + addr
}

// TestRemoteCache builds and tests examples/basic from one clone with nginx as the HTTP remote
// cache, then from a second clone at another path, with its own output base and no disk cache:
// every GoApiFeatures action and the api_check's test result must come from the remote cache.
func TestRemoteCache(t *testing.T) {
	cache := startHTTPCache(t)
	flags := []string{"--remote_cache=" + cache, "--disk_cache="}
	// The workspaces keep their directories (and so their output bases) from run to run: clean
	// them, so that the first clone executes and uploads everything, and the second starts from a
	// fresh output base.
	first := NewWorkspace(t, "basic")
	first.MustBazel("clean")
	first.MustBazel(append(append([]string{"test"}, flags...), "//...")...)

	t.Run("second clone", func(t *testing.T) {
		second := NewWorkspace(t, "basic")
		if second.Dir == first.Dir {
			t.Fatal("the second clone is the first")
		}
		second.MustBazel("clean", "--expunge")
		log := filepath.Join(t.TempDir(), "exec.json")
		start := time.Now()
		r := second.MustBazel(append(append([]string{"test"}, flags...), "--execution_log_json_file="+log, "//...")...)
		elapsed := time.Since(start)
		spawns, err := execlog.Read(log)
		if err != nil {
			t.Fatal(err)
		}
		hits, executed := make(map[string]int), make(map[string]int)
		var executedSpawns []string
		for _, s := range spawns {
			if s.RemoteCacheHit {
				hits[s.Mnemonic]++
			} else {
				executed[s.Mnemonic]++
				executedSpawns = append(executedSpawns, s.Mnemonic+" "+s.TargetLabel+" "+strings.Join(s.CommandArgs, " "))
			}
		}
		t.Logf("second clone: bazel test //... in %.1fs; remote cache hits by mnemonic %v; executed %v", elapsed.Seconds(), hits, executed)
		if hits["GoApiFeatures"] == 0 || executed["GoApiFeatures"] != 0 {
			t.Errorf("GoApiFeatures: %d remote cache hits, %d executed; want all from the cache", hits["GoApiFeatures"], executed["GoApiFeatures"])
		}
		if hits["TestRunner"] != 2 || executed["TestRunner"] != 0 {
			t.Errorf("test results: %d remote cache hits, %d executed; want both tests' results from the cache", hits["TestRunner"], executed["TestRunner"])
		}
		if len(executed) != 0 {
			t.Errorf("the second clone executed %v; want every action from the remote cache:\n%s", executed, strings.Join(executedSpawns, "\n"))
		}
		if !strings.Contains(r.Output, "//:api_check") || !strings.Contains(r.Output, "(cached) PASSED") {
			t.Errorf("the api_check was not a cached pass:\n%s", r.Output)
		}
	})
}
