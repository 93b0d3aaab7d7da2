package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, path, text string, perm fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), perm); err != nil {
		t.Fatal(err)
	}
}

// noTemps fails if dir holds a temporary file of this package.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", filepath.Join(dir, e.Name()))
		}
	}
}

func TestWriteFileNewAndExisting(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "api.txt")
	if err := WriteFile(p, []byte("one\n")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, p); got != "one\n" {
		t.Errorf("new file: got %q", got)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != DefaultPerm {
		t.Errorf("new file mode %v, want %v", fi.Mode().Perm(), DefaultPerm)
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two\n")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode not kept: %v", fi.Mode().Perm())
	}
	if got := readString(t, p); got != "two\n" {
		t.Errorf("got %q", got)
	}
	noTemps(t, dir)
}

func TestWriteThroughSymlinks(t *testing.T) {
	tests := []struct {
		name string
		// setup makes link (and whatever it points to) inside dir and
		// returns the file that must receive the contents.
		setup func(t *testing.T, dir, link string) string
	}{
		{"relative", func(t *testing.T, dir, link string) string {
			os.Mkdir(filepath.Join(dir, "real"), 0o755)
			target := filepath.Join(dir, "real", "api.txt")
			write(t, target, "old\n", 0o600)
			if err := os.Symlink("real/api.txt", link); err != nil {
				t.Fatal(err)
			}
			return target
		}},
		{"absolute chain", func(t *testing.T, dir, link string) string {
			target := filepath.Join(dir, "target.txt")
			write(t, target, "old\n", 0o600)
			mid := filepath.Join(dir, "mid")
			if err := os.Symlink(target, mid); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(mid, link); err != nil {
				t.Fatal(err)
			}
			return target
		}},
		{"dangling", func(t *testing.T, dir, link string) string {
			target := filepath.Join(dir, "created.txt")
			if err := os.Symlink("created.txt", link); err != nil {
				t.Fatal(err)
			}
			return target
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			link := filepath.Join(dir, "link.txt")
			target := tt.setup(t, dir, link)
			before, _ := os.Stat(target)
			if err := WriteFile(link, []byte("new\n")); err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
				t.Fatalf("the link is no longer a symbolic link: %v %v", fi, err)
			}
			if got := readString(t, target); got != "new\n" {
				t.Errorf("target: got %q", got)
			}
			if before != nil {
				if fi, _ := os.Stat(target); fi.Mode().Perm() != before.Mode().Perm() {
					t.Errorf("target mode %v, want %v", fi.Mode().Perm(), before.Mode().Perm())
				}
			}
			noTemps(t, dir)
		})
	}
}

func TestSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.Symlink(b, a)
	os.Symlink(a, b)
	err := WriteFile(a, []byte("x\n"))
	if err == nil || !strings.Contains(err.Error(), "too many levels of symbolic links") || !strings.HasPrefix(err.Error(), "writing "+a) {
		t.Errorf("got %v", err)
	}
}

func TestNonRegularFiles(t *testing.T) {
	if err := WriteFile(os.DevNull, []byte("discarded\n")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v %v", os.DevNull, fi, err)
	}

	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := WriteFile(fifo, []byte("through the pipe\n")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe\n" {
		t.Errorf("pipe reader got %q", s)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v", fi.Mode())
	}

	err := WriteFile(dir, []byte("x"))
	if err == nil || err.Error() != "writing "+dir+": is a directory" {
		t.Errorf("directory: got %v", err)
	}
}

func TestErrorsNameTheUserPath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	write(t, file, "x", 0o644)
	p := filepath.Join(file, "api.txt") // a "directory" that is a file
	err := WriteFile(p, []byte("x\n"))
	if err == nil || strings.Contains(err.Error(), ".tmp") || !strings.Contains(err.Error(), p) {
		t.Errorf("got %v, want an error naming %s and no temporary file", err, p)
	}
	under := filepath.Join(file, "sub", "api.txt")
	if err := WriteFile(under, []byte("x\n")); err == nil || !strings.HasPrefix(err.Error(), "writing "+under+": ") || !strings.HasSuffix(err.Error(), "not a directory") {
		t.Errorf("a file in the way: got %v", err)
	}
}

