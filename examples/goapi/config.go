// Package config keeps its API the way the Go project does: frozen release files in api/, new
// features in api/next/<proposal>.txt, accepted removals in api/except.txt.
package config

import "time"

// Config is a parsed configuration.
type Config struct {
	Name    string
	Timeout time.Duration
}

// Parse parses a configuration.
func Parse(text string) (*Config, error) { return &Config{Name: text}, nil }

// MustParse is like Parse but panics on error.
func MustParse(text string) *Config {
	c, err := Parse(text)
	if err != nil {
		panic(err)
	}
	return c
}

// Validate reports whether the configuration is usable.
func (c *Config) Validate() error { return nil }

// DefaultTimeout is the timeout of a Config without one.
//
// Deprecated: set Config.Timeout.
const DefaultTimeout = 30 * time.Second
