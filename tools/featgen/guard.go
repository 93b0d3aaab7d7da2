package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rules-go-api/rules_go_api/internal/worker"
)

// The export-data decoder of go/importer trusts its input. Most corruptions
// make it panic, which exportdata turns into an error, but some make it
// allocate without bound or recurse without end, and the Go runtime ends
// such a process with a fatal error that recover cannot catch. So featgen
// decodes export data in a child process of itself, with a bounded address
// space (see limitMemory), and reports a crash of the child as corrupt input:
// one line, exit status 1. List mode reads export data that the go command
// has just written and runs in-process.

// childEnv marks the child process.
const childEnv = "RULES_GO_API_FEATGEN_CHILD"

// childUsageExit is the child's exit status for a usage error, which its
// parent turns into 2. A Go runtime crash also exits with 2, so the child
// must not use it.
const childUsageExit = 3

// memoryLimit bounds the child's address space. featgen needs far less for
// the largest standard packages (net/http: about 60 MB).
const memoryLimit = 4 << 30

// maxStack bounds the child's goroutine stacks.
const maxStack = 64 << 20

// decodeTimeout bounds the time the child may take for one package (real packages take
// milliseconds): corrupt data could make the decoder loop without allocating or recursing. The
// environment variable overrides it (a Go duration), for tests.
func decodeTimeout() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(timeoutEnv)); err == nil && d > 0 {
		return d
	}
	return 2 * time.Minute
}

const timeoutEnv = "RULES_GO_API_FEATGEN_DECODE_TIMEOUT"

func isChild() bool { return os.Getenv(childEnv) == "1" }

// isExportMode reports whether a command line (after @FILE expansion) asks
// for export mode, the one that decodes untrusted export data.
func isExportMode(args []string) bool {
	for _, a := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && (name == "export" || name == "importpath") {
			return true
		}
	}
	return false
}

func childCommand(args ...string) (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding featgen's own executable: %w", err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	return cmd, nil
}

// runGuarded runs one command line in a child process and returns the exit
// status featgen reports for it.
func runGuarded(args []string, stdout, stderr io.Writer) int {
	cmd, err := childCommand(args...)
	if err != nil {
		fmt.Fprintf(stderr, "featgen: %v\n", err)
		return 1
	}
	var errOut bytes.Buffer
	cmd.Stdout = stdout
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "featgen: running the decoder: %v\n", err)
		return 1
	}
	timeout := decodeTimeout()
	timer := time.AfterFunc(timeout, func() { cmd.Process.Kill() })
	err = cmd.Wait()
	if !timer.Stop() {
		fmt.Fprintf(stderr, "featgen: %s\n", timeoutMessage(args, timeout))
		return 1
	}
	code := cmd.ProcessState.ExitCode()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		fmt.Fprintf(stderr, "featgen: running the decoder: %v\n", err)
		return 1
	}
	switch code {
	case 0, 1:
		stderr.Write(errOut.Bytes())
		return code
	case childUsageExit:
		stderr.Write(errOut.Bytes())
		return 2
	}
	fmt.Fprintf(stderr, "featgen: %s\n", crashMessage(args, errOut.String(), cmd.ProcessState.String()))
	return 1
}

// crashMessage says in one line that the decoder crashed on an export data
// file, quoting the runtime's reason.
func crashMessage(args []string, childStderr, state string) string {
	file := exportFileOf(args)
	reason := state
	lines := strings.Split(childStderr, "\n")
	for _, prefix := range []string{"fatal error: ", "panic: ", "runtime: "} {
		if i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, prefix) }); i >= 0 {
			reason = lines[i]
			break
		}
	}
	return fmt.Sprintf("%s: corrupt export data: the decoder crashed (%s)", file, reason)
}

// timeoutMessage says in one line that the decoder did not finish.
func timeoutMessage(args []string, timeout time.Duration) string {
	return fmt.Sprintf("%s: corrupt export data: the decoder did not finish in %v", exportFileOf(args), timeout)
}

// exportFileOf returns the -export argument of a command line, for messages.
func exportFileOf(args []string) string {
	file := "the export data"
	if expanded, err := expandParamFiles(args); err == nil {
		for i, a := range expanded {
			if (a == "-export" || a == "--export") && i+1 < len(expanded) {
				file = expanded[i+1]
			} else if v, ok := strings.CutPrefix(strings.TrimLeft(a, "-"), "export="); ok && strings.HasPrefix(a, "-") {
				file = v
			}
		}
	}
	return file
}

// guardedWorker hands persistent-worker requests to a child worker process,
// started on the first request and again after a crash.
type guardedWorker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *tailBuffer
	done   chan struct{} // closed when the child has exited
}

// handle serves one request: the child's response, or, if the child died
// while serving it, a failure naming the export data it was decoding.
func (g *guardedWorker) handle(args []string, output io.Writer) int {
	if g.cmd == nil {
		if err := g.start(); err != nil {
			fmt.Fprintf(output, "featgen: %v\n", err)
			return 1
		}
	}
	err := worker.WriteRequest(g.stdin, worker.Request{Arguments: args})
	var resp worker.Response
	if err == nil {
		type result struct {
			resp worker.Response
			err  error
		}
		done := make(chan result, 1)
		go func() {
			r, err := worker.ReadResponse(g.stdout)
			done <- result{r, err}
		}()
		timeout := decodeTimeout()
		select {
		case r := <-done:
			resp, err = r.resp, r.err
		case <-time.After(timeout):
			g.cmd.Process.Kill()
			<-g.done
			fmt.Fprintf(output, "featgen: %s\n", timeoutMessage(args, timeout))
			g.cmd = nil
			return 1
		}
	}
	if err != nil {
		g.stdin.Close()
		<-g.done
		fmt.Fprintf(output, "featgen: %s\n", crashMessage(args, g.stderr.String(), g.cmd.ProcessState.String()))
		g.cmd = nil
		return 1
	}
	io.WriteString(output, resp.Output)
	if resp.ExitCode == childUsageExit {
		return 2
	}
	return int(resp.ExitCode)
}

func (g *guardedWorker) start() error {
	cmd, err := childCommand(worker.Flag)
	if err != nil {
		return err
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	g.stderr = &tailBuffer{}
	cmd.Stderr = g.stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting the decoder: %w", err)
	}
	g.cmd, g.stdin, g.stdout = cmd, stdin, bufio.NewReader(stdout)
	g.done = make(chan struct{})
	go func(done chan struct{}) {
		cmd.Wait()
		close(done)
	}(g.done)
	return nil
}

// close ends the child, if any, by closing its input, as Bazel ends workers.
func (g *guardedWorker) close() {
	if g.cmd != nil {
		g.stdin.Close()
		<-g.done
	}
}

// tailBuffer keeps the last bytes written to it: a crashed child's stderr
// ends with the runtime's report, which can be long.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

const tailSize = 64 << 10

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > 2*tailSize {
		b.buf = append([]byte(nil), b.buf[len(b.buf)-tailSize:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
