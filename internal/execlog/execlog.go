// Package execlog reads the execution log Bazel writes with
// --execution_log_json_file: one JSON object per spawn, concatenated.
// The benchmark and the integration tests count spawns from it.
package execlog

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

// Spawn is the part of one logged spawn that this project looks at.
type Spawn struct {
	// Mnemonic names the kind of action, e.g. GoCompilePkg or GoApiFeatures.
	Mnemonic string `json:"mnemonic"`
	// RemoteCacheHit is true when the result came from a remote or disk cache: Bazel 7 and newer
	// write it as "cacheHit", older versions as "remoteCacheHit".
	RemoteCacheHit bool `json:"remoteCacheHit"`
	// CacheHit is Bazel 7's name of RemoteCacheHit; Read merges it into RemoteCacheHit.
	CacheHit bool `json:"cacheHit"`
	// Runner is the strategy that ran the spawn, e.g. "worker" or "processwrapper-sandbox".
	Runner string `json:"runner"`
	// CommandArgs is the spawn's command line.
	CommandArgs []string `json:"commandArgs"`
	// TargetLabel is the target whose action the spawn ran (Bazel 7 and newer write it).
	TargetLabel string `json:"targetLabel"`
	// Metrics holds the spawn's times as protobuf JSON durations ("0.015s"; Bazel 7 and newer):
	// the total, and of it the time spent waiting for a worker or a slot.
	Metrics struct {
		TotalTime string `json:"totalTime"`
		QueueTime string `json:"queueTime"`
	} `json:"metrics"`
	// Walltime is older Bazels' name of the spawn's time.
	Walltime string `json:"walltime"`
}

// Time returns how long the spawn worked: its metrics' total time less the time it waited for a
// worker or an execution slot (which is no work, and grows with everything else the build runs),
// or older Bazels' wall time; 0 when the log does not say.
func (s Spawn) Time() time.Duration {
	if total, err := time.ParseDuration(s.Metrics.TotalTime); err == nil {
		queue, _ := time.ParseDuration(s.Metrics.QueueTime)
		return total - queue
	}
	if d, err := time.ParseDuration(s.Walltime); err == nil {
		return d
	}
	return 0
}

// Read returns the spawns of the execution log at path, in log order.
func Read(path string) ([]Spawn, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var spawns []Spawn
	dec := json.NewDecoder(f)
	for {
		var s Spawn
		if err := dec.Decode(&s); err == io.EOF {
			return spawns, nil
		} else if err != nil {
			return nil, fmt.Errorf("reading the execution log %s: spawn %d: %v", path, len(spawns)+1, err)
		}
		s.RemoteCacheHit = s.RemoteCacheHit || s.CacheHit
		spawns = append(spawns, s)
	}
}
