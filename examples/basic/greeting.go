// Package greeting says hello. It is the library whose API examples/basic checks.
package greeting

import "fmt"

// DefaultName is used when a name is empty.
const DefaultName = "world"

// Greeter formats greetings.
type Greeter struct {
	// Punctuation ends every greeting.
	Punctuation string
}

// New returns a Greeter that ends greetings with "!".
func New() *Greeter { return &Greeter{Punctuation: "!"} }

// Greet returns a greeting for name.
func (g *Greeter) Greet(name string) string {
	if name == "" {
		name = DefaultName
	}
	return fmt.Sprintf("Hello, %s%s", name, g.Punctuation)
}