func TestMissingDirectoriesAreCreated(t *testing.T) {
	dir := t.TempDir()
	nested := filepath.Join(dir, "apis", "v1", "api.txt")
	if err := WriteFile(nested, []byte("x\n")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, nested); got != "x\n" {
		t.Errorf("got %q", got)
	}
	if fi, err := os.Stat(filepath.Join(dir, "apis")); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("apis: %v %v", fi, err)
	}

	// A failed write removes the directories it made, and only those.
	write(t, filepath.Join(dir, "blocker"), "not a directory", 0o644)
	err := WriteAll([]File{
		{Path: filepath.Join(dir, "new", "deep", "a.txt"), Data: []byte("a\n")},
		{Path: filepath.Join(dir, "blocker", "b.txt"), Data: []byte("b\n")},
	})
	if err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Lstat(filepath.Join(dir, "new")); !os.IsNotExist(err) {
		t.Errorf("the directories of a failed write stay: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "apis", "v1")); err != nil {
		t.Errorf("a directory made by an earlier write went: %v", err)
	}
}

func TestWriteAllStagingFailureChangesNothing(t *testing.T) {
	dir := t.TempDir()
	except := filepath.Join(dir, "except.txt")
	write(t, except, "old\n", 0o644)
	write(t, filepath.Join(dir, "next"), "not a directory", 0o644)
	err := WriteAll([]File{
		{Path: except, Data: []byte("old\nnew\n")},
		{Path: filepath.Join(dir, "next", "7.txt"), Data: []byte("added\n")},
	})
	if err == nil {
		t.Fatal("no error")
	}
	if got := readString(t, except); got != "old\n" {
		t.Errorf("except.txt changed to %q", got)
	}
	noTemps(t, dir)
}

func TestWriteAllRenameFailureRestores(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "c.txt")
	write(t, a, "old a\n", 0o644)
	calls := 0
	rename = func(from, to string) error {
		calls++
		if calls == 3 {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("injected failure")}
		}
		return os.Rename(from, to)
	}
	defer func() { rename = os.Rename }()
	err := WriteAll([]File{{Path: a, Data: []byte("new a\n")}, {Path: b, Data: []byte("new b\n")}, {Path: c, Data: []byte("new c\n")}})
	if err == nil || err.Error() != "writing "+c+": injected failure (no file was changed)" {
		t.Fatalf("got %v", err)
	}
	if got := readString(t, a); got != "old a\n" {
		t.Errorf("a.txt not restored: %q", got)
	}
	for _, p := range []string{b, c} {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s was created: %v", p, err)
		}
	}
	noTemps(t, dir)
}

// TestSignalRemovesTemps interrupts a child process while its files are
// staged and checks that nothing is left and nothing changed.
func TestSignalRemovesTemps(t *testing.T) {
	if dir := os.Getenv("ATOMICFILE_SIGNAL_CHILD"); dir != "" {
		testHookStaged = func() {
			os.WriteFile(filepath.Join(dir, "staged"), nil, 0o644)
			time.Sleep(time.Minute)
		}
		WriteAll([]File{{Path: filepath.Join(dir, "api.txt"), Data: []byte("new\n")}})
		os.Exit(0)
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "api.txt"), "old\n", 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestSignalRemovesTemps$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_SIGNAL_CHILD="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(dir, "staged")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("child never staged its file")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 128+int(syscall.SIGTERM) {
		t.Errorf("child: %v, want exit status %d", err, 128+int(syscall.SIGTERM))
	}
	if got := readString(t, filepath.Join(dir, "api.txt")); got != "old\n" {
		t.Errorf("api.txt changed: %q", got)
	}
	noTemps(t, dir)
}
